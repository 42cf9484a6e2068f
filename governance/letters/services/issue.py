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
from django.utils import timezone
from django.utils.translation import gettext as _

from core.pdf import PdfRenderError
from governance.letters.blocks import BlockError, build_block
from governance.letters.constants import LetterStatus
from governance.letters.document import printed_letter, render_letter_pdf
from governance.letters.permissions import letter_permissions
from governance.letters.selectors import letter_for_print
from governance.models import Letter, LetterBlock, LetterPdf, Municipality

from .common import _locked, _require_complete, _require_view, _save, _touch

logger = logging.getLogger(__name__)


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
    """Remove the files of an issue that failed. With the database storage the rollback already
    removes them (a delete inside a failed transaction may itself fail: logged, not raised)."""
    for name in names:
        try:
            default_storage.delete(name)
        except Exception:
            logger.warning("Opgeslagen bestand %s niet verwijderd", name, exc_info=True)


def _require_issuable(current: Letter, user: User) -> None:
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
            _require_issuable(current, user)
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
