"""A regional letter issued as a background job (core.jobs): queued in the database, rendered by
a worker PDF by PDF, issued all or nothing in one short transaction, its progress on the job's
page that htmx polls, a refusal shown in Dutch, and the limit per user.
"""

import datetime
import os
import sqlite3
import subprocess
import sys

from django.core.management import call_command
from django.db import connection
from django.db.models import F
from django.urls import reverse
from django.utils import timezone

import pytest
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from core.models import BackgroundJob
from core.pdf import PdfRenderError
from governance.constants import Role
from governance.letters import services
from governance.letters.constants import LetterStatus
from governance.letters.document import render_letter_pdf
from governance.models import Letter, LetterPdf
from tests.governance.factories import MunicipalityFactory, RegionFactory
from tests.governance.letter_factories import regional_letter, user_with_role
from tests.tasks import run_queued_tasks
from tests.test_document_storage import ROOT, _shared_database_url

pytestmark = pytest.mark.django_db

# What the confirmation page posts with "Definitief verzenden".
CONFIRMED = {"bevestigd": "ja"}


@pytest.fixture
def region():
    return RegionFactory(slug="zhz", name="Zuid-Holland Zuid")


@pytest.fixture
def councils(region):
    return [
        MunicipalityFactory(region=region, name="Dordrecht", cbs_code="GM0505"),
        MunicipalityFactory(region=region, name="Gorinchem", cbs_code="GM0512"),
    ]


@pytest.fixture
def admin(region):
    return user_with_role(Role.FUNCTIONAL_ADMIN, region=region)


def _approved(councils, admin, subject="Inkoop 2022"):
    letter = regional_letter(municipalities=councils, subject=subject)
    return services.letter_approve(letter=letter, user=admin)


def _send(client, letter, **extra):
    return client.post(
        reverse("letters:letter_action", args=[letter.pk, "verzenden"]),
        CONFIRMED,
        follow=True,
        **extra,
    )


def _job_url(letter):
    letter.refresh_from_db()
    return reverse("jobs:job_detail", args=[letter.issue_task_id])


def _job(letter) -> BackgroundJob:
    letter.refresh_from_db()
    return BackgroundJob.objects.get(pk=letter.issue_task_id)


def test_issuing_a_regional_letter_queues_a_job_and_shows_it_is_being_sent(client, councils, admin):
    letter = _approved(councils, admin)
    client.force_login(admin)
    response = _send(client, letter)
    job = _job(letter)
    assert response.redirect_chain[-1][0] == _job_url(letter)
    assert (job.kind, job.owner, job.status) == ("governance.letter_batch", admin, "queued")
    assert job.params["letter_id"] == letter.pk
    assert job.params["edit_version"] == letter.edit_version
    page = response.content.decode()
    assert "De brief wordt verzonden" in page and "In de wachtrij" in page
    # htmx polls the fragment every two seconds; without JavaScript the page reloads itself.
    assert f'hx-get="{_job_url(letter)}"' in page and 'hx-trigger="every 2s"' in page
    assert '<noscript><meta http-equiv="refresh" content="3"></noscript>' in page
    assert letter.status == LetterStatus.APPROVED and not LetterPdf.objects.exists()
    task = DBTaskResult.objects.get(pk=job.task_id)
    assert task.status == TaskResultStatus.READY
    assert task.args_kwargs["kwargs"] == {"job_id": str(job.pk)}
    detail = client.get(letter.get_absolute_url()).content.decode()
    assert "Wordt verzonden…" in detail and "Verzenden…" not in detail
    assert f'href="{_job_url(letter)}"' in detail
    # Sending it twice is refused while the first batch waits.
    again = _send(client, letter).content.decode()
    assert "Deze brief wordt al verzonden; wacht tot dat klaar is." in again
    assert BackgroundJob.objects.count() == 1 and DBTaskResult.objects.count() == 1
    # Nor can it go back to concept under the worker's hands.
    assert "Terug naar concept" not in detail
    reopen = client.post(
        reverse("letters:letter_action", args=[letter.pk, "terug-naar-concept"]), follow=True
    ).content.decode()
    assert "terugzetten naar concept kan pas als dat klaar is" in reopen
    assert Letter.objects.get(pk=letter.pk).status == LetterStatus.APPROVED


