"""The griffie's work queues, asking for a letter's approval by e-mail, and the daily reminder
of council views due (sent once, by the daily round and by `manage.py send_reminders`)."""

import datetime

from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

import pytest

from core.models import SentReminder
from governance.constants import CouncilViewStatus, Role
from governance.letters.services import letter_approve
from governance.reminders import council_view_reminders
from tests.governance.factories import MunicipalityFactory, default_region
from tests.governance.letter_factories import LetterFactory, user_with_role
from tests.governance.register_factories import CouncilViewFactory
from tests.tasks import run_queued_tasks

pytestmark = pytest.mark.django_db


def _griffie(municipality, email):
    user = user_with_role(Role.GRIFFIE, municipality=municipality)
    user.email = email
    user.save()
    return user


@pytest.fixture
def town():
    return MunicipalityFactory(name="Dordrecht")


@pytest.fixture
def griffie(town):
    return _griffie(town, "gerda@example.org")


@pytest.fixture
def colleague(town):
    return _griffie(town, "kees@example.org")


def _queue(response, key):
    return next(filled for filled in response.context["queues"] if filled.queue.key == key)


def test_the_griffie_sees_her_concepts_letters_to_approve_and_views_due(
    client, town, griffie, colleague
):
    today = timezone.localdate()
    mine = LetterFactory(municipality=town, created_by=griffie, subject="Mijn brief")
    theirs = LetterFactory(municipality=town, created_by=colleague, subject="Brief van Kees")
    LetterFactory(created_by=colleague, subject="Andere gemeente")
    LetterFactory(municipality=town, created_by=colleague, approved=True, subject="Al gereed")
    due = CouncilViewFactory(municipality=town, deadline=today + datetime.timedelta(days=20))
    CouncilViewFactory(municipality=town, deadline=today + datetime.timedelta(days=40))
    CouncilViewFactory(municipality=town, deadline=today, received=True)
    CouncilViewFactory(deadline=today)  # another council's
    client.force_login(griffie)
    response = client.get(reverse("home"))
    assert [item.title for item in _queue(response, "letters-mine").items] == [mine.subject]
    assert [item.url for item in _queue(response, "letters-to-approve").items] == [
        theirs.get_absolute_url()
    ]
    [view] = _queue(response, "council-views-due").items
    assert view.title == due.decision.title
    assert "Dordrecht" in view.detail
    assert reverse("registers:decision_detail", args=[due.decision.slug]) == view.url


def test_the_kept_queues_follow_an_approval_and_a_received_view(client, town, griffie, colleague):
    """The queues are kept per griffie and day while their letters and views are unchanged: an
    approved letter and a received council view leave them on the next load."""
    theirs = LetterFactory(municipality=town, created_by=colleague, subject="Brief van Kees")
    due = CouncilViewFactory(municipality=town, deadline=timezone.localdate())
    client.force_login(griffie)
    response = client.get(reverse("home"))
    assert len(_queue(response, "letters-to-approve").items) == 1
    assert len(_queue(response, "council-views-due").items) == 1
    letter_approve(letter=theirs, user=griffie)
    due.status = CouncilViewStatus.RECEIVED
    due.date = timezone.localdate()
    due.save()
    response = client.get(reverse("home"))
    assert _queue(response, "letters-to-approve").items == []
    assert _queue(response, "council-views-due").items == []


def test_asking_for_approval_mails_who_may_approve_never_the_author(
    client, town, griffie, colleague, mailoutbox, django_capture_on_commit_callbacks, settings
):
    settings.SITE_URL = "https://jeugdregio.example.org"
    letter = LetterFactory(municipality=town, created_by=griffie, subject="Zienswijze begroting")
    client.force_login(griffie)
    url = reverse("letters:letter_action", args=[letter.pk, "ter-goedkeuring"])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, follow=True)
    assert "Gevraagd om goedkeuring: 1 persoon" in response.content.decode()
    assert run_queued_tasks() == 1
    [mail] = mailoutbox
    assert mail.to == ["kees@example.org"]
    assert "Zienswijze begroting" in mail.subject
    assert f"https://jeugdregio.example.org{letter.get_absolute_url()}" in mail.body
    letter.refresh_from_db()
    assert letter.status == "draft"


