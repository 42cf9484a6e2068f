"""Reading a distribution key from CSV: every bad row reported, or all rows read."""

from decimal import Decimal

import pytest

from finance.keyimport import parse_key_csv
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
    return parse_key_csv(text.encode(encoding), municipalities)


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


def test_every_bad_row_is_reported_with_its_line(municipalities):
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
        "Regel 3: onbekende gemeente 'Amsterdam' (geen gemeente van deze regio).",
        "Regel 4: Alblasserdam staat er al in (regel 2).",
        "Regel 5: 'veel' is geen getal.",
        "Regel 6: het percentage 101 ligt niet tussen 0 en 100.",
        "Regel 7: gemeentecode 'GM9999' hoort niet bij een gemeente van deze regio; "
        "het percentage 1,234 heeft meer dan twee decimalen.",
        "Regel 8: verwacht twee kolommen (gemeente en percentage), maar deze regel heeft er 1: "
        "Dordrecht.",
        "Regel 9: verwacht twee kolommen (gemeente en percentage), maar deze regel heeft er 3: "
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
        (b"Gemeente;Percentage\n", "geen regels met een gemeente en een percentage"),
        (b"PK\x03\x04\x00\x00binary", "geen CSV-tekstbestand"),
        (b"Alblasserdam;0\nDordrecht;0\n", "tellen op tot 0%"),
        (b"x" * 300_000, "te groot"),
    ],
)
def test_files_that_are_no_key(municipalities, raw, message):
    result = parse_key_csv(raw, municipalities)
    assert result.shares == [] or message == "tellen op tot 0%"
    assert len(result.errors) == 1 and message in str(result.errors[0])


def test_a_municipality_of_another_region_is_unknown(municipalities):
    MunicipalityFactory(name="Amsterdam", cbs_code="GM0363")  # another region
    result = parse("Amsterdam;100\n", municipalities)
    assert "onbekende gemeente 'Amsterdam'" in str(result.errors[0])
