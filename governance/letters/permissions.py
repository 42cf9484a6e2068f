"""Who may do what with a letter: decided here, and only here.

- Everyone signed in reads issued public (openbaar) letters; so does the world, on /openbaar/.
- Griffie staff see every letter of their own municipality (person.municipality), whatever its
  status, also a regional letter addressed to it; they edit, approve, issue, correct and delete the
  letters addressed to their municipality alone.
- Policy advisers draft: they create and edit concept letters for any municipality of their
  region and see the letters of their region; they do not approve or issue.
- A board's letter to the colleges is written, approved (four eyes), issued and corrected by
  the sending body's secretariat (its secretary and deputy secretary of today) and by functional
  administrators; the griffies of the addressed municipalities read it, nobody else changes it.
- Functional administrators do everything.
- Anyone else (Netwerk MT Jeugd, no role) reads issued public letters only.

A letter someone may not see does not exist for them (404), e.g. another municipality's draft
for a griffie user.
"""

from dataclasses import dataclass

from django.contrib.auth.models import AnonymousUser, User
from django.db.models import Q, QuerySet

from governance.constants import Role
from governance.models import Letter, Municipality
from governance.permissions import person_of, user_roles

from .board import secretariat_body_ids
from .constants import LetterKind, LetterStatus


@dataclass(frozen=True)
class LetterPermissions:
    view: bool = False
    edit: bool = False  # header, texts, decisions and blocks of a concept
    approve: bool = False  # concept → gereed
    reopen: bool = False  # gereed → concept
    issue: bool = False  # gereed → verzonden
    correct: bool = False  # verzonden → a new concept that replaces it
    delete: bool = False  # a concept (to the bin)
    restore: bool = False  # a deleted concept, back from the bin
    copy: bool = False  # a new concept that starts as a copy of this letter


def _griffie_municipality_id(user, roles) -> int | None:
    if Role.GRIFFIE not in roles:
        return None
    person = person_of(user)
    return person.municipality_id if person else None


def _adviser_region_id(user, roles) -> int | None:
    if Role.POLICY_ADVISER not in roles:
        return None
    person = person_of(user)
    return person.region_id if person else None


def letter_permissions(user: User | AnonymousUser, letter: Letter) -> LetterPermissions:
    if not user.is_authenticated:
        return LetterPermissions()
    roles = user_roles(user)
    status = letter.status
    draft, approved, issued = (
        status == LetterStatus.DRAFT,
        status == LetterStatus.APPROVED,
        status == LetterStatus.ISSUED,
    )
    if letter.deleted_at is not None:
        # In the bin: only who may delete it may look at it and restore it.
        may = _may_delete_concept(user, roles, letter)
        return LetterPermissions(view=may, restore=may)
    if Role.FUNCTIONAL_ADMIN in roles:
        return LetterPermissions(
            view=True,
            edit=draft,
            approve=draft,
            reopen=approved,
            issue=approved,
            correct=issued,
            delete=draft,
            copy=True,
        )
    if letter.is_board_letter and letter.sender_body_id in secretariat_body_ids(user):
        return LetterPermissions(
            view=True,
            edit=draft,
            approve=draft,
            reopen=approved,
            issue=approved,
            correct=issued,
            delete=draft,
            copy=True,
        )
    view = issued and letter.is_public
    edit = delete = approve = reopen = issue = correct = False
    own = _griffie_municipality_id(user, roles)
    if own is not None:
        municipality_ids = letter.municipality_ids()
        if own in municipality_ids:
            view = True
            # A regional letter to several councils is no single griffie's to send, and a
            # board's letter is its secretariat's.
            only_own = municipality_ids == {own} and not letter.is_board_letter
            edit = delete = approve = draft and only_own
            reopen = issue = approved and only_own
            correct = issued and only_own
    region = _adviser_region_id(user, roles)
    if region is not None and letter.region_id == region:
        view = True
    if draft and view and _is_author(user, letter):
        edit = delete = True
    return LetterPermissions(
        view=view,
        edit=edit,
        approve=approve,
        reopen=reopen,
        issue=issue,
        correct=correct,
        delete=delete,
        # A copy goes to the same councils: only to those this person writes to.
        copy=view
        and (
            (own is not None and letter.municipality_ids() == {own})
            or (region is not None and letter.region_id == region)
        ),
    )


def _is_author(user, letter: Letter) -> bool:
    return letter.created_by_id is not None and letter.created_by_id == user.pk


def _may_delete_concept(user, roles, letter: Letter) -> bool:
    """Who may delete (and so restore) a concept: its author, the griffie of the one municipality
    it is addressed to, a functional administrator."""
    if Role.FUNCTIONAL_ADMIN in roles:
        return True
    if _is_author(user, letter) and may_create_letters(user):
        return True
    if letter.is_board_letter:
        return letter.sender_body_id in secretariat_body_ids(user)
    own = _griffie_municipality_id(user, roles)
    return own is not None and letter.municipality_ids() == {own}


