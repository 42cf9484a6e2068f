"""Reading background jobs for their pages."""

from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from core.models import BackgroundJob, BackgroundJobStatus

from .services import ABANDONED, PENDING


def jobs_of(user):
    """The user's jobs in the open region, newest first."""
    return BackgroundJob.objects.filter(owner=user).order_by("-created")


def with_state(jobs) -> list[BackgroundJob]:
    """The jobs as their pages show them, in one query for all. A pending job whose task failed
    outside the job's own handling (the worker was stopped hard in the middle of it) is shown
    as failed, with what to do."""
    jobs = list(jobs)
    pending = [job.task_id for job in jobs if job.status in PENDING and job.task_id]
    failed = set()
    if pending:
        results = DBTaskResult.objects.filter(pk__in=pending, status=TaskResultStatus.FAILED)
        failed = {str(pk) for pk in results.values_list("pk", flat=True)}
    for job in jobs:
        if job.status in PENDING and job.task_id in failed:
            job.status, job.message = BackgroundJobStatus.FAILED, str(ABANDONED)
    return jobs
