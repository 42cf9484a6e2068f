"""Budgets: the ZHZ figures on the pages the Dutch way, PM never summed, lines edited safely."""

import html
import re
from decimal import Decimal

from django.contrib.auth.models import User
from django.urls import reverse

import pytest

from finance.models import Budget, BudgetLine
from governance.constants import Role
from tests.finance.factories import BudgetLineFactory
from tests.governance.factories import RegionFactory, UserFactory

pytestmark = pytest.mark.django_db


def text_of(response) -> str:
    """The page's text without tags and with collapsed white space."""
    content = response.content.decode()
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", content)).split())


@pytest.fixture
def nmt_client(client, zhz):
    client.force_login(User.objects.get(username="nmt"))  # the demo account
    return client


# Income, cost and balance of each fixture year (003 §3.1–3.2), pro memorie left out.
YEARS = [
    ("nmt-realisatie-2021", "133.550", "140.150", "−6.600"),
    ("nmt-realisatie-2022", "326.879", "320.066", "6.813"),
    ("nmt-voorlopige-begroting-2023", "50.213", "266.600", "−216.387"),
]


def test_the_overview_shows_every_year_with_dutch_totals(nmt_client):
    response = nmt_client.get(reverse("finance:index"))
    assert response.status_code == 200
    page = text_of(response)
    for slug, income, cost, balance in YEARS:
        title = Budget.objects.get(slug=slug).title
        # The summary row: title, income, cost, balance.
        assert f"{title} {income} {cost} {balance}" in page, slug
        # And each budget's own table ends with its totals.
        assert f"Totaal baten {income}" in page
        assert f"Saldo (baten − lasten) {balance}" in page
    assert "216387" not in page and "216,387" not in page  # never unformatted


@pytest.mark.parametrize(("slug", "income", "cost", "balance"), YEARS)
def test_each_budget_page_shows_its_totals(nmt_client, slug, income, cost, balance):
    page = text_of(nmt_client.get(reverse("finance:budget_detail", args=[slug])))
    assert f"Baten € {income}" in page
    assert f"Lasten € {cost}" in page
    assert f"Saldo € {balance}" in page


def test_a_pro_memorie_line_is_shown_as_pm_and_not_summed(nmt_client):
    response = nmt_client.get(
        reverse("finance:budget_detail", args=["nmt-voorlopige-begroting-2023"])
    )
    page = text_of(response)
    assert "Passend zorglandschap realisatie voorziening" in page
    assert re.search(r"Passend zorglandschap realisatie voorziening .*? PM", page)
    assert "Totaal lasten (zonder 1 PM-regel) 266.600" in page
    assert "plus 1 PM-regel, niet meegeteld" in page


def test_lines_link_to_their_projects(nmt_client, zhz):
    html = nmt_client.get(reverse("finance:index")).content.decode()
    assert 'href="/programma/projecten/2.2.4/"' in html  # Passend zorglandschap
    # A 2021 line belongs to a project of the earlier agenda: linked through its successor.
    assert 'href="/programma/projecten/2.1.1/"' in html


def test_the_carry_over_of_2021_and_2022_into_2023_is_checked(nmt_client):
    page = text_of(nmt_client.get(reverse("finance:index")))
    assert (
        "Realisatie 2021 : −6.600 Realisatie 2022 : 6.813 213 "
        "‘Restant 2021-2022’ in voorlopige begroting 2023 213 ✓ klopt"
    ) in page


def test_a_carry_over_that_does_not_match_is_flagged_in_dutch(nmt_client):
    BudgetLine.objects.filter(label="Restant 2021-2022").update(amount=Decimal("300"))
    page = text_of(nmt_client.get(reverse("finance:index")))
    assert (
        "Klopt niet: het overgehevelde restant (€ 300) wijkt € 87 af van de som van de "
        "slotsaldi (€ 213)."
    ) in page
    assert "✓ klopt" not in page


def _line_data(**overrides):
    data = {
        "direction": "cost",
        "label": "Evaluatie",
        "amount": "12.500,50",
        "project": "",
        "order": "",
    }
    data.update(overrides)
    return data


def test_nmt_adds_a_line_with_a_dutch_amount(nmt_client):
    budget = Budget.objects.get(slug="nmt-voorlopige-begroting-2023")
    url = reverse("finance:budget_line_create", args=[budget.slug])
    response = nmt_client.post(url, _line_data())
    assert response.status_code == 302
    line = budget.lines.get(label="Evaluatie")
    assert line.amount == Decimal("12500.50") and line.order == 7
    page = text_of(nmt_client.get(reverse("finance:budget_detail", args=[budget.slug])))
    assert "Lasten € 279.100,50" in page
    assert "De regel is toegevoegd." in page
    assert "Loes Stuurman toegevoegd Evaluatie 12.500,50" in page  # the demo nmt, in history


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"amount": "12,345"}, "meer dan twee cijfers achter de komma"),
        ({"amount": "veel"}, "is geen bedrag"),
        ({"amount": ""}, "Vul een bedrag in, of vink pro memorie aan."),
        ({"is_pro_memorie": "on"}, "Een pro-memorieregel heeft geen bedrag."),
        ({"direction": "gift"}, "Kies baten of lasten."),
        ({"label": ""}, "Dit veld is verplicht."),
        ({"label": "x" * 301}, "300"),
        ({"project": "999999"}, "Kies een project uit de lijst."),
        ({"order": "1"}, "Volgnummer 1 is in deze begroting al in gebruik."),
        ({"order": "nul"}, "Vul een geheel getal in."),
        ({"carried_over_from": "999999"}, "Kies alleen begrotingen uit de lijst."),
    ],
)
def test_bad_input_gets_a_dutch_message_422_and_changes_nothing(nmt_client, overrides, message):
    budget = Budget.objects.get(slug="nmt-voorlopige-begroting-2023")
    before = list(BudgetLine.objects.values_list("pk", "amount", "label"))
    response = nmt_client.post(
        reverse("finance:budget_line_create", args=[budget.slug]), _line_data(**overrides)
    )
    assert response.status_code == 422
    assert message in response.content.decode()
    assert list(BudgetLine.objects.values_list("pk", "amount", "label")) == before


