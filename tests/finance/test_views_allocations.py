"""Allocations, end to end with the ZHZ data and the demo `nmt` account.

The 2023 balance is −216,387 (a deficit): it is recovered from the ten municipalities, so it is
allocated as 216,387 owed. The meicirculaire-2021 key sums to 100.01%, which is reported; the
ten amounts still sum exactly to 216,387.00.
"""

import csv
import io
import logging
from decimal import Decimal

from django.contrib.auth.models import User
from django.urls import reverse

import pikepdf
import pytest
from openpyxl import load_workbook

from finance.models import Allocation, Budget, DistributionKey
from finance.pdf import allocation_statement, allocation_statement_pdf
from governance.models import Municipality
from tests.finance.factories import AllocationFactory, DistributionKeyFactory
from tests.finance.test_views_budgets import text_of

pytestmark = pytest.mark.django_db

# The ten amounts (largest remainder over the key's actual sum of 100.01%).
EXPECTED = {
    "Alblasserdam": ("5.01", "10839.90"),
    "Dordrecht": ("32.55", "70426.92"),
    "Gorinchem": ("8.29", "17936.69"),
    "Hardinxveld-Giessendam": ("3.81", "8243.52"),
    "Hendrik-Ido-Ambacht": ("5.87", "12700.65"),
    "Hoeksche Waard": ("12.99", "28105.86"),
    "Molenlanden": ("7.77", "16811.59"),
    "Papendrecht": ("6.39", "13825.75"),
    "Sliedrecht": ("6.73", "14561.39"),
    "Zwijndrecht": ("10.60", "22934.73"),
}


@pytest.fixture
def nmt_client(client, zhz):
    client.force_login(User.objects.get(username="nmt"))
    return client


@pytest.fixture
def allocation_2023(nmt_client):
    """The demo nmt chooses the 2023 balance from the list and allocates it."""
    form = nmt_client.get(reverse("finance:allocation_create")).content.decode()
    assert "saldo € −216.387 → te verhalen € 216.387" in form
    key = DistributionKey.objects.get(slug="meicirculaire-2021")
    budget = Budget.objects.get(slug="nmt-voorlopige-begroting-2023")
    response = nmt_client.post(
        reverse("finance:allocation_create"),
        {"key": key.pk, "amount": "", "budget": budget.pk, "label": ""},
    )
    assert response.status_code == 302
    return Allocation.objects.get()


def test_nmt_allocates_the_2023_balance_exactly(nmt_client, allocation_2023):
    allocation = allocation_2023
    assert allocation.amount == Decimal("216387.00")
    assert allocation.key_sum == Decimal("100.01")
    assert allocation.created_by.username == "nmt"
    shares = {s.municipality.name: (s.percentage, s.amount) for s in allocation.shares.all()}
    assert shares == {
        name: (Decimal(pct), Decimal(amount)) for name, (pct, amount) in EXPECTED.items()
    }
    assert sum(amount for _pct, amount in shares.values()) == Decimal("216387.00")

    page = text_of(nmt_client.get(reverse("finance:allocation_detail", args=[allocation.pk])))
    assert "Te betalen door de gemeenten: € 216.387,00" in page
    assert "Let op: de aandelen van deze verdeelsleutel tellen op tot 100,01%" in page
    assert "Som van de sleutel 100,01% niet 100%: verschil +0,01 procentpunt" in page
    # Per municipality: percentage, amount, plain rounding and the difference.
    assert "Dordrecht GM0505 32,55% 70.426,92 70.433,97 −7,05" in page
    assert "Totaal 100,01% 216.387,00 216.408,64 −21,64" in page
    assert "Saldo Voorlopige begroting Werk voor de Jeugd 2023" in page
    assert "Loes Stuurman" in page


def test_the_csv_export_holds_the_same_numbers(nmt_client, allocation_2023):
    url = reverse("finance:allocation_detail", args=[allocation_2023.pk])
    response = nmt_client.get(url, {"_export": "csv"})
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "verdeling-" in response["Content-Disposition"]
    assert response.content.startswith("\ufeff".encode())  # for Dutch Excel
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0] == [
        "Gemeente",
        "CBS-code",
        "Aandeel (%)",
        "Bedrag (€)",
        "Bij gewone afronding (€)",
        "Verschil (€)",
    ]
    dutch = {name: tuple(v.replace(".", ",") for v in values) for name, values in EXPECTED.items()}
    assert {row[0]: (row[2], row[3]) for row in rows[1:]} == dutch
    assert sum(Decimal(row[3].replace(",", ".")) for row in rows[1:]) == Decimal("216387.00")


def test_the_xlsx_export_has_number_cells_and_a_total(nmt_client, allocation_2023):
    url = reverse("finance:allocation_detail", args=[allocation_2023.pk])
    response = nmt_client.get(url, {"_export": "xlsx"})
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    dordrecht = next(row for row in rows if row[0] == "Dordrecht")
    assert dordrecht[2:4] == (32.55, 70426.92)
    assert rows[-1][0] == "Totaal" and rows[-1][3] == 216387
    assert sheet["D3"].number_format == "#,##0.00"
    assert sheet.title == "Verdeling"


@pytest.mark.parametrize("export_format", ["json", "yaml", "ods", "xls", ""])
def test_only_csv_and_xlsx_are_offered(nmt_client, allocation_2023, export_format):
    url = reverse("finance:allocation_detail", args=[allocation_2023.pk])
    response = nmt_client.get(url, {"_export": export_format})
    assert response.status_code == 400
    assert response["Content-Type"].startswith("text/html")
    assert "Kies CSV of Excel (XLSX)." in response.content.decode()


