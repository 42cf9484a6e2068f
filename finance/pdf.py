"""The statement of one municipality's share of an allocation, as an A4 PDF; all of them as a ZIP.

It says what the municipality owes (or gets back) and on what basis: the key and its source, the
amount allocated, its share, the key's sum and the date — with the whole distribution beside it.
"""

import io
import zipfile
from dataclasses import dataclass
from datetime import date

from django.utils import timezone
from django.utils.text import slugify

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


def allocation_statements_zip(allocation: Allocation, progress) -> bytes:
    """Every municipality's statement of `allocation` as one ZIP of PDFs, named by CBS code and
    municipality, in the order of the distribution; `progress(done, total)` after each PDF."""
    shares = list(allocation.shares.all())
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for done, share in enumerate(shares, start=1):
            municipality = share.municipality
            _html, pdf = allocation_statement_pdf(allocation_statement(allocation, municipality))
            archive.writestr(
                f"verdeling-{allocation.pk}-{municipality.cbs_code}-{slugify(municipality.name)}.pdf",
                pdf,
            )
            progress(done, len(shares))
    return buffer.getvalue()
