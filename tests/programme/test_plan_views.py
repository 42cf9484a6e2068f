"""The plan edited on the project page: who may, what bad input gets, and the region's bounds."""

import datetime

from django.core.cache import cache
from django.urls import reverse

import pytest

from governance.constants import Role
from programme.constants import EffortStatus
from programme.models import Effort, SubGoal
from tests.governance.factories import PersonFactory, RegionFactory, UserFactory
from tests.programme.factories import EffortFactory, ProjectFactory

pytestmark = pytest.mark.django_db


def _user(role, name=None):
    user = UserFactory(role=role)
    PersonFactory(user=user, **({"name": name} if name else {}))
    return user


@pytest.fixture
def adviser():
    return _user(Role.POLICY_ADVISER, "Anna Adviseur")


@pytest.fixture
def nmt():
    return _user(Role.NETWORK_MT, "Nina Netwerk")


@pytest.fixture
def project(adviser):
    project = ProjectFactory(code="2.1.2", contractor=adviser.person)
    goal = SubGoal.objects.create(project=project, order=1, text="Subdoel een")
    EffortFactory(project=project, order=1, sub_goal=goal, text="Prototype", time_target="2030")
    return project


def _effort(project):
    return project.efforts.get()


def _goal(project):
    return project.sub_goals.get()


# Every GET-able plan page, by name and how to fill its parameters.
PAGES = {
    "programme:effort_create": lambda p: [p.code],
    "programme:effort_plan_edit": lambda p: [p.code, _effort(p).pk],
    "programme:effort_remove": lambda p: [p.code, _effort(p).pk],
    "programme:sub_goal_create": lambda p: [p.code],
    "programme:sub_goal_edit": lambda p: [p.code, _goal(p).pk],
    "programme:sub_goal_remove": lambda p: [p.code, _goal(p).pk],
    "programme:project_duration_edit": lambda p: [p.code],
    "programme:project_triangle_edit": lambda p: [p.code],
}


@pytest.mark.parametrize("name", list(PAGES))
@pytest.mark.parametrize(
    ("who", "expected"),
    [("contractor", 200), ("nmt", 200), ("admin", 200), ("griffie", 403), ("outsider", 403)],
)
def test_who_may_open_the_plan_pages(client, project, adviser, nmt, name, who, expected):
    users = {
        "contractor": adviser,
        "nmt": nmt,
        "admin": _user(Role.FUNCTIONAL_ADMIN),
        "griffie": _user(Role.GRIFFIE),
        "outsider": _user(Role.POLICY_ADVISER),
    }
    if name == "programme:project_triangle_edit" and who == "contractor":
        expected = 403  # the triangle is set above the project
    client.force_login(users[who])
    url = reverse(name, args=PAGES[name](project))
    assert client.get(url).status_code == expected
    assert client.post(url, {}).status_code in ({403} if expected == 403 else {422, 302})


def test_move_refuses_who_may_not_and_get(client, project):
    effort = _effort(project)
    url = reverse("programme:effort_move", args=[project.code, effort.pk])
    client.force_login(_user(Role.GRIFFIE))
    assert client.post(url, {"direction": "op", "edit_version": 1}).status_code == 403
    assert client.get(url).status_code == 405


def test_another_regions_rows_are_404(client, project, adviser):
    stranger_region = RegionFactory()
    foreign = ProjectFactory(code="7.7.7", theme__programme__region=stranger_region)
    client.force_login(adviser)
    foreign_effort = EffortFactory(project=foreign, order=1)
    url = reverse("programme:effort_plan_edit", args=[project.code, foreign_effort.pk])
    assert client.get(url).status_code == 404
    assert client.get(reverse("programme:effort_create", args=["7.7.7"])).status_code == 404


def test_adding_an_effort_shows_the_period_its_target_was_read_as(client, project, adviser):
    client.force_login(adviser)
    response = client.post(
        reverse("programme:effort_create", args=[project.code]),
        {"text": "Monitor live", "time_target": "Q3 2026", "recurrence": "", "sub_goal": ""},
        follow=True,
    )
    content = response.content.decode()
    assert "De inspanning is toegevoegd." in content
    assert "Monitor live" in content
    assert "gelezen als 1 juli 2026 – 30 september 2026" in content
    assert project.efforts.get(text="Monitor live").order == 2


