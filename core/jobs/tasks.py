"""The one task every background job runs through: handed the job's id, never objects."""

from django_tasks import task

from .services import job_run


@task()
def run_background_job(*, job_id: str) -> None:
    job_run(job_id)
