"""Background work for letters: issuing a regional letter, one PDF per addressed council.

Rendering takes about half a second per council, too long for a web request once a letter goes
to more than one (docs/operations.md, *Processen*). The task runs in a worker
(`manage.py db_worker`), outside any request: it is handed ids, never objects, and opens the
letter's region itself.
"""

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError

from django_tasks import task

from core.scope import region_scope
from governance.models import Letter


@task()
def issue_letter_batch(*, letter_id: int, user_id: int, region_id: int) -> dict:
    """Issue the letter as `letter_issue` does, all or nothing.

    A refusal (a `ValidationError`, with its Dutch text) is the task's result rather than a
    failure of the task, so that the progress page can show why; the letter stays as it was.
    Anything else fails the task, and the letter stays as it was too.
    """
    from governance.letters.services.issue import letter_issue

    with region_scope(region_id):
        letter = Letter.objects.get(pk=letter_id)
        user = get_user_model().objects.get(pk=user_id)
        try:
            issued = letter_issue(letter=letter, user=user)
        except ValidationError as error:
            return {"issued": False, "error": " ".join(error.messages)}
        return {"issued": True, "error": "", "count": len(issued.addressee_list())}
