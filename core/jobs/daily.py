"""The worker's daily round: every registered daily task (reminders, clean-up) for every region,
once a day at `DAILY_TASKS_HOUR`, without cron.

`daily_tasks_schedule()` makes sure one run is queued for the next such hour; each run queues
the next one when it ends, so the round keeps going as long as a worker runs. `manage.py
schedule_daily_tasks` (started beside the worker by `make run` and the compose file) queues the
first. A run that finds the round already done today does nothing, so a second queued run, or
a run repeated after a worker restart, never sends a reminder twice.
"""

import datetime
import logging

from django.apps import apps
from django.conf import settings
from django.db import transaction
from django.utils import timezone

from django_tasks import task
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from core.registry import registry
from core.scope import all_regions, region_scope

logger = logging.getLogger(__name__)


def next_run_at(now: datetime.datetime | None = None) -> datetime.datetime:
    """The next `DAILY_TASKS_HOUR` o'clock, local time, after `now`."""
    local = timezone.localtime(now or timezone.now())
    at = local.replace(hour=settings.DAILY_TASKS_HOUR, minute=0, second=0, microsecond=0)
    return at if at > local else at + datetime.timedelta(days=1)


def _runs():
    return DBTaskResult.objects.filter(task_path=run_daily_tasks.module_path)


@transaction.atomic
def daily_tasks_schedule(now: datetime.datetime | None = None) -> datetime.datetime:
    """Queue the next daily round unless one is queued already; returns when it runs."""
    queued = _runs().filter(status=TaskResultStatus.READY).select_for_update().order_by("run_after")
    first = queued.first()
    if first is not None and first.run_after is not None:
        return first.run_after
    at = next_run_at(now)
    run_daily_tasks.using(run_after=at).enqueue()
    return at


def _already_ran_today(now: datetime.datetime) -> bool:
    today = timezone.localtime(now).date()
    start = timezone.make_aware(datetime.datetime.combine(today, datetime.time.min))
    return _runs().filter(status=TaskResultStatus.SUCCESSFUL, finished_at__gte=start).exists()


def daily_tasks_run(now: datetime.datetime | None = None) -> dict:
    """Every daily task for every region, each region in its own scope. One task failing for
    one region is logged and does not stop the others."""
    now = now or timezone.now()
    if _already_ran_today(now):
        return {"skipped": True}
    Region = apps.get_model(settings.REGION_MODEL)
    with all_regions():
        regions = list(Region.objects.order_by("pk"))
    summary = {}
    for region in regions:
        for daily in registry.daily():
            try:
                with region_scope(region):
                    outcome = daily.run(region)
            except Exception:
                logger.exception("Dagelijkse taak %s voor %s mislukt", daily.key, region)
                outcome = {"failed": True}
            summary[f"{region.pk}:{daily.key}"] = outcome
    logger.info("Dagelijkse taken uitgevoerd", extra={"summary": summary})
    return summary


@task()
def run_daily_tasks() -> dict:
    try:
        return daily_tasks_run()
    finally:
        daily_tasks_schedule()
