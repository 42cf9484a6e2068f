"""Running queued background tasks in a test, as `manage.py db_worker` does, in this process.

The worker command itself opens an exclusive transaction, which cannot nest inside a test's
transaction; tests that run the command itself are transactional (`test_letters_tasks.py`).
"""

from django_scopes import scope
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult


def run_queued_tasks() -> int:
    """Run every queued task with the worker's own `run_task`; returns how many ran.

    As in a worker process, no region scope is open (the test body's `all_regions()` is left):
    a task must open its region itself.
    """
    worker = Worker(
        queue_names=["*"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="test",
    )
    count = 0
    while (result := DBTaskResult.objects.ready().first()) is not None:
        result.claim(worker.worker_id)
        with scope():  # enabled, without a region: a region-owned query fails closed
            worker.run_task(result)
        count += 1
    return count
