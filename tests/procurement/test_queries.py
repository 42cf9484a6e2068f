"""The list pages of /inkoop/ keep their query count whatever the number of rows."""

from django.urls import reverse

import pytest

from governance.constants import Role
from tests.governance.factories import (
    MunicipalityFactory,
    PersonFactory,
    RegionFactory,
    UserFactory,
)
from tests.procurement.factories import (
    ContractFactory,
    FrameworkFactory,
    NormFactory,
    ProductCategoryFactory,
    ProviderFinancialYearFactory,
    SegmentFactory,
)

pytestmark = pytest.mark.django_db

SIZES = [2, 30]  # 30 rows run past the first page of 25


@pytest.fixture
def world():
    """A Netwerk MT member of a region, and a way to fill it with `size` of everything."""
    region = RegionFactory()
    user = UserFactory(role=Role.NETWORK_MT)
    PersonFactory(user=user, municipality=MunicipalityFactory(region=region))

    other = RegionFactory()

    def fill(size):
        # The same rows in another region, whose contracts are with the same providers: the
        # counts are flat in the number of regions too.
        providers = []
        for place in (region, other):
            framework = FrameworkFactory(region=place)
            later = FrameworkFactory(region=place, valid_from="2026-01-01", valid_until=None)
            merged = SegmentFactory(framework=later, code="1+5")
            category = ProductCategoryFactory()
            for number in range(size):
                segment = SegmentFactory(framework=framework)
                segment.successors.add(merged)
                category.segments.add(segment)
                if place is region:
                    contract = ContractFactory(segment=segment)
                    providers.append(contract.provider)
                    ProviderFinancialYearFactory(provider=contract.provider, year=2022)
                    ProviderFinancialYearFactory(
                        provider=contract.provider, year=2023, profitable=number % 2 == 0
                    )
                else:
                    contract = ContractFactory(segment=segment, provider=providers[number])
                ContractFactory(segment=segment, provider=contract.provider)
                NormFactory(segment=segment, product_category=category)
        return user

    return fill


# Every page starts with: 1 the session, 2 the user, 3 the user's person with its region (the
# region scope of the request); and renders the navigation with 4 the user's roles.
COMMON = 4


@pytest.mark.parametrize("size", SIZES)
def test_provider_list(client, world, django_assert_num_queries, size):
    client.force_login(world(size))
    # 5 the segments for the filter, 6 the fingerprint of the cached table (providers,
    # contracts, segments, frameworks), 7 the count for the pagination, 8 one page of providers
    # with their contract count, 9 their contracts with segment and framework (prefetch).
    with django_assert_num_queries(COMMON + 5):
        response = client.get(reverse("procurement:provider_list"))
    assert response.status_code == 200
    # The same page again: the table and the filter's form (its segments) come from the cache;
    # only the fingerprint is read (a kept table is paginated when it is rendered).
    with django_assert_num_queries(COMMON + 1):
        client.get(reverse("procurement:provider_list"))


@pytest.mark.parametrize("size", SIZES)
def test_norm_list(client, world, django_assert_num_queries, size):
    client.force_login(world(size))
    # 5 the segments and 6 the product categories for the filter, 7 the count for the
    # pagination, 8 one page of norms with segment, framework and product category.
    with django_assert_num_queries(COMMON + 4):
        response = client.get(reverse("procurement:norm_list"))
    assert response.status_code == 200


@pytest.mark.parametrize("size", SIZES)
def test_segment_list(client, world, django_assert_num_queries, size):
    client.force_login(world(size))
    # 5 the segments with framework and contract and norm counts, 6 their successors and
    # 7 their predecessors with framework, 8 their product categories (prefetches).
    with django_assert_num_queries(COMMON + 4):
        response = client.get(reverse("procurement:segment_list"))
    assert response.status_code == 200


@pytest.mark.parametrize("size", SIZES)
def test_risk_dashboard(client, world, django_assert_num_queries, size):
    client.force_login(world(size))
    # 1 session, 2 user, 3 the person with its region (the scope), 4 roles (for the permission
    # and the navigation); then 5 the years for the filter, 6 the fingerprint of the cached
    # providers' part (providers, financial years, thresholds), 7 the region's thresholds,
    # 8 the financial years with their providers, 9 the providers without figures.
    with django_assert_num_queries(9):
        response = client.get(reverse("procurement:risk_dashboard"))
    assert response.status_code == 200
    # The same page again: the providers' part comes from the cache.
    with django_assert_num_queries(6):
        client.get(reverse("procurement:risk_dashboard"))
    assert len(response.context["dashboard"].with_signals) == (size + 1) // 2


@pytest.mark.parametrize("size", SIZES)
def test_risk_page_of_a_provider(client, world, django_assert_num_queries, size):
    user = world(size)
    provider = ProviderFinancialYearFactory(year=2010).provider
    for year in range(2011, 2011 + size):
        ProviderFinancialYearFactory(provider=provider, year=year)
    client.force_login(user)
    # 1 session, 2 user, 3 the person with its region (the scope), 4 roles, 5 the provider,
    # 6 the region's thresholds, 7 its financial years, 8 the log line of this look.
    with django_assert_num_queries(8):
        response = client.get(reverse("procurement:risk_provider", args=[provider.slug]))
    assert response.status_code == 200
