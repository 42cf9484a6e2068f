"""The permission matrix of money (role × action), and the views that enforce it."""

from django.contrib.auth.models import AnonymousUser
from django.urls import reverse

import pytest

from finance.models import BudgetLine, DistributionKey, FundingSource
from finance.permissions import finance_permissions
from governance.constants import Role
from tests.finance.factories import BudgetFactory, BudgetLineFactory, key_with_shares
from tests.governance.factories import UserFactory
from tests.programme.factories import ProjectFactory

pytestmark = pytest.mark.django_db

ACTIONS = ("view", "edit_budget", "add_key", "allocate", "edit_funding")
EDIT = {"view", "edit_budget", "add_key", "allocate", "edit_funding"}

# role -> the actions allowed
MATRIX = {
    Role.POLICY_ADVISER: {"view"},
    Role.GRIFFIE: {"view"},
    Role.NETWORK_MT: EDIT,
    Role.FUNCTIONAL_ADMIN: EDIT,
    None: {"view"},  # signed in without a role
}


@pytest.mark.parametrize("role", list(MATRIX), ids=str)
def test_permission_matrix(role):
    permissions = finance_permissions(UserFactory(role=role))
    assert {action for action in ACTIONS if getattr(permissions, action)} == MATRIX[role]


def test_anonymous_may_do_nothing():
    permissions = finance_permissions(AnonymousUser())
    assert not any(getattr(permissions, action) for action in ACTIONS)


@pytest.fixture
def objects(region):
    budget = BudgetFactory(owner__region=region, slug="begroting-2023", year=2023)
    line = BudgetLineFactory(budget=budget, label="Inhuur")
    project = ProjectFactory(theme__programme__region=region, slug="project-x")
    key = key_with_shares(["60", "40"], region=region)
    return {"budget": budget, "line": line, "project": project, "key": key}


def _edit_requests(objects):
    """(url, POST data) of every view that changes something."""
    budget, line, project, key = (
        objects["budget"],
        objects["line"],
        objects["project"],
        objects["key"],
    )
    line_data = {"direction": "cost", "label": "Nieuw", "amount": "10", "edit_version": 1}
    return [
        (reverse("finance:budget_line_create", args=[budget.slug]), line_data),
        (reverse("finance:budget_line_edit", args=[budget.slug, line.pk]), line_data),
        (reverse("finance:budget_line_delete", args=[budget.slug, line.pk]), {"edit_version": 1}),
        (reverse("finance:key_upload"), {"name": "Nieuw", "source": "x"}),
        (reverse("finance:allocation_create"), {"key": key.pk, "amount": "100"}),
        (
            reverse("finance:funding_edit", args=[project.slug]),
            {"national": "on", "edit_version": "x"},
        ),
    ]


@pytest.mark.parametrize("role", [Role.POLICY_ADVISER, Role.GRIFFIE, None], ids=str)
def test_other_roles_get_403_on_every_edit_and_nothing_changes(
    client, user_with_role, objects, role
):
    client.force_login(user_with_role(role))
    for url, data in _edit_requests(objects):
        assert client.get(url).status_code == 403, url
        assert client.post(url, data).status_code == 403, url
    assert list(BudgetLine.objects.values_list("label", flat=True)) == ["Inhuur"]
    assert DistributionKey.objects.count() == 1
    assert not FundingSource.objects.exists()
    assert not objects["key"].allocations.exists()


@pytest.mark.parametrize("role", [Role.NETWORK_MT, Role.FUNCTIONAL_ADMIN], ids=str)
def test_editors_may_open_every_edit_page(client, user_with_role, objects, role):
    client.force_login(user_with_role(role))
    for url, _data in _edit_requests(objects):
        assert client.get(url).status_code == 200, url


@pytest.mark.parametrize("role", [Role.POLICY_ADVISER, Role.GRIFFIE, Role.NETWORK_MT], ids=str)
def test_every_role_reads_every_page(client, user_with_role, objects, role):
    client.force_login(user_with_role(role))
    for url in [
        reverse("finance:index"),
        reverse("finance:budget_detail", args=[objects["budget"].slug]),
        reverse("finance:key_list"),
        reverse("finance:key_detail", args=[objects["key"].slug]),
        reverse("finance:allocation_list"),
        reverse("finance:funding_matrix"),
        reverse("finance:savings"),
    ]:
        response = client.get(url)
        assert response.status_code == 200, url
        # The content security policy allows no inline style (nor script).
        assert "<style" not in response.content.decode()
        assert ' style="' not in response.content.decode()


def test_readers_see_no_edit_links(client, user_with_role, objects):
    client.force_login(user_with_role(Role.GRIFFIE))
    page = client.get(reverse("finance:budget_detail", args=[objects["budget"].slug]))
    content = page.content.decode()
    assert "Regel toevoegen" not in content
    assert reverse("finance:budget_line_edit", args=["begroting-2023", objects["line"].pk]) not in (
        content
    )


def test_anonymous_is_sent_to_login(client, objects):
    response = client.get(reverse("finance:index"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_other_regions_money_is_not_found(client, user_with_role, objects):
    other = BudgetFactory(slug="elders", year=2023)  # a body of another region
    client.force_login(user_with_role(Role.NETWORK_MT))
    assert client.get(reverse("finance:budget_detail", args=[other.slug])).status_code == 404
