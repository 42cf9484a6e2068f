import datetime

import factory

from governance.letters.constants import LetterKind, LetterStatus
from governance.models import (
    Letter,
    LetterBlock,
    LetterPdf,
    LetterQuestion,
    LetterSection,
    LetterTemplate,
)
from tests.governance.factories import MunicipalityFactory

QUESTIONS_2021 = (
    "Wat is de aanleiding om deze informatie kenbaar te maken?",
    "Wat is de te delen informatie?",
    "Hoe verder na deze raadsinformatiebrief?",
    "Welke kosten zijn verbonden aan het proces?",
    "Wat zijn de belangrijkste gerelateerde besluiten?",
)
QUESTIONS_2024 = ("Hoe zijn de bevoegdheden rond dit onderwerp verdeeld?", *QUESTIONS_2021)


class LetterTemplateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LetterTemplate
        django_get_or_create = ("slug",)
        skip_postgeneration_save = True

    slug = factory.Sequence(lambda n: f"sjabloon-{n}")
    name = "Raadsinformatiebrief"
    version = factory.Sequence(lambda n: n + 1)
    valid_from = datetime.date(2021, 1, 1)

    @factory.post_generation
    def questions(self, create, extracted, required=False, **kwargs):
        """The questions (QUESTIONS_2021 unless given); `questions__required=True` makes every
        question but the decisions' required, as the fixtures' templates do. By default none is,
        so that tests of other rules can approve and issue letters with empty sections."""
        if not create or self.questions.exists():
            return
        for order, text in enumerate(extracted or QUESTIONS_2021, start=1):
            lists_decisions = text.startswith("Wat zijn de belangrijkste gerelateerde besluiten")
            LetterQuestion.objects.create(
                template=self,
                order=order,
                text=text,
                lists_decisions=lists_decisions,
                is_required=required and not lists_decisions,
            )


class LetterFactory(factory.django.DjangoModelFactory):
    """A concept letter with a section per question (as `letter_create` makes it).

    Traits: `approved`, `issued` (status only; no PDF — use the service to issue), `regional`.
    """

    class Meta:
        model = Letter
        skip_postgeneration_save = True

    municipality = factory.SubFactory(MunicipalityFactory)
    region = factory.SelfAttribute("municipality.region")
    template = factory.SubFactory(LetterTemplateFactory)
    kind = LetterKind.MUNICIPAL
    status = LetterStatus.DRAFT
    date = datetime.date(2021, 4, 20)
    subject = factory.Sequence(lambda n: f"Brief {n}")
    case_number = "InProces BBV: 2021-0053769"
    author = "Noor Memostra"
    email = "griffie@example.org"
    is_public = True

    class Params:
        approved = factory.Trait(status=LetterStatus.APPROVED)
        issued = factory.Trait(
            status=LetterStatus.ISSUED,
            issued_at=factory.LazyFunction(
                lambda: datetime.datetime(2021, 4, 20, 10, tzinfo=datetime.UTC)
            ),
        )

    @factory.post_generation
    def sections(self, create, extracted, **kwargs):
        if not create:
            return
        for question in self.template.questions.order_by("order"):
            LetterSection.objects.get_or_create(letter=self, question=question)

    @factory.post_generation
    def addressees(self, create, extracted, **kwargs):
        if create and extracted:
            self.addressees.set(extracted)


def regional_letter(*, municipalities, **kwargs) -> Letter:
    return LetterFactory(
        kind=LetterKind.REGIONAL,
        municipality=None,
        region=municipalities[0].region,
        addressees=municipalities,
        **kwargs,
    )


def section_of(letter: Letter, order: int) -> LetterSection:
    return letter.sections.get(question__order=order)


def one_of_each_letter_model(*, municipality, decision) -> dict:
    """One row of every letter model, e.g. for the admin's 'every page opens' tests."""
    from django.core.files.base import ContentFile

    template = LetterTemplateFactory(slug="rib-admin")
    letter = LetterFactory(template=template, municipality=municipality, subject="Jeugdhulp")
    letter.related_decisions.add(decision)
    section = section_of(letter, 1)
    block = LetterBlock.objects.create(
        section=section, order=1, block_type="table", params={"title": "T", "table": "a;b\n1;2"}
    )
    document = LetterPdf(letter=letter, municipality=municipality, sha256="0" * 64, size=4)
    document.file.save("brief.pdf", ContentFile(b"%PDF"), save=False)
    document.save()
    from governance.models import LetterProfile

    profile = LetterProfile.objects.create(
        municipality=municipality, printed_fields=["pillar"], pillar="Sociaal"
    )
    return {
        "template": template,
        "letter": letter,
        "block": block,
        "pdf": document,
        "profile": profile,
    }


# --- People and a fake block type, for tests of the letter mechanism ------------------------


def user_with_role(role, *, municipality=None, region=None):
    """A user with `role` and a person: of `municipality`, else in `region` (else the default)."""
    from tests.governance.factories import PersonFactory, UserFactory

    user = UserFactory(role=role, password=None)  # tests log in with force_login
    in_region = {"region": region} if region is not None else {}
    PersonFactory(user=user, municipality=municipality, **in_region)
    return user


FAKE_DATA = {"amount": 100}


def _fake_form_class():
    from django import forms

    class FakeForm(forms.Form):
        share = forms.IntegerField(
            label="Aandeel",
            min_value=1,
            max_value=100,
            error_messages={
                "required": "Vul een aandeel in.",
                "invalid": "Vul een geheel getal in.",
                "max_value": "Een aandeel is hoogstens 100.",
                "min_value": "Een aandeel is minstens 1.",
            },
        )

    return FakeForm


def fake_build(region, params, municipality):
    """Every addressed municipality with an amount; the addressed one's own row flagged."""
    from governance.models import Municipality

    rows = [
        {
            "cells": [other.name, FAKE_DATA["amount"] * params["share"]],
            "highlight": other.pk == municipality.pk,
        }
        for other in Municipality.objects.filter(region=municipality.region).order_by("name")
    ]
    return {"title": "Verdeling nep", "columns": ["Gemeente", "Bedrag"], "rows": rows}


def fake_block_type():
    from core.registry import LetterBlockType

    return LetterBlockType(
        key="fake",
        label="Nepblok",
        form_class=_fake_form_class(),
        build=fake_build,
        template="governance/letters/blocks/table.html",
    )


def register_fake_block(monkeypatch):
    from core.registry import registry

    monkeypatch.setitem(registry.letter_blocks, "fake", fake_block_type())
    monkeypatch.setitem(FAKE_DATA, "amount", 100)
