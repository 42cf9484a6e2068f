"""How the registers show outcomes and statuses: the status colours of static/css/app.css."""

from governance.constants import CouncilViewStatus, DecisionOutcome

OUTCOME_CSS = {
    DecisionOutcome.PROPOSED: "in_progress",
    DecisionOutcome.DISCUSSED: "unknown",
    DecisionOutcome.ADOPTED: "achieved",
    DecisionOutcome.AGREED: "achieved",
    DecisionOutcome.HELD_OVER: "at_risk",
    DecisionOutcome.REJECTED: "not_achieved",
    DecisionOutcome.NOTED: "unknown",
}

COUNCIL_VIEW_CSS = {
    CouncilViewStatus.AWAITED: "in_progress",
    CouncilViewStatus.RECEIVED: "achieved",
    CouncilViewStatus.NONE: "unknown",
}


def outcome_css(outcome: str) -> str:
    return OUTCOME_CSS.get(outcome, "unknown")


def council_view_css(status: str) -> str:
    return COUNCIL_VIEW_CSS.get(status, "unknown")
