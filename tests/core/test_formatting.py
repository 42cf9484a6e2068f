import datetime
from decimal import Decimal

from django.template import Context, Template
from django.utils import timezone, translation

import pytest

from core.formatting import format_amount, format_date, format_euro, format_percentage


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (Decimal("216387"), "216.387"),
        (Decimal("-6600"), "\u22126.600"),
        (Decimal("213"), "213"),
        (Decimal("70426.92"), "70.426,92"),
        (Decimal("1298000.00"), "1.298.000"),
        (Decimal("0"), "0"),
        (Decimal("-0.5"), "\u22120,50"),
        (None, ""),
    ],
)
def test_format_amount(value, expected):
    assert format_amount(value) == expected


def test_format_euro_and_percentage():
    assert format_euro(Decimal("216387")) == "€ 216.387"
    assert format_euro(Decimal("216387"), cents=True) == "€ 216.387,00"
    assert format_percentage(Decimal("32.55")) == "32,55%"
    assert format_percentage(Decimal("100.01")) == "100,01%"


@pytest.mark.parametrize(
    "value",
    [
        datetime.date(2021, 4, 20),
        datetime.date(2026, 12, 31),
        # Late in the evening UTC is the next day in the Netherlands: the local day is written.
        datetime.datetime(2023, 3, 31, 23, 30, tzinfo=datetime.UTC),
        None,
    ],
)
def test_the_cached_date_reads_as_the_date_filter_writes_it(value):
    """`|datum` is the cached twin of `|date:"j F Y"`: the same text for every date."""
    expected = Template('{{ value|date:"j F Y" }}').render(Context({"value": value}))
    assert format_date(value) == expected
    assert Template("{% load nl %}{{ value|datum }}").render(Context({"value": value})) == expected


def test_the_cached_date_follows_the_active_language():
    day = datetime.date(2021, 4, 20)
    assert format_date(day) == "20 april 2021"
    with translation.override("en"):
        assert format_date(day) == "20 April 2021"
    assert format_date(timezone.make_aware(datetime.datetime(2021, 4, 20, 12))) == "20 april 2021"
