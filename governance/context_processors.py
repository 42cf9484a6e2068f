from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.registry import NavigationEntry, registry

from .constants import Role
from .permissions import person_of, user_roles
from .themes.selectors import theme_of


def _is_functional_admin(user) -> bool:
    # The platform administrator (superuser) has no role, and the admin all the same.
    return user.is_staff and (user.is_superuser or Role.FUNCTIONAL_ADMIN in user_roles(user))


# Governance's own entries; the other apps register theirs in their AppConfig.ready().
NAVIGATION = (
    NavigationEntry("home", _("Start"), "home", order=10),
    NavigationEntry("letters", _("Brieven"), "letters:letter_list", order=40),
    NavigationEntry("registers", _("Bestuur"), "registers:overview", order=50),
    NavigationEntry("admin", _("Beheer"), "admin:index", order=90, visible=_is_functional_admin),
)


def navigation(request):
    """The main navigation: the registered entries the signed-in user may see."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    roles = user_roles(user)
    items = [
        (str(entry.label), reverse(entry.url_name))
        for entry in registry.navigation()
        if entry.visible(user)
    ]
    return {
        "nav_items": items,
        "nav_person": person_of(user),
        "nav_roles": [Role(role).label for role in sorted(roles)],
        "nav_region": getattr(request, "region", None),
        "nav_can_switch_region": user.is_superuser,
    }


def theme(request):
    """The theme the page wears: the signed-in user's region's, or that of the region a public
    page is about (`request.theme_region`); None (the default look) otherwise."""
    region = getattr(request, "region", None) or getattr(request, "theme_region", None)
    return {"theme": theme_of(region)}
