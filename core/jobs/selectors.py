"""Reading background jobs for their pages."""

import datetime

from django.conf import settings
from django.utils import timezone

from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from core.models import BackgroundJob, BackgroundJobStatus

from .services import ABANDONED, PENDING


def jobs_of(user):
    """The user's jobs in the open region, newest first."""
    return BackgroundJob.objects.filter(owner=user).order_by("-created")


def with_state(jobs, now: datetime.datetime | None = None) -> list[BackgroundJob]:
    """The jobs as their pages show them, in one query for all. A pending job whose task failed
    outside the job's own handling (the worker was stopped hard in the middle of it), or that
    ran without a sign of life for `JOB_STALE_MINUTES` (its worker was killed), is shown as
    failed, with what to do. A running job silent for `JOB_SILENT_MINUTES` gets
    `silent_minutes`: its page says that the worker may have stopped."""
    now = now or timezone.now()
    jobs = list(jobs)
    pending = [job.task_id for job in jobs if job.status in PENDING and job.task_id]
    failed = set()
    if pending:
        results = DBTaskResult.objects.filter(pk__in=pending, status=TaskResultStatus.FAILED)
        failed = {str(pk) for pk in results.values_list("pk", flat=True)}
    stale = datetime.timedelta(minutes=settings.JOB_STALE_MINUTES)
    silent = datetime.timedelta(minutes=settings.JOB_SILENT_MINUTES)
    for job in jobs:
        job.silent_minutes, job.stale_minutes = 0, settings.JOB_STALE_MINUTES
        last = job.heartbeat or job.started
        quiet = now - last if job.status == BackgroundJobStatus.RUNNING and last else None
        if job.status in PENDING and job.task_id in failed or quiet and quiet > stale:
            job.status, job.message = BackgroundJobStatus.FAILED, str(ABANDONED)
        elif quiet and quiet > silent:
            job.silent_minutes = int(quiet.total_seconds() // 60)
    return jobs
