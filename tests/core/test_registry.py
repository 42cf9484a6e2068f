"""The one registry of extension points: filled by the apps, each point called in a region."""

import pytest

from core.registry import NavigationEntry, in_region, registry
from core.scope import active_region
from governance.constants import Role
from tests.governance.factories import RegionFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_every_app_fills_its_extension_points():
    assert {"table", "programme_progress", "allocation"} <= set(registry.letter_blocks)
    assert "finance-year" in registry.dashboard_panels
    assert [source.key for source in registry.timeline()] == [
        "decision", "document", "organisation", "body", "municipality", "procurement",
    ]  # fmt: skip
    assert [entry.key for entry in registry.navigation()] == [
        "home", "programme", "projects", "letters", "registers", "procurement", "finance", "users",
        "workbook", "theme", "admin",
    ]  # fmt: skip


def test_a_key_is_registered_once():
    with pytest.raises(ValueError):
        registry.register_navigation_entry(NavigationEntry("home", "Start", "home"))


def test_an_extension_point_runs_in_the_region_it_is_handed():
    region = RegionFactory()
    assert in_region(region, lambda handed: (handed, active_region())) == (region, region)


@pytest.mark.parametrize(
    ("role", "sees_admin"), [(Role.FUNCTIONAL_ADMIN, True), (Role.GRIFFIE, False)]
)
def test_the_menu_shows_the_admin_to_functional_administrators_only(client, role, sees_admin):
    client.force_login(UserFactory(role=role, region=RegionFactory()))
    labels = [label for label, _url in client.get("/hulp/").context["nav_items"]]
    assert labels[:3] == ["Start", "Programma", "Projecten"]
    assert ("Beheer" in labels) == sees_admin


def test_every_app_declares_its_workbook_sheets_in_order():
    assert [sheet.key for sheet in registry.workbook()] == [
        "region", "municipalities", "organisations", "bodies", "people", "memberships", "users",
        "programmes", "themes", "projects", "sub_goals", "efforts",
        "distribution_keys", "distribution_shares",
    ]  # fmt: skip
