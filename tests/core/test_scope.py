"""The region scope: fails closed, follows the open scope, refuses references across regions."""

import datetime
from decimal import Decimal

from django.contrib.auth.models import Permission
from django.core.exceptions import ValidationError
from django.urls import reverse

import lxml.html
import pytest
from django_scopes import scope

from core.scope import ScopeError, active_region, all_regions, region_scope
from finance.models import DistributionKey, DistributionShare
from governance.constants import Role
from governance.models import Municipality, Region
from programme.models import Project, Theme
from tests.governance.factories import MunicipalityFactory, RegionFactory, UserFactory
from tests.programme.factories import ProjectFactory, ThemeFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_regions():
    north, south = RegionFactory(name="Noord"), RegionFactory(name="Zuid")
    ThemeFactory(programme__region=north, name="Lijn van Noord")
    ThemeFactory(programme__region=south, name="Lijn van Zuid")
    return north, south


def test_a_query_without_a_scope_is_refused(two_regions):
    with scope(), pytest.raises(ScopeError):  # a scope of no region: what a request without
        list(Theme.objects.all())  # a user's region, a command or a task would see


def test_no_region_never_means_every_region():
    with pytest.raises(ValueError), region_scope(None):
        pass


def test_a_region_scope_sees_its_own_rows_only(two_regions):
    north, south = two_regions
    with region_scope(north):
        assert [theme.name for theme in Theme.objects.all()] == ["Lijn van Noord"]
        assert list(Region.objects.all()) == [north]
        assert active_region() == north
    with all_regions():
        assert Theme.objects.count() == 2
        assert active_region() is None


def test_a_queryset_declared_elsewhere_takes_the_scope_it_is_copied_in(two_regions):
    """As a form field declared at import does: its copy per form offers the request's region."""
    north, south = two_regions
    declared = Theme.objects.order_by("name")  # built across regions (the test body's scope)
    with region_scope(south):
        with pytest.raises(ScopeError):
            list(declared)  # evaluated as it is, it would show every region
        assert [theme.name for theme in declared.all()] == ["Lijn van Zuid"]
    with region_scope(north):
        assert [theme.name for theme in declared.all()] == ["Lijn van Noord"]


def test_a_queryset_of_one_region_stays_in_it(two_regions):
    north, south = two_regions
    with region_scope(north):
        own = Theme.objects.all()
    with region_scope(south):
        assert list(own.all()) == []  # narrowed by both regions: nothing, never the other's


def test_related_managers_and_history_are_scoped_too(two_regions):
    north, south = two_regions
    project = ProjectFactory(theme=Theme.objects.get(name="Lijn van Zuid"))
    with region_scope(north):
        assert not Project.objects.filter(pk=project.pk).exists()
        assert list(south.programmes.all()) == []


def test_a_project_refuses_a_theme_and_people_of_another_region(two_regions):
    north, south = two_regions
    project = ProjectFactory(theme=Theme.objects.get(name="Lijn van Noord"))
    project.theme = Theme.objects.get(name="Lijn van Zuid")
    project.lead_municipality = MunicipalityFactory(region=south, name="Zuiderstad")
    with pytest.raises(ValidationError) as refused:
        project.full_clean()
    errors = refused.value.message_dict
    assert (
        errors["theme"] == ["Lijn van Zuid hoort bij een andere regio."]
        or "andere regio" in (errors["theme"][0])
    )
    assert errors["lead_municipality"] == ["Zuiderstad hoort bij een andere regio."]


