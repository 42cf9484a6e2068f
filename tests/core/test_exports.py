"""The one export writer (core.exports): no HTML, real cells, Dutch Excel CSV, no formulas."""

import csv
import datetime
import io
import re
from decimal import Decimal

from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy

import django_tables2 as tables
import pytest
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import load_workbook

from core.exports import (
    MAX_SHEET_TITLE,
    TableExport,
    cell_value,
    csv_cell,
    export_response,
    sheet_title,
    table_values,
    write_csv,
    write_xlsx,
)
from tests.test_url_access import samples  # noqa: F401 (fixture)

AMSTERDAM_SUMMER = datetime.timezone(datetime.timedelta(hours=2))


def read_csv(content: bytes) -> list[list[str]]:
    assert content.startswith("\ufeff".encode())  # UTF-8 with BOM, for Dutch Excel
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig")), delimiter=";"))


def read_xlsx(content: bytes):
    return load_workbook(io.BytesIO(content)).active


# --- Cells ----------------------------------------------------------------------------------


def test_cell_values():
    assert cell_value(True) == "ja" and cell_value(False) == "nee"
    assert cell_value(None) is None
    assert cell_value(gettext_lazy("Behaald")) == "Behaald"
    assert cell_value(format_html('<span class="overdue">{}</span>', 4)) == "4"
    assert cell_value(format_html("{}<br>{}", "Jeugd & Gezin", "Zorg")) == "Jeugd & Gezin\nZorg"
    assert cell_value("<b>typed by a person</b>") == "<b>typed by a person</b>"  # text, not HTML
    assert cell_value(Decimal("70426.92")) == Decimal("70426.92")
    assert cell_value(Decimal("NaN")) == "NaN"


def test_an_aware_datetime_is_written_in_amsterdam_time():
    utc = datetime.datetime(2021, 4, 19, 22, 30, tzinfo=datetime.UTC)
    assert cell_value(utc) == datetime.datetime(2021, 4, 20, 0, 30)
    assert csv_cell(utc) == "20-04-2021 00:30"


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (Decimal("70426.92"), "70426,92"),
        (Decimal("-6600.00"), "-6600,00"),  # a number: no quote, Excel reads it as a number
        (-6600, "-6600"),
        (0.5, "0,5"),
        (1e-7, "0,0000001"),
        (datetime.date(2021, 4, 20), "20-04-2021"),
        (datetime.datetime(2021, 4, 20, 14, 5), "20-04-2021 14:05"),
        (datetime.time(9, 30), "09:30"),
        (True, "ja"),
        (None, ""),
        ("Dordrecht", "Dordrecht"),
        ("=1+1", "'=1+1"),
        ("+31 78 123", "'+31 78 123"),
        ("-6600", "'-6600"),  # text that only looks like a number is text
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1+1", "'\t=1+1"),
        ("\r=1+1", "'\r=1+1"),
        ("a=1+1", "a=1+1"),
    ],
)
def test_csv_cells_for_dutch_excel(value, text):
    assert csv_cell(value) == text


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Verdelingen", "Verdelingen"),
        ("Besluiten [AB/DB]: wat? *", "Besluiten -AB-DB-- wat- -"),
        ("x" * 40, "x" * MAX_SHEET_TITLE),
        ("", "Export"),
        ("'quoted'", "quoted"),
        ("History", "Historie"),
    ],
)
def test_sheet_titles_excel_accepts(title, expected):
    assert sheet_title(title) == expected
    assert len(sheet_title(title)) <= MAX_SHEET_TITLE


# --- Files ----------------------------------------------------------------------------------

HEADERS = ["Naam", "Bedrag", "Datum", "Gewijzigd", "Actief", "Aantal"]
ROWS = [
    ["=1+1", Decimal("-6600.00"), datetime.date(2021, 4, 20), None, True, 4],
    [
        "Zeeë & Co",
        Decimal("70426.92"),
        None,
        datetime.datetime(2021, 4, 19, 22, 30, tzinfo=datetime.UTC),
        False,
        -2,
    ],
]


def test_the_csv_file_for_dutch_excel():
    rows = read_csv(write_csv(HEADERS, ROWS))
    assert rows == [
        HEADERS,
        ["'=1+1", "-6600,00", "20-04-2021", "", "ja", "4"],
        ["Zeeë & Co", "70426,92", "", "20-04-2021 00:30", "nee", "-2"],
    ]


