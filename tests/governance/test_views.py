from unittest import mock

from django.db import OperationalError
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

import pytest

from governance.constants import Role
from programme.services import project_update_triangle
from tests.governance.factories import DecisionFactory, PersonFactory, RegionFactory, UserFactory
from tests.programme.factories import ProgrammeFactory, ProjectFactory, ThemeFactory

pytestmark = pytest.mark.django_db


def _user_with_person(role):
    """A user with `role` (or none) linked to a person, so of a region (the factories' one)."""
    user = UserFactory(role=role)
    PersonFactory(user=user)
    return user


def test_login_page_is_public_and_dutch(client):
    response = client.get(reverse("login"))
    assert response.status_code == 200
    assert '<html lang="nl">' in response.content.decode()
    assert "Inloggen" in response.content.decode()


def test_wrong_password_gives_a_dutch_message(client):
    UserFactory(username="adviseur")
    response = client.post(reverse("login"), {"username": "adviseur", "password": "fout"})
    assert response.status_code == 200
    assert "Voer een juiste gebruikersnaam en wachtwoord in" in response.content.decode()


def test_home_requires_login(client):
    response = client.get(reverse("home"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def _all_url_patterns(resolver=None, prefix=""):
    for pattern in (resolver or get_resolver()).url_patterns:
        if isinstance(pattern, URLResolver):
            yield from _all_url_patterns(pattern, prefix + str(pattern.pattern))
        elif isinstance(pattern, URLPattern):
            yield prefix + str(pattern.pattern), pattern


def test_no_page_but_login_and_healthz_is_public(client):
    """Every URL without parameters, asked anonymously, redirects to a login page."""
    public = {"accounts/login/", "healthz", "accounts/logout/", "admin/login/"}
    public |= {"openbaar/brieven/", "toegankelijkheid/", "privacy/", "contact/"}
    for route, _pattern in _all_url_patterns():
        if "<" in route or "(?P" in route or route.startswith("^") or route in public:
            continue
        path = "/" + route
        response = client.get(path)
        assert response.status_code in (301, 302), path
        assert "login" in response["Location"], path


def test_healthz_answers_200_when_the_database_answers(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json()["database"] == "ok"


def test_healthz_and_pages_answer_503_when_the_database_is_down(client):
    monitor = Client(raise_request_exception=False)
    client.force_login(_user_with_person(Role.NETWORK_MT))
    client.raise_request_exception = False
    with mock.patch(
        "django.db.backends.base.base.BaseDatabaseWrapper.ensure_connection",
        side_effect=OperationalError("connection refused"),
    ):
        health = monitor.get("/healthz")
        page = client.get(reverse("home"))
    assert health.status_code == 503
    assert health.json()["database"] == "unreachable"
    assert page.status_code == 503
    assert "De database is op dit moment niet bereikbaar" in page.content.decode()


def test_adviser_home_lists_their_projects(client):
    user = UserFactory(role=Role.POLICY_ADVISER)
    person = PersonFactory(user=user, name="Demo Adviseur")
    mine = ProjectFactory(contractor=person, name="Beter begroten en monitoren")
    in_team = ProjectFactory(name="Anders Zorgen")
    in_team.team.add(person)
    ProjectFactory(name="Geweld hoort nergens thuis")
    client.force_login(user)
    response = client.get(reverse("home"))
    assert response.status_code == 200
    content = response.content.decode()
    assert "Mijn projecten" in content
    assert mine.name in content
    assert in_team.name in content
    assert "Geweld hoort nergens thuis" not in content


def test_the_advisers_kept_projects_follow_the_team_and_are_each_their_own(client):
    """The adviser's table is a cached fragment per person: joining a project's team shows it on
    the next load, another adviser at the same address sees their own, and a row links to the
    project's page."""
    user = UserFactory(role=Role.POLICY_ADVISER)
    person = PersonFactory(user=user, name="Demo Adviseur")
    project = ProjectFactory(code="2.1.1", name="Anders Zorgen")
    ProjectFactory(contractor=person, name="Beter begroten")
    client.force_login(user)
    assert "Anders Zorgen" not in client.get(reverse("home")).content.decode()
    project_update_triangle(
        project=project,
        user=_user_with_person(Role.FUNCTIONAL_ADMIN),
        administrative_sponsor=None,
        official_sponsor=None,
        contractor=None,
        team=[person],
        edit_version=project.edit_version,
    )
    content = client.get(reverse("home")).content.decode()
    assert f'<a href="{project.get_absolute_url()}">Anders Zorgen</a>' in content
    other = UserFactory(role=Role.POLICY_ADVISER)
    PersonFactory(user=other, name="Andere Adviseur")
    client.force_login(other)
    content = client.get(reverse("home")).content.decode()
    assert "U bent nog niet aan een project gekoppeld." in content
    assert "Anders Zorgen" not in content and "Beter begroten" not in content


def test_adviser_without_person_sees_no_projects(client):
    """Without a person the account has no region: the page says so and shows no data."""
    user = UserFactory(role=Role.POLICY_ADVISER)
    ProjectFactory(name="Anders Zorgen")
    client.force_login(user)
    response = client.get(reverse("home"))
    content = response.content.decode()
    assert response.status_code == 403
    assert "Uw account is niet gekoppeld aan een regio" in content
    assert "Anders Zorgen" not in content


def test_adviser_on_no_project_is_told_so(client):
    user = _user_with_person(Role.POLICY_ADVISER)
    ProjectFactory(name="Anders Zorgen")
    client.force_login(user)
    content = client.get(reverse("home")).content.decode()
    assert "U bent nog niet aan een project gekoppeld." in content
    assert "Anders Zorgen" not in content


def test_functional_admin_home_lists_all_projects(client):
    user = _user_with_person(Role.FUNCTIONAL_ADMIN)
    ProjectFactory(name="Anders Zorgen")
    ProjectFactory(name="Expertteam")
    client.force_login(user)
    content = client.get(reverse("home")).content.decode()
    assert "Anders Zorgen" in content and "Expertteam" in content


def test_the_functional_admins_project_list_follows_a_change(client):
    """The list of every project is a cached fragment: a renamed project and a new one show on
    the next load."""
    client.force_login(_user_with_person(Role.FUNCTIONAL_ADMIN))
    project = ProjectFactory(name="Anders Zorgen")
    assert "Anders Zorgen" in client.get(reverse("home")).content.decode()
    project.name = "Anders Zorgen en Doen"
    project.save()
    ProjectFactory(name="Expertteam")
    content = client.get(reverse("home")).content.decode()
    assert "Anders Zorgen en Doen" in content and "Expertteam" in content


def test_the_functional_admins_project_list_of_one_region_never_reaches_another(client):
    client.force_login(_user_with_person(Role.FUNCTIONAL_ADMIN))
    ProjectFactory(name="Anders Zorgen")
    assert "Anders Zorgen" in client.get(reverse("home")).content.decode()
    elsewhere = RegionFactory()
    ProjectFactory(
        name="Elders bekend", theme=ThemeFactory(programme=ProgrammeFactory(region=elsewhere))
    )
    client.force_login(UserFactory(role=Role.FUNCTIONAL_ADMIN, region=elsewhere))
    content = client.get(reverse("home")).content.decode()
    assert "Elders bekend" in content and "Anders Zorgen" not in content


def test_griffie_home_lists_recent_decisions(client):
    DecisionFactory(title="Integratie SOJ in DG&J", reference="RIS 123")
    user = _user_with_person(Role.GRIFFIE)
    client.force_login(user)
    content = client.get(reverse("home")).content.decode()
    assert "Integratie SOJ in DG&amp;J" in content
    assert "RIS 123" in content


def test_griffie_home_shows_a_new_decision_on_the_next_load_in_its_region_only(
    client, django_assert_max_num_queries
):
    first = DecisionFactory(title="Eerste besluit")
    client.force_login(_user_with_person(Role.GRIFFIE))
    assert "Eerste besluit" in client.get(reverse("home")).content.decode()
    with django_assert_max_num_queries(20) as kept:
        assert "Eerste besluit" in client.get(reverse("home")).content.decode()
    read = 'SELECT "governance_decision"."id"'
    assert not any(read in query["sql"] for query in kept.captured_queries)
    DecisionFactory(title="Tweede besluit", body=first.body)
    assert "Tweede besluit" in client.get(reverse("home")).content.decode()
    elsewhere = RegionFactory()
    client.force_login(UserFactory(role=Role.GRIFFIE, region=elsewhere))
    content = client.get(reverse("home")).content.decode()
    assert "Eerste besluit" not in content and "Er zijn nog geen besluiten" in content


def test_user_without_role_is_told_so(client):
    client.force_login(_user_with_person(None))
    content = client.get(reverse("home")).content.decode()
    assert "Aan uw account is nog geen rol toegekend" in content


def test_home_query_count_does_not_grow_with_projects(client, django_assert_max_num_queries):
    user = _user_with_person(Role.FUNCTIONAL_ADMIN)
    client.force_login(user)
    ProjectFactory.create_batch(3)
    with django_assert_max_num_queries(8) as small:
        assert client.get(reverse("home")).status_code == 200
    ProjectFactory.create_batch(40)
    with django_assert_max_num_queries(len(small.captured_queries)):
        client.get(reverse("home"))


def test_help_page_explains_each_role(client):
    client.force_login(_user_with_person(Role.GRIFFIE))
    content = client.get(reverse("help")).content.decode()
    for heading in ["Beleidsadviseurs", "Netwerk MT Jeugd", "Griffie", "Financiën"]:
        assert heading in content
