"""Reads for the money pages: querysets shaped for each page, in a fixed number of queries.

Totals are summed in the database over the lines that have an amount: a pro-memorie line has
none and is left out explicitly (docs/domain-rules.md, "Money"), never counted as zero by accident.

One module per page's subject: `keys`, `budgets` (with their line history), `carry_over`,
`allocations`, `funding`, `savings` and `money` (the dashboard's year panel).
"""

from .allocations import (
    CENT,
    AllocationRow,
    AllocationSummary,
    allocation_for_detail,
    allocation_list_data,
    allocation_summary,
    allocations_for_list,
    latest_allocation,
)
from .budgets import (
    BudgetView,
    LineChange,
    YearOfBudgets,
    budget_balance,
    budget_for_detail,
    budget_line_changes,
    budget_line_choices_for,
    budget_view,
    budgets_by_year,
    budgets_for_overview,
    budgets_with_balance,
    budgets_with_totals,
    overview_data,
    projects_for_lines,
)
from .carry_over import CarryOverCheck, balances_not_carried_over, carry_over_checks
from .funding import FundingCell, FundingRow, funding_matrix, funding_row, project_for_funding
from .keys import HUNDRED, KeySum, key_for_detail, keys_for_list
from .money import YearMoney, money_by_year
from .savings import MunicipalitySavings, SavingsRow, savings_overview

__all__ = [
    "AllocationRow",
    "AllocationSummary",
    "BudgetView",
    "CENT",
    "CarryOverCheck",
    "FundingCell",
    "FundingRow",
    "HUNDRED",
    "KeySum",
    "LineChange",
    "MunicipalitySavings",
    "SavingsRow",
    "YearMoney",
    "YearOfBudgets",
    "allocation_for_detail",
    "allocation_list_data",
    "allocation_summary",
    "allocations_for_list",
    "balances_not_carried_over",
    "budget_balance",
    "budget_for_detail",
    "budget_line_changes",
    "budget_line_choices_for",
    "budget_view",
    "budgets_by_year",
    "budgets_for_overview",
    "overview_data",
    "budgets_with_balance",
    "budgets_with_totals",
    "carry_over_checks",
    "funding_matrix",
    "funding_row",
    "key_for_detail",
    "keys_for_list",
    "latest_allocation",
    "money_by_year",
    "project_for_funding",
    "projects_for_lines",
    "savings_overview",
]
