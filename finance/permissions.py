"""Who may do what with money: decided here, and only here.

- Everyone signed in reads budgets, keys, allocations, the funding matrix and savings measures,
  and downloads the statements (griffies need them for their council).
- The Netwerk MT Jeugd steers on money (docs/domain-rules.md, "Who steers what") and functional
  administrators keep the reference data: they edit budget lines, add distribution keys,
  allocate amounts and edit the funding matrix. Everyone else is refused (403).

What a person sees is further limited to their own region by the selectors.
"""

from dataclasses import dataclass

from django.contrib.auth.models import AnonymousUser, User

from governance.constants import Role
from governance.permissions import user_roles

EDITOR_ROLES = frozenset({Role.NETWORK_MT, Role.FUNCTIONAL_ADMIN})


@dataclass(frozen=True)
class FinancePermissions:
    view: bool = False
    edit_budget: bool = False
    add_key: bool = False
    allocate: bool = False
    edit_funding: bool = False

    @property
    def edit_any(self) -> bool:
        return self.edit_budget or self.add_key or self.allocate or self.edit_funding


def finance_permissions(user: User | AnonymousUser) -> FinancePermissions:
    if not user.is_authenticated:
        return FinancePermissions()
    editor = bool(user_roles(user) & EDITOR_ROLES)
    return FinancePermissions(
        view=True,
        edit_budget=editor,
        add_key=editor,
        allocate=editor,
        edit_funding=editor,
    )
