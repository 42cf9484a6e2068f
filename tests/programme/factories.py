import factory

from programme.models import Effort, Programme, Project, Theme
from tests.governance.factories import default_region


class ProgrammeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Programme

    region = factory.LazyFunction(default_region)
    slug = factory.Sequence(lambda n: f"programma-{n}")
    name = factory.Sequence(lambda n: f"Programma {n}")


class ThemeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Theme

    programme = factory.SubFactory(ProgrammeFactory)
    slug = factory.Sequence(lambda n: f"lijn-{n}")
    code = factory.Sequence(lambda n: f"2.{n}")
    name = factory.Sequence(lambda n: f"Programmalijn {n}")


class ProjectFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Project

    theme = factory.SubFactory(ThemeFactory)
    programme = factory.SelfAttribute("theme.programme")
    slug = factory.Sequence(lambda n: f"project-{n}")
    code = factory.Sequence(lambda n: f"2.1.{n}")
    name = factory.Sequence(lambda n: f"Project {n}")


class EffortFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Effort

    project = factory.SubFactory(ProjectFactory)
    order = factory.Sequence(lambda n: n + 1)
    text = factory.Sequence(lambda n: f"Inspanning {n}")
    time_target = "Q2 2022"
