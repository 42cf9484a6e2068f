"""Who receives a notification: the active users of a region with a role, with an address."""

from collections.abc import Iterable

from django.contrib.auth import get_user_model


def role_addresses(
    *,
    region,
    roles: Iterable[str],
    municipality_ids: Iterable[int] | None = None,
    exclude_user_ids: Iterable[int] = (),
) -> list[str]:
    """The e-mail addresses of the active users of `region` who have one of `roles` (and, when
    given, belong to one of `municipality_ids`), without `exclude_user_ids`."""
    users = (
        get_user_model()
        .objects.filter(is_active=True, groups__name__in=list(roles), person__region=region)
        .exclude(email="")
    )
    if municipality_ids is not None:
        users = users.filter(person__municipality_id__in=list(municipality_ids))
    excluded = [pk for pk in exclude_user_ids if pk is not None]
    if excluded:
        users = users.exclude(pk__in=excluded)
    return sorted(set(users.values_list("email", flat=True)))
