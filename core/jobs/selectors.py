"""Reading background jobs for their pages."""

from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from core.models import BackgroundJob, BackgroundJobStatus

from .services import ABANDONED, PENDING


def jobs_of(user):
    """The user's jobs in the open region, newest first."""
    return BackgroundJob.objects.filter(owner=user).order_by("-created")


def job_state(job: BackgroundJob) -> BackgroundJob:
    """The job as its page shows it. A job whose task failed outside the job's own handling
    (the worker was stopped hard in the middle of it) is shown as failed, with what to do."""
    if job.status in PENDING and job.task_id:
        task_status = (
            DBTaskResult.objects.filter(pk=job.task_id).values_list("status", flat=True).first()
        )
        if task_status == TaskResultStatus.FAILED:
            job.status = BackgroundJobStatus.FAILED
            job.message = str(ABANDONED)
    return job
