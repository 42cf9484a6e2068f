from decimal import Decimal

import pytest

from core.formatting import format_amount, format_euro, format_percentage


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
