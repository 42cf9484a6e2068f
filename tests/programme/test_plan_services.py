"""The plan's services: efforts, sub-goals, duration, sponsor triangle and team."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError

import pytest

from core.locking import StaleEditError
from governance.constants import Role
from programme import services
from programme.constants import EffortStatus, Recurrence
from programme.models import Effort, EffortDelivery, SubGoal
from tests.governance.factories import PersonFactory, RegionFactory, UserFactory
from tests.programme.factories import EffortFactory, ProjectFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def contractor():
    user = UserFactory(role=Role.POLICY_ADVISER)
    PersonFactory(user=user, name="Anna Adviseur")
    return user


@pytest.fixture
def nmt():
    user = UserFactory(role=Role.NETWORK_MT)
    PersonFactory(user=user, name="Nina Netwerk")
    return user


@pytest.fixture
def project(contractor):
    return ProjectFactory(contractor=contractor.person)


def _orders(project):
    return list(project.efforts.order_by("order").values_list("text", flat=True))


# --- Efforts ------------------------------------------------------------------------------


def test_an_added_effort_comes_last_with_its_target_read_as_a_period(project, contractor):
    EffortFactory(project=project, order=4, text="Eerste")
    effort = services.effort_create(
        project=project,
        user=contractor,
        text="  Tweede  ",
        time_target="Q3 2026",
        recurrence=Recurrence.NONE,
    )
    assert (effort.order, effort.text) == (5, "Tweede")
    assert (effort.target_start, effort.target_end) == (
        datetime.date(2026, 7, 1),
        datetime.date(2026, 9, 30),
    )
    assert not effort.time_target_unparsed
    assert effort.history.first().history_user == contractor


def test_a_target_that_cannot_be_read_is_kept_and_flagged(project, contractor):
    effort = services.effort_create(
        project=project, user=contractor, text="Iets", time_target="als het kan"
    )
    assert effort.time_target == "als het kan"
    assert effort.time_target_unparsed
    assert effort.target_end is None


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"text": "   "}, "text"),
        ({"text": "x" * 2001}, "text"),
        ({"time_target": "Q" * 101}, "time_target"),
        ({"recurrence": "weekly"}, "recurrence"),
    ],
)
def test_bad_effort_input_is_refused_in_dutch_and_adds_nothing(project, contractor, fields, field):
    arguments = {"text": "Goed", "time_target": "Q3 2026", "recurrence": "", **fields}
    with pytest.raises(ValidationError) as error:
        services.effort_create(project=project, user=contractor, **arguments)
    assert field in error.value.message_dict
    assert not project.efforts.exists()


def test_another_projects_sub_goal_is_refused(project, contractor):
    elsewhere = SubGoal.objects.create(project=ProjectFactory(), order=1, text="Elders")
    with pytest.raises(ValidationError) as error:
        services.effort_create(project=project, user=contractor, text="X", sub_goal=elsewhere)
    assert "Kies een subdoelstelling van dit project." in error.value.message_dict["sub_goal"]


def test_who_may_not_edit_the_plan_adds_nothing(project):
    griffie = UserFactory(role=Role.GRIFFIE)
    outsider = UserFactory(role=Role.POLICY_ADVISER)
    PersonFactory(user=outsider)
    for user in (griffie, outsider):
        with pytest.raises(PermissionDenied):
            services.effort_create(project=project, user=user, text="X")
    assert not project.efforts.exists()


def test_the_plan_of_an_effort_changes_and_a_stale_save_is_refused(project, contractor, nmt):
    effort = EffortFactory(project=project, order=1, text="Oud", time_target="2025")
    services.effort_update_plan(
        effort=effort,
        user=nmt,
        text="Nieuw",
        time_target="eind 2025",
        recurrence=Recurrence.QUARTERLY,
        sub_goal=None,
        edit_version=1,
    )
    with pytest.raises(StaleEditError) as stale:
        services.effort_update_plan(
            effort=effort,
            user=contractor,
            text="Overschreven",
            time_target="2030",
            recurrence="",
            sub_goal=None,
            edit_version=1,
        )
    assert "Nieuw" in stale.value.message
    effort.refresh_from_db()
    assert (effort.text, effort.time_target, effort.recurrence, effort.edit_version) == (
        "Nieuw",
        "eind 2025",
        Recurrence.QUARTERLY,
        2,
    )
    assert effort.target_end == datetime.date(2025, 12, 31)


def test_efforts_move_up_and_down(project, contractor):
    first = EffortFactory(project=project, order=1, text="A")
    EffortFactory(project=project, order=2, text="B")
    third = EffortFactory(project=project, order=3, text="C")
    services.effort_move(effort=third, user=contractor, direction="op", edit_version=1)
    assert _orders(project) == ["A", "C", "B"]
    services.effort_move(effort=first, user=contractor, direction="neer", edit_version=1)
    assert _orders(project) == ["C", "A", "B"]
    # The first one cannot go further up: nothing changes.
    top = project.efforts.get(text="C")
    services.effort_move(effort=top, user=contractor, direction="op", edit_version=2)
    assert _orders(project) == ["C", "A", "B"]
    assert top.history.first().history_user == contractor


def test_a_stale_move_is_refused_and_moves_nothing(project, contractor):
    EffortFactory(project=project, order=1, text="A")
    second = EffortFactory(project=project, order=2, text="B")
    services.effort_update(
        effort=second, user=contractor, status=EffortStatus.UNKNOWN, remark="", edit_version=1
    )
    with pytest.raises(StaleEditError):
        services.effort_move(effort=second, user=contractor, direction="op", edit_version=1)
    assert _orders(project) == ["A", "B"]


def test_an_unreported_effort_is_removed_and_kept_in_history(project, contractor):
    effort = EffortFactory(project=project, order=1)
    services.effort_remove(effort=effort, user=contractor, edit_version=1)
    assert not Effort.objects.filter(pk=effort.pk).exists()
    assert Effort.history.filter(id=effort.pk, history_type="-").get().history_user == contractor


def _status_set(effort, user):
    services.effort_update(
        effort=effort, user=user, status=EffortStatus.IN_PROGRESS, remark="", edit_version=1
    )


def _delivered(effort, user):
    EffortDelivery.objects.create(effort=effort, delivered_on=datetime.date(2023, 1, 5))


def _reported(effort, user):
    services.progress_report_create(
        project=effort.project, user=user, report_date=datetime.date.today()
    )


@pytest.mark.parametrize("report", [_status_set, _delivered, _reported])
def test_a_reported_effort_stays(project, contractor, report):
    effort = EffortFactory(project=project, order=1, recurrence=Recurrence.QUARTERLY)
    report(effort, contractor)
    effort.refresh_from_db()
    with pytest.raises(ValidationError) as error:
        services.effort_remove(effort=effort, user=contractor, edit_version=effort.edit_version)
    assert "al over gerapporteerd" in error.value.messages[0]
    assert Effort.objects.filter(pk=effort.pk).exists()


def test_an_effort_set_back_to_unknown_has_still_been_reported(project, contractor):
    effort = EffortFactory(project=project, order=1)
    _status_set(effort, contractor)
    services.effort_update(
        effort=effort, user=contractor, status=EffortStatus.UNKNOWN, remark="", edit_version=2
    )
    assert services.effort_is_reported(Effort.objects.get(pk=effort.pk))


# --- Sub-goals ----------------------------------------------------------------------------


def test_sub_goals_are_added_edited_moved_and_removed(project, contractor):
    first = services.sub_goal_create(project=project, user=contractor, text="Eerste")
    second = services.sub_goal_create(project=project, user=contractor, text="Tweede")
    assert (first.order, second.order) == (1, 2)
    services.sub_goal_update(sub_goal=first, user=contractor, text="Eerst", edit_version=1)
    services.sub_goal_move(sub_goal=second, user=contractor, direction="op", edit_version=1)
    texts = list(project.sub_goals.order_by("order").values_list("text", flat=True))
    assert texts == ["Tweede", "Eerst"]
    services.sub_goal_remove(sub_goal=second, user=contractor, edit_version=2)
    assert list(project.sub_goals.values_list("text", flat=True)) == ["Eerst"]
    assert SubGoal.history.filter(id=second.pk).first().history_user == contractor


def test_a_sub_goal_with_efforts_stays_and_a_stale_edit_is_refused(project, contractor):
    goal = services.sub_goal_create(project=project, user=contractor, text="Doel")
    EffortFactory(project=project, order=1, sub_goal=goal)
    with pytest.raises(ValidationError):
        services.sub_goal_remove(sub_goal=goal, user=contractor, edit_version=1)
    services.sub_goal_update(sub_goal=goal, user=contractor, text="Doel 2", edit_version=1)
    with pytest.raises(StaleEditError):
        services.sub_goal_update(sub_goal=goal, user=contractor, text="Doel 3", edit_version=1)
    with pytest.raises(ValidationError):
        services.sub_goal_update(sub_goal=goal, user=contractor, text=" ", edit_version=2)
    goal.refresh_from_db()
    assert (goal.text, goal.edit_version) == ("Doel 2", 2)


# --- Duration -----------------------------------------------------------------------------


def test_the_duration_is_set_and_an_end_before_the_start_is_refused(project, contractor):
    services.project_update_duration(
        project=project,
        user=contractor,
        starts_on=datetime.date(2022, 1, 1),
        ends_on=datetime.date(2025, 12, 31),
        edit_version=1,
    )
    with pytest.raises(ValidationError) as error:
        services.project_update_duration(
            project=project,
            user=contractor,
            starts_on=datetime.date(2026, 1, 1),
            ends_on=datetime.date(2025, 1, 1),
            edit_version=2,
        )
    assert "vóór de begindatum" in error.value.message_dict["ends_on"][0]
    with pytest.raises(StaleEditError):
        services.project_update_duration(
            project=project, user=contractor, starts_on=None, ends_on=None, edit_version=1
        )
    project.refresh_from_db()
    assert (project.starts_on, project.ends_on) == (
        datetime.date(2022, 1, 1),
        datetime.date(2025, 12, 31),
    )
    assert project.history.first().history_user == contractor


# --- Sponsor triangle and team ------------------------------------------------------------


def test_the_network_sets_the_triangle_and_team_with_history(project, nmt):
    sponsor, official, member = PersonFactory(), PersonFactory(), PersonFactory(name="Tom Team")
    updated = services.project_update_triangle(
        project=project,
        user=nmt,
        administrative_sponsor=sponsor,
        official_sponsor=official,
        contractor=None,
        team=[member],
        edit_version=1,
    )
    assert (updated.administrative_sponsor, updated.official_sponsor, updated.contractor) == (
        sponsor,
        official,
        None,
    )
    assert list(updated.team.all()) == [member]
    record = updated.history.first()
    assert record.history_user == nmt
    assert record.history_change_reason == "Projectteam: Tom Team"


def test_the_contractor_does_not_set_the_triangle(project, contractor):
    with pytest.raises(PermissionDenied):
        services.project_update_triangle(
            project=project,
            user=contractor,
            administrative_sponsor=None,
            official_sponsor=None,
            contractor=None,
            team=[],
            edit_version=1,
        )
    project.refresh_from_db()
    assert project.contractor == contractor.person


def test_people_of_another_region_are_refused_in_the_triangle_and_team(project, nmt):
    stranger = PersonFactory(region=RegionFactory())
    for fields in (
        {"administrative_sponsor": stranger, "team": []},
        {"administrative_sponsor": None, "team": [stranger]},
    ):
        with pytest.raises(ValidationError):
            services.project_update_triangle(
                project=project,
                user=nmt,
                official_sponsor=None,
                contractor=None,
                edit_version=1,
                **fields,
            )
    project.refresh_from_db()
    assert (project.administrative_sponsor, project.edit_version) == (None, 1)
    assert not project.team.exists()


def test_a_stale_triangle_is_refused(project, nmt):
    services.project_update_triangle(
        project=project,
        user=nmt,
        administrative_sponsor=None,
        official_sponsor=None,
        contractor=None,
        team=[],
        edit_version=1,
    )
    with pytest.raises(StaleEditError):
        services.project_update_triangle(
            project=project,
            user=nmt,
            administrative_sponsor=PersonFactory(),
            official_sponsor=None,
            contractor=None,
            team=[],
            edit_version=1,
        )
    project.refresh_from_db()
    assert project.administrative_sponsor is None


@pytest.mark.parametrize(
    ("written", "recurrence"),
    [
        ("per kwartaal", Recurrence.QUARTERLY),
        ("Elk kwartaal", Recurrence.QUARTERLY),
        ("elke twee maanden", Recurrence.BIMONTHLY),
        ("iedere maand", Recurrence.MONTHLY),
        ("jaarlijks", Recurrence.YEARLY),
        ("Q3 2026", Recurrence.NONE),
        ("eind 2025", Recurrence.NONE),
    ],
)
def test_a_target_that_names_a_rhythm_makes_the_effort_recur(
    project, contractor, written, recurrence
):
    effort = services.effort_create(
        project=project, user=contractor, text="Rapportage", time_target=written
    )
    assert (effort.time_target, effort.recurrence) == (written, recurrence)


def test_a_chosen_recurrence_wins_over_the_written_rhythm(project, contractor):
    effort = services.effort_create(
        project=project,
        user=contractor,
        text="Rapportage",
        time_target="per kwartaal",
        recurrence=Recurrence.BIMONTHLY,
    )
    assert effort.recurrence == Recurrence.BIMONTHLY