def test_the_xlsx_file_has_real_cells_and_no_formulas():
    sheet = read_xlsx(write_xlsx(HEADERS, ROWS, title="Proef: [1/2]"))
    assert sheet.title == "Proef- -1-2-"
    assert [cell.value for cell in sheet[1]] == HEADERS
    assert sheet[1][0].font.bold and sheet.freeze_panes == "A2"
    formula, amount, day, _changed, active, count = sheet[2]
    assert (formula.data_type, formula.value) == ("s", "=1+1")
    assert amount.data_type == "n" and amount.value == -6600
    assert amount.number_format == "#,##0.00"
    assert day.is_date and day.value == datetime.datetime(2021, 4, 20)
    assert day.number_format == "dd-mm-yyyy"
    assert active.value == "ja" and count.value == 4 and count.data_type == "n"
    changed = sheet[3][3]
    assert changed.is_date and changed.value == datetime.datetime(2021, 4, 20, 0, 30)  # local


def test_what_xlsx_cannot_hold_does_not_break_an_export():
    sheet = read_xlsx(write_xlsx(["Tekst"], [["bel\x07 mij\x00"], ["x" * 40_000]], title="x"))
    assert sheet["A2"].value == "bel mij"
    assert len(sheet["A3"].value) == 32_767


def test_export_response():
    response = export_response("csv", ["a"], [[1]], title="Lijst", filename="lijst-2021")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="lijst-2021.csv"'
    response = export_response("xlsx", ["a"], [[1]], title="Lijst", filename="lijst")
    assert response["Content-Disposition"] == 'attachment; filename="lijst.xlsx"'
    with pytest.raises(ValueError):
        export_response("yaml", ["a"], [[1]], title="Lijst", filename="lijst")


TRIGGERS = st.sampled_from(["=", "+", "-", "@", "\t", "\r"])


@given(TRIGGERS, st.text(max_size=30))
def test_no_text_a_person_types_becomes_a_formula(trigger, rest):
    text = trigger + rest
    assert csv_cell(text) == "'" + text
    (row,) = read_csv(write_csv(["x"], [[text]]))[1:]
    assert row[0].startswith("'")
    cell = read_xlsx(write_xlsx(["x"], [[text]], title="x"))["A2"]
    assert cell.data_type == "s" or cell.value is None


# --- django-tables2 -------------------------------------------------------------------------


class Meeting:
    def __init__(self, **fields):
        self.__dict__.update(fields)


class MeetingTable(tables.Table):
    title = tables.Column(verbose_name=gettext_lazy("Onderwerp"))
    date = tables.DateColumn(verbose_name="Datum", format="j F Y")
    public = tables.BooleanColumn(verbose_name="Openbaar")
    late = tables.Column(verbose_name="Te laat")
    amount = tables.Column(verbose_name="Bedrag")
    buttons = tables.Column(verbose_name="", exclude_from_export=True, empty_values=())

    def render_title(self, value):
        return format_html('<a href="/x/">{}</a>', value)

    def render_late(self, value):
        return format_html('<span class="overdue">{}</span>', value)

    def render_amount(self, value):
        return f"€ {value}"

    def value_amount(self, value):
        return value


def test_a_table_is_exported_without_html_and_with_real_values():
    table = MeetingTable(
        [
            Meeting(
                title="=1+1",
                date=datetime.date(2021, 4, 20),
                public=True,
                late=4,
                amount=Decimal(5),
            )
        ]
    )
    headers, rows = table_values(table)
    assert headers == ["Onderwerp", "Datum", "Openbaar", "Te laat", "Bedrag"]
    assert rows == [["=1+1", datetime.date(2021, 4, 20), "ja", "4", Decimal(5)]]
    exporter = TableExport("xlsx", table, dataset_kwargs={"title": "Vergaderingen"})
    sheet = read_xlsx(exporter.export())
    assert sheet.title == "Vergaderingen"
    assert (sheet["A2"].data_type, sheet["A2"].value) == ("s", "=1+1")
    assert sheet["B2"].is_date and sheet["E2"].data_type == "n"
    assert not TableExport.is_valid_format("yaml") and TableExport.is_valid_format("csv")


# --- Every export of the application --------------------------------------------------------

LIST_EXPORTS = [
    "programme:project_list",
    "registers:decision_list",
    "registers:council_view_list",
    "procurement:provider_list",
    "procurement:norm_list",
    "finance:key_list",
    "finance:allocation_list",
]
A_NUMBER = re.compile(r"-?[0-9]+(,[0-9]+)?")


