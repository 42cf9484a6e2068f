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

    other = RegionFactory()
    other_own = MunicipalityFactory(region=other)

    def fill(size):
        # The same rows in another region: the counts are flat in the number of regions too.
        for place, home in ((region, own), (other, other_own)):
            body = BodyFactory(region=place)
            parent = OrganisationFactory(region=place)
            for number in range(size):
                day = datetime.date(2015 + number % 10, 1, 1)
                decision = DecisionFactory(body=body, date=day)
                municipality = MunicipalityFactory(region=place)
                CouncilViewFactory(decision=decision, municipality=municipality, overdue=True)
                CouncilViewFactory(decision=decision, municipality=home, received=True)
                MembershipFactory(body=BodyFactory(region=place), municipality=municipality)
                OrganisationFactory(region=place, parent=parent, ended_on=datetime.date(2020, 1, 1))
        return user

    return fill


# Every page starts with the same four: 1 the session, 2 the user, 3 the user's person with
# their region (the region scope, core.middleware), and renders the navigation with 4 the
# user's roles (groups).
COMMON = 4


@pytest.mark.parametrize("size", SIZES)
def test_decision_register(client, world, django_assert_num_queries, size):
    client.force_login(world(size))
    # 5 the years for the filter, 6 the bodies for the filter, 7 the fingerprint of the cached
    # table (decisions, bodies, council views, municipalities), 8 the count for the pagination,
    # 9 one page of decisions with their body and overdue count, 10 their council views with
    # the municipality (prefetch).
    with django_assert_num_queries(COMMON + 6):
        response = client.get(reverse("registers:decision_list"))
    assert response.status_code == 200
    # The same page again: the table and the filter's form come from the cache; the years for
    # the filter and the fingerprint are still read (a kept table is paginated when it is
    # rendered, so the count is not).
    with django_assert_num_queries(COMMON + 2):
        client.get(reverse("registers:decision_list"))


@pytest.mark.parametrize("size", SIZES)
def test_council_view_list(client, world, django_assert_num_queries, size):
    client.force_login(world(size))
    # 5 the municipalities for the filter, 6 the count for the pagination, 7 one page of council
    # views with decision, body and municipality, and whether they are overdue.
    with django_assert_num_queries(COMMON + 3):
        response = client.get(reverse("registers:council_view_list"), {"overdue": "on"})
    assert response.status_code == 200


@pytest.mark.parametrize("size", SIZES)
def test_who_sits_where(client, world, django_assert_num_queries, size):
    client.force_login(world(size))
    # 5 the fingerprint of the cached body; rendering it: 6 the bodies existing on the day,
    # 7 their memberships valid that day with person and municipality (prefetch), 8 the
    # organisations, 9 the municipalities on the day, 10 the proposals with their counts.
    with django_assert_num_queries(COMMON + 6):
        response = client.get(reverse("registers:overview"), {"op": "2024-01-01"})
    assert response.status_code == 200
    with django_assert_num_queries(COMMON + 1):  # the body read from the cache
        client.get(reverse("registers:overview"), {"op": "2024-01-01"})


@pytest.mark.parametrize("size", SIZES)
def test_timeline(client, world, django_assert_num_queries, size):
    client.force_login(world(size))
    # 5 the fingerprint of the cached events; reading them: 6 decisions with their body,
    # 7 organisations with what they merged into, 8 bodies with dates, 9 municipalities;
    # procurement's source: 10 frameworks, 11 phases, 12 segments that merged (none here, so no
    # prefetch of their predecessors); 13 the dated documents and events; 14–15 the user's
    # permissions (whether the page offers to add or manage them).
    with django_assert_num_queries(COMMON + 11):
        response = client.get(reverse("registers:timeline"))
    assert response.status_code == 200
    with django_assert_num_queries(COMMON + 3):  # the events read from the cache
        client.get(reverse("registers:timeline"))
