"""Composing a concept: creating a letter, saving its header, texts and relations, deleting it."""

from collections.abc import Iterable

from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from governance.letters.constants import LetterKind, LetterStatus
from governance.letters.permissions import drafting_municipalities, letter_permissions
from governance.models import Decision, Letter, LetterSection, LetterTemplate, Municipality

from .common import HEADER_FIELDS, _locked, _require_editable, _require_status, _save, _touch


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
    """A new concept letter with an empty section for every question of its template."""
    allowed = set(drafting_municipalities(user).values_list("pk", flat=True))
    addressees = sorted(addressees, key=lambda m: m.name)
    if kind == LetterKind.MUNICIPAL:
        if municipality is None:
            raise ValidationError({"municipality": _("Kies de gemeente waaraan de brief gaat.")})
        targets, region, addressees = [municipality], municipality.region, []
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
    for name, value in header.items():
        setattr(current, name, value)
    reasons = []
    if addressees is not None and current.is_regional:
        addressees = sorted(addressees, key=lambda m: m.name)
        if not addressees:
            raise ValidationError(
                {"addressees": _("Kies minstens één gemeente voor de regionale brief.")}
            )
        allowed = set(drafting_municipalities(user).values_list("pk", flat=True))
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
        if text is not None and text != section.text:
            section.text = text
            _save(section, user=user)
    _touch(current, user=user, reason=" · ".join(reasons), edit_version=edit_version)
    return current


@transaction.atomic
def letter_delete(*, letter: Letter, user: User) -> None:
    current = _locked(letter)
    _require_status(
        current,
        LetterStatus.DRAFT,
        _("Alleen een concept kan worden verwijderd (status: %(status)s)."),
    )
    if not letter_permissions(user, current).delete:
        raise PermissionDenied
    current._history_user = user
    current.delete()
