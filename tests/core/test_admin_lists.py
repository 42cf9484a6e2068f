"""Kept admin change lists (core.admin_lists): what changed shows on the next load, and a kept
page goes to no one it was not made for."""

import re

from django.contrib.auth.models import Permission
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

import pytest

from core.services import model_update
from finance.models import Budget, BudgetLine
from governance.constants import Role
from programme.models import Project
from tests.governance.factories import (
    BodyFactory,
    MunicipalityFactory,
    RegionFactory,
    UserFactory,
)
from tests.programme.factories import ProjectFactory

pytestmark = pytest.mark.django_db

PROJECTS = reverse("admin:programme_project_changelist")
MUNICIPALITIES = reverse("admin:governance_municipality_changelist")


def _administrator(region):
    client = Client()
    client.force_login(UserFactory(role=Role.FUNCTIONAL_ADMIN, region=region))
    return client


def _load(client, path, **params):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path, params)
    assert response.status_code == 200
    return response.content.decode(), len(queries)


def _without_token(page):
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", page)


def test_a_kept_list_costs_fewer_queries_and_shows_each_change():
    project = ProjectFactory(name="Eerste naam")
    client = _administrator(project.programme.region)
    page, rendered = _load(client, PROJECTS)
    again, kept = _load(client, PROJECTS)
    assert _without_token(again) == _without_token(page) and kept < rendered
    model_update(
        instance=project, expected_version=project.edit_version, data={"name": "Tweede naam"}
    )
    assert "Tweede naam" in _load(client, PROJECTS)[0]
    project.theme.name = "Andere programmalijn"  # a row the list shows through a relation
    project.theme.save()
    assert "Andere programmalijn" in _load(client, PROJECTS)[0]
    Project.objects.filter(pk=project.pk).delete()
    assert "Tweede naam" not in _load(client, PROJECTS)[0]


def test_totals_of_lines_follow_a_new_line():
    body = BodyFactory()
    budget = Budget.objects.create(owner=body, slug="b", year=2025, kind="budget", title="B")
    client = _administrator(body.region)
    path = reverse("admin:finance_budget_changelist")
    BudgetLine.objects.create(budget=budget, order=1, direction="cost", label="a", amount=100)
    assert "€ 100,00" in _load(client, path)[0]
    BudgetLine.objects.create(budget=budget, order=2, direction="cost", label="b", amount=23)
    assert "€ 123,00" in _load(client, path)[0]


def test_filters_search_and_pages_are_kept_apart():
    region = RegionFactory()
    for number in range(30):
        MunicipalityFactory(region=region, name=f"Gemeente {number:02}")
    client = _administrator(region)
    first, _queries = _load(client, MUNICIPALITIES)
    second, _queries = _load(client, MUNICIPALITIES, p=2)
    found, _queries = _load(client, MUNICIPALITIES, q="Gemeente 07")
    assert "Gemeente 00" in first and "Gemeente 00" not in second
    assert "Gemeente 29" in second
    assert "Gemeente 07" in found and "Gemeente 08" not in found


def test_the_message_after_a_save_is_shown_once():
    municipality = MunicipalityFactory(name="Oudnaam")
    client = _administrator(municipality.region)
    _load(client, MUNICIPALITIES)
    change = reverse("admin:governance_municipality_change", args=[municipality.pk])
    form = client.get(change).context["adminform"].form
    data = {name: value for name, value in form.initial.items() if value is not None}
    data.update(name="Nieuwnaam", region=municipality.region_id)
    response = client.post(change, data, follow=True)
    page = response.content.decode()
    assert "Nieuwnaam" in page and "met succes gewijzigd" in page
    again, _queries = _load(client, MUNICIPALITIES)
    assert "Nieuwnaam" in again and "met succes gewijzigd" not in again


def test_a_kept_page_carries_the_requests_own_csrf_token():
    municipality = MunicipalityFactory()
    user = UserFactory(role=Role.FUNCTIONAL_ADMIN, region=municipality.region)
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    _load(client, MUNICIPALITIES)
    page, _queries = _load(client, MUNICIPALITIES)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    response = client.post(
        MUNICIPALITIES,
        {"csrfmiddlewaretoken": token, "action": "delete_selected", "_selected_action": [1]},
    )
    assert response.status_code != 403


def test_a_lost_permission_is_refused_though_the_page_is_kept():
    municipality = MunicipalityFactory()
    user = UserFactory(role=Role.FUNCTIONAL_ADMIN, region=municipality.region)
    role = user.groups.get()
    user.user_permissions.set(role.permissions.all())
    role.permissions.clear()  # the role's permissions are now the user's own
    client = Client()
    client.force_login(user)
    _load(client, MUNICIPALITIES)
    user.user_permissions.remove(
        *Permission.objects.filter(codename__in=["view_municipality", "change_municipality"])
    )
    assert client.get(MUNICIPALITIES).status_code == 403


def test_another_regions_administrator_never_gets_the_kept_page():
    first, second = RegionFactory(), RegionFactory()
    MunicipalityFactory(region=first, name="Gemeente van de eerste")
    MunicipalityFactory(region=second, name="Gemeente van de tweede")
    page, _queries = _load(_administrator(first), MUNICIPALITIES)
    other, _queries = _load(_administrator(second), MUNICIPALITIES)
    assert "Gemeente van de eerste" in page and "Gemeente van de tweede" not in page
    assert "Gemeente van de tweede" in other and "Gemeente van de eerste" not in other


def test_a_list_without_change_dates_is_rendered_each_time():
    region = RegionFactory()
    client = _administrator(region)
    path = reverse("admin:auth_user_changelist")
    _load(client, path)
    UserFactory(username="nieuwe-collega", region=region)
    assert "nieuwe-collega" in _load(client, path)[0]


def test_the_person_list_is_kept_and_says_who_has_an_account():
    region = RegionFactory()
    client = _administrator(region)  # their person has an account
    path = reverse("admin:governance_person_changelist")
    page, rendered = _load(client, path)
    again, kept = _load(client, path)
    assert kept < rendered
    assert 'alt="True"' in page