def test_the_allocation_list_exports_dates_and_amounts_as_cells(nmt_client, allocation_2023):
    response = nmt_client.get(reverse("finance:allocation_list"), {"_export": "xlsx"})
    sheet = load_workbook(io.BytesIO(response.content)).active
    header, first = [cell.value for cell in sheet[1]], sheet[2]
    assert header[:4] == ["Datum", "Omschrijving", "Verdeelsleutel", "Bedrag"]
    assert first[0].is_date and first[3].data_type == "n" and first[3].value == 216387
    assert sheet.title == "Verdelingen"


def test_the_pdf_statement_of_a_municipality(nmt_client, allocation_2023, caplog):
    url = reverse("finance:allocation_statement", args=[allocation_2023.pk, "GM0505"])
    with caplog.at_level(logging.WARNING):
        response = nmt_client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]
    with pikepdf.open(io.BytesIO(response.content)) as pdf:
        assert len(pdf.pages) >= 1
        assert "pdfaid" in str(pdf.open_metadata())  # PDF/A

    dordrecht = Municipality.objects.get(cbs_code="GM0505")
    html, _pdf = allocation_statement_pdf(allocation_statement(allocation_2023, dordrecht))
    text = " ".join(html.split())
    assert "Opgave gemeente Dordrecht" in text
    assert "Te betalen: € 70.426,92" in text
    assert "verdeelsleutel meicirculaire 2021" in text
    assert "Meicirculaire gemeentefonds 2021" in text
    assert "Het aandeel van Dordrecht is 32,55%" in text
    assert "€ 216.387,00" in text
    assert '<tr class="own"><td>Dordrecht</td>' in text
    assert "tellen op tot 100,01%, niet tot 100%" in text
    assert 'href="css/print.css"' in text  # A4 and 'pagina x van y' come from there
    assert "70426" not in text  # only Dutch notation


def test_statement_of_a_municipality_without_a_share_is_404(nmt_client, allocation_2023):
    url = reverse("finance:allocation_statement", args=[allocation_2023.pk, "GM0363"])
    assert nmt_client.get(url).status_code == 404


def test_a_typed_amount_with_a_dutch_comma(nmt_client):
    key = DistributionKey.objects.get(slug="meicirculaire-2021")
    response = nmt_client.post(
        reverse("finance:allocation_create"),
        {"key": key.pk, "amount": "1000,01", "budget": "", "label": "Onderzoek"},
    )
    assert response.status_code == 302
    allocation = Allocation.objects.get()
    assert allocation.amount == Decimal("1000.01") and allocation.label == "Onderzoek"
    assert sum(allocation.shares.values_list("amount", flat=True)) == Decimal("1000.01")


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"amount": ""}, "Vul een bedrag in, of kies het saldo van een begroting hieronder."),
        ({"amount": "0"}, "Een bedrag van nul valt niet te verdelen."),
        ({"amount": "216,387"}, "meer dan twee cijfers achter de komma"),
        ({"amount": "twee ton"}, "is geen bedrag"),
        ({"amount": "5", "budget": "BUDGET"}, "niet allebei"),
        ({"amount": "5", "key": ""}, "Kies een verdeelsleutel."),
        ({"amount": "5", "key": "999999"}, "Kies een verdeelsleutel uit de lijst."),
        ({"budget": "999999"}, "Kies een begroting uit de lijst."),
        ({"amount": "5", "label": "x" * 301}, "300"),
    ],
)
def test_bad_input_gets_a_dutch_message_and_stores_nothing(nmt_client, data, message):
    key = DistributionKey.objects.get(slug="meicirculaire-2021")
    budget = Budget.objects.get(slug="nmt-voorlopige-begroting-2023")
    post = {"key": key.pk, "amount": "", "budget": "", "label": ""}
    post.update({k: (budget.pk if v == "BUDGET" else v) for k, v in data.items()})
    response = nmt_client.post(reverse("finance:allocation_create"), post)
    assert response.status_code == 422
    assert message in response.content.decode()
    assert not Allocation.objects.exists()


def test_the_list_and_the_budget_page_show_the_allocation(nmt_client, allocation_2023):
    page = text_of(nmt_client.get(reverse("finance:allocation_list")))
    assert "Saldo Voorlopige begroting Werk voor de Jeugd 2023" in page
    assert "€ 216.387,00" in page and "100,01%" in page
    page = text_of(
        nmt_client.get(reverse("finance:budget_detail", args=["nmt-voorlopige-begroting-2023"]))
    )
    assert "Verdelingen van dit saldo" in page


def test_the_kept_list_shows_a_new_allocation_and_filters_on_the_next_load(
    nmt_client, allocation_2023, django_assert_num_queries
):
    url = reverse("finance:allocation_list")
    nmt_client.get(url)
    with django_assert_num_queries(5):  # four common and the fingerprint: kept
        assert "Saldo Voorlopige begroting" in text_of(nmt_client.get(url))
    key = DistributionKeyFactory(region=allocation_2023.key.region, name="Tweede sleutel")
    AllocationFactory(key=key, label="Tweede verdeling")
    assert "Tweede verdeling" in text_of(nmt_client.get(url))
    page = text_of(nmt_client.get(url, {"key": key.pk}))
    assert "Tweede verdeling" in page and "Saldo Voorlopige begroting" not in page


def test_griffie_reads_and_downloads_but_may_not_allocate(client, zhz, allocation_2023):
    client.force_login(User.objects.get(username="griffie"))
    url = reverse("finance:allocation_detail", args=[allocation_2023.pk])
    assert client.get(url).status_code == 200
    statement = reverse("finance:allocation_statement", args=[allocation_2023.pk, "GM0505"])
    assert client.get(statement).status_code == 200
    assert client.post(reverse("finance:allocation_create"), {}).status_code == 403
