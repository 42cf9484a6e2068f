"""Notifications are rendered at once, sent by the worker after commit, one message per
recipient; a mail server that is down fails the task, never the change that caused it."""

from unittest import mock

from django.db import transaction

import pytest
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from core.notifications import absolute_url, notify
from tests.tasks import run_queued_tasks

pytestmark = pytest.mark.django_db

TEMPLATE = "programme/mail/report_returned"


def _context():
    report = mock.Mock(report_date=None)
    return {"report": report, "project": "2.1.2 Monitor & meer", "actor": "Nora", "url": "/x/"}


def test_each_recipient_gets_a_message_of_their_own(mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        assert notify(
            recipients=["b@example.org", "a@example.org", "", "a@example.org"],
            template=TEMPLATE,
            context=_context(),
        ) == ["a@example.org", "b@example.org"]
    assert run_queued_tasks() == 1
    assert [mail.to for mail in mailoutbox] == [["a@example.org"], ["b@example.org"]]
    assert "Monitor & meer" in mailoutbox[0].subject  # plain text, not HTML-escaped


def test_a_rolled_back_change_sends_nothing(mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        try:
            with transaction.atomic():
                notify(recipients=["a@example.org"], template=TEMPLATE, context=_context())
                raise RuntimeError
        except RuntimeError:
            pass
    assert run_queued_tasks() == 0 and mailoutbox == []


def test_a_mail_server_outage_fails_the_task_not_the_change(
    django_capture_on_commit_callbacks, settings
):
    with django_capture_on_commit_callbacks(execute=True):
        notify(recipients=["a@example.org"], template=TEMPLATE, context=_context())
    with mock.patch(
        "django.core.mail.backends.locmem.EmailBackend.send_messages",
        side_effect=ConnectionRefusedError,
    ):
        run_queued_tasks()
    assert DBTaskResult.objects.get().status == TaskResultStatus.FAILED


def test_links_use_the_site_url(settings):
    settings.SITE_URL = "https://jeugdregio.example.org/"
    assert absolute_url("/programma/") == "https://jeugdregio.example.org/programma/"
