"""Composing a concept: creating a letter (from the municipality's profile, or as a copy of an
earlier one), saving its header, texts and relations, deleting it to the bin and restoring it."""

import datetime
from collections.abc import Iterable

from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.scope import all_regions, region_scope
from governance.constants import Role
from governance.letters.board import secretariat_body_ids
from governance.letters.constants import (
    DELETED_LETTER_DAYS,
    LetterKind,
    LetterStatus,
    TemplateKind,
)
from governance.letters.permissions import (
    addressable_municipalities,
    drafting_municipalities,
    letter_permissions,
)
from governance.letters.profiles import profile_defaults
from governance.letters.richtext import as_html
from governance.models import (
    Body,
    Decision,
    Letter,
    LetterBlock,
    LetterSection,
    LetterTemplate,
    Municipality,
)

from .common import (
    HEADER_FIELDS,
    _locked,
    _public_choice,
    _require_editable,
    _require_status,
    _save,
    _touch,
)


def _addressees_of_one_region(municipalities: list[Municipality]):
    regions = {municipality.region_id for municipality in municipalities}
    if len(regions) != 1:
        raise ValidationError(
            {"addressees": _("Een regionale brief gaat aan gemeenten van één regio.")}
        )
    return municipalities[0].region


# --- Composing ------------------------------------------------------------------------------


@transaction.atomic
def letter_create(
    *,
    user: User,
    kind: str,
    template: LetterTemplate,
    municipality: Municipality | None = None,
    addressees: Iterable[Municipality] = (),
    **header,
) -> Letter:
    """A new concept letter with an empty section for every question of its template.

    A letter to one council starts from that municipality's letter profile: the header values
    it keeps (Begrotingsprogramma, Pijler, …) unless `header` gives them. Whether the letter is
    public is the author's choice (`is_public` in `header`), never a default.
    """
    allowed = set(drafting_municipalities(user).values_list("pk", flat=True))
    addressees = sorted(addressees, key=lambda m: m.name)
    if kind == LetterKind.MUNICIPAL:
        if municipality is None:
            raise ValidationError({"municipality": _("Kies de gemeente waaraan de brief gaat.")})
        targets, region, addressees = [municipality], municipality.region, []
    elif kind == LetterKind.BOARD:
        raise ValidationError({"kind": _("Een brief van een bestuur begint op zijn eigen pagina.")})
    elif kind == LetterKind.REGIONAL:
        if not addressees:
            raise ValidationError(
                {"addressees": _("Kies minstens één gemeente voor de regionale brief.")}
            )
        targets, region, municipality = addressees, _addressees_of_one_region(addressees), None
    else:
        raise ValidationError({"kind": _("Kies een geldige soort brief.")})
    if not targets or any(target.pk not in allowed for target in targets):
        raise PermissionDenied
    unknown = set(header) - set(HEADER_FIELDS)
    if unknown:
        raise ValueError(f"Unknown header fields: {sorted(unknown)}")
    if header.get("is_public") is None:
        raise ValidationError({"is_public": _("Kies of de brief openbaar is.")})
    header = {**profile_defaults(municipality), **header}
    _public_choice(header)
    letter = Letter(
        kind=kind,
        region=region,
        municipality=municipality,
        template=template,
        status=LetterStatus.DRAFT,
        created_by=user,
        **header,
    )
    _save(letter, user=user, reason=_("Brief aangemaakt"))
    if addressees:
        letter.addressees.set(addressees)
    for question in template.questions.order_by("order"):
        _save(LetterSection(letter=letter, question=question), user=user)
    return letter


