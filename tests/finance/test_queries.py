"""Query budgets: a page's query count does not grow with the number of rows (docs/).

Every page makes four queries for the signed-in Netwerk MT member, whatever it shows:
  the session, the user, the user's person with their region (the region scope the page runs
  in), and the user's roles (read once, for the navigation).
The budgets below list the page's own queries after those.
"""

from decimal import Decimal

from django.core.cache import cache
from django.urls import reverse

import pytest

from finance.constants import FundingKind
from finance.models import DistributionShare
from finance.services import allocation_create
from tests.finance.factories import (
    BudgetFactory,
    BudgetLineFactory,
    FundingSourceFactory,
    SavingsMeasureFactory,
    key_with_shares,
)
from tests.governance.factories import MunicipalityFactory, RegionFactory
from tests.programme.factories import ProjectFactory

pytestmark = pytest.mark.django_db


def _rows_in(region, user):
    """A way to add `n` rows of everything to `region`, and its state (the newest of each)."""
    owner = BudgetFactory(owner__region=region, year=2000).owner
    state = {"year": 2001, "key": None, "budget": None, "allocation": None}

    def add(n):
        for _ in range(n):
            previous = state["budget"]
            budget = BudgetFactory(owner=owner, year=state["year"])
            state["year"] += 1
            BudgetLineFactory(
                budget=budget, income=True, carried_over_from=[previous] if previous else []
            )
            BudgetLineFactory(budget=budget, with_project=True)
            BudgetLineFactory(budget=budget, pro_memorie=True)
            state["budget"] = budget
            key = key_with_shares(["50", "50.01"], region=region)
            state["key"] = key
            state["allocation"] = allocation_create(user=user, key=key, amount=Decimal("1000"))
            project = ProjectFactory(theme__programme__region=region)
            FundingSourceFactory(project=project, kind=FundingKind.NATIONAL, note="POK")
            SavingsMeasureFactory(municipality=MunicipalityFactory(region=region))
            SavingsMeasureFactory(municipality=MunicipalityFactory(region=region), structural=True)

    return add, state


@pytest.fixture
def money(region, nmt):
    """Add `n` rows of everything: budgets with lines, keys, allocations, funding, savings.

    Another region gets as many: a page's query count is flat in the number of regions too.
    """
    add_own, state = _rows_in(region, nmt)
    add_other, _other_state = _rows_in(RegionFactory(name="Andere regio"), nmt)

    def add(n):
        add_own(n)
        add_other(n)

    def grow_details(n):
        """More rows on the pages of one budget, one key and one allocation."""
        budget, key = state["budget"], state["key"]
        for _ in range(n):
            BudgetLineFactory(budget=budget, with_project=True)
            DistributionShare.objects.create(
                key=key, municipality=MunicipalityFactory(region=region), percentage=1
            )
        state["allocation"] = allocation_create(user=nmt, key=key, amount=Decimal("99999.99"))

    add.grow_details = grow_details
    add.state = state
    return add


COMMON = 4  # session, user, person with their region (the region scope), roles


def _assert_queries(client, url, django_assert_num_queries, expected):
    client.get(url)  # warm caches (content types, sessions)
    cache.clear()  # a cached part of the page built, not read from the cache
    with django_assert_num_queries(expected):
        response = client.get(url)
    assert response.status_code == 200


# page -> (its url, its own queries after the common four)
LISTS = {
    # the fingerprint of the cached body; the budgets with their totals (the sums are one
    # aggregate query), their lines with projects, the budgets each line carries over (with
    # their totals), the lines carried into each budget
    "index": (lambda state: reverse("finance:index"), 5),
    # the count for the table's pages, the page of keys with their sums
    "key_list": (lambda state: reverse("finance:key_list"), 2),
    # the count, the fingerprint of the cached table and filter, the keys for the filter, the
    # page of allocations with key, budget and user
    "allocation_list": (lambda state: reverse("finance:allocation_list"), 4),
    # the projects with theme and programme, their funding sources
    "funding_matrix": (lambda state: reverse("finance:funding_matrix"), 2),
    # the measures with their municipalities
    "savings": (lambda state: reverse("finance:savings"), 1),
}

DETAILS = {
    # the budget with its totals, its lines, their carried-over budgets, the lines it is
    # carried into, the allocations of its balance, the history of its lines (with users and
    # people), the projects of the add form, whether and which budgets can be carried over
    "budget_detail": (
        lambda state: reverse("finance:budget_detail", args=[state["budget"].slug]),
        9,
    ),
    # the key with its sum, its shares with municipalities, its allocations with users
    "key_detail": (lambda state: reverse("finance:key_detail", args=[state["key"].slug]), 3),
    # the allocation with key, region, central municipality, budget and user; its shares
    "allocation_detail": (
        lambda state: reverse("finance:allocation_detail", args=[state["allocation"].pk]),
        2,
    ),
}


@pytest.mark.parametrize("page", list(LISTS))
def test_list_pages_do_not_query_per_row(client, nmt, money, django_assert_num_queries, page):
    client.force_login(nmt)
    url, own = LISTS[page]
    money(2)
    _assert_queries(client, url(money.state), django_assert_num_queries, COMMON + own)
    money(30)
    _assert_queries(client, url(money.state), django_assert_num_queries, COMMON + own)


@pytest.mark.parametrize("page", list(DETAILS))
def test_detail_pages_do_not_query_per_row(client, nmt, money, django_assert_num_queries, page):
    client.force_login(nmt)
    url, own = DETAILS[page]
    money(2)
    _assert_queries(client, url(money.state), django_assert_num_queries, COMMON + own)
    money.grow_details(30)
    _assert_queries(client, url(money.state), django_assert_num_queries, COMMON + own)
