"""A board's letter to the colleges: who signs it and who sends it, from the sending body's
memberships.

The letter is signed by the body's chair, secretary and deputy secretary whose memberships are
valid on the letter's date, each with the function they hold (002: "De voorzitter, … De
secretaris, … De plv secretaris, …"). It is sent by the body's secretariat: a person whose
membership as secretary or deputy secretary of that body is valid today.
"""

import datetime
from dataclasses import dataclass

from django.contrib.auth.models import AnonymousUser, User
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from governance.constants import BodyKind, MembershipRole, Role
from governance.models import Body, Membership
from governance.permissions import person_of

from .constants import BOARD_SECRETARIAT_ROLES, BOARD_SIGNATORY_ROLES


@dataclass(frozen=True)
class Signatory:
    role: str  # a MembershipRole value
    function: str  # "De voorzitter", as the letter prints it
    name: str
    job_title: str


# How 002 names each signatory's function above the name.
SIGNATORY_FUNCTIONS = {
    MembershipRole.CHAIR: _lazy("De voorzitter"),
    MembershipRole.SECRETARY: _lazy("De secretaris"),
    MembershipRole.DEPUTY_SECRETARY: _lazy("De plv. secretaris"),
}


def board_signatories(body: Body | None, date: datetime.date | None) -> list[Signatory]:
    """The body's chair, secretary and deputy secretary on `date`, in that order (one each: the
    one who started last when two memberships overlap, e.g. a predecessor's left open)."""
    if body is None or date is None:
        return []
    memberships = (
        Membership.objects.valid_on(date)
        .filter(body=body, role__in=BOARD_SIGNATORY_ROLES)
        .select_related("person")
        .order_by("-valid_from", "-pk")
    )
    by_role: dict[str, Membership] = {}
    for membership in memberships:
        by_role.setdefault(membership.role, membership)
    return [
        Signatory(
            role=role,
            function=str(SIGNATORY_FUNCTIONS[role]),
            name=by_role[role].person.name,
            job_title=by_role[role].person.job_title,
        )
        for role in BOARD_SIGNATORY_ROLES
        if role in by_role
    ]


def missing_signatories(body: Body | None, date: datetime.date | None) -> list[str]:
    """What the letter lacks to be signed, in Dutch: a chair and a secretary on its date."""
    if body is None or date is None:
        return []
    present = {signatory.role for signatory in board_signatories(body, date)}
    missing = []
    if MembershipRole.CHAIR not in present:
        missing.append(
            _("een voorzitter van %(body)s op %(date)s (lidmaatschap met de rol voorzitter)")
            % {"body": body.name, "date": date.strftime("%d-%m-%Y")}
        )
    if MembershipRole.SECRETARY not in present:
        missing.append(
            _("een secretaris van %(body)s op %(date)s (lidmaatschap met de rol secretaris)")
            % {"body": body.name, "date": date.strftime("%d-%m-%Y")}
        )
    return missing


def secretariat_body_ids(
    user: User | AnonymousUser, *, on: datetime.date | None = None
) -> frozenset[int]:
    """The bodies whose secretariat the user is part of today (cached on the user object)."""
    if not user.is_authenticated:
        return frozenset()
    cached = getattr(user, "_jeugdregio_secretariats", None)
    if cached is not None and on is None:
        return cached
    person = person_of(user)
    if person is None:
        ids = frozenset()
    else:
        date = on or timezone.localdate()
        ids = frozenset(
            Membership.objects.valid_on(date)
            .filter(person=person, role__in=BOARD_SECRETARIAT_ROLES)
            .values_list("body_id", flat=True)
        )
    if on is None:
        user._jeugdregio_secretariats = ids
    return ids


def sending_bodies(user: User | AnonymousUser):
    """The bodies a user may start a board's letter for: those of their secretariat; for a
    functional administrator every board of the region."""
    from governance.permissions import user_roles

    if Role.FUNCTIONAL_ADMIN in user_roles(user):
        bodies = Body.objects.filter(
            kind__in=[BodyKind.EXECUTIVE_BOARD, BodyKind.GENERAL_BOARD], ended_on__isnull=True
        )
    else:
        bodies = Body.objects.filter(pk__in=secretariat_body_ids(user))
    return bodies.select_related("organisation").order_by("name")
