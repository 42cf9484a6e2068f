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

    def fill(size):
        framework = FrameworkFactory(region=region)
        later = FrameworkFactory(region=region, valid_from="2026-01-01", valid_until=None)
        merged = SegmentFactory(framework=later, code="1+5")
        category = ProductCategoryFactory()
        for number in range(size):
            segment = SegmentFactory(framework=framework)
            segment.successors.add(merged)
            category.segments.add(segment)
            contract = ContractFactory(segment=segment)
            ContractFactory(segment=segment, provider=contract.provider)
            NormFactory(segment=segment, product_category=category)
            ProviderFinancialYearFactory(provider=contract.provider, year=2022)
            ProviderFinancialYearFactory(
                provider=contract.provider, year=2023, profitable=number % 2 == 0
            )
        return user

    return fill


# Every page starts with: 1 the session, 2 the user, 3 the user's person, 4 that person's
# municipality and 5 its region (region_of); and renders the navigation with 6 the user's roles.
COMMON = 6


@pytest.mark.parametrize("size", SIZES)
def test_provider_list(client, world, django_assert_num_queries, size):
    client.force_login(world(size))
    # 7 the segments for the filter, 8 the count for the pagination, 9 one page of providers
    # with their contract count, 10 their contracts with segment and framework (prefetch).
    with django_assert_num_queries(COMMON + 4):
        response = client.get(reverse("procurement:provider_list"))
    assert response.status_code == 200


@pytest.mark.parametrize("size", SIZES)
def test_norm_list(client, world, django_assert_num_queries, size):
    client.force_login(world(size))
    # 7 the segments and 8 the product categories for the filter, 9 the count for the
    # pagination, 10 one page of norms with segment, framework and product category.
    with django_assert_num_queries(COMMON + 4):
        response = client.get(reverse("procurement:norm_list"))
    assert response.status_code == 200


@pytest.mark.parametrize("size", SIZES)
def test_segment_list(client, world, django_assert_num_queries, size):
    client.force_login(world(size))
    # 7 the segments with framework and contract and norm counts, 8 their successors and
    # 9 their predecessors with framework, 10 their product categories (prefetches).
    with django_assert_num_queries(COMMON + 4):
        response = client.get(reverse("procurement:segment_list"))
    assert response.status_code == 200


@pytest.mark.parametrize("size", SIZES)
def test_risk_dashboard(client, world, django_assert_num_queries, size):
    client.force_login(world(size))
    # The dashboard does not need the region: 1 session, 2 user, 3 roles (for the permission
    # and the navigation), 4 the person (navigation); then 5 the years for the filter, 6 the
    # thresholds, 7 the financial years with their providers, 8 the providers without figures.
    with django_assert_num_queries(7):
        response = client.get(reverse("procurement:risk_dashboard"))
    assert response.status_code == 200
    assert len(response.context["dashboard"].with_signals) == (size + 1) // 2


@pytest.mark.parametrize("size", SIZES)
def test_risk_page_of_a_provider(client, world, django_assert_num_queries, size):
    user = world(size)
    provider = ProviderFinancialYearFactory(year=2010).provider
    for year in range(2011, 2011 + size):
        ProviderFinancialYearFactory(provider=provider, year=year)
    client.force_login(user)
    # 1 session, 2 user, 3 roles, 4 the provider, 5 the thresholds, 6 its financial years,
    # 7 the log line of this look, 8 the person (navigation).
    with django_assert_num_queries(7):
        response = client.get(reverse("procurement:risk_provider", args=[provider.slug]))
    assert response.status_code == 200