@transaction.atomic
def board_letter_create(
    *,
    user: User,
    sender_body: Body,
    template: LetterTemplate,
    addressees: Iterable[Municipality] = (),
    **header,
) -> Letter:
    """A new concept letter of a board to the colleges of the member municipalities (all of the
    body's region when `addressees` is empty), started by the body's secretariat or a functional
    administrator. Its signatories follow from the body's memberships on its date."""
    from governance.permissions import user_roles

    if Role.FUNCTIONAL_ADMIN not in user_roles(user) and (
        sender_body.pk not in secretariat_body_ids(user)
    ):
        raise PermissionDenied
    if template.letter_kind != TemplateKind.BOARD:
        raise ValidationError({"template": _("Kies een sjabloon voor een brief van een bestuur.")})
    unknown = set(header) - set(HEADER_FIELDS)
    if unknown:
        raise ValueError(f"Unknown header fields: {sorted(unknown)}")
    if header.get("is_public") is None:
        raise ValidationError({"is_public": _("Kies of de brief openbaar is.")})
    members = Municipality.objects.filter(valid_until__isnull=True, region_id=sender_body.region_id)
    addressees = sorted(addressees or members, key=lambda m: m.name)
    if not addressees:
        raise ValidationError({"addressees": _("De regio van dit bestuur heeft geen gemeenten.")})
    if any(m.region_id != sender_body.region_id or m.valid_until for m in addressees):
        raise ValidationError(
            {"addressees": _("Kies de colleges van de huidige gemeenten van de regio.")}
        )
    header = dict(header)
    _public_choice(header)
    letter = Letter(
        kind=LetterKind.BOARD,
        region=sender_body.region,
        sender_body=sender_body,
        template=template,
        status=LetterStatus.DRAFT,
        created_by=user,
        **header,
    )
    _save(letter, user=user, reason=_("Brief aangemaakt"))
    letter.addressees.set(addressees)
    for question in template.questions.order_by("order"):
        _save(LetterSection(letter=letter, question=question), user=user)
    return letter


@transaction.atomic
def letter_update(
    *,
    letter: Letter,
    user: User,
    edit_version: int,
    header: dict,
    section_texts: dict[int, str],
    decisions: Iterable[Decision] | None = None,
    addressees: Iterable[Municipality] | None = None,
) -> Letter:
    """Save the header, the section texts and the related decisions of a concept at once."""
    current = _locked(letter)
    _require_editable(current, user)
    unknown = set(header) - set(HEADER_FIELDS)
    if unknown:
        raise ValueError(f"Unknown header fields: {sorted(unknown)}")
    header = dict(header)
    _public_choice(header)
    for name, value in header.items():
        setattr(current, name, value)
    reasons = []
    if addressees is not None and current.is_regional:
        addressees = sorted(addressees, key=lambda m: m.name)
        if not addressees:
            raise ValidationError(
                {"addressees": _("Kies minstens één gemeente voor de regionale brief.")}
            )
        allowed = set(addressable_municipalities(user, current).values_list("pk", flat=True))
        if any(m.pk not in allowed for m in addressees):
            raise PermissionDenied
        if _addressees_of_one_region(addressees).pk != current.region_id:
            raise ValidationError({"addressees": _("Kies gemeenten van de regio van de brief.")})
        if {m.pk for m in addressees} != set(current.addressees.values_list("pk", flat=True)):
            current.addressees.set(addressees)
            reasons.append(_("Geadresseerden: %s") % ", ".join(m.name for m in addressees))
    if decisions is not None:
        decisions = list(decisions)
        if {d.pk for d in decisions} != set(current.related_decisions.values_list("pk", flat=True)):
            current.related_decisions.set(decisions)
            reasons.append(
                _("Gerelateerde besluiten: %s")
                % ("; ".join(d.reference or d.title for d in decisions) or "–")
            )
    for section in current.sections.select_related("question"):
        text = section_texts.get(section.pk)
        if text is not None:
            text = as_html(text)  # only clean HTML is stored, whatever the caller passed
        if text is not None and text != section.text:
            section.text = text
            _save(section, user=user)
    _touch(current, user=user, reason=" · ".join(reasons), edit_version=edit_version)
    return current


@transaction.atomic
def letter_delete(*, letter: Letter, user: User) -> Letter:
    """Move a concept to the bin: it is gone from every list and page, and can be restored for
    `DELETED_LETTER_DAYS` days by whoever may delete it (then `letters_purge_deleted` removes
    it for good)."""
    current = _locked(letter)
    if current.is_deleted:
        raise ValidationError(_("Deze brief is al verwijderd; hij staat in de prullenbak."))
    _require_status(
        current,
        LetterStatus.DRAFT,
        _("Alleen een concept kan worden verwijderd (status: %(status)s)."),
    )
    if not letter_permissions(user, current).delete:
        raise PermissionDenied
    current.deleted_at, current.deleted_by = timezone.now(), user
    _touch(current, user=user, reason=_("Verwijderd (naar de prullenbak)"))
    return current


