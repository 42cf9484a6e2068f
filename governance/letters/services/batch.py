"""Issuing a regional letter in the background, as a job of `core.jobs` (`LETTER_BATCH_JOB`).

Queuing records the job on the letter in the same transaction as the job itself: either both
are there or neither, and while the job is pending the letter stays 'gereed' and shows that it
is being sent. The worker first renders every addressed council's PDF, outside any write
transaction, reporting each on the job's page; then, in one short transaction, it locks the
letter, checks that it did not change since the batch was queued, stores the documents and
marks the letter issued: all or nothing.
"""

from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.jobs import JobOutcome, job_enqueue
from governance.letters.constants import LetterStatus
from governance.letters.selectors import letter_for_print
from governance.models import Letter

from .common import _batch_pending, _locked, _save, _touch
from .issue import (
    notify_addressed_griffies,
    remove_files,
    render_pdfs,
    require_issuable,
    store_pdfs,
    take_snapshots,
)

LETTER_BATCH_JOB = "governance.letter_batch"

CHANGED = _(
    "De brief is niet verzonden: hij is gewijzigd terwijl de PDF’s werden gemaakt. Er is niets "
    "verzonden; bekijk de brief en verzend hem opnieuw."
)


@transaction.atomic
def letter_issue_enqueue(*, letter: Letter, user: User) -> Letter:
    """Gereed → (in the background) verzonden: the same checks as `letter_issue`, then queue
    the job that issues it. Refused while this letter is already being sent, and once the user
    has `JOBS_PER_USER` jobs queued or running (`job_enqueue` says so in Dutch)."""
    current = _locked(letter)
    require_issuable(current, user)
    if _batch_pending(current):
        raise ValidationError(_("Deze brief wordt al verzonden; wacht tot dat klaar is."))
    job = job_enqueue(
        kind=LETTER_BATCH_JOB,
        user=user,
        region=current.region,
        title=_("Regionale brief verzenden: %(subject)s") % {"subject": current.subject},
        params={
            "letter_id": current.pk,
            "edit_version": current.edit_version,
            "link": {"url": current.get_absolute_url(), "label": _("Naar de brief")},
        },
    )
    # Not an edit of the letter: its edit version and history stay as they are.
    Letter.objects.filter(pk=current.pk).update(issue_task_id=str(job.pk))
    current.issue_task_id = str(job.pk)
    return current


def _require_issuable_by(letter: Letter, user: User) -> None:
    """`require_issuable` in the worker, where a refusal is the job's Dutch error."""
    try:
        require_issuable(letter, user)
    except PermissionDenied as error:
        raise ValidationError(
            _("De brief is niet verzonden: u mag hem niet (meer) verzenden.")
        ) from error


def letter_batch_job(job, progress) -> JobOutcome:
    """The job: render, then issue in one short transaction (see the module's docstring)."""
    user, expected = job.owner, job.params["edit_version"]
    try:
        letter = letter_for_print(pk=job.params["letter_id"])
    except Letter.DoesNotExist as error:
        raise ValidationError(_("De brief bestaat niet meer; er is niets verzonden.")) from error
    if letter.edit_version != expected:
        raise ValidationError(str(CHANGED))
    _require_issuable_by(letter, user)
    # As printed: issued now, by this person, with the blocks' data as they are now.
    letter.status = LetterStatus.ISSUED
    letter.issued_by, letter.issued_at = user, timezone.now()
    blocks = take_snapshots(letter, letter.addressee_list())
    rendered = render_pdfs(letter, progress=progress)
    progress(len(rendered), len(rendered), _("De PDF’s worden opgeslagen en de brief verzonden."))
    count = _letter_issue_rendered(
        letter, user=user, expected=expected, blocks=blocks, rendered=rendered
    )
    return JobOutcome(
        message=_("De brief is verzonden: %(count)d PDF’s gemaakt en opgeslagen.")
        % {"count": count}
    )


def _letter_issue_rendered(letter, *, user, expected, blocks, rendered) -> int:
    """Store the rendered PDFs and mark the letter issued, on its locked row, unless it changed
    since the batch was queued."""
    stored: list[str] = []
    try:
        with transaction.atomic():
            current = _locked(letter)
            if current.edit_version != expected:
                raise ValidationError(str(CHANGED))
            _require_issuable_by(current, user)
            current.status = LetterStatus.ISSUED
            current.issued_by, current.issued_at = user, letter.issued_at
            stored = store_pdfs(current, rendered)
            for block in blocks:
                _save(block, user=user)
            _touch(current, user=user, reason=_("Verzonden"))
            # `current` is the locked row: the addressees and the sender come with `letter`.
            notify_addressed_griffies(letter)
    except BaseException:
        remove_files(stored)
        raise
    return len(stored)
