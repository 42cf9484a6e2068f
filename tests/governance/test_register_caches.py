"""The register overview's body ("who sits where", the municipalities, the organisations, the
proposals at the councils) and the timeline's events come from the cache only while none of
what they show changed."""

import datetime

from django.urls import reverse

import pytest

from governance.constants import Role
from tests.governance.factories import (
    DecisionFactory,
    PersonFactory,
    RegionFactory,
    UserFactory,
    default_region,
)
from tests.governance.register_factories import MembershipFactory, OrganisationFactory
from tests.procurement.factories import FrameworkFactory

pytestmark = pytest.mark.django_db

URL = reverse("registers:overview")
TIMELINE = reverse("registers:timeline")


def _page(client, url=URL, **params) -> str:
    response = client.get(url, params)
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def griffie(client):
    user = UserFactory(role=Role.GRIFFIE, region=default_region())
    client.force_login(user)
    return user


def test_a_new_member_a_renamed_person_and_an_ended_membership_show_on_the_next_load(
    client, griffie
):
    assert "Mw. J. Smit" not in _page(client)
    membership = MembershipFactory(person=PersonFactory(name="Mw. J. Smit"))
    assert "Mw. J. Smit" in _page(client)
    membership.person.name = "Mw. J. Smit-de Boer"
    membership.person.save()
    assert "Mw. J. Smit-de Boer" in _page(client)
    membership.valid_until = datetime.date(2023, 12, 31)
    membership.save()
    assert "Mw. J. Smit-de Boer" not in _page(client)
    assert "Mw. J. Smit-de Boer" in _page(client, op="2023-06-01")


def test_each_day_has_its_own_body(client, griffie):
    OrganisationFactory(name="Stichting Jeugdzorg", founded_on=datetime.date(2020, 1, 1))
    assert "bestond op deze datum niet" not in _page(client)
    assert "bestond op deze datum niet" in _page(client, op="2019-01-01")


def test_one_regions_cached_body_never_reaches_another(client, griffie):
    OrganisationFactory(name="Stichting Jeugdzorg Hier")
    assert "Stichting Jeugdzorg Hier" in _page(client)
    elsewhere = RegionFactory()
    OrganisationFactory(region=elsewhere, name="Stichting Elders")
    client.force_login(UserFactory(role=Role.GRIFFIE, region=elsewhere))
    page = _page(client)
    assert "Stichting Elders" in page
    assert "Stichting Jeugdzorg Hier" not in page


def test_a_new_decision_and_a_new_framework_show_on_the_timeline(client, griffie):
    assert "Regiovisie Jeugd vastgesteld" not in _page(client, TIMELINE)
    decision = DecisionFactory(title="Regiovisie Jeugd vastgesteld")
    assert "Regiovisie Jeugd vastgesteld" in _page(client, TIMELINE)
    decision.title = "Regiovisie Jeugd 2026 vastgesteld"
    decision.save()
    assert "Regiovisie Jeugd 2026 vastgesteld" in _page(client, TIMELINE)
    FrameworkFactory(name="Raamovereenkomst 2027")
    page = _page(client, TIMELINE)
    assert "Contractperiode ‘Raamovereenkomst 2027’ begint" in page
    only_decisions = _page(client, TIMELINE, soort="decision")
    assert "Regiovisie Jeugd 2026 vastgesteld" in only_decisions
    assert "Raamovereenkomst 2027" not in only_decisions


def test_one_regions_cached_timeline_never_reaches_another(client, griffie):
    DecisionFactory(title="Besluit van hier")
    assert "Besluit van hier" in _page(client, TIMELINE)
    client.force_login(UserFactory(role=Role.GRIFFIE, region=RegionFactory()))
    assert "Besluit van hier" not in _page(client, TIMELINE)