def test_bad_effort_input_gets_a_dutch_message_and_changes_nothing(client, project, adviser):
    client.force_login(adviser)
    url = reverse("programme:effort_create", args=[project.code])
    response = client.post(url, {"text": "", "time_target": "Q" * 101, "recurrence": "weekly"})
    assert response.status_code == 422
    content = response.content.decode()
    assert "Beschrijf de inspanning." in content
    assert "Kies een geldige herhaling." in content
    assert "Hoogstens 100 tekens" in content
    assert project.efforts.count() == 1


def test_another_regions_sub_goal_is_neither_offered_nor_accepted(client, project, adviser):
    foreign = ProjectFactory(theme__programme__region=RegionFactory())
    foreign_goal = SubGoal.objects.create(project=foreign, order=1, text="Vreemd subdoel")
    client.force_login(adviser)
    url = reverse("programme:effort_create", args=[project.code])
    assert "Vreemd subdoel" not in client.get(url).content.decode()
    response = client.post(url, {"text": "X", "sub_goal": foreign_goal.pk})
    assert response.status_code == 422
    assert "Kies een subdoelstelling van dit project." in response.content.decode()
    assert project.efforts.count() == 1


def test_effort_plan_edit_inline_with_htmx_and_a_stale_save_is_409(client, project, adviser):
    effort = _effort(project)
    client.force_login(adviser)
    url = reverse("programme:effort_plan_edit", args=[project.code, effort.pk])
    form = client.get(url, headers={"HX-Request": "true"})
    assert form.status_code == 200
    assert 'data-hx-post="' in form.content.decode()
    data = {"text": "Prototype 2", "time_target": "eind 2025", "recurrence": "", "edit_version": 1}
    row = client.post(url, data, headers={"HX-Request": "true"})
    assert row.status_code == 200
    assert "gelezen als 1 oktober 2025 – 31 december 2025" in row.content.decode()
    stale = client.post(url, {**data, "text": "Ander"}, headers={"HX-Request": "true"})
    assert stale.status_code == 409
    assert "Iemand anders heeft dit intussen gewijzigd" in stale.content.decode()
    effort.refresh_from_db()
    assert (effort.text, effort.edit_version) == ("Prototype 2", 2)
    # Without htmx: the page, and back to the project after saving.
    page = client.post(url, {**data, "text": "Prototype 3", "edit_version": 2})
    assert page.status_code == 302


def test_moving_and_removing_efforts_from_the_page(client, project, adviser):
    first = _effort(project)
    second = EffortFactory(project=project, order=2, text="Tweede")
    client.force_login(adviser)
    move = reverse("programme:effort_move", args=[project.code, second.pk])
    assert client.post(move, {"direction": "op", "edit_version": 1}).status_code == 302
    assert list(project.efforts.order_by("order")) == [second, first]
    refused = client.post(move, {"direction": "op", "edit_version": 1})
    assert refused.status_code == 409
    assert client.post(move, {"direction": "zijwaarts", "edit_version": 2}).status_code == 422
    remove = reverse("programme:effort_remove", args=[project.code, second.pk])
    assert client.post(remove, {"edit_version": 2}).status_code == 302
    assert not Effort.objects.filter(pk=second.pk).exists()


def test_a_reported_effort_cannot_be_removed_from_the_page(client, project, adviser):
    effort = _effort(project)
    Effort.objects.filter(pk=effort.pk).update(status=EffortStatus.ACHIEVED)
    client.force_login(adviser)
    url = reverse("programme:effort_remove", args=[project.code, effort.pk])
    page = client.get(url).content.decode()
    assert "al gerapporteerd" in page
    response = client.post(url, {"edit_version": 1})
    assert response.status_code == 422
    assert "niet verwijderd" in response.content.decode()
    assert Effort.objects.filter(pk=effort.pk).exists()