def test_edit_and_a_stale_edit(nmt_client):
    budget = Budget.objects.get(slug="nmt-voorlopige-begroting-2023")
    line = budget.lines.get(label="Passend zorglandschap project")
    url = reverse("finance:budget_line_edit", args=[budget.slug, line.pk])
    form = nmt_client.get(url).content.decode()
    assert 'value="90000"' in form  # shown as it is typed back
    data = _line_data(label=line.label, amount="95.000", project=line.project_id, order=4)
    assert nmt_client.post(url, {**data, "edit_version": 1}).status_code == 302
    line.refresh_from_db()
    assert (line.amount, line.edit_version) == (Decimal("95000"), 2)
    # A second person still has the form of version 1.
    response = nmt_client.post(url, {**data, "amount": "1", "edit_version": 1})
    assert response.status_code == 409
    assert "iemand anders heeft deze regel intussen gewijzigd" in response.content.decode()
    assert "€ 95.000" in text_of(response)
    line.refresh_from_db()
    assert line.amount == Decimal("95000")


def test_the_carry_over_line_can_be_edited_and_keeps_its_budgets(nmt_client):
    budget = Budget.objects.get(slug="nmt-voorlopige-begroting-2023")
    line = budget.lines.get(label="Restant 2021-2022")
    url = reverse("finance:budget_line_edit", args=[budget.slug, line.pk])
    sources = list(line.carried_over_from.values_list("pk", flat=True))
    data = _line_data(direction="income", label=line.label, amount="213", order=1)
    response = nmt_client.post(url, {**data, "carried_over_from": sources, "edit_version": 1})
    assert response.status_code == 302
    assert sorted(line.carried_over_from.values_list("slug", flat=True)) == [
        "nmt-realisatie-2021",
        "nmt-realisatie-2022",
    ]


def test_delete_a_line(nmt_client):
    budget = Budget.objects.get(slug="nmt-voorlopige-begroting-2023")
    line = budget.lines.get(is_pro_memorie=True)
    url = reverse("finance:budget_line_delete", args=[budget.slug, line.pk])
    assert "Weet u zeker" in nmt_client.get(url).content.decode()
    assert nmt_client.post(url, {"edit_version": "abc"}).status_code == 422
    assert nmt_client.post(url, {"edit_version": 1}).status_code == 302
    assert not budget.lines.filter(pk=line.pk).exists()
    page = text_of(nmt_client.get(reverse("finance:budget_detail", args=[budget.slug])))
    assert "verwijderd Passend zorglandschap realisatie voorziening PM" in page


def test_bad_filter_values_give_an_empty_list_not_an_error(nmt_client):
    response = nmt_client.get(reverse("finance:index"), {"year": "twintig", "kind": "x"})
    assert response.status_code == 200
    assert "Geen begrotingen gevonden met deze filters." in response.content.decode()
    page = text_of(nmt_client.get(reverse("finance:index"), {"year": "2022"}))
    assert "Realisatie 2022" in page and "216.387" not in page


def test_unknown_budget_and_line_are_404(nmt_client):
    assert nmt_client.get(reverse("finance:budget_detail", args=["geen"])).status_code == 404
    url = reverse("finance:budget_line_edit", args=["nmt-realisatie-2021", 999999])
    assert nmt_client.get(url).status_code == 404


def test_the_fixture_remainder_carries_over_2021_and_2022(zhz):
    """'Restant 2021-2022' of 2023 = balance 2021 + balance 2022 = −6,600 + 6,813 = 213."""
    line = BudgetLine.objects.get(label="Restant 2021-2022")
    assert line.amount == Decimal("213")
    assert sorted(line.carried_over_from.values_list("slug", flat=True)) == [
        "nmt-realisatie-2021",
        "nmt-realisatie-2022",
    ]


def test_the_overview_follows_a_changed_line_and_stays_in_its_region(nmt_client, zhz):
    """The overview's body is a cached fragment: a changed amount shows on the next load, and
    another region's overview is its own."""
    line = BudgetLineFactory(
        budget__owner__region=zhz, budget__year=2031, amount=Decimal("1000.00")
    )
    assert "2031" in nmt_client.get(reverse("finance:index")).content.decode()
    line.amount = Decimal("4321.00")
    line.save()
    assert "4.321" in nmt_client.get(reverse("finance:index")).content.decode()
    other = UserFactory(role=Role.NETWORK_MT, region=RegionFactory())
    nmt_client.force_login(other)
    assert "2031" not in nmt_client.get(reverse("finance:index")).content.decode()
