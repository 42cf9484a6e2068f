"""Background jobs (core.jobs), with the dashboard PDF as the job: queued by the page, run by the
worker in the job's region, its progress and result for its owner alone, a Dutch error when it
fails, a limit per user, and the worker's daily round."""

import datetime
from urllib.parse import urlencode

from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

import pytest
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from core.jobs import daily
from core.jobs.services import jobs_clean_up
from core.models import BackgroundJob, BackgroundJobStatus
from core.pdf import PdfRenderError
from core.scope import region_scope
from governance.constants import Role
from governance.models import Region
from tests.governance.factories import UserFactory
from tests.programme.test_dashboard import ZHZ
from tests.tasks import run_queued_tasks

pytestmark = pytest.mark.django_db


@pytest.fixture
def zhz():
    call_command("loaddata", *ZHZ, verbosity=0)
    return Region.objects.get(slug="zhz")


@pytest.fixture
def nmt(client, zhz):
    user = UserFactory(role=Role.NETWORK_MT, region=zhz)
    client.force_login(user)
    return user


def _ask_pdf(client, **query):
    url = reverse("programme:dashboard")
    if query:
        url += "?" + urlencode(query)
    return client.post(url, {"export": "pdf"})


def test_the_dashboard_pdf_is_made_in_the_background_and_downloaded_by_its_owner(client, nmt):
    response = _ask_pdf(client, as_of="2022-06-30")
    job = BackgroundJob.objects.get()
    assert response["Location"] == reverse("jobs:job_detail", args=[job.pk])
    assert (job.owner, job.status, job.params) == (nmt, "queued", {"query": "as_of=2022-06-30"})
    page = client.get(response["Location"]).content.decode()
    assert "In de wachtrij" in page
    assert 'http-equiv="refresh"' in page  # reloads itself without JavaScript
    poll = client.get(response["Location"], headers={"HX-Request": "true"})
    assert poll.content.decode().lstrip().startswith('<section id="job-progress"')

    assert run_queued_tasks() == 1
    job.refresh_from_db()
    assert (job.status, job.done, job.total) == ("done", 2, 2)
    page = client.get(response["Location"]).content.decode()
    assert "Klaar." in page and "programmadashboard-2022-06-30.pdf downloaden" in page
    assert 'http-equiv="refresh"' not in page
    result = client.get(reverse("jobs:job_result", args=[job.pk]))
    assert result["Content-Type"] == "application/pdf"
    assert b"".join(result.streaming_content).startswith(b"%PDF-")
    assert job.title in client.get(reverse("jobs:job_list")).content.decode()


def test_another_user_does_not_see_the_job(client, nmt, zhz):
    _ask_pdf(client)
    job = BackgroundJob.objects.get()
    run_queued_tasks()
    client.force_login(UserFactory(role=Role.NETWORK_MT, region=zhz))
    assert client.get(reverse("jobs:job_detail", args=[job.pk])).status_code == 404
    assert client.get(reverse("jobs:job_result", args=[job.pk])).status_code == 404
    assert job.title not in client.get(reverse("jobs:job_list")).content.decode()


def test_a_refused_render_shows_its_dutch_error(client, nmt, monkeypatch):
    def refuse(*args, **kwargs):
        raise PdfRenderError("Het maken van de PDF is mislukt.")

    monkeypatch.setattr("programme.dashboard_views.render_to_pdf", refuse)
    _ask_pdf(client)
    run_queued_tasks()
    job = BackgroundJob.objects.get()
    assert (job.status, job.message, bool(job.result)) == (
        "failed",
        "Het maken van de PDF is mislukt.",
        False,
    )
    page = client.get(reverse("jobs:job_detail", args=[job.pk])).content.decode()
    assert "Het maken van de PDF is mislukt." in page
    assert client.get(reverse("jobs:job_result", args=[job.pk])).status_code == 404


def test_a_broken_job_fails_with_a_general_dutch_message_and_fails_its_task(
    client, nmt, monkeypatch
):
    def broken(*args, **kwargs):
        raise RuntimeError("kapot")

    monkeypatch.setattr("programme.dashboard_views.render_to_pdf", broken)
    _ask_pdf(client)
    run_queued_tasks()
    job = BackgroundJob.objects.get()
    assert job.status == "failed"
    assert job.message.startswith("De taak is mislukt door een fout in de toepassing.")
    assert DBTaskResult.objects.get().status == TaskResultStatus.FAILED


def test_a_user_has_at_most_the_configured_number_of_jobs(client, nmt, settings):
    settings.JOBS_PER_USER = 1
    _ask_pdf(client)
    response = _ask_pdf(client, as_of="2022-06-30")
    assert BackgroundJob.objects.count() == 1
    assert response["Location"] == reverse("programme:dashboard") + "?as_of=2022-06-30"
    page = client.get(response["Location"]).content.decode()
    assert "U hebt al 1 taak in de wachtrij of in bewerking" in page
    run_queued_tasks()
    _ask_pdf(client)
    assert BackgroundJob.objects.count() == 2


def test_a_job_whose_worker_was_killed_shows_as_failed(client, nmt):
    _ask_pdf(client)
    job = BackgroundJob.objects.get()
    DBTaskResult.objects.filter(pk=job.task_id).update(status=TaskResultStatus.FAILED)
    page = client.get(reverse("jobs:job_detail", args=[job.pk])).content.decode()
    assert "de achtergrondwerker stopte" in page


def _running(job, *, silent: datetime.timedelta):
    now = timezone.now()
    BackgroundJob.objects.filter(pk=job.pk).update(
        status="running", started=now - 2 * silent, heartbeat=now - silent
    )


