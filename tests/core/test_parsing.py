"""Numbers and dates as Dutch people type them (core.parsing): one rule, read back as printed."""

import datetime
from decimal import Decimal

from django.template.defaultfilters import date as date_filter
from django.utils import translation

import pytest
from hypothesis import given
from hypothesis import strategies as st

from core.exports import csv_cell
from core.formatting import format_amount, format_euro, format_percentage
from core.parsing import (
    DATE_INPUT_FORMATS,
    MAX_AMOUNT,
    ParseError,
    parse_amount,
    parse_date,
    parse_decimal,
    parse_percentage,
)

AMOUNTS = st.decimals(min_value=-(10**11), max_value=10**11, places=2, allow_nan=False)

# --- Amounts --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "amount"),
    [
        ("216387", "216387.00"),
        ("216387,50", "216387.50"),
        ("216.387", "216387.00"),  # the point groups thousands, as the pages print it
        ("216.387,5", "216387.50"),
        ("1.234", "1234.00"),
        ("1.000.000", "1000000.00"),
        ("1.234.567,89", "1234567.89"),
        ("216387.50", "216387.50"),  # a point before one or two digits cannot group thousands
        ("12.5", "12.50"),
        ("€ 216.387", "216387.00"),
        ("216.387 €", "216387.00"),
        ("−6.600", "-6600.00"),  # the typographic minus of the pages
        ("-6600", "-6600.00"),
        ("€ −6.600", "-6600.00"),
        ("−€ 6.600", "-6600.00"),
        ("+5", "5.00"),
        (" 1 000 ", "1000.00"),
        ("1\u00a0000,00", "1000.00"),  # a non-breaking space, as copied from a page
        ("0,5", "0.50"),
        (",5", "0.50"),
        ("-0", "0.00"),
    ],
)
def test_amounts_in_dutch_notation(text, amount):
    assert parse_amount(text) == Decimal(amount)
    assert str(parse_amount(text)) == amount


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "Vul een bedrag in"),
        ("€", "Vul een bedrag in"),
        ("abc", "is geen bedrag"),
        # The ambiguous ones. Dutch: 216,387 is 216.387, three decimals; English: 216 thousand.
        # Money has two decimals at most, so it is refused with the way to write either.
        ("216,387", "meer dan twee cijfers achter de komma"),
        ("216,380", "meer dan twee cijfers achter de komma"),  # zeros are written decimals too
        ("1.2345", "meer dan twee cijfers achter de komma"),  # no thousands group of four
        ("0.123", "meer dan twee cijfers achter de komma"),  # a group never starts with 0
        ("1000.123", "meer dan twee cijfers achter de komma"),
        ("216.387.5", "is geen bedrag"),
        ("1,000.50", "is geen bedrag"),  # English order of the separators
        ("1,2,3", "is geen bedrag"),
        ("12,5e3", "is geen bedrag"),
        ("1e5", "is geen bedrag"),
        ("NaN", "is geen bedrag"),
        ("Infinity", "is geen bedrag"),
        ("--5", "is geen bedrag"),
        ("5,", "is geen bedrag"),
        ("1000000000000", "hoogstens 999.999.999.999,99"),
        ("9" * 60, "hoogstens 999.999.999.999,99"),
    ],
)
def test_what_is_not_an_amount_is_refused_in_dutch(text, message):
    with pytest.raises(ParseError) as error:
        parse_amount(text)
    assert message in error.value.message
    assert isinstance(error.value, ValueError)


def test_the_refusal_of_216_387_says_how_to_write_it():
    with pytest.raises(ParseError) as error:
        parse_amount("216,387")
    assert "216.387 of 216387" in error.value.message


def test_numbers_given_as_numbers():
    assert parse_amount(Decimal("216387.5")) == Decimal("216387.50")
    assert parse_amount(1250000.0) == Decimal("1250000.00")  # a float from a spreadsheet
    assert parse_amount(Decimal("3.000")) == Decimal("3.00")  # trailing zeros are not decimals
    with pytest.raises(ParseError):
        parse_amount(Decimal("1.005"))
    with pytest.raises(ParseError):
        parse_amount(True)


@given(AMOUNTS)
def test_a_printed_amount_reads_back_as_itself(amount):
    assert parse_amount(format_amount(amount, cents=True)) == amount
    assert parse_amount(format_amount(amount)) == amount
    assert parse_amount(format_euro(amount)) == amount


@given(AMOUNTS)
def test_an_exported_amount_reads_back_as_itself(amount):
    assert parse_amount(csv_cell(amount)) == amount


