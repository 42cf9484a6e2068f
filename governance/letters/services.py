"""Every change to a letter: one function per use case, atomic, validated, recorded with the user.

Edits are optimistic: a form carries the edit version it was loaded at, and a save against a
newer version is refused with `StaleEditError` (no lost updates). Only a concept changes; an
issued letter never does — a correction is a new letter that replaces it.
"""

import hashlib
from collections.abc import Iterable

from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from core.pdf import PdfRenderError
from core.services import model_update
from governance.models import (
    Decision,
    Letter,
    LetterBlock,
    LetterPdf,
    LetterSection,
    LetterTemplate,
    Municipality,
)

from .blocks import BlockError, block_type_of, bound_params_form, build_block, raw_params
from .constants import LetterKind, LetterStatus
from .document import printed_letter, render_letter_pdf
from .permissions import drafting_municipalities, letter_permissions
from .selectors import letter_for_print
from .workflow import can_transition

HEADER_FIELDS = (
    "date",
    "case_number",
    "subject",
    "meeting",
    "portfolio_holder",
    "budget_programme",
    "pillar",
    "core_team",
    "author",
    "email",
    "responsible",
    "is_public",
    "signature",
)


def _save(instance, *, user: User | None, reason: str = "") -> None:
    instance._history_user = user
    if reason:
        instance._change_reason = reason
    instance.full_clean()
    instance.save()


def _locked(letter: Letter) -> Letter:
    return Letter.objects.select_for_update().get(pk=letter.pk)


def _require_status(letter: Letter, status: str, message: str) -> None:
    if letter.status != status:
        raise ValidationError(message % {"status": letter.get_status_display().lower()})


def _require_editable(letter: Letter, user: User) -> None:
    _require_view(letter, user)
    _require_status(
        letter,
        LetterStatus.DRAFT,
        _(
            "Deze brief heeft de status '%(status)s' en kan niet meer worden gewijzigd. "
            "Zet hem terug naar concept, of maak een correctie als hij al verzonden is."
        ),
    )
    if not letter_permissions(user, letter).edit:
        raise PermissionDenied


def _touch(letter: Letter, *, user: User, reason: str, edit_version: int | None = None) -> None:
    """Save the letter as a new edit version: refused when a form's `edit_version` is stale.

    Without one (a workflow step on the locked row) the letter's own version is the expected one.
    """
    expected = letter.edit_version if edit_version is None else edit_version
    model_update(instance=letter, expected_version=expected, user=user, reason=reason)


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


def _block_of_concept(block: LetterBlock, user: User) -> LetterBlock:
    block = LetterBlock.objects.select_related("section").get(pk=block.pk)
    letter = _locked(block.section.letter)
    _require_editable(letter, user)
    block.section.letter = letter
    return block


@transaction.atomic
def letter_block_add(
    *,
    letter: Letter,
    user: User,
    section: LetterSection,
    block_type: str,
    params: dict,
    edit_version: int,
) -> LetterBlock:
    """Place a live data block at the end of a section; its parameters must pass its form."""
    current = _locked(letter)
    _require_editable(current, user)
    if section.letter_id != current.pk:
        raise ValidationError({"section": _("Kies een onderdeel van deze brief.")})
    kind = block_type_of(block_type)
    if kind is None:
        raise ValidationError({"block_type": _("Kies een bestaand soort blok.")})
    form = bound_params_form(kind, params)
    if not form.is_valid():
        raise ValidationError(form.errors)
    last = section.blocks.aggregate(last=Max("order"))["last"] or 0
    block = LetterBlock(
        section=section, order=last + 1, block_type=block_type, params=raw_params(form)
    )
    _save(block, user=user)
    _touch(
        current,
        user=user,
        reason=_("Blok toegevoegd: %s") % kind.label,
        edit_version=edit_version,
    )
    return block


