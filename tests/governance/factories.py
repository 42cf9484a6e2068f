from django.contrib.auth.models import Group, User

import factory

from governance.constants import BodyKind, DecisionOutcome, Role
from governance.models import Body, Decision, Municipality, Person, Region


class RegionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Region
        django_get_or_create = ("slug",)

    slug = factory.Sequence(lambda n: f"regio-{n}")
    name = factory.Sequence(lambda n: f"Regio {n}")


class MunicipalityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Municipality

    region = factory.SubFactory(RegionFactory)
    name = factory.Sequence(lambda n: f"Gemeente {n}")
    cbs_code = factory.Sequence(lambda n: f"GM{9000 - n:04d}")


class BodyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Body

    region = factory.SubFactory(RegionFactory)
    slug = factory.Sequence(lambda n: f"orgaan-{n}")
    name = "Algemeen Bestuur"
    abbreviation = "AB"
    kind = BodyKind.GENERAL_BOARD


class DecisionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Decision

    body = factory.SubFactory(BodyFactory)
    slug = factory.Sequence(lambda n: f"besluit-{n}")
    date = factory.Faker("date_between", start_date="-3y", end_date="today")
    title = factory.Sequence(lambda n: f"Besluit {n}")
    outcome = DecisionOutcome.ADOPTED


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"gebruiker{n}")
    password = factory.django.Password("demo")

    @factory.post_generation
    def role(self, create, extracted, **kwargs):
        if create and extracted:
            self.groups.add(Group.objects.get_or_create(name=Role(extracted))[0])
            if extracted == Role.FUNCTIONAL_ADMIN:
                self.is_staff = True
                self.save(update_fields=["is_staff"])


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    slug = factory.Sequence(lambda n: f"persoon-{n}")
    name = factory.Faker("name", locale="nl_NL")
    is_demo = True
