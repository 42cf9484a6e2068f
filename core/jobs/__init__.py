"""Background jobs: work a person starts that runs in the worker, with its progress on a page.

A large PDF (the dashboard across many projects), an export of thousands of rows or a workbook
import takes longer than a web request should: one person would tie up a web worker, and a few
would starve everyone (docs/operations.md, *Achtergrondwerk*). Such work is a `BackgroundJob`
row plus a django-tasks task in the same transaction; the worker (`manage.py db_worker`) runs it
inside the job's region scope and records progress, result file or Dutch error on the row;
`/taken/<id>/` shows it (polled by htmx, reloaded without JavaScript) and offers the result to
its owner alone.

Kinds of job are registered by the apps (`core.registry.BackgroundJobKind`), the views that
start them check who may. A user has at most `JOBS_PER_USER` jobs queued or running.
"""

from .services import (
    JobOutcome,
    JobProgress,
    job_enqueue,
    job_owner_in_region,
    job_report,
    pending_jobs,
)

__all__ = [
    "JobOutcome",
    "JobProgress",
    "job_enqueue",
    "job_owner_in_region",
    "job_report",
    "pending_jobs",
]
