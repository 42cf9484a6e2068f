"""The register overview's body ("who sits where", the municipalities, the organisations, the
proposals at the councils) comes from the cache only while none of it changed."""

import datetime

from django.urls import reverse

import pytest

from governance.constants import Role
from tests.governance.factories import PersonFactory, RegionFactory, UserFactory, default_region
from tests.governance.register_factories import MembershipFactory, OrganisationFactory

pytestmark = pytest.mark.django_db

URL = reverse("registers:overview")


def _page(client, **params) -> str:
    response = client.get(URL, params)
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
