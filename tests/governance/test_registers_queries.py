"""The list pages of /bestuur/ keep their query count whatever the number of rows."""

import datetime

from django.urls import reverse

import pytest

from governance.constants import Role
from tests.governance.factories import (
    BodyFactory,
    DecisionFactory,
    MunicipalityFactory,
    PersonFactory,
    RegionFactory,
    UserFactory,
)
from tests.governance.register_factories import (
    CouncilViewFactory,
    MembershipFactory,
    OrganisationFactory,
)

pytestmark = pytest.mark.django_db

SIZES = [2, 30]  # 30 rows run past the first page of 25


@pytest.fixture
def world():
    """A user of a region, and a way to fill that region with `size` of everything."""
    region = RegionFactory()
    user = UserFactory(role=Role.NETWORK_MT)
    own = MunicipalityFactory(region=region)
    PersonFactory(user=user, municipality=own)

    def fill(size):
        body = BodyFactory(region=region)
        parent = OrganisationFactory(region=region)
        for number in range(size):
            decision = DecisionFactory(body=body, date=datetime.date(2015 + number % 10, 1, 1))
            municipality = MunicipalityFactory(region=region)
            CouncilViewFactory(decision=decision, municipality=municipality, overdue=True)
            CouncilViewFactory(decision=decision, municipality=own, received=True)
            MembershipFactory(body=BodyFactory(region=region), municipality=municipality)
            OrganisationFactory(region=region, parent=parent, ended_on=datetime.date(2020, 1, 1))
        return user

    return fill


# Every page starts with the same five: 1 the session, 2 the user, 3 the user's person,
# 4 that person's municipality and 5 its region (region_of), and renders the navigation with
# 6 the user's roles (groups).
COMMON = 6


@pytest.mark.parametrize("size", SIZES)
def test_decision_register(client, world, django_assert_num_queries, size):
    client.force_login(world(size))
    # 7 the years for the filter, 8 the bodies for the filter, 9 the count for the pagination,
    # 10 one page of decisions with their body and overdue count, 11 their council views with
    # the municipality (prefetch).
    with django_assert_num_queries(COMMON + 5):
        response = client.get(reverse("registers:decision_list"))
    assert response.status_code == 200


@pytest.mark.parametrize("size", SIZES)
def test_council_view_list(client, world, django_assert_num_queries, size):
    client.force_login(world(size))
    # 7 the municipalities for the filter, 8 the count for the pagination, 9 one page of council
    # views with decision, body and municipality, and whether they are overdue.
    with django_assert_num_queries(COMMON + 3):
        response = client.get(reverse("registers:council_view_list"), {"overdue": "on"})
    assert response.status_code == 200


@pytest.mark.parametrize("size", SIZES)
def test_who_sits_where(client, world, django_assert_num_queries, size):
    client.force_login(world(size))
    # 7 the bodies existing on the day, 8 their memberships valid that day with person and
    # municipality (prefetch), 9 the organisations, 10 the municipalities on the day,
    # 11 the proposals at the councils with their counts.
    with django_assert_num_queries(COMMON + 5):
        response = client.get(reverse("registers:overview"), {"op": "2024-01-01"})
    assert response.status_code == 200


@pytest.mark.parametrize("size", SIZES)
def test_timeline(client, world, django_assert_num_queries, size):
    client.force_login(world(size))
    # 7 decisions with their body, 8 organisations with what they merged into, 9 bodies with
    # dates, 10 municipalities; procurement's source: 11 frameworks, 12 phases, 13 segments that
    # merged (none here, so no prefetch of their predecessors).
    with django_assert_num_queries(COMMON + 7):
        response = client.get(reverse("registers:timeline"))
    assert response.status_code == 200
