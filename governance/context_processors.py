from django.urls import reverse
from django.utils.translation import gettext as _

from .constants import Role
from .permissions import person_of, user_roles


def navigation(request):
    """The main navigation, by the roles of the signed-in user."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    roles = user_roles(user)
    items = [
        (_("Start"), reverse("home")),
        (_("Programma"), reverse("programme:dashboard")),
        (_("Projecten"), reverse("programme:project_list")),
        (_("Brieven"), reverse("letters:letter_list")),
        (_("Bestuur"), reverse("registers:overview")),
        (_("Inkoop"), reverse("procurement:overview")),
        (_("Financiën"), reverse("finance:index")),
    ]
    if Role.FUNCTIONAL_ADMIN in roles and user.is_staff:
        items.append((_("Beheer"), reverse("admin:index")))
    return {
        "nav_items": items,
        "nav_person": person_of(user),
        "nav_roles": [Role(role).label for role in sorted(roles)],
        "nav_region": getattr(request, "region", None),
        "nav_can_switch_region": user.is_superuser,
    }
