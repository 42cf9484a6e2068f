"""Distribution keys for their pages, each with the sum of its percentages.

The sum is computed in the database; a key whose shares do not add up to exactly 100.00% is
reported (docs/domain-rules.md, "Money").
"""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, DecimalField, Prefetch, QuerySet, Sum, Value
from django.db.models.functions import Coalesce

from finance.models import Allocation, DistributionKey, DistributionShare

HUNDRED = Decimal("100.00")
_PERCENT_FIELD = DecimalField(max_digits=8, decimal_places=2)


@dataclass(frozen=True)
class KeySum:
    """The sum of a key's percentages; anything but exactly 100.00 is reported."""

    total: Decimal

    @property
    def is_complete(self) -> bool:
        return self.total == HUNDRED

    @property
    def difference(self) -> Decimal:
        return self.total - HUNDRED


def _with_share_totals(keys: QuerySet[DistributionKey]) -> QuerySet[DistributionKey]:
    return keys.annotate(
        share_total=Coalesce(
            Sum("shares__percentage", output_field=_PERCENT_FIELD),
            Value(Decimal("0.00"), output_field=_PERCENT_FIELD),
        ),
        share_count=Count("shares"),
    )


def keys_for_list() -> QuerySet[DistributionKey]:
    keys = DistributionKey.objects.all()
    return _with_share_totals(keys.select_related("region")).order_by("region__name", "name")


def key_for_detail(*, slug: str) -> DistributionKey | None:
    keys = DistributionKey.objects.filter(slug=slug)
    return (
        _with_share_totals(keys.select_related("region"))
        .prefetch_related(
            Prefetch(
                "shares",
                queryset=DistributionShare.objects.select_related("municipality").order_by(
                    "municipality__name"
                ),
            ),
            Prefetch(
                "allocations",
                queryset=Allocation.objects.select_related("created_by__person").order_by(
                    "-created"
                ),
            ),
        )
        .first()
    )
