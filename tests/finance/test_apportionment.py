"""Apportioning an amount over a key (docs/domain-rules.md, "Money"): exact to the cent, largest
remainder."""

from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from finance.apportionment import ApportionmentError, apportion

ZHZ_KEY = {
    "Alblasserdam": Decimal("5.01"),
    "Dordrecht": Decimal("32.55"),
    "Gorinchem": Decimal("8.29"),
    "Hardinxveld-Giessendam": Decimal("3.81"),
    "Hendrik-Ido-Ambacht": Decimal("5.87"),
    "Hoeksche Waard": Decimal("12.99"),
    "Molenlanden": Decimal("7.77"),
    "Papendrecht": Decimal("6.39"),
    "Sliedrecht": Decimal("6.73"),
    "Zwijndrecht": Decimal("10.60"),
}


def test_the_meicirculaire_key_sums_to_100_01_and_is_reported() -> None:
    result = apportion(Decimal("216387"), ZHZ_KEY)

    assert sum(ZHZ_KEY.values()) == Decimal("100.01")
    assert result.key_sum == Decimal("100.01")
    assert not result.is_complete
    assert result.difference == Decimal("0.01")


def test_the_meicirculaire_amount_is_apportioned_exactly() -> None:
    result = apportion(Decimal("216387"), ZHZ_KEY)

    # Floors of 216387 * pct / 100.01 sum to 216386.94; the six missing cents go to the six
    # largest remainders (in cents: Sliedrecht .896, Molenlanden .874, Gorinchem .863,
    # Zwijndrecht .853, Hendrik-Ido-Ambacht .684, Papendrecht .673; Dordrecht's .581 misses out).
    assert result.amounts == {
        "Alblasserdam": Decimal("10839.90"),
        "Dordrecht": Decimal("70426.92"),
        "Gorinchem": Decimal("17936.69"),
        "Hardinxveld-Giessendam": Decimal("8243.52"),
        "Hendrik-Ido-Ambacht": Decimal("12700.65"),
        "Hoeksche Waard": Decimal("28105.86"),
        "Molenlanden": Decimal("16811.59"),
        "Papendrecht": Decimal("13825.75"),
        "Sliedrecht": Decimal("14561.39"),
        "Zwijndrecht": Decimal("22934.73"),
    }
    assert sum(result.amounts.values()) == Decimal("216387.00")
    assert list(result.amounts) == list(ZHZ_KEY)


def test_plain_rounding_is_reported_beside_it() -> None:
    result = apportion(Decimal("216387"), ZHZ_KEY)

    # 216387 * 32.55 / 100 = 70433.9685: plain rounding, over a key of 100.01%.
    assert result.plain_amounts["Dordrecht"] == Decimal("70433.97")
    dordrecht = result.shares[1]
    assert dordrecht.difference_from_plain == Decimal("-7.05")
    assert sum(result.plain_amounts.values()) != Decimal("216387.00")


def test_a_complete_key() -> None:
    shares = {"a": Decimal("33.33"), "b": Decimal("33.33"), "c": "33.34"}

    result = apportion(Decimal("100.00"), shares)

    assert result.is_complete
    assert result.difference == Decimal("0.00")
    assert result.amounts == {"a": Decimal("33.33"), "b": Decimal("33.33"), "c": Decimal("33.34")}


def test_ties_go_to_the_larger_percentage_then_to_the_first_key() -> None:
    # Three equal shares of 0.02: each is 0.00666…; the two missing cents go to a and b.
    assert apportion("0.02", {"a": 1, "b": 1, "c": 1}).amounts == {
        "a": Decimal("0.01"),
        "b": Decimal("0.01"),
        "c": Decimal("0.00"),
    }


def test_a_negative_amount_is_the_mirror_of_the_positive() -> None:
    positive = apportion(Decimal("216387"), ZHZ_KEY)
    negative = apportion(Decimal("-216387"), ZHZ_KEY)

    assert negative.amounts == {key: -amount for key, amount in positive.amounts.items()}
    assert sum(negative.amounts.values()) == Decimal("-216387.00")


def test_ints_and_strings_are_accepted() -> None:
    result = apportion(10, {"a": "50", "b": 50})

    assert result.amounts == {"a": Decimal("5.00"), "b": Decimal("5.00")}
    assert result.amount == Decimal("10.00")


