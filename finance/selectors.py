"""Reads for the money pages: querysets shaped for each page, in a fixed number of queries.

Totals are summed in the database over the lines that have an amount: a pro-memorie line has
none and is left out explicitly (docs/domain-rules.md, "Money"), never counted as zero by accident.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, DecimalField, F, Prefetch, Q, QuerySet, Sum, Value
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from governance.models import Municipality
from programme.models import Project

from .constants import BudgetKind, FundingKind, LineDirection
from .models import (
    MONEY,
    Allocation,
    AllocationShare,
    Budget,
    BudgetLine,
    DistributionKey,
    DistributionShare,
    FundingSource,
    SavingsMeasure,
)

HUNDRED = Decimal("100.00")
CENT = Decimal("0.01")
_MONEY_FIELD = DecimalField(**MONEY)
_PERCENT_FIELD = DecimalField(max_digits=8, decimal_places=2)


# --- Keys and their sums --------------------------------------------------------------------


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


# --- Budgets --------------------------------------------------------------------------------


def _line_total(direction: str) -> Coalesce:
    return Coalesce(
        Sum(
            "lines__amount",
            filter=Q(lines__direction=direction, lines__is_pro_memorie=False),
            output_field=_MONEY_FIELD,
        ),
        Value(Decimal("0.00"), output_field=_MONEY_FIELD),
    )


def budgets_with_totals() -> QuerySet[Budget]:
    """Budgets with income_total, cost_total, balance (income − cost) and pro_memorie_count."""
    return Budget.objects.annotate(
        income_total=_line_total(LineDirection.INCOME),
        cost_total=_line_total(LineDirection.COST),
        pro_memorie_count=Count("lines", filter=Q(lines__is_pro_memorie=True)),
    ).annotate(balance=F("income_total") - F("cost_total"))


def _lines_prefetch() -> Prefetch:
    return Prefetch(
        "lines",
        queryset=BudgetLine.objects.select_related("project", "project__continues_in")
        .prefetch_related(
            Prefetch(
                "carried_over_from",
                queryset=budgets_with_totals().order_by("year", "kind"),
            )
        )
        .order_by("order"),
    )


def budgets_for_overview() -> QuerySet[Budget]:
    """Every budget with its totals and lines (and what each line carries over), by year."""
    return (
        budgets_with_totals()
        .select_related("owner")
        .prefetch_related(
            _lines_prefetch(),
            Prefetch(
                "carried_into",
                queryset=BudgetLine.objects.select_related("budget").order_by("budget__year"),
            ),
        )
        .order_by("year", "kind", "owner__name")
    )


def budget_for_detail(*, slug: str) -> Budget | None:
    return (
        budgets_with_totals()
        .filter(slug=slug)
        .select_related("owner")
        .prefetch_related(
            _lines_prefetch(),
            Prefetch(
                "carried_into",
                queryset=BudgetLine.objects.select_related("budget").order_by("budget__year"),
            ),
            Prefetch(
                "allocations",
                queryset=Allocation.objects.select_related("key").order_by("-created"),
            ),
        )
        .first()
    )


def budgets_with_balance() -> QuerySet[Budget]:
    """Budgets whose balance is not zero: those an allocation can recover or pay back."""
    return (
        budgets_with_totals().exclude(balance=0).select_related("owner").order_by("-year", "kind")
    )


def budget_balance(budget: Budget) -> Decimal:
    """The balance (income − cost, pro memorie left out) as it is in the database now."""
    return budgets_with_totals().values_list("balance", flat=True).get(pk=budget.pk)


def budget_line_choices_for(budget: Budget) -> QuerySet[Budget]:
    """The budgets a line of `budget` may carry over: the same owner's, of earlier years."""
    return Budget.objects.filter(owner_id=budget.owner_id, year__lt=budget.year).order_by(
        "year", "kind"
    )


def projects_for_lines() -> QuerySet[Project]:
    projects = Project.objects.select_related("programme")
    return projects.order_by("-programme__starts_on", "code", "name")


@dataclass(frozen=True)
class BudgetView:
    """A budget with its lines split into income and cost, as the pages show them."""

    budget: Budget
    income_lines: list[BudgetLine]
    cost_lines: list[BudgetLine]

    @property
    def pro_memorie_lines(self) -> list[BudgetLine]:
        return [line for line in self.income_lines + self.cost_lines if line.is_pro_memorie]


