"""A regional letter issued in the background: queued in the database, issued by a worker all or
nothing, its progress on a page that htmx polls, a refusal shown in Dutch, and a limit per user.
"""

import os
import sqlite3
import subprocess
import sys

from django.core.management import call_command
from django.db import connection
from django.urls import reverse

import pytest
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from core.pdf import PdfRenderError
from governance.constants import Role
from governance.letters import services
from governance.letters.constants import LetterStatus
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


def _progress_url(letter):
    return reverse("letters:letter_issue_progress", args=[letter.pk])


def test_issuing_a_regional_letter_queues_a_task_and_shows_it_is_being_sent(
    client, councils, admin
):
    letter = _approved(councils, admin)
    client.force_login(admin)
    response = _send(client, letter)
    assert response.redirect_chain[-1][0] == _progress_url(letter)
    page = response.content.decode()
    assert "Wordt verzonden…" in page and "in de wachtrij" in page
    # htmx polls the fragment every two seconds; without JavaScript the page reloads itself.
    assert f'hx-get="{_progress_url(letter)}"' in page and 'hx-trigger="every 2s"' in page
    assert '<noscript><meta http-equiv="refresh" content="3"></noscript>' in page
    letter.refresh_from_db()
    assert letter.status == LetterStatus.APPROVED and not LetterPdf.objects.exists()
    task = DBTaskResult.objects.get(pk=letter.issue_task_id)
    assert task.status == TaskResultStatus.READY
    assert task.args_kwargs["kwargs"] == {
        "letter_id": letter.pk,
        "user_id": admin.pk,
        "region_id": letter.region_id,
    }
    fragment = client.get(_progress_url(letter), HTTP_HX_REQUEST="true").content.decode()
    assert fragment.lstrip().startswith('<section id="issue-progress"') and "<html" not in fragment
    detail = client.get(letter.get_absolute_url()).content.decode()
    assert "Wordt verzonden…" in detail and "Verzenden…" not in detail
    # Sending it twice is refused while the first batch waits.
    again = _send(client, letter).content.decode()
    assert "Deze brief wordt al verzonden; wacht tot dat klaar is." in again
    assert DBTaskResult.objects.count() == 1
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
    letter.refresh_from_db()
    assert DBTaskResult.objects.get(pk=letter.issue_task_id).status == TaskResultStatus.READY
    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)
    task = DBTaskResult.objects.get(pk=letter.issue_task_id)
    assert task.status == TaskResultStatus.SUCCESSFUL, task.traceback
    letter.refresh_from_db()
    assert letter.status == LetterStatus.ISSUED and letter.issued_by == admin
    assert sorted(LetterPdf.objects.values_list("municipality__cbs_code", flat=True)) == [
        "GM0505",
        "GM0512",
    ]
    page = client.get(_progress_url(letter)).content.decode()
    assert "De brief is verzonden: 2 PDF’s gemaakt en opgeslagen." in page
    assert "hx-trigger" not in page and "refresh" not in page


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
    page = client.get(_progress_url(letter)).content.decode()
    assert expected in page and "hx-trigger" not in page
    detail = client.get(letter.get_absolute_url()).content.decode()
    assert expected in detail and "Verzenden…" in detail


def test_a_task_that_breaks_fails_with_a_dutch_message(client, councils, admin, monkeypatch):
    def broken(printed):
        raise RuntimeError("onverwacht")

    monkeypatch.setattr("governance.letters.services.issue.render_letter_pdf", broken)
    letter = _approved(councils, admin)
    client.force_login(admin)
    _send(client, letter)
    run_queued_tasks()
    letter.refresh_from_db()
    assert DBTaskResult.objects.get(pk=letter.issue_task_id).status == TaskResultStatus.FAILED
    assert letter.status == LetterStatus.APPROVED and not LetterPdf.objects.exists()
    page = client.get(_progress_url(letter)).content.decode()
    assert "er ging iets mis bij het maken van de PDF" in page


def test_only_who_may_see_the_letter_sees_its_progress(client, councils, admin):
    letter = _approved(councils, admin)
    client.force_login(admin)
    _send(client, letter)
    other_region = RegionFactory(slug="twee", name="Regio Twee")
    outsiders = [
        user_with_role(Role.FUNCTIONAL_ADMIN, region=other_region),
        user_with_role(Role.NETWORK_MT, region=councils[0].region),  # issued public ones only
    ]
    for outsider in outsiders:
        client.force_login(outsider)
        assert client.get(_progress_url(letter)).status_code == 404
        assert client.get(_progress_url(letter), HTTP_HX_REQUEST="true").status_code == 404
    client.logout()
    assert client.get(_progress_url(letter)).status_code == 302


def test_a_user_has_at_most_the_configured_number_of_batches_queued(
    client, councils, admin, settings
):
    settings.LETTER_BATCHES_PER_USER = 2
    letters = [_approved(councils, admin, subject=f"Brief {n}") for n in range(3)]
    client.force_login(admin)
    for letter in letters[:2]:
        _send(client, letter)
    page = _send(client, letters[2]).content.decode()
    assert "U hebt al 2 regionale brieven in verzending" in page
    assert not Letter.objects.get(pk=letters[2].pk).issue_task_id
    assert services.pending_batches(user=admin) == 2
    run_queued_tasks()
    assert services.pending_batches(user=admin) == 0
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
        "SELECT t.status, l.status, (SELECT COUNT(*) FROM governance_letterpdf p "
        "WHERE p.letter_id = l.id) FROM django_tasks_database_dbtaskresult t, governance_letter l "
        "WHERE l.id = %s"
    )
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(query, [letter.pk])
            row = cursor.fetchone()
    else:
        with sqlite3.connect(database_url.removeprefix("sqlite:///")) as shared:
            row = shared.execute(query.replace("%s", "?"), [letter.pk]).fetchone()
    assert row == (TaskResultStatus.SUCCESSFUL, LetterStatus.ISSUED, 2), worker.stderr[-3000:]
