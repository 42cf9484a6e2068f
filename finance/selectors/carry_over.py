"""Carrying a budget's balance over into a later budget, checked against the balances carried."""

from dataclasses import dataclass
from decimal import Decimal

from finance.constants import BudgetKind, LineDirection
from finance.models import Budget, BudgetLine


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
