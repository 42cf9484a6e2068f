"""Reads for the users pages: the users of the active region, shaped for the page."""

from django.contrib.auth.models import User
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from governance.constants import BodyKind
from governance.models import Membership, Person


def network_mt_memberships(on=None) -> QuerySet[Membership]:
    """Memberships of a Netwerk MT body (the management network) that hold on a day (today)."""
    day = on or timezone.localdate()
    return Membership.objects.valid_on(day).filter(body__kind=BodyKind.MANAGEMENT_NETWORK)


def users_of_region(*, include_without_person: bool = False) -> QuerySet[User]:
    """The users whose person is of the active region, with their person and roles.

    `include_without_person` adds the accounts that belong to no region yet (no person), which
    only the platform administrator manages.
    """
    linked = Q(person__in=Person.objects.all())
    condition = linked | Q(person__isnull=True) if include_without_person else linked
    return (
        User.objects.filter(condition)
        .select_related("person__municipality", "person__organisation", "person__region")
        .prefetch_related("groups")
        .annotate(
            in_network_mt=Exists(network_mt_memberships().filter(person_id=OuterRef("person")))
        )
        .order_by("username")
    )


def persons_for_account(user: User | None = None) -> QuerySet[Person]:
    """The people of the active region an account can be linked to (with who has one already)."""
    return Person.objects.select_related("user", "municipality", "organisation").order_by("name")


def is_network_mt_member(person: Person | None) -> bool:
    return person is not None and network_mt_memberships().filter(person=person).exists()
