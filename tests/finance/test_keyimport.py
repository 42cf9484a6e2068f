"""Reading a distribution key from CSV or XLSX: every bad row reported, or all rows read."""

import io
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile

import pytest
from openpyxl import Workbook

from finance.keyimport import parse_key_file
from tests.governance.factories import MunicipalityFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def municipalities(region):
    return [
        MunicipalityFactory(region=region, name="Alblasserdam", cbs_code="GM0482"),
        MunicipalityFactory(region=region, name="Dordrecht", cbs_code="GM0505"),
        MunicipalityFactory(region=region, name="Hoeksche Waard", cbs_code="GM1963"),
    ]


def parse(text, municipalities, encoding="utf-8"):
    return parse_key_file(text.encode(encoding), municipalities)


def shares(result):
    return [(municipality.name, percentage) for municipality, percentage in result.shares]


@pytest.mark.parametrize(
    "text",
    [
        "Gemeente;Percentage\nAlblasserdam;5,01\nGM0505;32,55\nhoeksche waard;62,44\n",
        "Alblasserdam;5,01\r\nDordrecht;32,55\r\nHoeksche Waard;62,44\r\n",  # no header
        "gemeente,percentage\nAlblasserdam,5.01\n505,32.55\nGM1963,62.44",  # comma, dot
        'Alblasserdam,"5,01"\nDordrecht,"32,55"\nHoeksche Waard,"62,44%"\n',
        "\ufeffGemeente;Verdeelsleutel (meicirculaire 2021)\nAlblasserdam;5,01;;\n\n"
        "Dordrecht;32,55;;\nHoeksche Waard;62,44;;\n",  # BOM, Excel's padding, a blank line
    ],
)
def test_good_files_in_the_shapes_people_make_them(municipalities, text):
    result = parse(text, municipalities)
    assert result.errors == []
    assert shares(result) == [
        ("Alblasserdam", Decimal("5.01")),
        ("Dordrecht", Decimal("32.55")),
        ("Hoeksche Waard", Decimal("62.44")),
    ]
    assert result.total == Decimal("100.00")


def test_windows_1252_from_excel(municipalities):
    text = "Gemeente;Aandeel in %\nAlblasserdam;50\nDordrecht;50\n"
    result = parse(text.replace("Aandeel", "Aandéél"), municipalities, encoding="cp1252")
    assert result.errors == [] and len(result.shares) == 2


def test_every_bad_row_is_reported_with_its_row_number(municipalities):
    text = (
        "Gemeente;Percentage\n"  # 1
        "Alblasserdam;5,01\n"  # 2
        "Amsterdam;10\n"  # 3 unknown municipality
        "GM0482;3\n"  # 4 duplicate (by code) of line 2
        "Dordrecht;veel\n"  # 5 not a number
        "Hoeksche Waard;101\n"  # 6 outside 0–100
        "GM9999;1,234\n"  # 7 unknown code and three decimals
        "Dordrecht\n"  # 8 one column
        "Dordrecht;1;2\n"  # 9 three columns
    )
    result = parse(text, municipalities)
    messages = [str(error) for error in result.errors]
    assert messages == [
        "Rij 3: onbekende gemeente ‘Amsterdam’ (geen gemeente van deze regio).",
        "Rij 4: Alblasserdam staat er al in (rij 2).",
        "Rij 5: ‘veel’ is geen getal.",
        "Rij 6: het percentage 101 ligt niet tussen 0 en 100.",
        "Rij 7: gemeentecode ‘GM9999’ hoort niet bij een gemeente van deze regio; "
        "het percentage 1,234 heeft meer dan twee decimalen.",
        "Rij 8: verwacht twee kolommen (gemeente en percentage), maar deze rij heeft er 1: "
        "Dordrecht.",
        "Rij 9: verwacht twee kolommen (gemeente en percentage), maar deze rij heeft er 3: "
        "Dordrecht | 1 | 2.",
    ]


def test_a_decimal_comma_in_a_comma_separated_file_gets_a_hint(municipalities):
    result = parse("Alblasserdam,5,01\n", municipalities)
    assert "Scheid de kolommen dan met een puntkomma" in str(result.errors[0])


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        (b"", "Het bestand is leeg."),
        (b"  \n\n ", "Het bestand is leeg."),
        (b"Gemeente;Percentage\n", "geen rijen met een gemeente en een percentage"),
        (b"\x89PNG\r\n\x1a\n\x00\x00binary", "geen CSV-tekstbestand"),
        (b"PK\x03\x04\x00\x00binary", "Het Excel-bestand kan niet worden gelezen"),
        (b"Alblasserdam;0\nDordrecht;0\n", "tellen op tot 0%"),
        (b"x" * 300_000, "groter dan 200 kB"),
    ],
)
def test_files_that_are_no_key(municipalities, raw, message):
    result = parse_key_file(raw, municipalities)
    assert result.shares == [] or message == "tellen op tot 0%"
    assert len(result.errors) == 1 and message in str(result.errors[0])


def test_a_municipality_of_another_region_is_unknown(municipalities):
    MunicipalityFactory(name="Amsterdam", cbs_code="GM0363")  # another region
    result = parse("Amsterdam;100\n", municipalities)
    assert "onbekende gemeente ‘Amsterdam’" in str(result.errors[0])


def test_an_excel_workbook_with_percentage_cells(municipalities):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Gemeente", "Aandeel"])
    sheet.append(["Alblasserdam", 0.0501])  # typed as 5,01% in Excel
    sheet.append(["GM0505", 32.55])  # typed as a number
    sheet.append([])
    sheet.append(["Hoeksche Waard", "62,44"])  # typed as text
    sheet["B2"].number_format = "0.00%"
    content = io.BytesIO()
    workbook.save(content)
    upload = SimpleUploadedFile("sleutel.xlsx", content.getvalue())
    result = parse_key_file(upload, municipalities)
    assert result.errors == []
    assert shares(result) == [
        ("Alblasserdam", Decimal("5.01")),
        ("Dordrecht", Decimal("32.55")),
        ("Hoeksche Waard", Decimal("62.44")),
    ]


def test_an_upload_too_large_is_refused_before_it_is_read(municipalities):
    class Unreadable(SimpleUploadedFile):
        def read(self, *args):  # pragma: no cover - must not be called
            raise AssertionError("read before the size was checked")

    upload = Unreadable("sleutel.csv", b"x")
    upload.size = 10_000_000
    result = parse_key_file(upload, municipalities)
    assert "groter dan 200 kB" in str(result.errors[0])
