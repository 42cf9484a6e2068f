"""Issuing a regional letter in the background: queue the batch that `letter_issue` does.

The queued task is a row in the database, in the same transaction as the letter's record of
it: either both are there or neither. The worker issues the letter all or nothing, as a request
would; until then the letter stays 'gereed' and shows that it is being sent.
"""

from django.conf import settings
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from django_tasks_db.models import DBTaskResult

from governance.letters.tasks import issue_letter_batch
from governance.models import Letter

from .common import PENDING, _batch_pending, _locked
from .issue import _require_issuable


def pending_batches(*, user: User) -> int:
    """How many regional letter batches of this user are queued or running."""
    return DBTaskResult.objects.filter(
        task_path=issue_letter_batch.module_path,
        status__in=PENDING,
        args_kwargs__kwargs__user_id=user.pk,
    ).count()


@transaction.atomic
def letter_issue_enqueue(*, letter: Letter, user: User) -> Letter:
    """Gereed → (in the background) verzonden: the same checks as `letter_issue`, then queue
    the task that issues it. Refused while this letter is already being sent, and once the user
    has `LETTER_BATCHES_PER_USER` batches queued or running."""
    current = _locked(letter)
    _require_issuable(current, user)
    if _batch_pending(current):
        raise ValidationError(_("Deze brief wordt al verzonden; wacht tot dat klaar is."))
    limit = settings.LETTER_BATCHES_PER_USER
    if pending_batches(user=user) >= limit:
        raise ValidationError(
            ngettext(
                "U hebt al %(count)d regionale brief in verzending; wacht tot die klaar is en "
                "verzend deze daarna.",
                "U hebt al %(count)d regionale brieven in verzending; wacht tot er een klaar is "
                "en verzend deze daarna.",
                limit,
            )
            % {"count": limit}
        )
    result = issue_letter_batch.enqueue(
        letter_id=current.pk, user_id=user.pk, region_id=current.region_id
    )
    # Not an edit of the letter: its edit version and history stay as they are.
    Letter.objects.filter(pk=current.pk).update(issue_task_id=str(result.id))
    current.issue_task_id = str(result.id)
    return current