def letters_visible_q(user: User | AnonymousUser) -> Q:
    """The letters a user may see, as a filter (the same rules as `letter_permissions.view`).
    Deleted concepts are not among them: the bin (`letters_in_bin_q`) shows those."""
    return letter_visibility(user).q() & Q(deleted_at__isnull=True)


def letters_in_bin_q(user: User | AnonymousUser) -> Q:
    """The deleted concepts a user may restore (the same rules as `letter_permissions.restore`)."""
    if not user.is_authenticated:
        return Q(pk__in=[])
    roles = user_roles(user)
    deleted = Q(deleted_at__isnull=False)
    if Role.FUNCTIONAL_ADMIN in roles:
        return deleted
    allowed = Q(pk__in=[])
    if may_create_letters(user):
        allowed |= Q(created_by=user)
    own = _griffie_municipality_id(user, roles)
    if own is not None:
        allowed |= Q(kind=LetterKind.MUNICIPAL, municipality_id=own)
    secretariats = secretariat_body_ids(user)
    if secretariats:
        allowed |= Q(kind=LetterKind.BOARD, sender_body_id__in=secretariats)
    return deleted & allowed


@dataclass(frozen=True)
class LetterVisibility:
    """What decides which letters a user sees (`letters_visible_q`): people with the same
    values see the same letters, so a kept letter list is shared by them (and by nobody else)."""

    signed_in: bool = False
    everything: bool = False
    municipality_id: int | None = None  # as griffie
    region_id: int | None = None  # as policy adviser
    secretariat_body_ids: tuple[int, ...] = ()

    def q(self) -> Q:
        if not self.signed_in:
            return Q(pk__in=[])
        if self.everything:
            return Q()
        visible = Q(status=LetterStatus.ISSUED, is_public=True)
        own = self.municipality_id
        if own is not None:
            addressed = Letter.addressees.through.objects.filter(municipality_id=own)
            visible |= Q(municipality_id=own) | Q(pk__in=addressed.values("letter_id"))
        if self.region_id is not None:
            visible |= Q(region_id=self.region_id)
        if self.secretariat_body_ids:
            visible |= Q(kind=LetterKind.BOARD, sender_body_id__in=self.secretariat_body_ids)
        return visible


def letter_visibility(user: User | AnonymousUser) -> LetterVisibility:
    if not user.is_authenticated:
        return LetterVisibility()
    roles = user_roles(user)
    if Role.FUNCTIONAL_ADMIN in roles:
        return LetterVisibility(signed_in=True, everything=True)
    return LetterVisibility(
        signed_in=True,
        municipality_id=_griffie_municipality_id(user, roles),
        region_id=_adviser_region_id(user, roles),
        secretariat_body_ids=tuple(sorted(secretariat_body_ids(user))),
    )


def drafting_municipalities(user: User | AnonymousUser) -> QuerySet[Municipality]:
    """The (current) municipalities a user may start a letter to."""
    current = Municipality.objects.filter(valid_until__isnull=True).select_related("region")
    if not user.is_authenticated:
        return current.none()
    roles = user_roles(user)
    if Role.FUNCTIONAL_ADMIN in roles:
        return current
    allowed = Q(pk__in=[])
    own = _griffie_municipality_id(user, roles)
    if own is not None:
        allowed |= Q(pk=own)
    region = _adviser_region_id(user, roles)
    if region is not None:
        allowed |= Q(region_id=region)
    return current.filter(allowed)


def addressable_municipalities(
    user: User | AnonymousUser, letter: Letter
) -> QuerySet[Municipality]:
    """The (current) municipalities `letter` may be addressed to by `user`: for a board's letter
    every member municipality of the letter's region (its colleges), for others those the user
    drafts for."""
    if letter.is_board_letter:
        return Municipality.objects.filter(valid_until__isnull=True, region_id=letter.region_id)
    return drafting_municipalities(user)


def may_create_letters(user: User | AnonymousUser) -> bool:
    roles = user_roles(user)
    if Role.FUNCTIONAL_ADMIN in roles:
        return True
    return (
        _griffie_municipality_id(user, roles) is not None
        or _adviser_region_id(user, roles) is not None
        or bool(secretariat_body_ids(user))
    )


def may_create_board_letters(user: User | AnonymousUser) -> bool:
    """A board's letter is started by a functional administrator or a body's secretariat."""
    return Role.FUNCTIONAL_ADMIN in user_roles(user) or bool(secretariat_body_ids(user))


def may_keep_letter_profile(user: User | AnonymousUser, municipality: Municipality) -> bool:
    """A municipality's letter profile is kept by its griffie and by functional administrators."""
    roles = user_roles(user)
    if Role.FUNCTIONAL_ADMIN in roles:
        return True
    return _griffie_municipality_id(user, roles) == municipality.pk


def profile_municipalities(user: User | AnonymousUser) -> QuerySet[Municipality]:
    """The (current) municipalities whose letter profile a user keeps."""
    current = Municipality.objects.filter(valid_until__isnull=True)
    if not user.is_authenticated:
        return current.none()
    roles = user_roles(user)
    if Role.FUNCTIONAL_ADMIN in roles:
        return current
    own = _griffie_municipality_id(user, roles)
    return current.filter(pk=own) if own is not None else current.none()
