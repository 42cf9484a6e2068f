"""The programme's work queues on the home page, the report sent back with a reason, and the
mails of submitting and sending back."""

import datetime

from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

import pytest

from governance.constants import Role
from programme import services
from programme.constants import EffortStatus, ProjectStatus, ReportStatus
from programme.models import Effort, ProgressReport, Project
from tests.governance.factories import PersonFactory, UserFactory
from tests.programme.factories import EffortFactory, ProjectFactory
from tests.tasks import run_queued_tasks

pytestmark = pytest.mark.django_db


def _user(role, email):
    user = UserFactory(role=role, email=email)
    PersonFactory(user=user, name=email.split("@")[0].title())
    return user


@pytest.fixture
def adviser():
    return _user(Role.POLICY_ADVISER, "anna@example.org")


@pytest.fixture
def network():
    return _user(Role.NETWORK_MT, "nora@example.org")


@pytest.fixture
def project(adviser):
    return ProjectFactory(contractor=adviser.person, name="Beter begroten")


def _queue(response, key):
    return next(filled for filled in response.context["queues"] if filled.queue.key == key)


def _titles(response, key):
    return [item.title for item in _queue(response, key).items]


def test_the_adviser_sees_her_overdue_and_due_efforts_and_her_drafts(client, adviser, project):
    today = timezone.localdate()
    overdue = EffortFactory(project=project, text="Monitor opleveren", time_target="Q1 2022")
    EffortFactory(project=project, text="Al gedaan", time_target="Q1 2022", status="achieved")
    quarter = f"Q{(today.month - 1) // 3 + 1} {today.year}"
    due = EffortFactory(project=project, text="Dit kwartaal af", time_target=quarter)
    EffortFactory(text="Van een ander", time_target="Q1 2022")  # not her project
    report = services.progress_report_create(project=project, user=adviser, report_date=today)
    client.force_login(adviser)
    response = client.get(reverse("home"))
    assert response.status_code == 200
    assert _titles(response, "my-overdue-efforts") == [overdue.text]
    assert _titles(response, "my-efforts-due") == [due.text]
    assert [item.url for item in _queue(response, "my-draft-reports").items] == [
        report.get_absolute_url()
    ]
    content = response.content.decode()
    assert f"{project.get_absolute_url()}#inspanning-{overdue.pk}" in content
    assert "Rapportages om vast te stellen" not in content  # the Netwerk MT's queue


def test_the_network_sees_reports_to_adopt_red_and_stale_projects(client, adviser, network):
    red = ProjectFactory(
        name="Rood project",
        overall_status=ProjectStatus.DELAYED,
        status_remarks="Geen projectleider",
    )
    with_red_effort = ProjectFactory(name="Rode inspanning")
    EffortFactory(
        project=with_red_effort, status=EffortStatus.NOT_ACHIEVED, remark="Geen data ontvangen"
    )
    fresh = ProjectFactory(name="Vers", contractor=adviser.person)
    ProjectFactory(name="Afgerond oud", overall_status=ProjectStatus.COMPLETED)
    stale = ProjectFactory(name="Stil project")
    # An old project whose effort changed lately is not stale: the effort's change counts.
    kept_up = ProjectFactory(name="Bijgehouden via inspanning")
    EffortFactory(project=kept_up)
    long_ago = timezone.now() - datetime.timedelta(days=120)
    Project.objects.filter(pk__in=[stale.pk, red.pk, with_red_effort.pk, kept_up.pk]).update(
        updated=long_ago
    )
    Effort.objects.filter(project=with_red_effort).update(updated=long_ago)
    report = services.progress_report_create(
        project=fresh, user=adviser, report_date=timezone.localdate()
    )
    services.progress_report_submit(report=report, user=adviser)
    client.force_login(network)
    response = client.get(reverse("home"))
    assert response.status_code == 200
    assert [item.url for item in _queue(response, "reports-to-adopt").items] == [
        report.get_absolute_url()
    ]
    reds = {item.title: item.detail for item in _queue(response, "red-projects").items}
    assert set(reds) == {str(red), str(with_red_effort)}
    assert "Geen projectleider" in reds[str(red)]
    assert "Geen data ontvangen" in reds[str(with_red_effort)]
    # Last update is the one rule: the project or one of its efforts; finished ones are left out.
    assert set(_titles(response, "stale-projects")) == {str(stale), str(red), str(with_red_effort)}
    assert reverse("programme:dashboard") in response.content.decode()


def test_a_stale_project_updated_leaves_the_kept_queue_at_once(client, network):
    stale = ProjectFactory(name="Stil project")
    Project.objects.filter(pk=stale.pk).update(updated=timezone.now() - datetime.timedelta(days=91))
    client.force_login(network)
    assert _titles(client.get(reverse("home")), "stale-projects") == [str(stale)]
    with CaptureQueriesContext(connection) as kept:
        assert _titles(client.get(reverse("home")), "stale-projects") == [str(stale)]
    assert not any('"last_change"' in query["sql"] for query in kept.captured_queries)
    stale.refresh_from_db()
    stale.status_remarks = "Weer opgepakt"
    stale.save()
    assert _titles(client.get(reverse("home")), "stale-projects") == []