def budget_view(budget: Budget) -> BudgetView:
    lines = list(budget.lines.all())
    return BudgetView(
        budget=budget,
        income_lines=[line for line in lines if line.direction == LineDirection.INCOME],
        cost_lines=[line for line in lines if line.direction == LineDirection.COST],
    )


@dataclass(frozen=True)
class YearOfBudgets:
    year: int
    budgets: list[BudgetView]


def budgets_by_year(budgets) -> list[YearOfBudgets]:
    years: dict[int, list[BudgetView]] = defaultdict(list)
    for budget in budgets:
        years[budget.year].append(budget_view(budget))
    return [YearOfBudgets(year, views) for year, views in sorted(years.items())]


# --- Carrying a balance over into a later budget --------------------------------------------


@dataclass(frozen=True)
class CarryOverCheck:
    """A line that carries over the balances of earlier budgets, checked against them.

    The line's amount counts as income; a carried-over deficit may be booked as a cost line,
    whose amount then counts negatively. 'Restant 2021-2022' of 2023 carries 213 = −6,600 (2021)
    + 6,813 (2022).
    """

    line: BudgetLine
    budget: Budget
    sources: list[Budget]  # annotated with `balance`

    @property
    def sources_total(self) -> Decimal:
        return sum((source.balance for source in self.sources), Decimal("0.00"))

    @property
    def carried(self) -> Decimal | None:
        if self.line.is_pro_memorie:
            return None
        amount = self.line.amount
        return amount if self.line.direction == LineDirection.INCOME else -amount

    @property
    def difference(self) -> Decimal | None:
        return None if self.carried is None else self.carried - self.sources_total

    @property
    def matches(self) -> bool:
        return self.difference == 0


def carry_over_checks(budgets) -> list[CarryOverCheck]:
    """The checks for every carrying line of `budgets` (from their prefetched lines)."""
    checks = []
    for budget in budgets:
        for line in budget.lines.all():
            sources = list(line.carried_over_from.all())
            if sources:
                checks.append(CarryOverCheck(line=line, budget=budget, sources=sources))
    return checks


def balances_not_carried_over(budgets) -> list[Budget]:
    """Realisations with a balance that no later budget has taken over (yet)."""
    return [
        budget
        for budget in budgets
        if budget.kind == BudgetKind.REALISATION
        and budget.balance != 0
        and not list(budget.carried_into.all())
    ]


# --- Allocations ----------------------------------------------------------------------------


def allocations_for_list() -> QuerySet[Allocation]:
    allocations = Allocation.objects.all()
    return allocations.select_related("key", "budget", "created_by__person").order_by("-created")


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


# --- Funding matrix -------------------------------------------------------------------------


@dataclass(frozen=True)
class FundingCell:
    kind: str
    label: str
    source: FundingSource | None


@dataclass(frozen=True)
class FundingRow:
    project: Project
    cells: list[FundingCell]


def _projects_with_funding() -> QuerySet[Project]:
    projects = Project.objects.filter(Q(theme__isnull=False) | Q(funding_sources__isnull=False))
    return (
        projects.distinct()
        .select_related("theme", "programme")
        .prefetch_related(Prefetch("funding_sources", queryset=FundingSource.objects.all()))
        .order_by("-programme__starts_on", "code", "name")
    )


def funding_row(project: Project) -> FundingRow:
    by_kind = {source.kind: source for source in project.funding_sources.all()}
    return FundingRow(
        project=project,
        cells=[FundingCell(kind, label, by_kind.get(kind)) for kind, label in FundingKind.choices],
    )


def funding_matrix() -> list[FundingRow]:
    """Projects × funding kinds (003, 'Begroting Netwerk MT Jeugd 2021–2022')."""
    return [funding_row(project) for project in _projects_with_funding()]


def project_for_funding(*, slug: str) -> Project | None:
    projects = Project.objects.filter(slug=slug)
    return (
        projects.select_related("theme", "programme")
        .prefetch_related(Prefetch("funding_sources", queryset=FundingSource.objects.all()))
        .first()
    )


# --- Savings measures -----------------------------------------------------------------------


