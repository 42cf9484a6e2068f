from django.utils.translation import gettext_lazy as _

from core.registry import NavigationEntry

from .permissions import account_permissions

USERS_ENTRY = NavigationEntry(
    "users",
    _("Gebruikers"),
    "accounts:user_list",
    order=85,
    visible=lambda user: account_permissions(user).manage_users,
)
