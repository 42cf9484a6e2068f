"""The dashboard's body and the project list's table come from the cache only while nothing they
show has changed."""

import datetime
import re
from decimal import Decimal

from django.urls import reverse
from django.utils import timezone

import pytest

from core.fragments import fingerprint, fragment_key
from core.scope import region_scope
from finance.constants import LineDirection
from governance.constants import Role
from programme import dashboard_cache, services
from programme.constants import EffortStatus, ReportStatus
from programme.dashboard import DashboardFilters
from programme.models import ProgressReport
from tests.finance.factories import BudgetLineFactory
from tests.governance.factories import (
    MunicipalityFactory,
    PersonFactory,
    RegionFactory,
    UserFactory,
    default_region,
)

from .factories import EffortFactory, ProgrammeFactory, ProjectFactory, ThemeFactory

pytestmark = pytest.mark.django_db

URL = reverse("programme:dashboard")


def _project(region, name):
    theme = ThemeFactory(programme=ProgrammeFactory(region=region))
    return ProjectFactory(theme=theme, name=name)


@pytest.fixture
def project():
    project = _project(default_region(), "Samen sterker")
    EffortFactory(project=project, text="Wachttijden in beeld", status=EffortStatus.IN_PROGRESS)
    return project


@pytest.fixture
def nmt(client):
    user = UserFactory(role=Role.NETWORK_MT, region=default_region())
    client.force_login(user)
    return user


def _body(client) -> str:
    response = client.get(URL)
    assert response.status_code == 200
    return response.content.decode()


def test_the_second_load_reads_the_body_from_the_cache(
    client, project, nmt, django_assert_max_num_queries
):
    with django_assert_max_num_queries(60) as first:
        first_page = _body(client)
    with django_assert_max_num_queries(len(first.captured_queries) - 1):
        second_page = _body(client)
    assert "Samen sterker" in first_page
    token = re.compile(r'name="csrfmiddlewaretoken" value="[^"]+"')
    assert token.sub("", second_page) == token.sub("", first_page)


def test_the_filters_choices_follow_the_data_and_its_errors_the_address(client, project, nmt):
    """The filter's form is cached beside the body: a new theme and a new municipality are
    choices on the next load, and a bad value keeps its Dutch message at its own address."""
    region = default_region()
    assert "Nieuwe programmalijn" not in _body(client)
    ThemeFactory(programme=project.programme, name="Nieuwe programmalijn")
    MunicipalityFactory(region=region, name="Nieuwdorp")
    page = _body(client)
    assert "Nieuwe programmalijn" in page and "Nieuwdorp" in page
    refused = client.get(URL, {"as_of": "banaan"}).content.decode()
    assert "Vul een geldige datum in, bijvoorbeeld 31-03-2023." in refused
    assert "Vul een geldige datum in, bijvoorbeeld 31-03-2023." not in _body(client)


def test_a_status_set_by_the_adviser_shows_on_the_next_load(client, project, nmt):
    adviser = UserFactory(role=Role.POLICY_ADVISER)
    project.contractor = PersonFactory(user=adviser)
    project.save()
    assert "behaald 1" not in _body(client)
    effort = project.efforts.get()
    services.effort_update(
        effort=effort,
        user=adviser,
        status=EffortStatus.ACHIEVED,
        remark="",
        edit_version=effort.edit_version,
    )
    assert "behaald 1" in _body(client)


def test_a_renamed_sponsor_and_a_removed_effort_show_on_the_next_load(client, project, nmt):
    person = PersonFactory(name="Mr. A. Jansen")
    project.administrative_sponsor = person
    project.save()
    page = _body(client)
    assert "Mr. A. Jansen" in page and "in behandeling 1" in page
    person.name = "Mw. B. de Vries"
    person.save()
    project.efforts.get().delete()
    page = _body(client)
    assert "Mw. B. de Vries" in page and "Mr. A. Jansen" not in page
    assert "in behandeling 1" not in page


def test_the_fingerprint_moves_with_an_adopted_report(project, nmt):
    with region_scope(default_region()):
        before = fingerprint(dashboard_cache.body_data())
        report = ProgressReport.objects.create(project=project, report_date=timezone.localdate())
        submitted = fingerprint(dashboard_cache.body_data())
        report.status = ReportStatus.ADOPTED
        report.submitted_at = report.adopted_at = timezone.now()
        report.save()
        adopted = fingerprint(dashboard_cache.body_data())
    assert len({before, submitted, adopted}) == 3


def test_each_day_and_each_filter_has_its_own_body(project, nmt):
    region = default_region()
    with region_scope(region):
        today = timezone.localdate()
        keys = {
            fragment_key(
                "programme.dashboard_body",
                vary_on=dashboard_cache.body_varies_on(filters, day),
                data=dashboard_cache.body_data(),
            )
            for day in (today, today + datetime.timedelta(days=1))
            for filters in (
                DashboardFilters(),
                DashboardFilters(overdue_only=True),
                DashboardFilters(theme=project.theme),
                DashboardFilters(as_of=today - datetime.timedelta(days=7)),
            )
        }
    assert len(keys) == 8


def test_a_filter_shows_its_own_body_not_the_cached_unfiltered_one(client, project, nmt):
    other = ProjectFactory(theme=ThemeFactory(programme=project.programme), name="Dichtbij thuis")
    assert "Dichtbij thuis" in _body(client)
    filtered = client.get(URL, {"theme": project.theme.pk}).content.decode()
    assert "Samen sterker" in filtered and other.name not in filtered


def test_one_regions_cached_body_never_reaches_another(client, project, nmt):
    """Two regions whose data have the same fingerprint still have their own bodies."""
    assert "Samen sterker" in _body(client)
    elsewhere = RegionFactory()
    _project(elsewhere, "Elders bekend")
    client.force_login(UserFactory(role=Role.NETWORK_MT, region=elsewhere))
    page = _body(client)
    assert "Elders bekend" in page and "Samen sterker" not in page


def test_the_project_list_table_follows_a_changed_project(client, project, nmt):
    url = reverse("programme:project_list")
    assert "Samen sterker" in client.get(url).content.decode()
    project.name = "Samen nog sterker"
    project.save()
    assert "Samen nog sterker" in client.get(url).content.decode()
    sorted_page = client.get(url, {"sort": "-name"}).content.decode()
    assert "Samen nog sterker" in sorted_page


def test_the_project_list_table_of_one_region_never_reaches_another(client, project, nmt):
    url = reverse("programme:project_list")
    assert "Samen sterker" in client.get(url).content.decode()
    elsewhere = RegionFactory()
    _project(elsewhere, "Elders bekend")
    client.force_login(UserFactory(role=Role.NETWORK_MT, region=elsewhere))
    page = client.get(url).content.decode()
    assert "Elders bekend" in page and "Samen sterker" not in page


def test_the_finance_panel_follows_a_changed_budget_line(client, project, nmt):
    """The money panel is a cached fragment of its own: a new year, or a changed amount, shows
    on the next load."""
    assert "2031" not in _body(client)
    line = BudgetLineFactory(
        budget__year=2031, direction=LineDirection.COST, amount=Decimal("123456.00")
    )
    page = _body(client)
    assert "2031" in page and "123.456" in page
    line.amount = Decimal("654321.00")
    line.save()
    assert "654.321" in _body(client)
