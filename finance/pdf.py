"""The statement of one municipality's share of an allocation, as an A4 PDF.

It says what the municipality owes (or gets back) and on what basis: the key and its source, the
amount allocated, its share, the key's sum and the date — with the whole distribution beside it.
"""

from dataclasses import dataclass
from datetime import date

from django.utils import timezone

from core.pdf import render_to_pdf
from governance.models import Municipality

from .models import Allocation
from .selectors import AllocationRow, AllocationSummary, allocation_summary


@dataclass(frozen=True)
class AllocationStatement:
    """Exactly what the print template shows."""

    allocation: Allocation
    municipality: Municipality
    summary: AllocationSummary
    row: AllocationRow
    collector: Municipality | None  # the central municipality that recovers the costs
    allocated_on: date
    printed_on: date

    @property
    def is_refund(self) -> bool:
        return self.row.share.amount < 0

    @property
    def amount_due(self):
        return abs(self.row.share.amount)


def allocation_statement(allocation: Allocation, municipality: Municipality) -> AllocationStatement:
    summary = allocation_summary(allocation, highlight=municipality)
    row = summary.row_of(municipality)
    if row is None:
        raise ValueError(f"{municipality} has no share in allocation {allocation.pk}")
    return AllocationStatement(
        allocation=allocation,
        municipality=municipality,
        summary=summary,
        row=row,
        collector=allocation.key.region.central_municipality,
        allocated_on=timezone.localdate(allocation.created),
        printed_on=timezone.localdate(),
    )


def allocation_statement_pdf(statement: AllocationStatement) -> tuple[str, bytes]:
    return render_to_pdf("finance/pdf/allocation_statement.html", {"statement": statement})