@pytest.fixture
def rows_everywhere(samples):  # noqa: F811
    """The ZHZ data, with a norm and the dates the fixtures leave empty."""
    from finance.models import DistributionKey
    from governance.models import CouncilView
    from procurement.models import Segment
    from tests.procurement.factories import NormFactory

    NormFactory(segment=Segment.objects.get(code="4a"), max_hours_per_month=Decimal("8.5"))
    CouncilView.objects.update(deadline=datetime.date(2023, 6, 30))
    DistributionKey.objects.update(valid_from=datetime.date(2021, 1, 1))
    client = Client()
    client.force_login(User.objects.get(username="nmt"))
    return client


@pytest.fixture
def formulas_typed_everywhere(rows_everywhere):
    """'=1+1' typed into a text field of a row every export shows."""
    from finance.models import Allocation, DistributionKey
    from governance.models import CouncilView, Decision, Municipality
    from procurement.models import Norm, Provider
    from programme.models import Project

    for queryset, field in [
        (Project.objects.filter(code="2.1.2", theme__isnull=False), "name"),
        (Decision.objects.filter(pk=Decision.objects.order_by("-date").first().pk), "title"),
        (CouncilView.objects.filter(pk=CouncilView.objects.first().pk), "reference"),
        (Provider.objects.filter(pk=Provider.objects.order_by("name").first().pk), "name"),
        (Norm.objects.filter(pk=Norm.objects.first().pk), "description"),
        (DistributionKey.objects.filter(slug="meicirculaire-2021"), "source"),
        (Allocation.objects.all(), "label"),
        (Municipality.objects.filter(cbs_code="GM0505"), "name"),
    ]:
        assert queryset.update(**{field: "=1+1"})
    return rows_everywhere


def _exports(client, samples):  # noqa: F811
    urls = [reverse(name) for name in LIST_EXPORTS]
    allocation = reverse("finance:allocation_detail", args=[samples["_pk"]["finance:allocation"]])
    for url in [*urls, allocation]:
        for export_format in ("csv", "xlsx"):
            yield url, export_format, client.get(url, {"_export": export_format, "per_page": 200})
    dashboard = reverse("programme:dashboard")
    for export_format in ("csv", "xlsx"):
        yield dashboard, export_format, client.get(dashboard, {"export": export_format})


@pytest.mark.django_db
def test_a_formula_typed_anywhere_is_exported_as_text(formulas_typed_everywhere, samples):  # noqa: F811
    checked = 0
    for url, export_format, response in _exports(formulas_typed_everywhere, samples):
        assert response.status_code == 200, (url, export_format)
        if export_format == "csv":
            cells = [cell for row in read_csv(response.content) for cell in row]
            assert "'=1+1" in cells, url
            for cell in cells:
                assert not cell.startswith(("=", "+", "@", "\t", "\r")), (url, cell)
                assert not cell.startswith("-") or A_NUMBER.fullmatch(cell), (url, cell)
                assert "<" not in cell, (url, cell)
        else:
            sheet = read_xlsx(response.content)
            cells = [cell for row in sheet.iter_rows() for cell in row]
            assert any(cell.value == "=1+1" for cell in cells), url
            assert all(cell.data_type != "f" for cell in cells), url
            assert not any("<span" in str(cell.value) for cell in cells), url
            assert 0 < len(sheet.title) <= MAX_SHEET_TITLE
        checked += 1
    assert checked == 2 * (len(LIST_EXPORTS) + 2)


@pytest.mark.django_db
def test_numbers_and_dates_read_back_as_numbers_and_dates(rows_everywhere, samples):  # noqa: F811
    kinds = {}
    for url, export_format, response in _exports(rows_everywhere, samples):
        if export_format != "xlsx":
            continue
        sheet = read_xlsx(response.content)
        header = [cell.value for cell in sheet[1]]
        for row in sheet.iter_rows(min_row=2):
            for name, cell in zip(header, row, strict=False):
                if cell.value is not None:
                    kinds.setdefault((url, name), set()).add(
                        "date" if cell.is_date else cell.data_type
                    )
    dates = {"Datum", "Uiterste datum", "Ontvangen op", "Laatste update", "Geldig vanaf"}
    numbers = {
        "Bedrag",
        "Behaald",
        "Verlopen",
        "Inspanningen",
        "Gemeenten",
        "Bedrag (€)",
        "Max. uur per maand",
    }
    seen_dates = {name for (_url, name), kind in kinds.items() if name in dates}
    seen_numbers = {name for (_url, name), kind in kinds.items() if name in numbers}
    assert seen_dates == dates and seen_numbers == numbers
    for (url, name), kind in kinds.items():
        if name in dates:
            assert kind == {"date"}, (url, name, kind)
        if name in numbers:
            assert kind == {"n"}, (url, name, kind)