def test_the_home_page_queries_do_not_grow_with_the_work(
    client, adviser, network, project, django_assert_max_num_queries
):
    def add_work(count):
        for _ in range(count):
            other = ProjectFactory(contractor=adviser.person, overall_status=ProjectStatus.AT_RISK)
            EffortFactory(project=other, time_target="Q1 2022")
            EffortFactory(project=other, status=EffortStatus.NOT_ACHIEVED, remark="Reden")
            report = services.progress_report_create(
                project=other, user=adviser, report_date=timezone.localdate()
            )
            services.progress_report_submit(report=report, user=adviser)
            services.progress_report_create(
                project=other, user=adviser, report_date=timezone.localdate()
            )

    add_work(1)
    counts = {}
    for user in (adviser, network):
        client.force_login(user)
        with django_assert_max_num_queries(30) as small:
            assert client.get(reverse("home")).status_code == 200
        counts[user.pk] = len(small.captured_queries)
    add_work(6)
    for user in (adviser, network):
        client.force_login(user)
        with django_assert_max_num_queries(counts[user.pk]):
            assert client.get(reverse("home")).status_code == 200


def _submitted(project, adviser):
    report = services.progress_report_create(
        project=project, user=adviser, report_date=timezone.localdate()
    )
    return services.progress_report_submit(report=report, user=adviser)


def test_submitting_mails_the_network_with_the_link(
    adviser, network, project, mailoutbox, django_capture_on_commit_callbacks, settings
):
    settings.SITE_URL = "https://jeugdregio.example.org"
    _user(Role.NETWORK_MT, "")  # no address: nobody to mail
    with django_capture_on_commit_callbacks(execute=True):
        report = _submitted(project, adviser)
    assert mailoutbox == []  # sent by the worker, not in the request
    assert run_queued_tasks() == 1
    [mail] = mailoutbox
    assert mail.to == ["nora@example.org"]
    assert mail.subject == f"Rapportage ingediend: {project}"
    assert f"https://jeugdregio.example.org{report.get_absolute_url()}" in mail.body
    assert "ingediend" in mail.body and "&amp;" not in mail.body


def test_sending_back_needs_a_reason_and_changes_nothing_without(
    client, adviser, network, project, mailoutbox, django_capture_on_commit_callbacks
):
    report = _submitted(project, adviser)
    client.force_login(network)
    url = reverse("programme:report_action", args=[report.pk, "terugsturen"])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"reason": "   "}, follow=True)
    assert "Geef een reden op" in response.content.decode()
    report.refresh_from_db()
    assert report.status == ReportStatus.SUBMITTED and report.return_reason == ""
    assert run_queued_tasks() == 0 and mailoutbox == []
    with pytest.raises(ValidationError):
        services.progress_report_return(report=report, user=network, reason="x" * 2001)


def test_a_report_sent_back_reaches_its_author_by_mail_and_on_her_home_page(
    client, adviser, network, project, mailoutbox, django_capture_on_commit_callbacks
):
    report = _submitted(project, adviser)
    client.force_login(network)
    url = reverse("programme:report_action", args=[report.pk, "terugsturen"])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"reason": "Vul de opmerking bij 2 aan"}, follow=True)
    assert "de opsteller krijgt de reden" in response.content.decode()
    report = ProgressReport.objects.get(pk=report.pk)
    assert report.status == ReportStatus.DRAFT
    assert (report.return_reason, report.returned_by) == ("Vul de opmerking bij 2 aan", network)
    assert run_queued_tasks() == 1
    [mail] = mailoutbox
    assert mail.to == ["anna@example.org"]
    assert "Vul de opmerking bij 2 aan" in mail.body
    assert report.get_absolute_url() in mail.body
    client.force_login(adviser)
    home = client.get(reverse("home")).content.decode()
    assert "teruggestuurd door Nora: Vul de opmerking bij 2 aan" in home
    detail = client.get(report.get_absolute_url()).content.decode()
    assert "Vul de opmerking bij 2 aan" in detail


def test_an_effort_due_within_14_days_reminds_its_contractor_once(
    adviser, project, mailoutbox, django_capture_on_commit_callbacks
):
    from programme.reminders import effort_reminders
    from tests.governance.factories import default_region

    EffortFactory(project=project, text="Monitor opleveren", time_target="Q2 2026")
    EffortFactory(project=project, text="Al gedaan", time_target="Q2 2026", status="achieved")
    EffortFactory(project=project, text="Later", time_target="Q3 2026")
    region = default_region()
    today = datetime.date(2026, 6, 20)
    with django_capture_on_commit_callbacks(execute=True):
        assert effort_reminders(region, today=today) == {"efforts": 1}
        assert effort_reminders(region, today=today) == {"efforts": 0}
    run_queued_tasks()
    [mail] = mailoutbox
    assert mail.to == ["anna@example.org"]
    assert "Monitor opleveren" in mail.body and "30 juni 2026" in mail.body


def test_kept_queues_follow_a_change_on_the_next_load(
    client, adviser, network, project, django_assert_max_num_queries
):
    """A user's queues of the day are kept while their data are unchanged: the second load
    reads fewer queries, and a project set to Vertraagd or a new draft shows at once."""
    client.force_login(network)
    with django_assert_max_num_queries(30) as first:
        client.get(reverse("home"))
    with django_assert_max_num_queries(len(first.captured_queries) - 2):
        response = client.get(reverse("home"))
    assert str(project) not in _titles(response, "red-projects")
    project.overall_status = ProjectStatus.DELAYED
    project.status_remarks = "Geen projectleider"
    project.save()
    assert str(project) in _titles(client.get(reverse("home")), "red-projects")

    client.force_login(adviser)
    assert _queue(client.get(reverse("home")), "my-draft-reports").items == []
    report = services.progress_report_create(
        project=project, user=adviser, report_date=timezone.localdate()
    )
    items = _queue(client.get(reverse("home")), "my-draft-reports").items
    assert [item.url for item in items] == [report.get_absolute_url()]
