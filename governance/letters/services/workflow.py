"""The letter's workflow steps besides issuing: concept → gereed and back, and the correction of
an issued letter as a new version (the transitions themselves: `governance.letters.workflow`).
"""

from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.notifications import absolute_url, notify
from governance.letters.constants import LetterKind, LetterStatus
from governance.letters.permissions import letter_permissions
from governance.letters.selectors import letter_for_print
from governance.letters.workflow import can_transition
from governance.models import Letter

from .common import (
    HEADER_FIELDS,
    _batch_pending,
    _locked,
    _require_complete,
    _require_status,
    _require_view,
    _save,
    _touch,
)
from .compose import _copy_sections


def _transition(letter: Letter, target: str) -> None:
    if not can_transition(letter.status, target):
        raise ValidationError(
            _("Een brief met status '%(status)s' kan niet naar '%(target)s'.")
            % {"status": letter.get_status_display(), "target": LetterStatus(target).label}
        )
    letter.status = target


@transaction.atomic
def letter_approve(*, letter: Letter, user: User) -> Letter:
    """Concept → gereed: the text is final and waits to be sent.

    Four eyes: the author (who created the letter) never approves it; someone else who may
    approve reads it and does, and is recorded with the time. A letter its template version
    does not find complete (required header fields and sections, the public choice) is refused
    with what is missing.
    """
    current = _locked(letter)
    _require_view(current, user)
    allowed = letter_permissions(user, current).approve
    _transition(current, LetterStatus.APPROVED)
    if not allowed:
        raise PermissionDenied
    if current.created_by_id is not None and current.created_by_id == user.pk:
        raise ValidationError(
            _(
                "U hebt deze brief zelf opgesteld en kunt hem daarom niet gereed melden: een "
                "ander (vier ogen) leest hem en meldt hem gereed."
            )
        )
    _require_complete(letter_for_print(pk=current.pk), action=_("gereed gemeld"))
    current.approved_by, current.approved_at = user, timezone.now()
    _touch(current, user=user, reason=_("Gereed gemeld"))
    return current


@transaction.atomic
def letter_reopen(*, letter: Letter, user: User) -> Letter:
    """Gereed → concept, to change it once more."""
    current = _locked(letter)
    _require_view(current, user)
    if _batch_pending(current):
        raise ValidationError(
            _("Deze brief wordt verzonden; terugzetten naar concept kan pas als dat klaar is.")
        )
    allowed = letter_permissions(user, current).reopen
    _transition(current, LetterStatus.DRAFT)
    if not allowed:
        raise PermissionDenied
    current.approved_by, current.approved_at = None, None
    _touch(current, user=user, reason=_("Teruggezet naar concept"))
    return current


@transaction.atomic
def letter_correct(*, letter: Letter, user: User) -> Letter:
    """An issued letter is never changed: its correction is a new concept, the next version,
    that copies it (text, decisions, blocks) and `replaces` it."""
    current = _locked(letter)
    _require_status(
        current,
        LetterStatus.ISSUED,
        _("Alleen een verzonden brief kan worden gecorrigeerd (status: %(status)s)."),
    )
    if not letter_permissions(user, current).correct:
        raise PermissionDenied
    existing = Letter.objects.filter(replaces=current).first()
    if existing is not None and existing.is_deleted:
        raise ValidationError(
            _(
                "Er staat een correctie van deze brief in de prullenbak (versie %(version)d): "
                "zet die terug om verder te gaan."
            )
            % {"version": existing.version}
        )
    if existing is not None:
        raise ValidationError(
            _("Er is al een correctie van deze brief: versie %(version)d.")
            % {"version": existing.version}
        )
    copy = Letter(
        kind=current.kind,
        region=current.region,
        municipality=current.municipality,
        sender_body=current.sender_body,
        template=current.template,
        status=LetterStatus.DRAFT,
        version=current.version + 1,
        replaces=current,
        created_by=user,
        **{name: getattr(current, name) for name in HEADER_FIELDS},
    )
    _save(
        copy,
        user=user,
        reason=_("Correctie van versie %(version)d") % {"version": current.version},
    )
    copy.addressees.set(current.addressees.all())
    copy.related_decisions.set(current.related_decisions.all())
    _copy_sections(current, copy, user=user)
    return copy


def letter_approvers(letter: Letter) -> list[str]:
    """The addresses of those who may approve `letter`, never its author: the griffie of the one
    council it goes to; without one (or for a regional letter), the functional administrators."""
    from django.contrib.auth import get_user_model

    from governance.constants import Role
    from governance.notifications import role_addresses

    municipality_ids = letter.municipality_ids()
    exclude = [letter.created_by_id]
    region = letter.region
    addresses = []
    if letter.kind == LetterKind.MUNICIPAL and len(municipality_ids) == 1:
        candidates = role_addresses(
            region=region,
            roles=[Role.GRIFFIE],
            municipality_ids=municipality_ids,
            exclude_user_ids=exclude,
        )
        users = get_user_model().objects.filter(email__in=candidates, is_active=True)
        addresses = sorted(
            {user.email for user in users if letter_permissions(user, letter).approve}
        )
    if letter.kind == LetterKind.BOARD:
        # The sending body's secretariat (of today), besides the functional administrators.
        from governance.letters.constants import BOARD_SECRETARIAT_ROLES
        from governance.models import Membership

        secretariat = (
            Membership.objects.valid_on(timezone.localdate())
            .filter(
                body_id=letter.sender_body_id,
                role__in=BOARD_SECRETARIAT_ROLES,
                person__user__is_active=True,
            )
            .exclude(person__user_id__in=exclude)
        )
        addresses = sorted(
            {address for address in secretariat.values_list("person__user__email", flat=True)}
            - {""}
        )
    return addresses or role_addresses(
        region=region, roles=[Role.FUNCTIONAL_ADMIN], exclude_user_ids=exclude
    )


@transaction.atomic
def letter_request_approval(*, letter: Letter, user: User) -> list[str]:
    """Ask for the four-eyes approval of a concept: e-mails who may approve it (never its
    author) with the link; returns the addresses. Changes nothing on the letter."""
    current = _locked(letter)
    _require_view(current, user)
    if current.status != LetterStatus.DRAFT or current.deleted_at is not None:
        raise ValidationError(_("Alleen een concept kan ter goedkeuring worden aangeboden."))
    permissions = letter_permissions(user, current)
    if not permissions.edit:
        raise PermissionDenied
    _require_complete(letter_for_print(pk=current.pk), action=_("ter goedkeuring aangeboden"))
    recipients = [address for address in letter_approvers(current) if address != user.email]
    if not recipients:
        raise ValidationError(
            _("Er is niemand anders die deze brief gereed kan melden; vraag functioneel beheer.")
        )
    person = getattr(user, "person", None)
    return notify(
        recipients=recipients,
        template="governance/letters/mail/approval_requested",
        context={
            "letter": current,
            "requested_by": person.name if person else user.get_username(),
            "url": absolute_url(current.get_absolute_url()),
        },
    )
