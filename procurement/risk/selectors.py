"""Reads for the risk dashboard and a provider's risk page, in a fixed number of queries."""

import functools
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import OuterRef, QuerySet, Subquery
from django.urls import get_script_prefix, reverse
from django.utils.translation import gettext_lazy as _

from core.scope import in_active_region
from procurement.constants import SignalKind
from procurement.models import Provider

from .models import ProviderFinancialYear, ProviderRiskPageView, RiskThreshold
from .signals import DEFINITIONS, Measurement, active_thresholds, measure, structural_remarks


def thresholds_current() -> dict[str, Decimal]:
    """{signal kind: threshold} of the active thresholds (one query)."""
    return active_thresholds(RiskThreshold.objects.all())


def threshold_rows() -> QuerySet[RiskThreshold]:
    return RiskThreshold.objects.order_by("kind")


def financial_years_available() -> list[int]:
    return list(
        ProviderFinancialYear.objects.order_by("-year").values_list("year", flat=True).distinct()
    )


@dataclass(frozen=True)
class ProviderRisk:
    """A provider in one financial year: every indicator, the signals among them, and remarks."""

    provider: Provider
    financial_year: ProviderFinancialYear
    measurements: list[Measurement]
    remarks: list[str] = field(default_factory=list)

    @functools.cached_property
    def signals(self) -> list[Measurement]:
        return [item for item in self.measurements if item.is_signal]

    @property
    def url(self) -> str:
        """The provider's risk page: reversed once for the dashboard's hundreds of providers."""
        head, tail = _risk_url_parts(get_script_prefix())
        return f"{head}{self.provider.slug}{tail}"


_PLACEHOLDER_SLUG = "aanbieder-plaatshouder"


@functools.lru_cache(maxsize=16)
def _risk_url_parts(prefix: str) -> tuple[str, str]:
    head, _sep, tail = reverse("procurement:risk_provider", args=[_PLACEHOLDER_SLUG]).rpartition(
        _PLACEHOLDER_SLUG
    )
    return head, tail


def risk_dashboard_data() -> tuple[QuerySet, ...]:
    """What the risk dashboard's providers part shows (the key of its cached fragment): the
    providers, their financial years and the region's thresholds."""
    return (
        Provider.objects.all(),
        ProviderFinancialYear.objects.all(),
        RiskThreshold.objects.all(),
    )


@dataclass(frozen=True)
class RiskDashboard:
    year: int | None  # None: each provider's latest year
    with_signals: list[ProviderRisk]
    without_signals: list[ProviderRisk]
    without_figures: list[Provider]
    thresholds: dict[str, Decimal]


def risk_dashboard(*, year: int | None = None) -> RiskDashboard:
    """Providers by their signals, most signals first; in three queries."""
    thresholds = thresholds_current()  # query 1
    years = ProviderFinancialYear.objects.select_related("provider").order_by(
        "provider__name", "provider_id"
    )
    if year is not None:
        years = years.filter(year=year)
    else:
        # Only each provider's latest year is read (through the (provider, year) index), not
        # every year of every provider.
        newest = ProviderFinancialYear.objects.filter(provider=OuterRef("provider_id"))
        years = years.filter(year=Subquery(newest.order_by("-year").values("year")[:1]))
    # query 2: the financial years with their providers
    latest = {financial_year.provider_id: financial_year for financial_year in years}
    rows = [
        ProviderRisk(
            provider=item.provider,
            financial_year=item,
            measurements=measure(item, thresholds),
            remarks=structural_remarks(item.provider),
        )
        for item in latest.values()
    ]
    rows.sort(key=lambda row: (-len(row.signals), row.provider.name.lower()))
    without_figures = list(  # query 3
        Provider.objects.exclude(pk__in=latest.keys()).order_by("name")
    )
    return RiskDashboard(
        year=year,
        with_signals=[row for row in rows if row.signals],
        without_signals=[row for row in rows if not row.signals],
        without_figures=without_figures,
        thresholds=thresholds,
    )


def provider_risk_history(provider: Provider) -> list[ProviderRisk]:
    """A provider's figures over the years, oldest first, each with its indicators."""
    thresholds = thresholds_current()
    remarks = structural_remarks(provider)
    return [
        ProviderRisk(provider, item, measure(item, thresholds), remarks)
        for item in provider.financial_years.order_by("year")
    ]


def risk_page_views_of(provider: Provider, *, limit: int) -> QuerySet[ProviderRiskPageView]:
    return provider.risk_page_views.order_by("-viewed_at")[:limit]


# The figures of a financial year as the risk page shows them; a figure that is itself a signal
# (the dividend paid) carries the kind, so its cells are flagged and it is not shown twice.
FIGURES = (
    ("revenue", _("Omzet"), "euro", None),
    ("operating_result", _("Bedrijfsresultaat"), "euro", None),
    ("dividend_paid", _("Uitgekeerd dividend"), "euro", SignalKind.DIVIDEND),
    ("fte", _("Fte"), "number", None),
    ("personnel_costs", _("Personeelskosten"), "euro", None),
    ("total_costs", _("Totale kosten"), "euro", None),
)


@dataclass(frozen=True)
class Cell:
    value: Decimal | None
    is_signal: bool = False


@dataclass(frozen=True)
class TableRow:
    label: str
    note: str  # what an indicator is calculated as, or its signal
    unit: str  # euro, percentage or number
    cells: list[Cell]


def figures_by_year(history: list[ProviderRisk]) -> tuple[list[TableRow], list[TableRow]]:
    """The figures and the indicators of a provider with the years as columns (oldest first)."""
    kinds = list(DEFINITIONS)
    shown_as_figure = {kind for *_rest, kind in FIGURES if kind}

    def measurement(row, kind):
        return row.measurements[kinds.index(kind)]

    figures = [
        TableRow(
            label=str(label),
            note=str(SignalKind(kind).label) if kind else "",
            unit=unit,
            cells=[
                Cell(
                    getattr(row.financial_year, name),
                    bool(kind) and measurement(row, kind).is_signal,
                )
                for row in history
            ],
        )
        for name, label, unit, kind in FIGURES
    ]
    indicators = [
        TableRow(
            label=str(definition.measure).capitalize(),
            note=str(SignalKind(kind).label),
            unit=definition.unit,
            cells=[
                Cell(measurement(row, kind).value, measurement(row, kind).is_signal)
                for row in history
            ],
        )
        for kind, definition in DEFINITIONS.items()
        if kind not in shown_as_figure
    ]
    return figures, indicators


def threshold_changes(*, limit: int):
    """The latest changes to the active region's thresholds, with who made them (one query).

    The history table has no scoped manager: it is limited to the region here.
    """
    history = RiskThreshold.history.select_related("history_user__person")
    return in_active_region(history, "region").order_by("-history_date")[:limit]
