"""Factories for procurement: frameworks, segments, providers, contracts, norms, financials."""

import datetime
from decimal import Decimal

import factory

from procurement.constants import LegalForm
from procurement.models import (
    Contract,
    Framework,
    Norm,
    ProductCategory,
    Provider,
    ProviderFinancialYear,
    Segment,
)
from tests.governance.factories import default_region


class FrameworkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Framework

    region = factory.LazyFunction(default_region)
    slug = factory.Sequence(lambda n: f"kader-{n}")
    name = factory.Sequence(lambda n: f"Inkoopkader {n}")
    valid_from = datetime.date(2022, 1, 1)
    valid_until = datetime.date(2025, 12, 31)


class SegmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Segment

    framework = factory.SubFactory(FrameworkFactory)
    code = factory.Sequence(lambda n: str(n + 1))
    order = factory.Sequence(lambda n: n + 1)
    name = factory.Sequence(lambda n: f"Segment {n}")


class ProductCategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProductCategory
        django_get_or_create = ("code",)

    code = "45"
    name = "Jeugdhulp ambulant"


class ProviderFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Provider

    slug = factory.Sequence(lambda n: f"aanbieder-{n}")
    name = factory.Sequence(lambda n: f"Aanbieder {n}")
    legal_form = LegalForm.FOUNDATION
    has_supervisory_board = True
    is_demo = True


class ContractFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Contract

    provider = factory.SubFactory(ProviderFactory)
    segment = factory.SubFactory(SegmentFactory)
    valid_from = datetime.date(2022, 1, 1)
    valid_until = datetime.date(2025, 12, 31)


class NormFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Norm

    segment = factory.SubFactory(SegmentFactory)
    description = factory.Sequence(lambda n: f"Norm {n}: hoogstens 12 maanden")
    max_duration_months = 12


class ProviderFinancialYearFactory(factory.django.DjangoModelFactory):
    """A healthy year by default: margin 3%, no dividend, € 90.000 revenue and € 68.000
    personnel costs per FTE, personnel costs 78% of total costs."""

    class Meta:
        model = ProviderFinancialYear

    provider = factory.SubFactory(ProviderFactory)
    year = 2023
    revenue = Decimal("9000000.00")
    operating_result = Decimal("270000.00")
    dividend_paid = Decimal("0.00")
    fte = Decimal("100.00")
    personnel_costs = Decimal("6800000.00")
    total_costs = Decimal("8730000.00")
    source = "Test"

    class Params:
        # Margin 20%, dividend paid: crosses the profit-margin and dividend thresholds.
        profitable = factory.Trait(
            operating_result=Decimal("1800000.00"),
            total_costs=Decimal("7200000.00"),
            dividend_paid=Decimal("250000.00"),
        )