@pytest.mark.django_db(transaction=True)
def test_a_queued_batch_waits_in_the_database_for_a_worker_started_later(client, councils, admin):
    """No worker runs while the letter is queued; `db_worker` started afterwards issues it."""
    letter = _approved(councils, admin)
    client.force_login(admin)
    _send(client, letter)
    job = _job(letter)
    assert DBTaskResult.objects.get(pk=job.task_id).status == TaskResultStatus.READY
    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)
    task = DBTaskResult.objects.get(pk=job.task_id)
    assert task.status == TaskResultStatus.SUCCESSFUL, task.traceback
    letter.refresh_from_db()
    assert letter.status == LetterStatus.ISSUED and letter.issued_by == admin
    assert sorted(LetterPdf.objects.values_list("municipality__cbs_code", flat=True)) == [
        "GM0505",
        "GM0512",
    ]
    page = client.get(_job_url(letter)).content.decode()
    assert "De brief is verzonden: 2 PDF’s gemaakt en opgeslagen." in page
    assert f'href="{letter.get_absolute_url()}"' in page and "Naar de brief" in page
    assert "hx-trigger" not in page and "refresh" not in page


def test_the_job_page_names_each_pdf_as_it_is_made(client, councils, admin, monkeypatch):
    seen = []

    def render(printed):
        seen.append(BackgroundJob.objects.get().message)
        return render_letter_pdf(printed)

    monkeypatch.setattr("governance.letters.services.issue.render_letter_pdf", render)
    letter = _approved(councils, admin)
    client.force_login(admin)
    _send(client, letter)
    run_queued_tasks()
    assert seen == ["Brief 1 van 2: gemeente Dordrecht", "Brief 2 van 2: gemeente Gorinchem"]
    job = _job(letter)
    assert (job.status, job.done, job.total) == ("done", 2, 2)


def test_a_letter_changed_while_its_pdfs_were_made_is_not_issued(
    client, councils, admin, monkeypatch
):
    def render_and_change(printed):
        # Someone changes the letter while the worker renders (here: its edit version moves on).
        Letter.objects.filter(pk=letter.pk).update(edit_version=F("edit_version") + 1)
        return render_letter_pdf(printed)

    monkeypatch.setattr("governance.letters.services.issue.render_letter_pdf", render_and_change)
    letter = _approved(councils, admin)
    client.force_login(admin)
    _send(client, letter)
    run_queued_tasks()
    letter.refresh_from_db()
    assert letter.status == LetterStatus.APPROVED and letter.issued_at is None
    assert not LetterPdf.objects.exists()
    assert not any(
        block.snapshot for section in letter.sections.all() for block in section.blocks.all()
    )
    expected = "De brief is niet verzonden: hij is gewijzigd terwijl de PDF’s werden gemaakt."
    job = _job(letter)
    assert job.status == "failed" and expected in job.message
    assert expected in client.get(_job_url(letter)).content.decode()
    detail = client.get(letter.get_absolute_url()).content.decode()
    assert expected in detail and "Verzenden…" in detail


def test_a_refused_batch_leaves_the_letter_as_it_was_and_shows_why(
    client, councils, admin, monkeypatch
):
    def broken(printed):
        raise PdfRenderError("kapot")

    monkeypatch.setattr("governance.letters.services.issue.render_letter_pdf", broken)
    letter = _approved(councils, admin)
    client.force_login(admin)
    _send(client, letter)
    assert run_queued_tasks() == 1
    letter.refresh_from_db()
    assert letter.status == LetterStatus.APPROVED and letter.issued_at is None
    assert not LetterPdf.objects.exists()
    expected = "De brief is niet verzonden: het maken van de PDF voor Dordrecht is mislukt."
    page = client.get(_job_url(letter)).content.decode()
    assert expected in page and "hx-trigger" not in page
    detail = client.get(letter.get_absolute_url()).content.decode()
    assert expected in detail and "Verzenden…" in detail


def test_a_job_that_breaks_fails_with_a_dutch_message(client, councils, admin, monkeypatch):
    def broken(printed):
        raise RuntimeError("onverwacht")

    monkeypatch.setattr("governance.letters.services.issue.render_letter_pdf", broken)
    letter = _approved(councils, admin)
    client.force_login(admin)
    _send(client, letter)
    run_queued_tasks()
    job = _job(letter)
    assert DBTaskResult.objects.get(pk=job.task_id).status == TaskResultStatus.FAILED
    assert letter.status == LetterStatus.APPROVED and not LetterPdf.objects.exists()
    page = client.get(_job_url(letter)).content.decode()
    assert "De taak is mislukt door een fout in de toepassing. Er is niets gewijzigd" in page


