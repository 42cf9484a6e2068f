"""The progress-report workflow: concept → ingediend → vastgesteld; adopted is final."""

from .constants import ReportStatus

ALLOWED_TRANSITIONS: dict[str, frozenset[str]] = {
    ReportStatus.DRAFT: frozenset({ReportStatus.SUBMITTED}),
    ReportStatus.SUBMITTED: frozenset({ReportStatus.ADOPTED, ReportStatus.DRAFT}),
    ReportStatus.ADOPTED: frozenset(),
}


def can_transition(current: str, target: str) -> bool:
    return target in ALLOWED_TRANSITIONS.get(current, frozenset())
