"""Apportion an amount over a distribution key: the one function docs/domain-rules.md asks for.

docs/domain-rules.md, "Money": amounts are `Decimal` euros with cents, never float; the shares sum
exactly to
the amount; remainders go by the largest-remainder method; a key whose percentages do not sum to
100% is reported, not silently used.

How (Hamilton's largest-remainder method, computed in whole cents and hundredths of a percent, so
nothing is ever rounded by Decimal's context):

1. each key's exact share is ``|amount| * pct / key_sum`` — normalised by the actual sum of the
   percentages, so the shares add up to the amount even when the key sums to 100.01%;
2. each share is floored to the cent;
3. the cents still missing go one by one to the largest remainders; ties go to the larger
   percentage, then to the key given first;
4. a negative amount is apportioned as its absolute value and the sign put back, so -x gives
   exactly the negated shares of x (rounding toward zero, symmetrically).

Next to it the result carries, per key, the plain-rounded amount ``amount * pct / 100`` (half up,
to the cent) so that a page can show how far plain rounding would have been off, and the key's sum
and its difference from 100 so that an incomplete key is reported.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation, localcontext
from typing import Generic, TypeVar

from core.parsing import MAX_AMOUNT

K = TypeVar("K", bound=Hashable)

CENT = Decimal("0.01")
HUNDRED = Decimal("100")


class ApportionmentError(ValueError):
    """Input that cannot be apportioned; the message is Dutch and meant for the user."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class ApportionedShare(Generic[K]):
    key: K
    percentage: Decimal
    amount: Decimal
    # amount * percentage / 100, rounded half up to the cent: what plain rounding would give.
    plain_amount: Decimal

    @property
    def difference_from_plain(self) -> Decimal:
        return self.amount - self.plain_amount


@dataclass(frozen=True)
class Apportionment(Generic[K]):
    amount: Decimal
    shares: tuple[ApportionedShare[K], ...]
    key_sum: Decimal

    @property
    def is_complete(self) -> bool:
        """Whether the key's percentages sum to exactly 100.00."""
        return self.key_sum == HUNDRED

    @property
    def difference(self) -> Decimal:
        """The key's sum minus 100, in percentage points (+0.01 for a key summing to 100.01)."""
        return self.key_sum - HUNDRED

    @property
    def amounts(self) -> dict[K, Decimal]:
        """The apportioned amount per key, in the order the key was given."""
        return {share.key: share.amount for share in self.shares}

    @property
    def plain_amounts(self) -> dict[K, Decimal]:
        return {share.key: share.plain_amount for share in self.shares}


def apportion(
    amount: Decimal | int | str, shares: Mapping[K, Decimal | int | str]
) -> Apportionment[K]:
    """Apportion `amount` (euros) over `shares` (percentages) by the largest-remainder method.

    The apportioned amounts always sum exactly to `amount`. Raises `ApportionmentError` (a
    `ValueError`) with a Dutch message for input that cannot be apportioned.
    """
    with localcontext() as context:
        # Amounts have at most 14 digits: with this precision no step below is ever rounded.
        context.prec = 50
        return _apportion(amount, shares)


def _apportion(amount: object, shares: Mapping[K, object]) -> Apportionment[K]:
    total = _validated_amount(amount)
    percentages = {key: _validated_percentage(key, value) for key, value in shares.items()}
    if not percentages:
        raise ApportionmentError("De verdeelsleutel heeft geen aandelen.")
    key_sum = sum(percentages.values(), Decimal("0.00"))
    if key_sum == 0:
        raise ApportionmentError(
            "De aandelen van de verdeelsleutel tellen op tot 0%; er valt niets te verdelen."
        )

    cents = _largest_remainder(_to_units(abs(total)), [_to_units(p) for p in percentages.values()])
    sign = -1 if total < 0 else 1
    return Apportionment(
        amount=total,
        key_sum=key_sum,
        shares=tuple(
            ApportionedShare(
                key=key,
                percentage=percentage,
                amount=Decimal(sign * share_cents).scaleb(-2),
                plain_amount=(total * percentage / HUNDRED).quantize(CENT, ROUND_HALF_UP),
            )
            for (key, percentage), share_cents in zip(percentages.items(), cents, strict=True)
        ),
    )


def _largest_remainder(total: int, weights: list[int]) -> list[int]:
    """Split the whole number `total` (>= 0) in proportion to `weights` (sum > 0) exactly."""
    weight_sum = sum(weights)
    floors, remainders = zip(
        *(divmod(total * weight, weight_sum) for weight in weights), strict=True
    )
    missing = total - sum(floors)  # fewer than len(weights): each remainder is below one unit
    # Largest remainder first; ties to the larger weight, then to the key given first.
    order = sorted(range(len(weights)), key=lambda i: (-remainders[i], -weights[i], i))
    lucky = set(order[:missing])
    return [floor + (1 if i in lucky else 0) for i, floor in enumerate(floors)]


def _to_units(value: Decimal) -> int:
    """A value with at most two decimals as a whole number of hundredths (cents, basis points)."""
    return int(value.scaleb(2))


def _as_decimal(value: object, what: str) -> Decimal:
    # Floats carry binary rounding errors into money: refuse them rather than guess.
    if isinstance(value, float | bool) or not isinstance(value, Decimal | int | str):
        raise ApportionmentError(
            f"{what} moet een Decimal, een geheel getal of tekst zijn, geen {type(value).__name__}."
        )
    try:
        number = Decimal(value)
    except InvalidOperation:
        raise ApportionmentError(f"{what} is geen getal: '{value}'.") from None
    if not number.is_finite():
        raise ApportionmentError(f"{what} is geen eindig getal: '{value}'.")
    return number


def _validated_amount(value: object) -> Decimal:
    amount = _as_decimal(value, "Het bedrag")
    if amount.copy_abs() > MAX_AMOUNT:
        raise ApportionmentError("Een bedrag is hoogstens 999.999.999.999,99 euro.")
    if amount != amount.quantize(CENT):
        raise ApportionmentError("Een bedrag heeft hoogstens twee decimalen.")
    return amount.quantize(CENT)


def _validated_percentage(key: object, value: object) -> Decimal:
    percentage = _as_decimal(value, f"Het aandeel van {key}")
    if percentage < 0:
        raise ApportionmentError(f"Het aandeel van {key} is negatief ({_dutch(percentage)}%).")
    if percentage > HUNDRED:
        raise ApportionmentError(
            f"Het aandeel van {key} is groter dan 100% ({_dutch(percentage)}%)."
        )
    if percentage != percentage.quantize(CENT):
        raise ApportionmentError(f"Het aandeel van {key} heeft meer dan twee decimalen.")
    return percentage.quantize(CENT)


def _dutch(number: Decimal) -> str:
    return str(number).replace(".", ",")
