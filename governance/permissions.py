"""Who may do what in governance; the role of a user is the group of the same name."""

from django.contrib.auth.models import AnonymousUser, User

from .constants import Role


def user_roles(user: User | AnonymousUser) -> frozenset[str]:
    """The roles of a user, read once per request and cached on the user object."""
    if not user.is_authenticated:
        return frozenset()
    cached = getattr(user, "_jeugdregio_roles", None)
    if cached is None:
        cached = frozenset(user.groups.filter(name__in=Role.values).values_list("name", flat=True))
        user._jeugdregio_roles = cached
    return cached


def has_role(user: User | AnonymousUser, *roles: str) -> bool:
    return bool(user_roles(user) & set(roles))


def person_of(user: User | AnonymousUser):
    """The Person linked to a user, or None (cached by Django's one-to-one descriptor)."""
    # The missing-relation exception of a one-to-one descriptor is an AttributeError.
    return getattr(user, "person", None) if user.is_authenticated else None
