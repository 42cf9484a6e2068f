"""The money of a year, for the dashboard panel: what was budgeted and what was realised."""

from collections import defaultdict
from dataclasses import dataclass

from finance.constants import BudgetKind
from finance.models import Budget

from .budgets import budgets_with_totals


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
