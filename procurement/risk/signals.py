"""The fraud-risk signals of a provider's financial year, computed against the thresholds.

004 names them (the SOJ's dashboard: high profits, high dividend payments, high revenue per FTE,
low costs per FTE); docs/domain-rules.md, "Risk signals" adds the published analysis of 2,107
providers' accounts: a
profit margin above 10% (3–7% is normal for the sector) and personnel costs below 70% of total
costs. A signal calls for a conversation, not a verdict.
"""

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext_lazy as _

from procurement.constants import LegalForm, SignalDirection, SignalKind, SignalUnit

HUNDRED = Decimal(100)


CENTS, EUROS = Decimal("0.01"), Decimal("1")


def _ratio(numerator, denominator, *, scale=Decimal(1), places=CENTS) -> Decimal | None:
    """numerator / denominator × scale, or None when the denominator is zero (not computable)."""
    if not denominator:
        return None
    return (Decimal(numerator) * scale / Decimal(denominator)).quantize(
        places, rounding=ROUND_HALF_UP
    )


@dataclass(frozen=True)
class SignalDefinition:
    kind: SignalKind
    direction: SignalDirection
    unit: SignalUnit
    measure: str  # what the value is, as the dashboard names it
    compute: Callable  # (financial year) -> Decimal | None


DEFINITIONS: dict[str, SignalDefinition] = {
    definition.kind: definition
    for definition in (
        SignalDefinition(
            SignalKind.PROFIT_MARGIN,
            SignalDirection.ABOVE,
            SignalUnit.PERCENTAGE,
            _("bedrijfsresultaat / omzet"),
            lambda year: _ratio(year.operating_result, year.revenue, scale=HUNDRED),
        ),
        SignalDefinition(
            SignalKind.DIVIDEND,
            SignalDirection.ABOVE,
            SignalUnit.EURO,
            _("uitgekeerd dividend"),
            lambda year: Decimal(year.dividend_paid),
        ),
        SignalDefinition(
            SignalKind.REVENUE_PER_FTE,
            SignalDirection.ABOVE,
            SignalUnit.EURO,
            _("omzet / fte"),
            lambda year: _ratio(year.revenue, year.fte, places=EUROS),
        ),
        SignalDefinition(
            SignalKind.PERSONNEL_COST_PER_FTE,
            SignalDirection.BELOW,
            SignalUnit.EURO,
            _("personeelskosten / fte"),
            lambda year: _ratio(year.personnel_costs, year.fte, places=EUROS),
        ),
        SignalDefinition(
            SignalKind.PERSONNEL_COST_SHARE,
            SignalDirection.BELOW,
            SignalUnit.PERCENTAGE,
            _("personeelskosten / totale kosten"),
            lambda year: _ratio(year.personnel_costs, year.total_costs, scale=HUNDRED),
        ),
    )
}


@dataclass(frozen=True)
class Measurement:
    """One indicator of one financial year: its value, the threshold, and whether it signals."""

    definition: SignalDefinition
    value: Decimal | None  # None: not computable (no revenue, no FTE, no costs)
    threshold: Decimal | None  # None: no active threshold for this kind

    @property
    def kind(self) -> str:
        return self.definition.kind

    @property
    def label(self) -> str:
        return SignalKind(self.definition.kind).label

    @property
    def is_signal(self) -> bool:
        if self.value is None or self.threshold is None:
            return False
        if self.definition.direction == SignalDirection.ABOVE:
            return self.value > self.threshold
        return self.value < self.threshold


def measure(financial_year, thresholds: Mapping[str, Decimal]) -> list[Measurement]:
    """Every indicator of a financial year; `thresholds` maps an active kind to its value."""
    return [
        Measurement(definition, definition.compute(financial_year), thresholds.get(kind))
        for kind, definition in DEFINITIONS.items()
    ]


def signals(financial_year, thresholds: Mapping[str, Decimal]) -> list[Measurement]:
    return [item for item in measure(financial_year, thresholds) if item.is_signal]


def active_thresholds(rows: Iterable) -> dict[str, Decimal]:
    """RiskThreshold rows → {kind: value} for the active ones."""
    return {row.kind: row.value for row in rows if row.is_active}


def structural_remarks(provider) -> list[str]:
    """Features of a provider that the published analysis also counts as signals (no threshold)."""
    remarks = []
    if provider.legal_form == LegalForm.PRIVATE_COMPANY and provider.has_supervisory_board is False:
        remarks.append(str(_("Besloten vennootschap zonder raad van toezicht")))
    return remarks
