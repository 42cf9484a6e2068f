"""Recurring efforts: each delivery is recorded; the next due date follows from the last one."""

import datetime

from django.core.exceptions import ValidationError
from django.urls import reverse

import pytest

from governance.constants import Role
from programme import services
from programme.constants import Recurrence
from programme.models import EffortDelivery
from programme.recurrence import next_due_date
from tests.governance.factories import PersonFactory, UserFactory
from tests.programme.factories import EffortFactory, ProjectFactory

pytestmark = pytest.mark.django_db


def test_the_first_delivery_is_due_at_the_end_of_the_first_period():
    due = next_due_date(
        Recurrence.QUARTERLY, anchor=datetime.date(2022, 1, 1), last_delivery=None, ends_on=None
    )
    assert due == datetime.date(2022, 3, 31)


def test_the_next_delivery_follows_from_the_last_one_and_stops_at_the_end():
    kwargs = {"anchor": datetime.date(2022, 1, 1), "ends_on": datetime.date(2023, 12, 31)}
    last = datetime.date(2022, 4, 5)
    assert next_due_date(Recurrence.QUARTERLY, last_delivery=last, **kwargs) == datetime.date(
        2022, 7, 5
    )
    assert (
        next_due_date(Recurrence.BIMONTHLY, last_delivery=datetime.date(2023, 12, 31), **kwargs)
        is None
    )
    assert next_due_date(
        Recurrence.BIMONTHLY, last_delivery=datetime.date(2022, 12, 31), **kwargs
    ) == datetime.date(2023, 2, 28)  # a shorter month: its last day
    assert next_due_date("", last_delivery=None, **kwargs) is None


@pytest.fixture
def adviser():
    user = UserFactory(role=Role.POLICY_ADVISER)
    PersonFactory(user=user, name="Anna Adviseur")
    return user


@pytest.fixture
def effort(adviser):
    project = ProjectFactory(
        code="2.2.4",
        name="Expertteam",
        contractor=adviser.person,
        starts_on=datetime.date(2022, 1, 1),
        ends_on=datetime.date(2023, 12, 31),
    )
    return EffortFactory(
        project=project,
        order=1,
        text="Het expertteam rapporteert elk kwartaal",
        time_target="",
        recurrence=Recurrence.QUARTERLY,
    )


def test_a_delivery_is_recorded_in_the_browser_and_moves_the_next_due_date(client, adviser, effort):
    client.force_login(adviser)
    project = effort.project
    page = client.get(project.get_absolute_url()).content.decode()
    assert "levering te laat sinds 31 maart 2022" in page
    url = reverse("programme:effort_delivery_create", args=[project.code, effort.pk])
    response = client.post(url, {"delivered_on": "05-04-2022", "remark": "Rapportage Q1"})
    assert response.status_code == 302
    delivery = EffortDelivery.objects.get()
    assert (delivery.delivered_on, delivery.remark, delivery.recorded_by) == (
        datetime.date(2022, 4, 5),
        "Rapportage Q1",
        adviser,
    )
    page = client.get(project.get_absolute_url()).content.decode()
    assert "5 april 2022 – Rapportage Q1" in page
    assert "5 juli 2022" in page
    effort.refresh_from_db()
    assert effort.history.first().history_change_reason == "Levering van 5 april 2022 vastgelegd"


def test_the_schedule_stops_at_the_projects_end(client, adviser, effort):
    services.effort_delivery_record(
        effort=effort, user=adviser, delivered_on=datetime.date(2023, 11, 1), remark=""
    )
    client.force_login(adviser)
    page = client.get(effort.project.get_absolute_url()).content.decode()
    assert "geen volgende levering: het project is dan afgelopen" in page


@pytest.mark.parametrize("day", ["9999-12-31", "2021-12-31", "31-02-2022", ""])
def test_a_bad_delivery_date_is_a_dutch_message_and_changes_nothing(client, adviser, effort, day):
    client.force_login(adviser)
    url = reverse("programme:effort_delivery_create", args=[effort.project.code, effort.pk])
    response = client.post(url, {"delivered_on": day}, follow=True)
    content = response.content.decode()
    assert "ligt buiten de periode" in content or "Vul " in content
    assert not EffortDelivery.objects.exists()


def test_a_second_delivery_on_the_same_day_and_one_for_a_one_off_effort_are_refused(
    adviser, effort
):
    day = datetime.date(2022, 4, 5)
    services.effort_delivery_record(effort=effort, user=adviser, delivered_on=day, remark="")
    with pytest.raises(ValidationError):
        services.effort_delivery_record(effort=effort, user=adviser, delivered_on=day, remark="")
    one_off = EffortFactory(project=effort.project, order=2, recurrence="")
    with pytest.raises(ValidationError):
        services.effort_delivery_record(effort=one_off, user=adviser, delivered_on=day, remark="")
    assert EffortDelivery.objects.count() == 1


@pytest.mark.parametrize("role", [Role.GRIFFIE, Role.POLICY_ADVISER, None])
def test_readers_may_not_record_a_delivery(client, effort, role):
    reader = UserFactory(role=role)
    PersonFactory(user=reader)
    client.force_login(reader)
    url = reverse("programme:effort_delivery_create", args=[effort.project.code, effort.pk])
    assert client.post(url, {"delivered_on": "2022-04-05"}).status_code == 403
    assert client.get(url).status_code == 405
    assert not EffortDelivery.objects.exists()
