from django.utils.translation import gettext_lazy as _

from core.registry import NavigationEntry
from governance.accounts.permissions import account_permissions


def can_set_theme(user) -> bool:
    return account_permissions(user).manage_theme


THEME_ENTRY = NavigationEntry(
    "theme", _("Huisstijl"), "theme_admin:theme_edit", order=87, visible=can_set_theme
)