@transaction.atomic
def letter_restore(*, letter: Letter, user: User) -> Letter:
    """Bring a deleted concept back from the bin, as it was."""
    current = _locked(letter)
    if not current.is_deleted:
        raise ValidationError(_("Deze brief staat niet in de prullenbak."))
    if not letter_permissions(user, current).restore:
        raise PermissionDenied
    if current.deleted_at < deletion_deadline():
        raise ValidationError(
            _("Deze brief is langer dan %(days)d dagen geleden verwijderd en kan niet meer terug.")
            % {"days": DELETED_LETTER_DAYS}
        )
    current.deleted_at, current.deleted_by = None, None
    _touch(current, user=user, reason=_("Teruggezet uit de prullenbak"))
    return current


def deletion_deadline():
    """Concepts deleted before this moment are past restoring."""
    return timezone.now() - datetime.timedelta(days=DELETED_LETTER_DAYS)


def letters_purge_deleted(region=None) -> int:
    """Remove for good the concepts deleted more than `DELETED_LETTER_DAYS` days ago, with their
    sections and blocks (their history stays). Returns how many letters were removed. Runs in
    `region`, or across regions without one (`manage.py purge_deleted_letters`); the worker's
    daily round runs it per region."""
    removed = 0
    with region_scope(region) if region is not None else all_regions():
        expired = list(
            Letter.objects.filter(
                deleted_at__lt=deletion_deadline(), status=LetterStatus.DRAFT
            ).values_list("pk", flat=True)
        )
        for pk in expired:
            with transaction.atomic():
                letter = Letter.objects.select_for_update().filter(pk=pk).first()
                if letter is None or not letter.is_deleted:
                    continue
                letter._change_reason = _("Na %(days)d dagen in de prullenbak definitief weg") % {
                    "days": DELETED_LETTER_DAYS
                }
                letter.delete()
                removed += 1
    return removed


@transaction.atomic
def letter_copy(*, letter: Letter, user: User) -> Letter:
    """A new concept that starts as a copy of an earlier letter ("Kopie maken"): its header,
    texts, related decisions, blocks and addressees, dated today, written by `user`. Whether it
    is public is copied too; the author sees it on the form and can change it."""
    current = Letter.objects.get(pk=letter.pk)
    if not letter_permissions(user, current).copy:
        raise PermissionDenied
    allowed = set(addressable_municipalities(user, current).values_list("pk", flat=True))
    targets = current.municipality_ids()
    if not targets or not targets <= allowed:
        raise ValidationError(
            _(
                "U kunt van deze brief geen kopie maken: hij gaat (ook) aan een gemeente "
                "waaraan u geen brief opstelt."
            )
        )
    header = {name: getattr(current, name) for name in HEADER_FIELDS}
    header["date"] = timezone.localdate()
    copy = Letter(
        kind=current.kind,
        region=current.region,
        municipality=current.municipality,
        sender_body=current.sender_body,
        template=current.template,
        status=LetterStatus.DRAFT,
        created_by=user,
        **header,
    )
    _save(copy, user=user, reason=_("Kopie van de brief van %(date)s") % {"date": current.date})
    copy.addressees.set(current.addressees.all())
    copy.related_decisions.set(current.related_decisions.all())
    _copy_sections(current, copy, user=user)
    return copy


def _copy_sections(source: Letter, target: Letter, *, user: User) -> None:
    """The texts and blocks (their settings, not their data) of `source` into `target`."""
    for section in source.sections.select_related("question").prefetch_related("blocks"):
        new_section = LetterSection(letter=target, question=section.question, text=section.text)
        _save(new_section, user=user)
        for block in section.blocks.all():
            _save(
                LetterBlock(
                    section=new_section,
                    order=block.order,
                    block_type=block.block_type,
                    params=block.params,
                ),
                user=user,
            )


def letters_purge_daily(region) -> dict:
    """The daily round's part for letters (`core.jobs.daily`)."""
    return {"removed": letters_purge_deleted(region)}