def test_a_running_job_without_progress_says_its_worker_may_have_stopped(client, nmt, settings):
    settings.JOB_SILENT_MINUTES, settings.JOB_STALE_MINUTES = 5, 60
    _ask_pdf(client)
    job = BackgroundJob.objects.get()
    url = reverse("jobs:job_detail", args=[job.pk])
    _running(job, silent=datetime.timedelta(minutes=2))
    assert "geen voortgang" not in client.get(url).content.decode()
    _running(job, silent=datetime.timedelta(minutes=10, seconds=5))
    page = client.get(url).content.decode()
    assert "Al 10 minuten geen voortgang. Misschien is de achtergrondwerker gestopt" in page
    assert "na 60 minuten zonder voortgang als afgebroken gemeld" in page
    assert 'hx-trigger="every 2s"' in page  # it may still come back: the page keeps asking


def test_a_job_silent_longer_than_the_stale_time_is_failed_and_no_longer_counts(
    client, nmt, settings
):
    settings.JOB_STALE_MINUTES, settings.JOBS_PER_USER = 60, 1
    _ask_pdf(client)
    job = BackgroundJob.objects.get()
    _running(job, silent=datetime.timedelta(minutes=61))
    page = client.get(reverse("jobs:job_detail", args=[job.pk])).content.decode()
    assert "de achtergrondwerker stopte" in page and "hx-trigger" not in page
    _ask_pdf(client)  # the dead job does not hold the user's place
    assert BackgroundJob.objects.count() == 2


def test_a_job_records_its_signs_of_life(client, nmt):
    _ask_pdf(client)
    run_queued_tasks()
    job = BackgroundJob.objects.get()
    assert job.started <= job.heartbeat <= job.finished


def test_clean_up_marks_stale_jobs_failed_and_removes_old_results(nmt, zhz, settings):
    now = timezone.now()
    running = BackgroundJob.objects.create(
        region=zhz, owner=nmt, kind="programme.dashboard_pdf", title="Loopt nog", status="running"
    )
    stale = BackgroundJob.objects.create(
        region=zhz, owner=nmt, kind="programme.dashboard_pdf", title="Vastgelopen", status="running"
    )
    old = BackgroundJob.objects.create(
        region=zhz, owner=nmt, kind="programme.dashboard_pdf", title="Oud", status="done"
    )
    slow = BackgroundJob.objects.create(
        region=zhz, owner=nmt, kind="programme.dashboard_pdf", title="Traag", status="running"
    )
    BackgroundJob.objects.filter(pk=slow.pk).update(
        started=now - datetime.timedelta(hours=2),
        heartbeat=now,  # long, but alive
    )
    BackgroundJob.objects.filter(pk=running.pk).update(started=now)
    BackgroundJob.objects.filter(pk=stale.pk).update(started=now - datetime.timedelta(hours=2))
    BackgroundJob.objects.filter(pk=old.pk).update(created=now - datetime.timedelta(days=8))
    with region_scope(zhz):
        assert jobs_clean_up(zhz) == {"stale": 1, "removed": 1}
    statuses = dict(BackgroundJob.objects.values_list("title", "status"))
    assert statuses == {
        "Loopt nog": "running",
        "Traag": "running",
        "Vastgelopen": BackgroundJobStatus.FAILED,
    }


def test_the_daily_round_is_queued_once_for_the_next_morning(settings):
    settings.DAILY_TASKS_HOUR = 6
    evening = timezone.make_aware(datetime.datetime(2026, 3, 2, 20, 0))
    first = daily.daily_tasks_schedule(evening)
    assert timezone.localtime(first) == timezone.make_aware(datetime.datetime(2026, 3, 3, 6, 0))
    assert daily.daily_tasks_schedule(evening) == first
    assert DBTaskResult.objects.filter(task_path=daily.run_daily_tasks.module_path).count() == 1
    early = timezone.make_aware(datetime.datetime(2026, 3, 2, 5, 0))
    assert timezone.localtime(daily.next_run_at(early)).date() == datetime.date(2026, 3, 2)


def test_the_daily_round_runs_every_task_per_region_once_a_day(zhz, monkeypatch):
    from core.registry import DailyTask, registry

    seen = []
    monkeypatch.setitem(
        registry.daily_tasks,
        "probe",
        DailyTask("probe", "Proef", lambda region: seen.append(region.slug) or {"ok": 1}),
    )
    summary = daily.daily_tasks_run()
    assert seen == ["zhz"]
    assert summary[f"{zhz.pk}:probe"] == {"ok": 1}
    assert summary[f"{zhz.pk}:jobs"] == {"stale": 0, "removed": 0}
    DBTaskResult.objects.create(
        task_path=daily.run_daily_tasks.module_path,
        status=TaskResultStatus.SUCCESSFUL,
        finished_at=timezone.now(),
        args_kwargs={"args": [], "kwargs": {}},
        backend_name="default",
        queue_name="default",
        priority=0,
        run_after=timezone.now(),
    )
    assert daily.daily_tasks_run() == {"skipped": True}
    assert seen == ["zhz"]


def test_the_schedule_command_queues_the_daily_round(capsys):
    call_command("schedule_daily_tasks")
    assert "Dagelijkse taken gepland op" in capsys.readouterr().out
    assert DBTaskResult.objects.filter(task_path=daily.run_daily_tasks.module_path).count() == 1


def test_a_link_does_not_start_a_job(client, nmt):
    """Only the button (a POST) queues the PDF; a GET, as a crawler or a prefetch makes, reads."""
    response = client.get(reverse("programme:dashboard"), {"export": "pdf"})
    assert response.status_code == 200
    assert not BackgroundJob.objects.exists()