def test_asking_for_approval_without_anyone_to_approve_says_so_and_sends_nothing(
    client, town, griffie, mailoutbox, django_capture_on_commit_callbacks
):
    letter = LetterFactory(municipality=town, created_by=griffie)
    client.force_login(griffie)
    url = reverse("letters:letter_action", args=[letter.pk, "ter-goedkeuring"])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, follow=True)
    assert "Er is niemand anders die deze brief gereed kan melden" in response.content.decode()
    assert run_queued_tasks() == 0 and mailoutbox == []


def test_a_council_view_due_in_14_days_reminds_its_griffie_once(
    town, griffie, mailoutbox, django_capture_on_commit_callbacks
):
    today = datetime.date(2026, 3, 2)
    view = CouncilViewFactory(municipality=town, deadline=datetime.date(2026, 3, 16))
    CouncilViewFactory(municipality=town, deadline=datetime.date(2026, 3, 17))  # 15 days
    CouncilViewFactory(
        municipality=town, deadline=datetime.date(2026, 3, 10), status=CouncilViewStatus.NONE
    )
    other_town = MunicipalityFactory(region=town.region)
    _griffie(other_town, "ander@example.org")
    region = default_region()
    with django_capture_on_commit_callbacks(execute=True):
        assert council_view_reminders(region, today=today) == {"council_views": 1}
        # A second run, the next day too, sends nothing again.
        assert council_view_reminders(region, today=today) == {"council_views": 0}
        next_day = today + datetime.timedelta(days=1)
        assert council_view_reminders(region, today=next_day) == {"council_views": 1}  # 15→14
    run_queued_tasks()
    assert [mail.to for mail in mailoutbox] == [["gerda@example.org"], ["gerda@example.org"]]
    assert view.decision.title in mailoutbox[0].body
    assert "16 maart 2026" in mailoutbox[0].subject
    assert SentReminder.objects.filter(region=region).count() == 2


def test_send_reminders_runs_for_one_region_or_all_and_never_twice(
    town, griffie, mailoutbox, capsys, django_capture_on_commit_callbacks
):
    CouncilViewFactory(municipality=town, deadline=timezone.localdate())
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_reminders", "--regio", town.region.slug)
        call_command("send_reminders")
    run_queued_tasks()
    assert len(mailoutbox) == 1
    assert "zienswijzen" in capsys.readouterr().out
    with pytest.raises(Exception, match="bestaat niet"):
        call_command("send_reminders", "--regio", "nergens")


def test_the_daily_round_sends_the_reminders(
    town, griffie, mailoutbox, django_capture_on_commit_callbacks
):
    from core.jobs.daily import daily_tasks_run

    CouncilViewFactory(municipality=town, deadline=timezone.localdate())
    with django_capture_on_commit_callbacks(execute=True):
        summary = daily_tasks_run()
    assert summary[f"{town.region.pk}:governance-reminders"] == {"council_views": 1}
    run_queued_tasks()
    assert len(mailoutbox) == 1


def test_the_griffie_home_queries_do_not_grow_with_the_work(
    client, town, griffie, colleague, django_assert_max_num_queries
):
    def add_work(count):
        for _ in range(count):
            LetterFactory(municipality=town, created_by=griffie)
            LetterFactory(municipality=town, created_by=colleague)
            CouncilViewFactory(municipality=town, deadline=timezone.localdate())

    add_work(1)
    client.force_login(griffie)
    with django_assert_max_num_queries(30) as small:
        assert client.get(reverse("home")).status_code == 200
    add_work(8)
    with django_assert_max_num_queries(len(small.captured_queries)):
        assert client.get(reverse("home")).status_code == 200