def test_a_letter_whose_worker_died_can_be_sent_again(client, councils, admin, settings):
    settings.JOB_STALE_MINUTES = 60
    letter = _approved(councils, admin)
    client.force_login(admin)
    _send(client, letter)
    long_ago = timezone.now() - datetime.timedelta(minutes=61)
    BackgroundJob.objects.update(status="running", started=long_ago, heartbeat=long_ago)
    detail = client.get(letter.get_absolute_url()).content.decode()
    assert "de achtergrondwerker stopte" in detail and "Verzenden…" in detail
    _send(client, letter)
    assert BackgroundJob.objects.count() == 2
    run_queued_tasks()
    letter.refresh_from_db()
    assert letter.status == LetterStatus.ISSUED and LetterPdf.objects.count() == 2


def test_only_who_sent_the_letter_sees_its_job(client, councils, admin):
    letter = _approved(councils, admin)
    client.force_login(admin)
    _send(client, letter)
    url = _job_url(letter)
    colleague = user_with_role(Role.FUNCTIONAL_ADMIN, region=councils[0].region)
    other_region = RegionFactory(slug="twee", name="Regio Twee")
    outsiders = [user_with_role(Role.FUNCTIONAL_ADMIN, region=other_region), colleague]
    for outsider in outsiders:
        client.force_login(outsider)
        assert client.get(url).status_code == 404
        assert client.get(url, HTTP_HX_REQUEST="true").status_code == 404
    # The colleague sees that the letter is being sent, by whom, without a link she cannot open.
    client.force_login(colleague)
    detail = client.get(letter.get_absolute_url()).content.decode()
    assert "Wordt verzonden…" in detail and f"{admin.username} verzendt deze brief" in detail
    assert url not in detail
    client.logout()
    assert client.get(url).status_code == 302


def test_a_user_has_at_most_the_configured_number_of_jobs_queued(client, councils, admin, settings):
    settings.JOBS_PER_USER = 2
    letters = [_approved(councils, admin, subject=f"Brief {n}") for n in range(3)]
    client.force_login(admin)
    for letter in letters[:2]:
        _send(client, letter)
    page = _send(client, letters[2]).content.decode()
    assert "U hebt al 2 taken in de wachtrij of in bewerking" in page
    assert not Letter.objects.get(pk=letters[2].pk).issue_task_id
    assert BackgroundJob.objects.count() == 2
    run_queued_tasks()
    _send(client, letters[2])
    assert Letter.objects.get(pk=letters[2].pk).issue_task_id


@pytest.mark.django_db(transaction=True)
def test_a_worker_process_started_later_issues_the_queued_letter(tmp_path, councils, admin):
    """The queue is the database: a `manage.py db_worker` process, started after the letter was
    queued and sharing only the database with this one, issues it and stores its PDFs there."""
    letter = services.letter_issue_enqueue(letter=_approved(councils, admin), user=admin)
    database_url = _shared_database_url(tmp_path)
    env = {k: v for k, v in os.environ.items() if k not in {"PYTEST_VERSION", "DEBUG"}}
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings",
        DEBUG="false",
        SECRET_KEY="een-werker",
        DATABASE_URL=database_url,
        DOCUMENT_STORAGE="database",
        STATICFILES_BACKEND="django.contrib.staticfiles.storage.StaticFilesStorage",
        HOME=str(tmp_path),
    )
    worker = subprocess.run(
        [sys.executable, "manage.py", "db_worker", "--batch", "--no-startup-delay"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert worker.returncode == 0, worker.stderr[-3000:]
    query = (
        "SELECT j.status, l.status, (SELECT COUNT(*) FROM governance_letterpdf p "
        "WHERE p.letter_id = l.id) FROM core_backgroundjob j, governance_letter l "
        "WHERE l.id = %s"
    )
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(query, [letter.pk])
            row = cursor.fetchone()
    else:
        with sqlite3.connect(database_url.removeprefix("sqlite:///")) as shared:
            row = shared.execute(query.replace("%s", "?"), [letter.pk]).fetchone()
    assert row == ("done", LetterStatus.ISSUED, 2), worker.stderr[-3000:]
