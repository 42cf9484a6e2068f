"""Who may manage user accounts: decided here, and only here.

- A functional administrator (the role, with `is_staff`) manages the users of their own region:
  invites them, sets their role, person and municipality or organisation, deactivates them.
  They never delete users, and never see or change a platform administrator's account.
- The platform administrator (superuser) manages every account of the region they work in, and
  the accounts without a region; they alone create regions and invite a region's first
  functional administrator.
- The region's theme (name, logo, colours) is set by its functional administrator, and by the
  platform administrator in the region they work in.
- Everyone else manages nobody (403).
"""

import functools
from dataclasses import dataclass

from django.contrib.auth.models import AnonymousUser, User
from django.core.exceptions import PermissionDenied

from governance.constants import Role
from governance.permissions import has_role


@dataclass(frozen=True)
class AccountPermissions:
    manage_users: bool = False  # the users page, invitations, editing a user
    manage_regions: bool = False  # creating a region with its first administrator
    see_accounts_without_region: bool = False
    manage_superusers: bool = False
    manage_theme: bool = False  # the region's name, logo and colours (governance.themes)


def account_permissions(user: User | AnonymousUser) -> AccountPermissions:
    if not user.is_authenticated or not user.is_active:
        return AccountPermissions()
    if user.is_superuser:
        return AccountPermissions(True, True, True, True, True)
    functional_admin = user.is_staff and has_role(user, Role.FUNCTIONAL_ADMIN)
    return AccountPermissions(manage_users=functional_admin, manage_theme=functional_admin)


def may_manage_account(actor: User | AnonymousUser, account: User) -> bool:
    """Whether `actor` may open and change `account` (its region is checked by the queryset)."""
    permissions = account_permissions(actor)
    return permissions.manage_users and (permissions.manage_superusers or not account.is_superuser)


def permission_required(action: str):
    """Declare on a view which action of account_permissions() it needs; 403 otherwise."""

    def decorator(view):
        @functools.wraps(view)
        def wrapper(request, *args, **kwargs):
            if not getattr(account_permissions(request.user), action):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapper

    return decorator