@transaction.atomic
def letter_block_remove(*, block: LetterBlock, user: User, edit_version: int) -> Letter:
    block = _block_of_concept(block, user)
    letter = block.section.letter
    block._history_user = user
    block.delete()
    _touch(letter, user=user, reason=_("Blok verwijderd"), edit_version=edit_version)
    return letter


@transaction.atomic
def letter_block_move(
    *, block: LetterBlock, user: User, edit_version: int, direction: int
) -> Letter:
    """Swap a block with its neighbour above (direction −1) or below (+1) in its section."""
    block = _block_of_concept(block, user)
    letter = block.section.letter
    siblings = list(block.section.blocks.order_by("order", "pk"))
    index = next(i for i, sibling in enumerate(siblings) if sibling.pk == block.pk)
    other = index + (1 if direction > 0 else -1)
    if 0 <= other < len(siblings):
        siblings[index], siblings[other] = siblings[other], siblings[index]
        for position, sibling in enumerate(siblings, start=1):
            if sibling.order != position:
                sibling.order = position
                _save(sibling, user=user)
    _touch(letter, user=user, reason=_("Blokken verschoven"), edit_version=edit_version)
    return letter


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


# --- Workflow -------------------------------------------------------------------------------


def _transition(letter: Letter, target: str) -> None:
    if not can_transition(letter.status, target):
        raise ValidationError(
            _("Een brief met status '%(status)s' kan niet naar '%(target)s'.")
            % {"status": letter.get_status_display(), "target": LetterStatus(target).label}
        )
    letter.status = target


def _require_view(letter: Letter, user: User) -> None:
    if not letter_permissions(user, letter).view:
        raise PermissionDenied


@transaction.atomic
def letter_approve(*, letter: Letter, user: User) -> Letter:
    """Concept → gereed: the text is final and waits to be sent."""
    current = _locked(letter)
    _require_view(current, user)
    allowed = letter_permissions(user, current).approve
    _transition(current, LetterStatus.APPROVED)
    if not allowed:
        raise PermissionDenied
    current.approved_by, current.approved_at = user, timezone.now()
    _touch(current, user=user, reason=_("Gereed gemeld"))
    return current


@transaction.atomic
def letter_reopen(*, letter: Letter, user: User) -> Letter:
    """Gereed → concept, to change it once more."""
    current = _locked(letter)
    _require_view(current, user)
    allowed = letter_permissions(user, current).reopen
    _transition(current, LetterStatus.DRAFT)
    if not allowed:
        raise PermissionDenied
    current.approved_by, current.approved_at = None, None
    _touch(current, user=user, reason=_("Teruggezet naar concept"))
    return current


def _take_snapshots(letter: Letter, municipalities: list[Municipality]) -> list[LetterBlock]:
    """Build every block for every addressed municipality, as the data are now."""
    blocks = [block for section in letter.sections.all() for block in section.blocks.all()]
    for block in blocks:
        if block.snapshot is not None:
            continue
        snapshot = {}
        for municipality in municipalities:
            try:
                snapshot[municipality.cbs_code] = build_block(
                    block.block_type, block.params, municipality, region=letter.region
                )
            except BlockError as error:
                raise ValidationError(
                    _(
                        "De brief is niet verzonden: een gegevensblok in '%(section)s' kan niet "
                        "worden opgebouwd. %(error)s"
                    )
                    % {"section": block.section.question.text, "error": error}
                ) from error
        block.snapshot = snapshot
    return blocks


