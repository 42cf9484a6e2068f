"""Exports of the finance pages and the letters list: the page's rows, for Dutch Excel."""

import io
from decimal import Decimal

from django.contrib.auth.models import User
from django.urls import reverse

import openpyxl
import pytest

from finance.models import Budget, BudgetLine, FundingSource, SavingsMeasure
from governance.models import Letter

pytestmark = pytest.mark.django_db


@pytest.fixture
def nmt_client(client, zhz):
    client.force_login(User.objects.get(username="nmt"))
    return client


def _csv_rows(response) -> list[list[str]]:
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    text = response.content.decode("utf-8-sig")
    return [line.split(";") for line in text.splitlines()]


def _sheet(response):
    assert response.status_code == 200
    workbook = openpyxl.load_workbook(io.BytesIO(response.content))
    return workbook.active


def test_the_budget_overview_exports_every_line_of_the_filtered_budgets(nmt_client):
    url = reverse("finance:index")
    rows = _csv_rows(nmt_client.get(url, {"_export": "csv"}))
    assert rows[0][:5] == ["Jaar", "Eigenaar", "Begroting", "Baten of lasten", "Omschrijving"]
    assert len(rows) - 1 == BudgetLine.objects.count()
    assert rows[1][:6] == ["2021", "NMT", "Realisatie", "Baten", "Inleg gemeenten", "103550,00"]

    budget = Budget.objects.order_by("year").first()
    filtered = _csv_rows(nmt_client.get(url, {"year": budget.year, "_export": "csv"}))
    assert {row[0] for row in filtered[1:]} == {str(budget.year)}
    assert len(filtered) - 1 == BudgetLine.objects.filter(budget__year=budget.year).count()


def test_a_budget_exports_its_own_lines_as_number_cells(nmt_client):
    budget = Budget.objects.get(slug="nmt-realisatie-2021")
    response = nmt_client.get(
        reverse("finance:budget_detail", args=[budget.slug]), {"_export": "xlsx"}
    )
    assert "begroting-nmt-realisatie-2021.xlsx" in response["Content-Disposition"]
    sheet = _sheet(response)
    assert sheet.title == "Begrotingsregels"
    values = list(sheet.iter_rows(min_row=2, values_only=True))
    assert len(values) == budget.lines.count()
    assert values[0][5] == 103550 and isinstance(values[0][5], int | float)
    assert {row[6] for row in values} <= {"ja", "nee"}


def test_the_savings_export_gives_a_row_per_measure_and_year(nmt_client):
    rows = _csv_rows(nmt_client.get(reverse("finance:savings"), {"_export": "csv"}))
    assert rows[0] == ["Gemeente", "Maatregel", "Jaar", "Netto effect (€)", "Bron"]
    assert len(rows) - 1 == SavingsMeasure.objects.count()
    assert [
        "Dordrecht",
        "Taskforce passende zorg",
        "2025",
        "611000,00",
        "Raadsinformatiebrief Dordrecht 2024",
    ] in rows
    total = sum(Decimal(row[3].replace(",", ".")) for row in rows[1:])
    assert total == sum(measure.amount for measure in SavingsMeasure.objects.all())


def test_the_funding_matrix_export_says_ja_or_nee_per_source(nmt_client):
    sheet = _sheet(nmt_client.get(reverse("finance:funding_matrix"), {"_export": "xlsx"}))
    headers = next(sheet.iter_rows(max_row=1, values_only=True))
    assert headers[:3] == ("Code", "Project", "Gemeente (eigen middelen of formatie)")
    cells = [row[2:6] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert {value for row in cells for value in row} <= {"ja", "nee"}
    assert sum(row.count("ja") for row in cells) == FundingSource.objects.count()


@pytest.mark.parametrize("name", ["finance:index", "finance:savings", "finance:funding_matrix"])
def test_a_page_export_refuses_other_formats_in_dutch(nmt_client, name):
    response = nmt_client.get(reverse(name), {"_export": "ods"})
    assert response.status_code == 400
    assert "Kies CSV of Excel (XLSX)." in response.content.decode()


def test_the_pages_link_their_exports(nmt_client):
    for name in ("finance:index", "finance:savings", "finance:funding_matrix"):
        page = nmt_client.get(reverse(name)).content.decode()
        assert "_export=csv" in page and "_export=xlsx" in page, name


def test_the_letters_list_exports_the_letters_the_user_may_read(nmt_client):
    rows = _csv_rows(nmt_client.get(reverse("letters:letter_list"), {"_export": "csv"}))
    assert rows[0][:3] == ["Datum", "Betreft", "Aan de gemeenteraad van"]
    assert len(rows) - 1 == Letter.objects.count()
    assert not any("<" in cell for row in rows for cell in row)
