from decimal import Decimal

import factory

from finance.constants import BudgetKind, FundingKind, LineDirection
from finance.models import (
    Allocation,
    AllocationShare,
    Budget,
    BudgetLine,
    DistributionKey,
    DistributionShare,
    FundingSource,
    SavingsMeasure,
)
from governance.constants import BodyKind
from tests.governance.factories import (
    BodyFactory,
    MunicipalityFactory,
    default_region,
)
from tests.programme.factories import ProjectFactory


class NetworkBodyFactory(BodyFactory):
    name = "Netwerk MT Jeugd"
    abbreviation = "NMT"
    kind = BodyKind.MANAGEMENT_NETWORK


class BudgetFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Budget

    owner = factory.SubFactory(NetworkBodyFactory)
    slug = factory.Sequence(lambda n: f"begroting-{n}")
    year = factory.Sequence(lambda n: 2000 + n % 100)
    kind = BudgetKind.BUDGET
    title = factory.LazyAttribute(lambda budget: f"Begroting {budget.year}")

    class Params:
        realisation = factory.Trait(
            kind=BudgetKind.REALISATION,
            title=factory.LazyAttribute(lambda budget: f"Realisatie {budget.year}"),
        )
        provisional = factory.Trait(
            kind=BudgetKind.PROVISIONAL_BUDGET,
            title=factory.LazyAttribute(lambda budget: f"Voorlopige begroting {budget.year}"),
        )


class BudgetLineFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BudgetLine
        skip_postgeneration_save = True

    budget = factory.SubFactory(BudgetFactory)
    order = factory.Sequence(lambda n: n + 1)
    direction = LineDirection.COST
    label = factory.Sequence(lambda n: f"Regel {n}")
    amount = Decimal("1000.00")
    is_pro_memorie = False

    class Params:
        income = factory.Trait(direction=LineDirection.INCOME)
        pro_memorie = factory.Trait(is_pro_memorie=True, amount=None)
        with_project = factory.Trait(
            project=factory.SubFactory(
                ProjectFactory,
                theme__programme__region=factory.SelfAttribute("....budget.owner.region"),
            )
        )

    @factory.post_generation
    def carried_over_from(self, create, extracted, **kwargs):
        if create and extracted:
            self.carried_over_from.set(extracted)


class DistributionKeyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DistributionKey

    region = factory.LazyFunction(default_region)
    slug = factory.Sequence(lambda n: f"sleutel-{n}")
    name = factory.Sequence(lambda n: f"Sleutel {n}")
    source = "Meicirculaire gemeentefonds"


class DistributionShareFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DistributionShare

    key = factory.SubFactory(DistributionKeyFactory)
    municipality = factory.SubFactory(
        MunicipalityFactory, region=factory.SelfAttribute("..key.region")
    )
    percentage = Decimal("50.00")


def key_with_shares(percentages, *, region=None, **kwargs) -> DistributionKey:
    """A key with one new municipality per percentage ('Gemeente A', 'Gemeente B', …)."""
    key = DistributionKeyFactory(**({"region": region} if region else {}), **kwargs)
    for index, percentage in enumerate(percentages):
        DistributionShareFactory(
            key=key,
            municipality=MunicipalityFactory(
                region=key.region, name=f"Gemeente {chr(65 + index % 26)}{index // 26 or ''}"
            ),
            percentage=Decimal(percentage),
        )
    return key


class AllocationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Allocation

    key = factory.SubFactory(DistributionKeyFactory)
    label = factory.Sequence(lambda n: f"Verdeling {n}")
    amount = Decimal("100.00")
    key_sum = Decimal("100.00")


class AllocationShareFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AllocationShare

    allocation = factory.SubFactory(AllocationFactory)
    municipality = factory.SubFactory(
        MunicipalityFactory, region=factory.SelfAttribute("..allocation.key.region")
    )
    percentage = Decimal("50.00")
    amount = Decimal("50.00")


class FundingSourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FundingSource

    project = factory.SubFactory(ProjectFactory)
    kind = FundingKind.NETWORK_BUDGET
    note = ""


class SavingsMeasureFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SavingsMeasure

    municipality = factory.SubFactory(MunicipalityFactory)
    name = factory.Sequence(lambda n: f"Maatregel {n}")
    year = 2025
    amount = Decimal("100000.00")

    class Params:
        structural = factory.Trait(year=None)
