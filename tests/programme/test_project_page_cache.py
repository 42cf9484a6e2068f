"""The project page's body comes from the cache only while nothing it shows has changed, only
to users with the same permissions, and always with the request's own CSRF token."""

import re

from django.test import Client
from django.urls import reverse
from django.utils import timezone

import pytest

from core.fragments import CSRF_PLACEHOLDER
from governance.constants import Role
from programme import services
from programme.constants import EffortStatus, Recurrence
from programme.models import ProgressReport
from programme.services import plan
from tests.governance.factories import PersonFactory, RegionFactory, UserFactory, default_region

from .factories import EffortFactory, ProgrammeFactory, ProjectFactory, ThemeFactory

pytestmark = pytest.mark.django_db

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


@pytest.fixture
def project():
    project = ProjectFactory(name="Samen sterker", code="2.1.2")
    EffortFactory(project=project, order=1, text="Wachttijden in beeld")
    return project


@pytest.fixture
def nmt():
    return UserFactory(role=Role.NETWORK_MT, region=default_region())


def _signed_in(user, **options) -> Client:
    client = Client(**options)
    client.force_login(user)
    return client


def _page(client, project) -> str:
    response = client.get(project.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode()


def test_the_second_load_reads_the_body_from_the_cache(project, nmt, django_assert_max_num_queries):
    client = _signed_in(nmt)
    with django_assert_max_num_queries(40) as first:
        first_page = _page(client, project)
    with django_assert_max_num_queries(len(first.captured_queries) - 8):
        second_page = _page(client, project)
    assert "Wachttijden in beeld" in first_page
    assert TOKEN.sub("", second_page) == TOKEN.sub("", first_page)


def test_a_cached_body_carries_the_token_of_the_request_that_reads_it(project, nmt):
    """Rendered for one user, read by another: the second user's forms post with their own
    token, which the CSRF check accepts."""
    _page(_signed_in(nmt), project)
    other = _signed_in(
        UserFactory(role=Role.NETWORK_MT, region=default_region()), enforce_csrf_checks=True
    )
    page = _page(other, project)
    assert CSRF_PLACEHOLDER not in page
    token = TOKEN.search(page).group(1)
    response = other.post(
        reverse("programme:project_status_edit", args=[project.code]),
        {
            "csrfmiddlewaretoken": token,
            "overall_status": project.overall_status,
            "status_remarks": "Besproken in het Netwerk MT",
            "edit_version": project.edit_version,
        },
    )
    assert response.status_code == 302
    assert "Besproken in het Netwerk MT" in _page(other, project)


def test_the_placeholder_typed_as_text_stays_text(project, nmt):
    effort = project.efforts.get()
    effort.text = CSRF_PLACEHOLDER
    effort.save()
    page = _page(_signed_in(nmt), project)
    assert "&lt;csrf-token-placeholder&gt;" in page


def test_each_set_of_permissions_has_its_own_body(project, nmt):
    """The network's body has the forms; a griffie reading the page after it gets none, and an
    adviser on the team gets the effort buttons but not the triangle's form."""
    network_page = _page(_signed_in(nmt), project)
    assert "Sturingsdriehoek en projectteam wijzigen" in network_page
    griffie = UserFactory(role=Role.GRIFFIE, region=default_region())
    griffie_page = _page(_signed_in(griffie), project)
    assert "Wachttijden in beeld" in griffie_page
    assert "Algehele status wijzigen" not in griffie_page
    assert "Nieuwe rapportage opstellen" not in griffie_page
    adviser = UserFactory(role=Role.POLICY_ADVISER)
    project.team.add(PersonFactory(user=adviser))
    adviser_page = _page(_signed_in(adviser), project)
    assert "Algehele status wijzigen" in adviser_page
    assert "Sturingsdriehoek en projectteam wijzigen" not in adviser_page


def test_changes_to_what_the_body_shows_show_on_the_next_load(project, nmt):
    client = _signed_in(nmt)
    _page(client, project)
    effort = project.efforts.get()
    services.effort_update(
        effort=effort,
        user=nmt,
        status=EffortStatus.NOT_ACHIEVED,
        remark="Wacht op de aanbieders",
        edit_version=effort.edit_version,
    )
    assert "Wacht op de aanbieders" in _page(client, project)

    plan.sub_goal_create(project=project, user=nmt, text="Minder wachttijd in 2026")
    assert "Minder wachttijd in 2026" in _page(client, project)

    sponsor = PersonFactory(name="Mw. A. de Vries")
    project.refresh_from_db()
    plan.project_update_triangle(
        project=project,
        user=nmt,
        administrative_sponsor=sponsor,
        official_sponsor=None,
        contractor=None,
        team=[PersonFactory(name="Dhr. B. Jansen")],
        edit_version=project.edit_version,
    )
    page = _page(client, project)
    assert "Mw. A. de Vries" in page and "Dhr. B. Jansen" in page

    sponsor.name = "Mw. A. de Vries-Bakker"
    sponsor.save()
    assert "Mw. A. de Vries-Bakker" in _page(client, project)

    ProgressReport.objects.create(project=project, report_date=timezone.localdate())
    assert "Er zijn nog geen voortgangsrapportages." not in _page(client, project)

    effort.refresh_from_db()
    effort.recurrence = Recurrence.QUARTERLY
    effort.save()
    assert "0 leveringen vastgelegd" in _page(client, project)
    services.effort_delivery_record(
        effort=effort, user=nmt, delivered_on=timezone.localdate(), remark="Eerste levering"
    )
    assert "Eerste levering" in _page(client, project)

    effort.delete()
    assert "Wachttijden in beeld" not in _page(client, project).split('id="history"')[0]


def test_one_regions_cached_body_never_reaches_another(project, nmt):
    """The same code in another region is another project, with its own body."""
    other_region = RegionFactory()
    theme = ThemeFactory(programme=ProgrammeFactory(region=other_region))
    other = ProjectFactory(theme=theme, code=project.code, name="Elders bedacht")
    EffortFactory(project=other, order=1, text="Alleen hier")
    assert "Wachttijden in beeld" in _page(_signed_in(nmt), project)
    page = _page(_signed_in(UserFactory(role=Role.NETWORK_MT, region=other_region)), other)
    assert "Alleen hier" in page
    assert "Wachttijden in beeld" not in page
    assert "Samen sterker" not in page