def test_sub_goals_from_the_page(client, project, adviser):
    client.force_login(adviser)
    create = reverse("programme:sub_goal_create", args=[project.code])
    assert client.post(create, {"text": "Subdoel twee"}).status_code == 302
    assert client.post(create, {"text": ""}).status_code == 422
    goal = project.sub_goals.get(text="Subdoel twee")
    edit = reverse("programme:sub_goal_edit", args=[project.code, goal.pk])
    assert client.post(edit, {"text": "Subdoel 2", "edit_version": 1}).status_code == 302
    stale = client.post(edit, {"text": "Anders", "edit_version": 1})
    assert stale.status_code == 409
    remove = reverse("programme:sub_goal_remove", args=[project.code, _goal_of(project, 1).pk])
    assert client.post(remove, {"edit_version": 1}).status_code == 422  # it has an effort
    goal.refresh_from_db()
    assert goal.text == "Subdoel 2"


def _goal_of(project, order):
    return project.sub_goals.get(order=order)


def test_the_duration_replaces_the_question_marks(client, project, adviser):
    client.force_login(adviser)
    page = client.get(project.get_absolute_url()).content.decode()
    assert "? – ?" in page
    url = reverse("programme:project_duration_edit", args=[project.code])
    bad = client.post(url, {"starts_on": "2026-01-01", "ends_on": "2025-01-01", "edit_version": 1})
    assert bad.status_code == 422
    assert "vóór de begindatum" in bad.content.decode()
    nonsense = client.post(url, {"starts_on": "morgen", "edit_version": 1})
    assert "Vul een geldige datum in" in nonsense.content.decode()
    ok = client.post(url, {"starts_on": "01-01-2022", "ends_on": "31-12-2025", "edit_version": 1})
    assert ok.status_code == 302
    page = client.get(project.get_absolute_url()).content.decode()
    assert "1 januari 2022 – 31 december 2025" in page
    project.refresh_from_db()
    assert project.ends_on == datetime.date(2025, 12, 31)


def test_the_triangle_offers_and_accepts_only_the_own_regions_people(client, project, nmt):
    own = PersonFactory(name="Eigen Persoon")
    stranger = PersonFactory(region=RegionFactory(), name="Vreemde Persoon")
    client.force_login(nmt)
    url = reverse("programme:project_triangle_edit", args=[project.code])
    form = client.get(url).content.decode()
    assert "Eigen Persoon" in form
    assert "Vreemde Persoon" not in form
    for data in ({"administrative_sponsor": stranger.pk}, {"team": [stranger.pk]}):
        response = client.post(url, {**data, "edit_version": 1})
        assert response.status_code == 422
        assert "Kies een persoon uit de lijst." in response.content.decode()
    project.refresh_from_db()
    assert project.administrative_sponsor is None
    ok = client.post(url, {"administrative_sponsor": own.pk, "team": [own.pk], "edit_version": 1})
    assert ok.status_code == 302
    project.refresh_from_db()
    assert project.administrative_sponsor == own
    assert list(project.team.all()) == [own]
    assert project.contractor is None  # left empty in the form: nobody


def test_the_project_page_offers_the_plan_forms_to_who_may_use_them(client, project, adviser):
    client.force_login(adviser)
    page = client.get(project.get_absolute_url()).content.decode()
    assert "Inspanning toevoegen" in page
    assert "Looptijd wijzigen" in page
    assert "Sturingsdriehoek en projectteam wijzigen" not in page
    client.force_login(_user(Role.GRIFFIE))
    page = client.get(project.get_absolute_url()).content.decode()
    assert "Inspanning toevoegen" not in page
    assert "Looptijd wijzigen" not in page


def test_the_plan_forms_do_not_grow_the_project_pages_queries(
    client, project, nmt, django_assert_num_queries, django_assert_max_num_queries
):
    """The network sees every plan form, the triangle's person lists included: a fixed number
    of queries (one per list), however many efforts, sub-goals and people there are."""
    client.force_login(nmt)
    url = project.get_absolute_url()
    client.get(url)  # warm caches
    cache.clear()  # the page's body rendered, not read from the cache
    with django_assert_max_num_queries(30) as small:
        client.get(url)
    for order in range(2, 30):
        goal = SubGoal.objects.create(project=project, order=order, text=f"Subdoel {order}")
        EffortFactory(project=project, order=order, sub_goal=goal)
        PersonFactory()
    cache.clear()
    with django_assert_num_queries(len(small.captured_queries)):
        client.get(url)
