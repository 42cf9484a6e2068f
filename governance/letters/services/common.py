"""What every letter service shares: the header fields, the locked row, the checks, the save.

Edits are optimistic: `_touch` saves the letter as a new edit version and refuses a stale one
with `StaleEditError`; `_require_editable` lets only a concept change.
"""

from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _

from core.services import model_update
from governance.letters.completeness import missing_for_issue, missing_message
from governance.letters.constants import LetterStatus
from governance.letters.permissions import letter_permissions
from governance.letters.selectors import batch_job
from governance.models import Letter

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
    "woo_ground",
    "signature",
    "salutation",
    "closing",
)


def _save(instance, *, user: User | None, reason: str = "") -> None:
    instance._history_user = user
    if reason:
        instance._change_reason = reason
    instance.full_clean()
    instance.save()


def _batch_pending(letter: Letter) -> bool:
    """Is the letter's background issue queued or running?"""
    job = batch_job(letter)
    return job is not None and job.pending


def _locked(letter: Letter) -> Letter:
    return Letter.objects.select_for_update().get(pk=letter.pk)


def _require_status(letter: Letter, status: str, message: str) -> None:
    if letter.status != status:
        raise ValidationError(message % {"status": letter.get_status_display().lower()})


def _require_view(letter: Letter, user: User) -> None:
    if not letter_permissions(user, letter).view:
        raise PermissionDenied


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


def _require_complete(letter: Letter, *, action: str) -> None:
    """Refuse, naming what is missing, a letter its template version does not find complete.
    Expects the letter from `selectors.letter_for_print`."""
    missing = missing_for_issue(letter)
    if missing:
        raise ValidationError(missing_message(missing, action=action))


def _public_choice(header: dict) -> None:
    """A public letter has no Woo ground; setting it public clears the ground."""
    if header.get("is_public"):
        header["woo_ground"] = ""


def _touch(letter: Letter, *, user: User, reason: str, edit_version: int | None = None) -> None:
    """Save the letter as a new edit version: refused when a form's `edit_version` is stale.

    Without one (a workflow step on the locked row) the letter's own version is the expected one.
    """
    expected = letter.edit_version if edit_version is None else edit_version
    model_update(instance=letter, expected_version=expected, user=user, reason=reason)
