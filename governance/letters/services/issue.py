"""Issuing a letter: freeze its blocks' data and store one PDF per addressed council, all or
nothing (and the same for fixture letters issued without their PDFs).
"""

import hashlib
import logging

from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from core.notifications import absolute_url, notify
from core.pdf import PdfRenderError
from governance.constants import Role
from governance.letters.blocks import BlockError, build_block
from governance.letters.constants import LetterStatus
from governance.letters.document import printed_letter, render_letter_pdf
from governance.letters.permissions import letter_permissions
from governance.letters.selectors import letter_for_print
from governance.models import Letter, LetterBlock, LetterPdf, Municipality

from .common import _locked, _require_complete, _require_view, _save, _touch

logger = logging.getLogger(__name__)


def take_snapshots(letter: Letter, municipalities: list[Municipality]) -> list[LetterBlock]:
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


def _not_rendered(municipality: Municipality) -> ValidationError:
    return ValidationError(
        _(
            "De brief is niet verzonden: het maken van de PDF voor %(name)s is mislukt. Er is "
            "niets gewijzigd; probeer het later opnieuw of meld het bij functioneel beheer."
        )
        % {"name": municipality.name}
    )


def render_pdfs(letter: Letter, *, progress=None) -> list[tuple[Municipality, bytes]]:
    """Render the letter once per addressed council, as it is issued. Expects the letter from
    `letter_for_print` with its snapshots set and its status 'verzonden'. `progress(done,
    total, note)`, when given, hears of every PDF before it is made."""
    municipalities = letter.addressee_list()
    rendered = []
    for number, municipality in enumerate(municipalities, start=1):
        if progress is not None:
            note = _("Brief %(number)d van %(total)d: gemeente %(name)s") % {
                "number": number,
                "total": len(municipalities),
                "name": municipality.name,
            }
            progress(number - 1, len(municipalities), note)
        try:
            _html, pdf = render_letter_pdf(printed_letter(letter, municipality))
        except PdfRenderError as error:
            raise _not_rendered(municipality) from error
        rendered.append((municipality, pdf))
    return rendered


def store_pdfs(letter: Letter, rendered: list[tuple[Municipality, bytes]]) -> list[str]:
    """Store each rendered PDF with its SHA-256. Returns the stored file names, so a caller can
    remove them when its transaction fails (they are removed here when storing fails)."""
    stored = []
    try:
        for municipality, pdf in rendered:
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
        remove_files(stored)
        raise
    return stored


def _store_pdfs(letter: Letter) -> list[str]:
    return store_pdfs(letter, render_pdfs(letter))


def remove_files(names: list[str]) -> None:
    """Remove the files of an issue that failed. With the database storage the rollback already
    removes them (a delete inside a failed transaction may itself fail: logged, not raised)."""
    for name in names:
        try:
            default_storage.delete(name)
        except Exception:
            logger.warning("Opgeslagen bestand %s niet verwijderd", name, exc_info=True)


def notify_addressed_griffies(letter: Letter) -> dict[str, list[str]]:
    """A board's letter, once issued: each addressed municipality's griffie gets an e-mail with
    the link to its own PDF (sent when the transaction commits). Returns the addresses by CBS
    code; other letters notify nobody here."""
    from governance.notifications import role_addresses

    if not letter.is_board_letter:
        return {}
    sent = {}
    for municipality in letter.addressee_list():
        recipients = role_addresses(
            region=letter.region, roles=[Role.GRIFFIE], municipality_ids=[municipality.pk]
        )
        path = reverse(
            "letters:letter_pdf", kwargs={"pk": letter.pk, "cbs_code": municipality.cbs_code}
        )
        sent[municipality.cbs_code] = notify(
            recipients=recipients,
            template="governance/letters/mail/board_letter_issued",
            context={"letter": letter, "municipality": municipality, "url": absolute_url(path)},
        )
    return sent


def require_issuable(current: Letter, user: User) -> None:
    """The checks before issuing, on the locked row: seen, 'gereed', and issued by whom may."""
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
    # Checked again: the template version's requirements hold for what is sent.
    _require_complete(letter_for_print(pk=current.pk), action=_("verzonden"))


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
            require_issuable(current, user)
            current = letter_for_print(pk=current.pk)  # with everything; the row stays locked
            current.status = LetterStatus.ISSUED
            current.issued_by, current.issued_at = user, timezone.now()
            blocks = take_snapshots(current, current.addressee_list())
            stored = _store_pdfs(current)
            for block in blocks:
                _save(block, user=user)
            _touch(current, user=user, reason=_("Verzonden"))
            notify_addressed_griffies(current)
    except BaseException:
        remove_files(stored)
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
            blocks = take_snapshots(current, current.addressee_list())
            stored = _store_pdfs(current)
            for block in blocks:
                LetterBlock.objects.filter(pk=block.pk).update(snapshot=block.snapshot)
    except BaseException:
        remove_files(stored)
        raise
    return len(stored)
