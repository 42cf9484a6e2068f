"""Factories for the registers of /bestuur/ (organisations, memberships, council views)."""

import datetime

import factory

from governance.constants import CouncilViewStatus, MembershipRole, OrganisationKind
from governance.models import CouncilView, Membership, Organisation
from tests.governance.factories import (
    BodyFactory,
    DecisionFactory,
    MunicipalityFactory,
    PersonFactory,
    default_region,
)


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    region = factory.LazyFunction(default_region)
    slug = factory.Sequence(lambda n: f"organisatie-{n}")
    name = factory.Sequence(lambda n: f"Organisatie {n}")
    kind = OrganisationKind.FOUNDATION


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    person = factory.SubFactory(PersonFactory)
    body = factory.SubFactory(BodyFactory)
    role = MembershipRole.MEMBER
    valid_from = datetime.date(2022, 1, 1)


class CouncilViewFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CouncilView

    municipality = factory.SubFactory(MunicipalityFactory)
    decision = factory.SubFactory(DecisionFactory, outcome="proposed")
    status = CouncilViewStatus.AWAITED
    deadline = datetime.date(2030, 1, 1)

    class Params:
        received = factory.Trait(
            status=CouncilViewStatus.RECEIVED,
            date=datetime.date(2024, 3, 1),
            reference=factory.Sequence(lambda n: f"RIS {2600000 + n}"),
            summary="De raad vraagt om een sluitende meerjarenraming.",
        )
        overdue = factory.Trait(
            status=CouncilViewStatus.AWAITED, deadline=datetime.date(2020, 1, 1)
        )
