"""Staff views of money: budgets and their lines, keys, allocations, funding, savings.

Everyone signed in reads; editing is for the roles `finance.permissions` names, decided there
and declared here on each view. Invalid input answers 422 with the form and its Dutch messages,
a save over someone else's newer change 409; nothing is changed in either case.
"""

from .allocations import (
    AllocationDetailView,
    AllocationListView,
    allocation_create,
    allocation_detail,
    allocation_list,
    allocation_statement_view,
    allocation_statements,
)
from .budgets import (
    BudgetOverviewView,
    budget_detail,
    budget_line_create,
    budget_line_delete,
    budget_line_edit,
    budget_overview,
)
from .common import permission_required
from .funding import funding_edit, funding_matrix
from .keys import DistributionKeyListView, key_detail, key_list, key_upload
from .savings import savings

__all__ = [
    "AllocationDetailView",
    "AllocationListView",
    "BudgetOverviewView",
    "DistributionKeyListView",
    "allocation_create",
    "allocation_detail",
    "allocation_list",
    "allocation_statement_view",
    "allocation_statements",
    "budget_detail",
    "budget_line_create",
    "budget_line_delete",
    "budget_line_edit",
    "budget_overview",
    "funding_edit",
    "funding_matrix",
    "key_detail",
    "key_list",
    "key_upload",
    "permission_required",
    "savings",
]
