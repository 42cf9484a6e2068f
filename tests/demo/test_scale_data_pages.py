"""The pages work for a generated region as they do for ZHZ: nothing is tied to one region.

The main pages (and a detail page of each kind) are requested as a user of every role whose
person works in a municipality of the second generated region.
"""

import io

from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.core.validators import validate_slug
from django.urls import reverse
from django.utils.html import escape

import pytest

from core.scope import all_regions
from finance.models import Allocation, Budget, DistributionKey
from governance.constants import Role
from governance.models import Decision, Person, Region
from procurement.models import Provider, Segment
from programme.models import Project
from tests.governance.factories import UserFactory

pytestmark = pytest.mark.django_db

# Pages of the risk signals are for the Netwerk MT and functional administrators only.
SIGNAL_PAGES = {"procurement:risk_dashboard", "procurement:risk_provider"}
SIGNAL_ROLES = {Role.NETWORK_MT, Role.FUNCTIONAL_ADMIN}


def _slug_models():
    from django.apps import apps

    for label in ("governance", "procurement", "programme", "finance"):
        for model in apps.get_app_config(label).get_models():
            names = {field.name for field in model._meta.concrete_fields}
            if "slug" in names and "history_id" not in names:
                yield model


@pytest.fixture
def generated(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    call_command(
        "generate_scale_data",
        "--regions",
        "2",
        "--projects-per-region",
        "8",
        stdout=io.StringIO(),
        stderr=io.StringIO(),
    )
    with all_regions():
        region = Region.objects.filter(slug__startswith="schaal-s1-").order_by("slug").last()
        project = Project.objects.filter(programme__region=region, theme__isnull=False).first()
        segment = Segment.objects.filter(framework__region=region).select_related("framework")
        segment = segment.first()
        key = DistributionKey.objects.filter(region=region).first()
        provider = Provider.objects.filter(
            contracts__segment__framework__region=region, financial_years__isnull=False
        ).first()
        people = list(
            Person.objects.filter(municipality__region=region, user=None).order_by("slug")[:4]
        )
        users = {}
        for role, person in zip(Role, people, strict=True):
            user = UserFactory(role=role)
            person.user = user
            person.save(update_fields=["user"])
            users[role] = user
        return {
            "region": region,
            "project": project,
            "users": users,
            "pages": {
                "home": [],
                "help": [],
                "programme:dashboard": [],
                "programme:project_list": [],
                "programme:project_detail": [project.code],
                "finance:index": [],
                "finance:budget_detail": [Budget.objects.filter(owner__region=region)[0].slug],
                "finance:key_list": [],
                "finance:key_detail": [key.slug],
                "finance:allocation_list": [],
                "finance:allocation_detail": [Allocation.objects.filter(key=key)[0].pk],
                "finance:funding_matrix": [],
                "finance:savings": [],
                "registers:overview": [],
                "registers:decision_list": [],
                "registers:decision_detail": [Decision.objects.filter(body__region=region)[0].slug],
                "registers:council_view_list": [],
                "registers:timeline": [],
                "procurement:overview": [],
                "procurement:segment_list": [],
                "procurement:segment_detail": [segment.framework.slug, segment.code],
                "procurement:provider_list": [],
                "procurement:provider_detail": [provider.slug],
                "procurement:norm_list": [],
                "procurement:risk_dashboard": [],
                "procurement:risk_provider": [provider.slug],
                "letters:letter_list": [],
            },
        }


def test_every_generated_slug_is_a_valid_unique_slug(generated):
    # URL patterns take them as <slug:…>: letters, digits, hyphens and underscores only.
    checked = []
    with all_regions():
        for model in _slug_models():
            slugs = list(
                model._default_manager.filter(slug__startswith="schaal-s1-").values_list(
                    "slug", flat=True
                )
            )
            if not slugs:
                continue
            checked.append(model)
            assert len(slugs) == len(set(slugs)), model
            for slug in slugs:
                try:
                    validate_slug(slug)
                except ValidationError:
                    pytest.fail(f"{model._meta.label}: {slug!r} is not a valid slug")
    assert {Region, Project, Budget, DistributionKey, Decision, Provider} <= set(checked)


@pytest.mark.parametrize("role", list(Role))
def test_the_main_pages_answer_for_a_user_of_a_generated_region(client, generated, role):
    client.force_login(generated["users"][role])
    for name, args in generated["pages"].items():
        if name in SIGNAL_PAGES and role not in SIGNAL_ROLES:
            continue
        response = client.get(reverse(name, args=args), follow=True)
        assert response.status_code == 200, (name, response.status_code)


def test_the_funding_matrix_shows_the_generated_projects_with_their_edit_links(client, generated):
    client.force_login(generated["users"][Role.NETWORK_MT])
    project = generated["project"]
    response = client.get(reverse("finance:funding_matrix"))
    assert response.status_code == 200
    assert reverse("finance:funding_edit", args=[project.slug]).encode() in response.content
    response = client.get(reverse("finance:funding_edit", args=[project.slug]))
    assert response.status_code == 200
    response = client.get(reverse("programme:project_list"))
    assert escape(project.name) in response.content.decode()
