"""Who may do what in procurement: decided here, and only here.

- Everyone signed in reads the framework, segments, phases, providers with their contracts, and
  the norms.
- Provider financials and the fraud-risk signals are for the Netwerk MT Jeugd and functional
  administrators only (the dashboard, a provider's risk page); every look at a risk page is logged.
- Functional administrators set the thresholds and import financials (CSV).
"""

from dataclasses import dataclass

from django.contrib.auth.models import AnonymousUser, User

from governance.constants import Role
from governance.permissions import user_roles


@dataclass(frozen=True)
class ProcurementPermissions:
    view: bool = False  # framework, segments, phases, providers, contracts, norms
    view_risk: bool = False  # financials, signals, the risk dashboard and pages
    manage_risk: bool = False  # thresholds, CSV import of financials


def procurement_permissions(user: User | AnonymousUser) -> ProcurementPermissions:
    if not user.is_authenticated:
        return ProcurementPermissions()
    roles = user_roles(user)
    admin = Role.FUNCTIONAL_ADMIN in roles
    return ProcurementPermissions(
        view=True,
        view_risk=admin or Role.NETWORK_MT in roles,
        manage_risk=admin,
    )
