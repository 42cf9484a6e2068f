"""Budgets with their totals and lines, and the history of those lines.

Totals are summed in the database over the lines that have an amount: a pro-memorie line has
none and is left out explicitly (docs/domain-rules.md, "Money"), never counted as zero by
accident.
"""

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, DecimalField, F, Prefetch, Q, QuerySet, Sum, Value
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from finance.constants import LineDirection
from finance.models import MONEY, Allocation, Budget, BudgetLine
from governance.models import Body
from programme.models import Project

_MONEY_FIELD = DecimalField(**MONEY)


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


def overview_data() -> tuple[QuerySet, ...]:
    """What the budgets overview shows (the key of its cached body): the budgets, their lines
    (with what they carry over) and their owners."""
    return (Budget.objects.all(), BudgetLine.objects.all(), Body.objects.all())


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
