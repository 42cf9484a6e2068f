"""Starting, running and finishing background jobs (see the package's docstring)."""

import datetime
import logging
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from core.models import BackgroundJob, BackgroundJobStatus
from core.registry import registry
from core.scope import all_regions, region_scope

logger = logging.getLogger(__name__)

PENDING = (BackgroundJobStatus.QUEUED, BackgroundJobStatus.RUNNING)
FAILED_UNEXPECTEDLY = _(
    "De taak is mislukt door een fout in de toepassing. Er is niets gewijzigd; probeer het "
    "later opnieuw of meld het bij functioneel beheer."
)
ABANDONED = _(
    "De taak is afgebroken: de achtergrondwerker stopte terwijl zij liep. Start haar opnieuw."
)


@dataclass(frozen=True)
class JobOutcome:
    """What a job gives back: a file (its bytes, name and type) and/or a short Dutch message."""

    content: bytes | None = None
    filename: str = ""
    content_type: str = ""
    message: str = ""


class JobProgress:
    """Records how far a job is, on its own row and outside any transaction of the work, so
    that the progress page sees it while the job runs, with an optional short Dutch note on
    what it does now ("Brief 3 van 10: gemeente Gorinchem"). Counts alone are written at most
    once a second; a note, which marks a step of real work, always."""

    def __init__(self, job: BackgroundJob):
        self.job = job
        self._written = None

    def __call__(self, done: int, total: int | None = None, note: str | None = None) -> None:
        now = timezone.now()
        last = total is not None and done >= total
        recent = self._written and (now - self._written).total_seconds() < 1
        if recent and not last and note is None:
            return
        self._written = now
        self.job.done = done
        if total is not None:
            self.job.total = total
        fields = {"done": done, "total": self.job.total, "heartbeat": now}
        if note is not None:
            self.job.message = fields["message"] = str(note)
        BackgroundJob.objects.filter(pk=self.job.pk).update(**fields)


def job_report(job: BackgroundJob, report: dict) -> None:
    """Keep a job's report (what its page shows once it finished, by the kind's
    `report_template`) in its parameters, as `job.params["report"]`. Kept when the job then
    fails with its own Dutch error too."""
    job.params = {**job.params, "report": report}
    BackgroundJob.objects.filter(pk=job.pk).update(params=job.params)


def job_owner_in_region(job: BackgroundJob) -> bool:
    """Does the job's owner still work in the job's region, as the web requests would decide
    (`REGION_RESOLVER`)? A deactivated owner does not; a platform administrator works in any."""
    from django.http import HttpRequest
    from django.utils.module_loading import import_string

    user = job.owner
    if not user.is_active:
        return False
    if user.is_superuser:
        return True
    request = HttpRequest()
    request.user, request.session = user, {}
    with all_regions():
        region = import_string(settings.REGION_RESOLVER)(request)
    return getattr(region, "pk", None) == job.region_id


def stale_q(now: datetime.datetime | None = None) -> Q:
    """Running jobs without a sign of life for `JOB_STALE_MINUTES`: their worker was killed
    (SIGKILL, a lost machine) without a chance to record it."""
    cutoff = (now or timezone.now()) - datetime.timedelta(minutes=settings.JOB_STALE_MINUTES)
    return Q(status=BackgroundJobStatus.RUNNING) & (
        Q(heartbeat__lt=cutoff) | Q(heartbeat__isnull=True, started__lt=cutoff)
    )


def pending_jobs(*, user) -> int:
    """How many of this user's background jobs are queued or running, in any region; a job
    whose worker died (`stale_q`) does not count."""
    with all_regions():
        jobs = BackgroundJob.objects.filter(owner=user, status__in=PENDING)
        return jobs.exclude(stale_q()).count()


@transaction.atomic
def job_enqueue(*, kind: str, user, region, title: str, params: dict | None = None):
    """Queue a job of a registered kind for `user` in `region`; the task row and the job row
    are saved together or not at all. Refused with a Dutch message once the user has
    `JOBS_PER_USER` jobs queued or running."""
    from .tasks import run_background_job

    if kind not in registry.job_kinds:
        raise ValueError(f"Unknown background job kind {kind!r}.")
    limit = settings.JOBS_PER_USER
    if pending_jobs(user=user) >= limit:
        raise ValidationError(
            ngettext(
                "U hebt al %(count)d taak in de wachtrij of in bewerking; wacht tot die klaar "
                "is en probeer het daarna opnieuw.",
                "U hebt al %(count)d taken in de wachtrij of in bewerking; wacht tot er een "
                "klaar is en probeer het daarna opnieuw.",
                limit,
            )
            % {"count": limit}
        )
    job = BackgroundJob.objects.create(
        region=region, owner=user, kind=kind, title=title[:200], params=params or {}
    )
    result = run_background_job.enqueue(job_id=str(job.pk))
    BackgroundJob.objects.filter(pk=job.pk).update(task_id=str(result.id))
    job.task_id = str(result.id)
    return job


def job_run(job_id: str) -> None:
    """Run one job in the worker, inside its region's scope: record the start, the outcome or
    the Dutch error. A `ValidationError` is the job's own refusal (its message is shown); any
    other error is logged and shown as a general failure, and fails the task too."""
    with all_regions():
        job = BackgroundJob.objects.select_related("owner").get(pk=job_id)
    if job.status != BackgroundJobStatus.QUEUED:
        return  # already run (a task run twice) or cancelled
    kind = registry.job_kinds[job.kind]
    with region_scope(job.region_id):
        now = timezone.now()
        BackgroundJob.objects.filter(pk=job.pk).update(
            status=BackgroundJobStatus.RUNNING, started=now, heartbeat=now
        )
        try:
            outcome = kind.run(job, JobProgress(job))
        except ValidationError as error:
            _finish(job, BackgroundJobStatus.FAILED, message=" ".join(error.messages))
            return
        except Exception:
            logger.exception("Achtergrondtaak %s (%s) mislukt", job.pk, job.kind)
            _finish(job, BackgroundJobStatus.FAILED, message=str(FAILED_UNEXPECTEDLY))
            raise
        _finish(job, BackgroundJobStatus.DONE, outcome=outcome)


def _finish(job: BackgroundJob, status: str, *, message: str = "", outcome=None) -> None:
    job.status, job.finished = status, timezone.now()
    job.message = outcome.message if outcome else message
    fields = ["status", "finished", "message"]
    if outcome is not None and outcome.content is not None:
        job.result.save(outcome.filename, ContentFile(outcome.content), save=False)
        job.result_name, job.result_type = outcome.filename, outcome.content_type
        fields += ["result", "result_name", "result_type"]
    if job.total is None:
        job.done = job.total = 1 if status == BackgroundJobStatus.DONE else 0
        fields += ["done", "total"]
    job.save(update_fields=fields)


def jobs_clean_up(region) -> dict:
    """The daily maintenance of one region's jobs: a running job without a sign of life for
    `JOB_STALE_MINUTES` lost its worker (killed without a chance to finish) and is marked
    failed; results older than `JOB_RESULTS_DAYS` are removed with their jobs."""
    now = timezone.now()
    stale = BackgroundJob.objects.filter(stale_q(now)).update(
        status=BackgroundJobStatus.FAILED,
        finished=now,
        message=str(ABANDONED),
    )
    expired = BackgroundJob.objects.filter(
        created__lt=now - datetime.timedelta(days=settings.JOB_RESULTS_DAYS)
    ).exclude(status__in=PENDING)
    removed = 0
    for job in expired:
        if job.result:
            job.result.delete(save=False)
        job.delete()
        removed += 1
    return {"stale": stale, "removed": removed}
