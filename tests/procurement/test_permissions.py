"""The procurement permission matrix: role × action (procurement/permissions.py), and the views
that declare them: provider financials and risk signals for the Netwerk MT and functional
administrators only."""

from django.contrib.auth.models import AnonymousUser
from django.urls import reverse

import pytest

from governance.constants import Role
from procurement.models import ProviderRiskPageView
from procurement.permissions import procurement_permissions
from tests.governance.factories import PersonFactory, UserFactory
from tests.procurement.factories import ProviderFinancialYearFactory

pytestmark = pytest.mark.django_db

ACTIONS = ("view", "view_risk", "manage_risk")

MATRIX = {
    Role.POLICY_ADVISER: {"view"},
    Role.GRIFFIE: {"view"},
    Role.NETWORK_MT: {"view", "view_risk"},
    Role.FUNCTIONAL_ADMIN: {"view", "view_risk", "manage_risk"},
    None: {"view"},
}


@pytest.mark.parametrize("role", list(MATRIX))
def test_permission_matrix(role):
    permissions = procurement_permissions(UserFactory(role=role))
    assert {action for action in ACTIONS if getattr(permissions, action)} == MATRIX[role]


def test_anonymous_may_do_nothing():
    permissions = procurement_permissions(AnonymousUser())
    assert not any(getattr(permissions, action) for action in ACTIONS)


def _risk_urls(provider):
    return {
        "view_risk": [
            reverse("procurement:risk_dashboard"),
            reverse("procurement:risk_provider", args=[provider.slug]),
        ],
        "manage_risk": [
            reverse("procurement:risk_thresholds"),
            reverse("procurement:financials_import"),
        ],
    }


@pytest.mark.parametrize("role", list(MATRIX))
def test_views_answer_by_the_matrix(client, role):
    provider = ProviderFinancialYearFactory().provider
    user = UserFactory(role=role)
    PersonFactory(user=user)  # of a region: refusals below are the role's, not the region's
    client.force_login(user)
    for action, urls in _risk_urls(provider).items():
        for url in urls:
            expected = 200 if action in MATRIX[role] else 403
            response = client.get(url)
            assert response.status_code == expected, (role, url)
            assert "niet gekoppeld aan een regio" not in response.content.decode(), (role, url)
    # A refused look at a risk page is not a look: nothing is logged.
    assert ProviderRiskPageView.objects.count() == (1 if "view_risk" in MATRIX[role] else 0)


@pytest.mark.parametrize("role", list(MATRIX))
def test_a_role_without_a_region_sees_no_risk_page(client, role):
    provider = ProviderFinancialYearFactory().provider
    client.force_login(UserFactory(role=role))  # no person, so no region
    for urls in _risk_urls(provider).values():
        for url in urls:
            response = client.get(url)
            assert response.status_code == 403, (role, url)
            page = response.content.decode()
            assert "Uw account is niet gekoppeld aan een regio" in page, (role, url)
            assert provider.name not in page, (role, url)
    assert not ProviderRiskPageView.objects.exists()


def test_the_demo_adviser_gets_403_on_the_risk_pages(zhz, login):
    client = login("adviseur")
    assert client.get(reverse("procurement:risk_dashboard")).status_code == 403
    response = client.get(reverse("procurement:risk_provider", args=["demo-jeugdhulp-noord"]))
    assert response.status_code == 403
    assert "Demo Jeugdhulp Noord" not in response.content.decode()
    assert not ProviderRiskPageView.objects.exists()
    # The adviser is not even offered the link.
    page = login("adviseur").get(reverse("procurement:overview")).content.decode()
    assert reverse("procurement:risk_dashboard") not in page