def test_a_key_refuses_a_municipality_of_another_region_or_outside_its_period(two_regions):
    north, south = two_regions
    key = DistributionKey.objects.create(
        region=north, slug="sleutel", name="Inwoners", valid_from=datetime.date(2022, 1, 1)
    )
    elsewhere = MunicipalityFactory(region=south, name="Zuiderstad")
    merged = MunicipalityFactory(
        region=north, name="Oudedorp", valid_until=datetime.date(2018, 12, 31)
    )
    for municipality, message in [
        (elsewhere, "Zuiderstad hoort bij een andere regio."),
        (merged, "Oudedorp bestaat niet in de periode van deze verdeelsleutel."),
    ]:
        share = DistributionShare(key=key, municipality=municipality, percentage=Decimal("10"))
        with pytest.raises(ValidationError) as refused:
            share.full_clean()
        assert refused.value.message_dict["municipality"] == [message]


def test_the_admin_offers_only_the_own_regions_rows(client, two_regions):
    north, south = two_regions
    MunicipalityFactory(region=north, name="Noorderstad")
    MunicipalityFactory(region=south, name="Zuiderstad")
    administrator = UserFactory(role=Role.FUNCTIONAL_ADMIN, region=north)
    administrator.user_permissions.add(
        *Permission.objects.filter(content_type__app_label__in=["programme", "governance"])
    )
    client.force_login(administrator)
    autocomplete = reverse("admin:autocomplete")
    found = {}
    for field, term in [("theme", "Lijn"), ("lead_municipality", "stad")]:
        response = client.get(
            autocomplete,
            {"app_label": "programme", "model_name": "project", "field_name": field, "term": term},
        )
        assert response.status_code == 200
        found[field] = [result["text"] for result in response.json()["results"]]
    assert any("Lijn van Noord" in text for text in found["theme"])
    assert not any("Zuid" in text for text in found["theme"] + found["lead_municipality"])
    assert found["lead_municipality"] == ["Noorderstad"]
    assert Municipality.objects.count() == 2  # the test itself sees both


def test_a_user_without_a_region_sees_the_explanation_on_every_page(client, two_regions):
    client.force_login(UserFactory(role=Role.POLICY_ADVISER))
    for name in ["home", "programme:dashboard", "programme:project_list", "finance:index"]:
        response = client.get(reverse(name))
        assert response.status_code == 403
        content = response.content.decode()
        assert "Uw account is niet gekoppeld aan een regio" in content
        assert "Lijn van" not in content


def test_the_platform_administrator_chooses_a_region(client, two_regions):
    north, south = two_regions
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    response = client.get(reverse("programme:dashboard"))
    assert response.status_code == 302  # two regions: choose one first
    assert response["Location"].startswith(reverse("region_switch"))
    page = client.get(reverse("region_switch")).content.decode()
    assert "Noord" in page and "Zuid" in page
    client.post(reverse("region_switch"), {"region": south.pk, "next": "/programma/"})
    content = client.get(reverse("programme:dashboard")).content.decode()
    assert "Lijn van Zuid" in content and "Lijn van Noord" not in content
    refused = client.post(reverse("region_switch"), {"region": "999999"})
    assert "Kies een regio uit de lijst." in refused.content.decode()


def test_the_region_choice_wears_the_forms_components_with_its_label_tied(client, two_regions):
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    page = lxml.html.fromstring(client.get(reverse("region_switch")).content)
    (form,) = page.xpath("//form[@action=$action]", action=reverse("region_switch"))
    (field,) = form.xpath('.//div[contains(@class, "utrecht-form-field")]')
    (label,) = field.xpath("./label")
    (select,) = field.xpath("./select")
    assert label.get("class") == "utrecht-form-label" and label.text == "Regio"
    assert label.get("for") == select.get("id") == "id_region"
    assert select.get("class") == "utrecht-select utrecht-select--html-select"
    assert [option.text for option in select.xpath("./option")] == [
        "Kies een regio",
        "Noord",
        "Zuid",
    ]
    (button,) = form.xpath(".//button")
    assert (button.get("class"), button.text) == ("utrecht-button button", "Kiezen")


def test_others_may_not_switch_regions(client, two_regions):
    north, _south = two_regions
    client.force_login(UserFactory(role=Role.NETWORK_MT, region=north))
    assert client.get(reverse("region_switch")).status_code == 403
