"""The progress report as a PDF, in the format of the programme plan (chapter 4)."""

from dataclasses import dataclass

from django.utils import timezone

from core.pdf import render_to_pdf

from .constants import EffortStatus
from .models import ProgressReport


@dataclass(frozen=True)
class ProgressReportDocument:
    """Exactly what the print template shows."""

    report: ProgressReport
    lines: list
    legend: list[tuple[str, str]]
    printed_on: object


def progress_report_document(report: ProgressReport) -> ProgressReportDocument:
    return ProgressReportDocument(
        report=report,
        lines=list(report.lines.all()),
        legend=list(EffortStatus.choices),
        printed_on=timezone.localdate(),
    )


def progress_report_pdf(report: ProgressReport) -> bytes:
    _html, pdf = render_to_pdf(
        "programme/pdf/progress_report.html", {"document": progress_report_document(report)}
    )
    return pdf