@given(st.integers(min_value=1, max_value=999), st.integers(min_value=0, max_value=999))
def test_a_thousands_point_is_read_and_a_thousands_comma_refused(thousands, units):
    assert parse_amount(f"{thousands}.{units:03d}") == thousands * 1000 + units
    with pytest.raises(ParseError, match="meer dan twee cijfers achter de komma"):
        parse_amount(f"{thousands},{units:03d}")


@given(st.decimals(min_value=-(10**6), max_value=10**6, places=2, allow_nan=False))
def test_plain_notations_read_back(amount):
    assert parse_amount(f"{amount:f}".replace(".", ",")) == amount
    assert parse_amount(f"{amount:f}") == amount  # a decimal point, as other systems write


def test_the_maximum_is_what_a_money_field_holds():
    assert parse_amount("999.999.999.999,99") == MAX_AMOUNT
    assert parse_amount("1.000", maximum=Decimal(1000)) == 1000
    with pytest.raises(ParseError, match="hoogstens 1.000,00 euro"):
        parse_amount("1.000,01", maximum=Decimal(1000))


# --- Percentages and other numbers ----------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "percentage"),
    [
        ("32,55", "32.55"),
        ("32.55", "32.55"),
        ("32,55%", "32.55"),
        ("32,55 %", "32.55"),
        ("100", "100"),
        ("0", "0"),
        ("-0", "0"),
        (Decimal("5.01"), "5.01"),
    ],
)
def test_percentages(text, percentage):
    assert parse_percentage(text) == Decimal(percentage)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "ontbreekt"),
        ("%", "ontbreekt"),
        ("veel", "is geen getal"),
        ("100,01", "niet tussen 0 en 100"),
        ("-1", "niet tussen 0 en 100"),
        ("32,555", "meer dan twee decimalen"),
        ("32,550", "meer dan twee decimalen"),
        ("1.000", "niet tussen 0 en 100"),  # a thousand, by the one rule
    ],
)
def test_bad_percentages(text, message):
    with pytest.raises(ParseError) as error:
        parse_percentage(text)
    assert message in error.value.message


@given(st.decimals(min_value=0, max_value=100, places=2, allow_nan=False))
def test_a_printed_percentage_reads_back_as_itself(percentage):
    assert parse_percentage(format_percentage(percentage)) == percentage
    assert parse_percentage(csv_cell(percentage)) == percentage


def test_decimals_such_as_fte():
    assert parse_decimal("25,5") == Decimal("25.50")
    assert parse_decimal("1.250") == Decimal("1250.00")
    assert parse_decimal("0,125", places=3) == Decimal("0.125")
    with pytest.raises(ParseError, match="meer dan 2 cijfers achter de komma"):
        parse_decimal("0,125")
    with pytest.raises(ParseError, match="is geen getal"):
        parse_decimal("vijf")
    with pytest.raises(ParseError, match="is te groot"):
        parse_decimal("9" * 40)


# --- Dates ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "20-04-2021",
        "20-4-2021",
        "20/04/2021",
        "20.04.2021",
        "2021-04-20",
        "2021-04-20T14:05:00",
        "20 april 2021",
        "20 April 2021",
        "20 apr 2021",
        "20 apr. 2021",
        " 20  april  2021 ",
    ],
)
def test_dates_in_dutch_and_iso_notation(text):
    assert parse_date(text) == datetime.date(2021, 4, 20)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "Vul een datum in"),
        ("gisteren", "is geen datum"),
        ("20-04/2021", "is geen datum"),
        ("20 floreal 2021", "is geen datum"),
        ("04/20/2021", "bestaat niet"),  # American order: there is no 20th month
        ("31-02-2023", "bestaat niet"),
        ("20-04-21", "met vier cijfers"),  # 1921 or 2021: never guessed
    ],
)
def test_bad_dates(text, message):
    with pytest.raises(ParseError) as error:
        parse_date(text)
    assert message in error.value.message


def test_dates_given_as_dates():
    assert parse_date(datetime.date(2021, 4, 20)) == datetime.date(2021, 4, 20)
    assert parse_date(datetime.datetime(2021, 4, 20, 14, 5)) == datetime.date(2021, 4, 20)


@given(st.dates(min_value=datetime.date(1000, 1, 1)))
def test_a_printed_or_exported_date_reads_back_as_itself(day):
    with translation.override("nl"):
        assert parse_date(date_filter(day, "j F Y")) == day  # as the pages print it
    assert parse_date(csv_cell(day)) == day  # as the CSV export writes it
    assert parse_date(day.isoformat()) == day
    for input_format in DATE_INPUT_FORMATS:  # what the forms' date fields accept
        assert parse_date(day.strftime(input_format)) == day