def _store_pdfs(letter: Letter, *, user: User | None) -> list[str]:
    """Render the letter once per addressed council and store each PDF with its SHA-256.

    Returns the stored file names, so a caller can remove them when its transaction fails.
    Expects the letter from `letter_for_print` with its snapshots set.
    """
    stored = []
    try:
        for municipality in letter.addressee_list():
            try:
                _html, pdf = render_letter_pdf(printed_letter(letter, municipality))
            except PdfRenderError as error:
                raise ValidationError(
                    _(
                        "De brief is niet verzonden: het maken van de PDF voor %(name)s is "
                        "mislukt. Er is niets gewijzigd; probeer het later opnieuw of meld het "
                        "bij functioneel beheer."
                    )
                    % {"name": municipality.name}
                ) from error
            document = LetterPdf(
                letter=letter,
                municipality=municipality,
                sha256=hashlib.sha256(pdf).hexdigest(),
                size=len(pdf),
            )
            try:
                document.file.save("brief.pdf", ContentFile(pdf), save=False)
            except OSError as error:
                raise ValidationError(
                    _(
                        "De brief is niet verzonden: de PDF kon niet worden opgeslagen. Er is "
                        "niets gewijzigd; meld het bij functioneel beheer."
                    )
                ) from error
            stored.append(document.file.name)
            document.full_clean()
            document.save()
    except BaseException:
        _remove_files(stored)
        raise
    return stored


def _remove_files(names: list[str]) -> None:
    from django.core.files.storage import default_storage

    for name in names:
        default_storage.delete(name)


def letter_issue(*, letter: Letter, user: User) -> Letter:
    """Gereed → verzonden: freeze the blocks' data, render and store the PDF for every addressed
    council, record the issuer and the time. All or nothing: when anything fails (a block, the
    PDF), the letter stays 'gereed' and no file is left behind.

    Unlike other side effects, the PDF is made inside the transaction, before anything is
    saved: the issue *is* the stored document and its hash, so it cannot follow on commit.
    """
    stored: list[str] = []
    try:
        with transaction.atomic():
            current = _locked(letter)
            _require_view(current, user)
            if current.status == LetterStatus.ISSUED:
                raise ValidationError(
                    _(
                        "Deze brief is al verzonden op %(when)s; een verzonden brief verandert "
                        "niet meer. Maak een correctie om iets te wijzigen."
                    )
                    % {"when": timezone.localtime(current.issued_at).strftime("%d-%m-%Y %H:%M")}
                )
            if current.status != LetterStatus.APPROVED:
                raise ValidationError(
                    _(
                        "Alleen een brief met de status 'gereed' kan worden verzonden; meld hem "
                        "eerst gereed."
                    )
                )
            if not letter_permissions(user, current).issue:
                raise PermissionDenied
            current = letter_for_print(pk=current.pk)  # with everything; the row stays locked
            current.status = LetterStatus.ISSUED
            current.issued_by, current.issued_at = user, timezone.now()
            blocks = _take_snapshots(current, current.addressee_list())
            stored = _store_pdfs(current, user=user)
            for block in blocks:
                _save(block, user=user)
            _touch(current, user=user, reason=_("Verzonden"))
    except BaseException:
        _remove_files(stored)
        raise
    return current


def letter_store_missing_pdfs(*, letter: Letter) -> int:
    """For an issued letter without stored PDFs (loaded from a fixture): take the blocks'
    snapshots and store the PDFs, as issuing would have. Returns the number of PDFs stored."""
    stored: list[str] = []
    try:
        with transaction.atomic():
            current = letter_for_print(pk=_locked(letter).pk)
            if current.status != LetterStatus.ISSUED or current.pdfs.exists():
                return 0
            blocks = _take_snapshots(current, current.addressee_list())
            stored = _store_pdfs(current, user=None)
            for block in blocks:
                LetterBlock.objects.filter(pk=block.pk).update(snapshot=block.snapshot)
    except BaseException:
        _remove_files(stored)
        raise
    return len(stored)


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
    if existing is not None:
        raise ValidationError(
            _("Er is al een correctie van deze brief: versie %(version)d.")
            % {"version": existing.version}
        )
    copy = Letter(
        kind=current.kind,
        region=current.region,
        municipality=current.municipality,
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
    for section in current.sections.select_related("question").prefetch_related("blocks"):
        new_section = LetterSection(letter=copy, question=section.question, text=section.text)
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
    return copy