@pytest.mark.parametrize(
    ("amount", "shares", "message"),
    [
        (Decimal("1"), {}, "De verdeelsleutel heeft geen aandelen."),
        (Decimal("1"), {"a": Decimal("-0.01")}, "Het aandeel van a is negatief (-0,01%)."),
        (Decimal("1"), {"a": Decimal("100.01")}, "Het aandeel van a is groter dan 100%"),
        (Decimal("1"), {"a": Decimal("0"), "b": 0}, "tellen op tot 0%"),
        (Decimal("1"), {"a": Decimal("33.333")}, "heeft meer dan twee decimalen."),
        (Decimal("1"), {"a": 0.5}, "geen float"),
        (Decimal("1"), {"a": "veel"}, "geen getal"),
        (Decimal("1.005"), {"a": 100}, "Een bedrag heeft hoogstens twee decimalen."),
        (Decimal("NaN"), {"a": 100}, "geen eindig getal"),
        (Decimal("Infinity"), {"a": 100}, "geen eindig getal"),
        ("1e-1000000", {"a": 100}, "Een bedrag heeft hoogstens twee decimalen."),
        (Decimal("1E+20"), {"a": 100}, "hoogstens 999.999.999.999,99 euro"),
        (1.5, {"a": 100}, "moet een Decimal, een geheel getal of tekst zijn, geen float."),
        (True, {"a": 100}, "geen bool"),
        ("abc", {"a": 100}, "Het bedrag is geen getal: 'abc'."),
    ],
)
def test_bad_input_is_refused_with_a_dutch_message(amount, shares, message: str) -> None:
    with pytest.raises(ApportionmentError) as raised:
        apportion(amount, shares)

    assert message in raised.value.message
    assert isinstance(raised.value, ValueError)


def test_trailing_zeros_are_not_extra_decimals() -> None:
    assert apportion(Decimal("1.500"), {"a": 100}).amounts == {"a": Decimal("1.50")}


# --- laws ---

amounts = st.integers(-(10**11), 10**11).map(lambda cents: Decimal(cents).scaleb(-2))
percentages = st.integers(0, 10_000).map(lambda hundredths: Decimal(hundredths).scaleb(-2))
keys = st.lists(percentages, min_size=1, max_size=400).filter(lambda pcts: sum(pcts) > 0)


@given(amounts, keys)
def test_the_shares_sum_exactly_to_the_amount(amount: Decimal, pcts: list[Decimal]) -> None:
    result = apportion(amount, dict(enumerate(pcts)))

    assert sum(result.amounts.values()) == amount
    assert all(share.as_tuple().exponent == -2 for share in result.amounts.values())


@given(amounts, keys)
def test_each_share_is_within_a_cent_of_its_exact_value(
    amount: Decimal, pcts: list[Decimal]
) -> None:
    result = apportion(amount, dict(enumerate(pcts)))

    key_sum = Fraction(sum(pcts))
    for index, pct in enumerate(pcts):
        exact = Fraction(amount) * Fraction(pct) / key_sum
        assert abs(Fraction(result.amounts[index]) - exact) < Fraction(1, 100)


@given(amounts, keys)
def test_a_bigger_percentage_never_gets_less(amount: Decimal, pcts: list[Decimal]) -> None:
    result = apportion(amount, dict(enumerate(pcts)))

    # Compared in size, so a negative amount is held to the same law as its mirror image.
    sizes_by_percentage: dict[Decimal, list[Decimal]] = {}
    for index, pct in enumerate(pcts):
        sizes_by_percentage.setdefault(pct, []).append(abs(result.amounts[index]))
    levels = [sizes_by_percentage[pct] for pct in sorted(sizes_by_percentage)]
    for lower, higher in zip(levels, levels[1:], strict=False):
        assert max(lower) <= min(higher)


@given(amounts, keys)
def test_the_result_is_deterministic(amount: Decimal, pcts: list[Decimal]) -> None:
    shares = {f"gemeente {i}": pct for i, pct in enumerate(pcts)}

    assert apportion(amount, shares) == apportion(amount, dict(shares))


@given(amounts, keys)
def test_the_key_sum_is_reported(amount: Decimal, pcts: list[Decimal]) -> None:
    result = apportion(amount, dict(enumerate(pcts)))

    assert result.key_sum == sum(pcts)
    assert result.is_complete == (sum(pcts) == 100)
    assert result.difference == sum(pcts) - 100
