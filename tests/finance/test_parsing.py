"""Amounts and percentages as Dutch people type them (finance.parsing)."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from core.formatting import format_amount, format_euro
from finance.parsing import ParseError, parse_amount, parse_percentage


@pytest.mark.parametrize(
    ("text", "amount"),
    [
        ("216387", "216387.00"),
        ("216387,50", "216387.50"),
        ("216387.50", "216387.50"),
        ("216.387", "216387.00"),  # as the pages print it
        ("216.387,5", "216387.50"),
        ("1.000.000", "1000000.00"),
        ("€ 216.387", "216387.00"),
        ("−6.600", "-6600.00"),  # the typographic minus of the pages
        ("-6600", "-6600.00"),
        ("€ −6.600", "-6600.00"),
        (" 1 000 ", "1000.00"),
        ("0,5", "0.50"),
    ],
)
def test_amounts_in_dutch_notation(text, amount):
    assert parse_amount(text) == Decimal(amount)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "Vul een bedrag in"),
        ("abc", "is geen bedrag"),
        ("216,387", "meer dan twee cijfers achter de komma"),  # an English thousands comma
        ("1.2345", "meer dan twee cijfers achter de komma"),
        ("216.387.5", "is geen bedrag"),
        ("1,000.50", "is geen bedrag"),
        ("12,5e3", "is geen bedrag"),
        ("NaN", "is geen bedrag"),
        ("1000000000000", "hoogstens 999.999.999.999,99"),
    ],
)
def test_what_is_not_an_amount_is_refused_in_dutch(text, message):
    with pytest.raises(ParseError) as error:
        parse_amount(text)
    assert message in error.value.message


@given(st.decimals(min_value=-(10**11), max_value=10**11, places=2, allow_nan=False))
def test_a_printed_amount_reads_back_as_itself(amount):
    assert parse_amount(format_amount(amount, cents=True)) == amount
    assert parse_amount(format_euro(amount)) == amount


@pytest.mark.parametrize(
    ("text", "percentage"),
    [("32,55", "32.55"), ("32.55", "32.55"), ("32,55%", "32.55"), ("100", "100"), ("0", "0")],
)
def test_percentages(text, percentage):
    assert parse_percentage(text) == Decimal(percentage)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "ontbreekt"),
        ("veel", "is geen getal"),
        ("100,01", "niet tussen 0 en 100"),
        ("-1", "niet tussen 0 en 100"),
        ("32,555", "meer dan twee decimalen"),
    ],
)
def test_bad_percentages(text, message):
    with pytest.raises(ParseError) as error:
        parse_percentage(text)
    assert message in error.value.message
