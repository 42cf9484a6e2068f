"""History true to the documents: 'stand op datum' from the programme's start; reports dated."""

import datetime
from urllib.parse import urlencode

from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

import pytest

from governance.constants import Role
from governance.models import Region
from programme import services
from programme.constants import EffortStatus, ProjectStatus
from programme.models import Effort, Project
from tests.governance.factories import UserFactory
from tests.programme.test_dashboard import ZHZ

pytestmark = pytest.mark.django_db


@pytest.fixture
def zhz_with_history():
    call_command("loaddata", *ZHZ, verbosity=0)
    call_command("populate_history", "--auto", verbosity=0)
    return Region.objects.get(slug="zhz")


@pytest.fixture
def nmt(client, zhz_with_history):
    user = UserFactory(role=Role.NETWORK_MT, region=zhz_with_history)
    client.force_login(user)
    return user


def test_fixture_history_is_dated_by_the_documents_and_names_its_author(zhz_with_history):
    project = Project.objects.get(code="2.2.4", theme__isnull=False)
    first = project.history.earliest("history_date")
    assert first.history_date == project.created  # the plan's date, from the fixture
    assert first.history_user.get_full_name() == "Brondocumenten (systeem)"
    assert not first.history_user.is_active and not first.history_user.has_usable_password()


def test_the_project_history_agrees_with_the_last_update(client, nmt):
    project = Project.objects.get(code="2.2.4", theme__isnull=False)
    content = client.get(project.get_absolute_url()).content.decode()
    assert "onbekend" not in content.split('id="history"')[1]
    assert "Brondocumenten (systeem)" in content
    assert content.count("1 januari 2022") >= 2  # the last update and the history say the same


def test_the_dashboard_as_of_30_june_2022_shows_the_eleven_projects_of_that_day(client, nmt):
    response = client.get(reverse("programme:dashboard"), {"as_of": "30-06-2022"})
    assert response.status_code == 200
    dashboard = response.context["dashboard"]
    assert dashboard.as_of == datetime.date(2022, 6, 30)
    assert len(dashboard.projects) == 11
    # Contractmanagement 3.0 has two efforts due 'Q2 2022' and one 'halverwege 2022': overdue
    # only from 1 July.
    row = next(row for row in dashboard.projects if row.project.code == "2.1.3")
    assert len(row.overdue) == 0
    later = client.get(reverse("programme:dashboard"), {"as_of": "2022-07-01"}).context["dashboard"]
    row = next(row for row in later.projects if row.project.code == "2.1.3")
    assert len(row.overdue) == 3
    for export in ("csv", "xlsx"):
        response = client.get(
            reverse("programme:dashboard"), {"as_of": "2022-06-30", "export": export}
        )
        assert response.status_code == 200, export
    pdf = client.post(reverse("programme:dashboard") + "?as_of=2022-06-30", {"export": "pdf"})
    assert pdf.status_code == 302


@pytest.mark.parametrize("as_of", ["9999-12-31", "0001-01-01", "31-12-2021"])
def test_a_date_outside_the_programmes_history_is_a_dutch_message(client, nmt, as_of):
    response = client.get(reverse("programme:dashboard"), {"as_of": as_of})
    assert response.status_code == 200
    assert "ligt buiten de periode van 1 januari 2022 tot en met" in response.content.decode()
    url = reverse("programme:dashboard") + "?" + urlencode({"as_of": as_of})
    response = client.post(url, {"export": "pdf"})
    assert response.status_code == 400
    assert "ligt buiten de periode" in response.content.decode()


def test_a_report_shows_the_statuses_of_its_own_date(client, zhz_with_history):
    adviser = UserFactory(role=Role.POLICY_ADVISER, region=zhz_with_history)
    project = Project.objects.get(code="2.1.3", theme__isnull=False)
    project.contractor = adviser.person
    project.save()
    effort = project.efforts.get(order=1)
    services.effort_update(
        effort=effort, user=adviser, status=EffortStatus.ACHIEVED, remark="Klaar", edit_version=1
    )
    report = services.progress_report_create(
        project=project, user=adviser, report_date=datetime.date(2022, 9, 30)
    )
    line = report.lines.get(order=1)
    assert (line.status, line.remark) == (EffortStatus.UNKNOWN, "")
    assert report.last_update == project.created
    today = services.progress_report_create(
        project=project, user=adviser, report_date=timezone.localdate()
    )
    assert today.lines.get(order=1).status == EffortStatus.ACHIEVED


@pytest.mark.parametrize("day", ["0001-01-01", "9999-12-31", "2014-12-31"])
def test_a_report_date_outside_a_plausible_range_is_refused(client, zhz_with_history, day):
    user = UserFactory(role=Role.NETWORK_MT, region=zhz_with_history)
    client.force_login(user)
    project = Project.objects.get(code="2.1.3", theme__isnull=False)
    url = reverse("programme:report_create", args=[project.code])
    response = client.post(url, {"report_date": day}, follow=True)
    assert "De rapportagedatum ligt buiten de periode" in response.content.decode()
    assert not project.progress_reports.exists()


def test_project_status_history_reads_back(zhz_with_history):
    # A status set today does not change what the plan's day shows.
    project = Project.objects.get(code="2.1.3", theme__isnull=False)
    project.overall_status = ProjectStatus.ON_TRACK
    project.save()
    then = project.history.as_of(timezone.make_aware(datetime.datetime(2022, 6, 30, 23, 59)))
    assert then.overall_status == ProjectStatus.UNKNOWN
    assert Effort.history.filter(project_id=project.pk).exists()
