"""The funding matrix (projects × sources) and the savings measures of Dordrecht (004)."""

from django.contrib.auth.models import User
from django.urls import reverse

import pytest

from finance.constants import FundingKind
from finance.models import FundingSource
from programme.models import Project
from tests.finance.test_views_budgets import text_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def nmt_client(client, zhz):
    client.force_login(User.objects.get(username="nmt"))
    return client


def test_the_matrix_shows_who_pays_with_the_notes(nmt_client):
    response = nmt_client.get(reverse("finance:funding_matrix"))
    page = text_of(response)
    assert (
        "Gemeente (eigen middelen of formatie) Gemeenschappelijke regeling "
        "Budget Netwerk MT Jeugd Rijksmiddelen"
    ) in page
    # Contractmanagement 3.0: local staff and DG&J, not the NMT budget nor the state.
    assert (
        "2.1.3 Contractmanagement 3.0 ✓ ja Projectinzet van 0,11 fte lokaal gefinancierd "
        "✓ ja Projectleiding volledig gefinancierd door Cluster gezond en veilig opgroeien "
        "(onderdeel van DG&J) nee nee"
    ) in page
    assert response.content.decode().count('class="tick"') == FundingSource.objects.count()


def _form_data(project, **sources):
    data = {"edit_version": project.edit_version}
    for kind, note in sources.items():
        data[kind] = "on"
        data[f"{kind}_note"] = note
    return data


def test_nmt_edits_the_funding_of_a_project(nmt_client):
    project = Project.objects.get(code="2.1.3")
    url = reverse("finance:funding_edit", args=[project.slug])
    assert "0,11 fte" in nmt_client.get(url).content.decode()
    response = nmt_client.post(
        url,
        _form_data(project, joint_arrangement="Projectleiding DG&J", national="SPUK-middelen"),
    )
    assert response.status_code == 302
    assert dict(project.funding_sources.values_list("kind", "note")) == {
        FundingKind.JOINT_ARRANGEMENT: "Projectleiding DG&J",
        FundingKind.NATIONAL: "SPUK-middelen",
    }


@pytest.mark.parametrize(
    ("data", "message", "status"),
    [
        ({"national_note": "zonder vinkje"}, "Vink de financier aan", 422),
        ({"national": "on", "national_note": "x" * 301}, "hoogstens 300 tekens", 422),
        ({"edit_version": ""}, "laad de pagina opnieuw", 422),
        ({"edit_version": "verouderd"}, "laad de pagina opnieuw", 422),
        ({"edit_version": "7", "national": "on"}, "iemand anders heeft dit project", 409),
    ],
)
def test_bad_or_stale_funding_input_changes_nothing(nmt_client, data, message, status):
    project = Project.objects.get(code="2.1.3")
    before = sorted(project.funding_sources.values_list("kind", "note"))
    post = {"edit_version": project.edit_version, **data}
    response = nmt_client.post(reverse("finance:funding_edit", args=[project.slug]), post)
    assert response.status_code == status
    assert message in response.content.decode()
    assert sorted(project.funding_sources.values_list("kind", "note")) == before


def test_savings_of_dordrecht_with_totals(nmt_client):
    page = text_of(nmt_client.get(reverse("finance:savings")))
    assert "Maatregel 2025 (€) Structureel (€)" in page
    assert "Taskforce passende zorg 611.000 1.387.000" in page
    assert "Jeugdhulp naar voren (incl. POH) 500.000 500.000" in page
    assert "Aanpak fraude in de zorg 187.000 375.000" in page
    assert "Totaal 1.298.000 2.262.000" in page