@dataclass(frozen=True)
class SavingsRow:
    name: str
    cells: list[Decimal | None]  # one per year of the municipality's table
    structural: Decimal | None
    source: str


@dataclass
class MunicipalitySavings:
    municipality: Municipality
    years: list[int] = field(default_factory=list)
    rows: list[SavingsRow] = field(default_factory=list)
    year_totals: list[Decimal] = field(default_factory=list)
    structural_total: Decimal | None = None


def savings_overview() -> list[MunicipalitySavings]:
    """Each municipality's measures as a table: one column per year, then the structural effect."""
    measures = SavingsMeasure.objects.select_related("municipality")
    grouped: dict[int, list[SavingsMeasure]] = defaultdict(list)
    municipalities: dict[int, Municipality] = {}
    for measure in measures.order_by("municipality__name", "pk"):
        grouped[measure.municipality_id].append(measure)
        municipalities[measure.municipality_id] = measure.municipality

    overview = []
    for municipality_id, items in grouped.items():
        years = sorted({m.year for m in items if m.year is not None})
        by_name: dict[str, dict] = {}
        for measure in items:
            entry = by_name.setdefault(
                measure.name, {"years": {}, "structural": None, "source": measure.source}
            )
            if measure.year is None:
                entry["structural"] = measure.amount
            else:
                entry["years"][measure.year] = measure.amount
        rows = [
            SavingsRow(
                name=name,
                cells=[entry["years"].get(year) for year in years],
                structural=entry["structural"],
                source=entry["source"],
            )
            for name, entry in by_name.items()
        ]
        structural = [row.structural for row in rows if row.structural is not None]
        overview.append(
            MunicipalitySavings(
                municipality=municipalities[municipality_id],
                years=years,
                rows=rows,
                year_totals=[
                    sum((row.cells[i] or Decimal("0") for row in rows), Decimal("0.00"))
                    for i in range(len(years))
                ],
                structural_total=sum(structural, Decimal("0.00")) if structural else None,
            )
        )
    return overview


# --- The money of a year (dashboard panel) --------------------------------------------------


@dataclass(frozen=True)
class YearMoney:
    year: int
    owner: str
    budget: Budget | None  # the budget, or the provisional budget when there is no other
    realisation: Budget | None


def money_by_year(*, year: int | None = None) -> list[YearMoney]:
    """Per year and owner: what was budgeted and what was realised, with their balances."""
    budgets = budgets_with_totals().select_related("owner")
    if year is not None:
        budgets = budgets.filter(year=year)
    grouped: dict[tuple[int, str], dict[str, Budget]] = defaultdict(dict)
    for budget in budgets.order_by("year", "owner__name"):
        grouped[(budget.year, budget.owner.abbreviation)][budget.kind] = budget
    return [
        YearMoney(
            year=year_,
            owner=owner,
            budget=kinds.get(BudgetKind.BUDGET) or kinds.get(BudgetKind.PROVISIONAL_BUDGET),
            realisation=kinds.get(BudgetKind.REALISATION),
        )
        for (year_, owner), kinds in grouped.items()
    ]


# --- History of a budget's lines ------------------------------------------------------------


@dataclass(frozen=True)
class LineChange:
    when: object
    who: str
    action: str
    label: str
    amount: Decimal | None
    is_pro_memorie: bool
    reason: str


_ACTIONS = {"+": _("toegevoegd"), "~": _("gewijzigd"), "-": _("verwijderd")}


def budget_line_changes(budget: Budget, *, limit: int = 25) -> list[LineChange]:
    """The latest changes to the budget's lines (deleted ones included), newest first."""
    records = (
        BudgetLine.history.filter(budget_id=budget.pk)
        .select_related("history_user__person")
        .order_by("-history_date", "-history_id")[:limit]
    )
    changes = []
    for record in records:
        user = record.history_user
        if user is None:
            who = _("onbekend")
        else:
            person = getattr(user, "person", None)
            who = person.name if person else user.get_username()
        changes.append(
            LineChange(
                when=record.history_date,
                who=who,
                action=_ACTIONS.get(record.history_type, record.history_type),
                label=record.label,
                amount=record.amount,
                is_pro_memorie=record.is_pro_memorie,
                reason=record.history_change_reason or "",
            )
        )
    return changes
