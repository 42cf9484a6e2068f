"""Allocations of an amount over the municipalities, and each share next to plain rounding."""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Prefetch, QuerySet

from finance.models import Allocation, AllocationShare, DistributionKey
from governance.models import Municipality, Person

from .keys import HUNDRED, KeySum

CENT = Decimal("0.01")


def allocations_for_list() -> QuerySet[Allocation]:
    allocations = Allocation.objects.all()
    return allocations.select_related("key", "budget", "created_by__person").order_by("-created")


def allocation_list_data() -> tuple[QuerySet, ...]:
    """What a row of the allocation list (and its filter's choices) shows, as querysets of the
    active region: the allocations, their keys and the people who made them."""
    return (Allocation.objects.all(), DistributionKey.objects.all(), Person.objects.all())


def latest_allocation() -> Allocation | None:
    """The region's newest allocation, with its shares (for the dashboard panel)."""
    return (
        allocations_for_list()
        .prefetch_related(
            Prefetch(
                "shares",
                queryset=AllocationShare.objects.select_related("municipality").order_by(
                    "-amount", "municipality__name"
                ),
            )
        )
        .first()
    )


def allocation_for_detail(*, pk: int) -> Allocation | None:
    allocations = Allocation.objects.filter(pk=pk)
    return (
        allocations.select_related(
            "key__region__central_municipality", "budget", "created_by__person"
        )
        .prefetch_related(
            Prefetch(
                "shares",
                queryset=AllocationShare.objects.select_related("municipality").order_by(
                    "municipality__name"
                ),
            )
        )
        .first()
    )


@dataclass(frozen=True)
class AllocationRow:
    """A municipality's share, next to what plain rounding (amount × % ÷ 100) would give."""

    share: AllocationShare
    plain_amount: Decimal
    highlight: bool = False

    @property
    def municipality(self) -> Municipality:
        return self.share.municipality

    @property
    def difference(self) -> Decimal:
        return self.share.amount - self.plain_amount


@dataclass(frozen=True)
class AllocationSummary:
    allocation: Allocation
    rows: list[AllocationRow]
    key_sum: KeySum

    @property
    def total(self) -> Decimal:
        return sum((row.share.amount for row in self.rows), Decimal("0.00"))

    @property
    def plain_total(self) -> Decimal:
        return sum((row.plain_amount for row in self.rows), Decimal("0.00"))

    @property
    def difference_total(self) -> Decimal:
        return self.total - self.plain_total

    @property
    def is_refund(self) -> bool:
        return self.allocation.amount < 0

    def row_of(self, municipality: Municipality) -> AllocationRow | None:
        return next((row for row in self.rows if row.municipality.pk == municipality.pk), None)


def allocation_summary(
    allocation: Allocation, *, highlight: Municipality | None = None
) -> AllocationSummary:
    """The stored shares of an allocation with the plain-rounding comparison."""
    rows = [
        AllocationRow(
            share=share,
            plain_amount=(allocation.amount * share.percentage / HUNDRED).quantize(
                CENT, ROUND_HALF_UP
            ),
            highlight=highlight is not None and share.municipality_id == highlight.pk,
        )
        for share in allocation.shares.all()
    ]
    return AllocationSummary(allocation=allocation, rows=rows, key_sum=KeySum(allocation.key_sum))
