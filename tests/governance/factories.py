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


def default_region() -> Region:
    """The region a factory puts a row in when the test does not say: one for the whole test.

    Rows of one test meet each other only within a region (the scope), so the default is shared;
    a test about several regions passes its own (`RegionFactory()` makes a new one each time).
    """
    return RegionFactory(slug="testregio", name="Testregio")


class MunicipalityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Municipality

    region = factory.LazyFunction(default_region)
    name = factory.Sequence(lambda n: f"Gemeente {n}")
    cbs_code = factory.Sequence(lambda n: f"GM{9000 - n:04d}")


class BodyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Body

    region = factory.LazyFunction(default_region)
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

    @factory.post_generation
    def region(self, create, extracted, **kwargs):
        """`UserFactory(region=r)` links the user to a new person of region `r` (or a slug)."""
        if create and extracted:
            region = (
                extracted if isinstance(extracted, Region) else Region.objects.get(slug=extracted)
            )
            PersonFactory(region=region, user=self)


def _region_of_person(person) -> Region:
    place = getattr(person, "municipality", None) or getattr(person, "organisation", None)
    return place.region if place is not None else default_region()


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    region = factory.LazyAttribute(_region_of_person)
    slug = factory.Sequence(lambda n: f"persoon-{n}")
    name = factory.Faker("name", locale="nl_NL")
    is_demo = True
