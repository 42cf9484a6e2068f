"""Editing a letter never fails on its history: a change reason longer than its column (100
characters) is shortened, not refused. PostgreSQL refuses a value that does not fit, SQLite
stores it; the assertions on the length hold on both."""

import datetime

import pytest

from governance.constants import Role
from governance.letters import services
from governance.models import Letter
from tests.governance.factories import DecisionFactory, MunicipalityFactory, RegionFactory
from tests.governance.letter_factories import LetterFactory, regional_letter, user_with_role

pytestmark = pytest.mark.django_db

REASON_MAX = Letter.history.model._meta.get_field("history_change_reason").max_length


def _update(letter, user, **kwargs):
    return services.letter_update(
        letter=letter,
        user=user,
        edit_version=Letter.objects.get(pk=letter.pk).edit_version,
        header={},
        section_texts={},
        **kwargs,
    )


def test_relating_two_decisions_without_ris_number_saves_with_a_shortened_reason():
    region = RegionFactory()
    dordrecht = MunicipalityFactory(region=region)
    griffie = user_with_role(Role.GRIFFIE, municipality=dordrecht)
    letter = LetterFactory(municipality=dordrecht, created_by=griffie)
    decisions = [
        DecisionFactory(
            body__region=region,
            reference="",
            title=f"Besluit over de regionale inkoop van specialistische jeugdhulp, deel {n}",
            date=datetime.date(2020, 12, 10),
        )
        for n in (1, 2)
    ]

    _update(letter, griffie, decisions=decisions)

    record = letter.history.latest()
    assert len(record.history_change_reason) == REASON_MAX
    assert record.history_change_reason.startswith("Gerelateerde besluiten: Besluit over")
    assert record.history_change_reason.endswith("…")
    assert set(letter.related_decisions.all()) == set(decisions)


def test_changing_a_regional_letters_addressees_saves_with_a_shortened_reason():
    region = RegionFactory()
    municipalities = [
        MunicipalityFactory(region=region, name=f"Gemeente met een lange naam {n}")
        for n in range(10)
    ]
    admin = user_with_role(Role.FUNCTIONAL_ADMIN, region=region)
    letter = regional_letter(municipalities=municipalities[:2])

    _update(letter, admin, addressees=municipalities)

    record = letter.history.latest()
    assert len(record.history_change_reason) <= REASON_MAX
    assert record.history_change_reason.startswith("Geadresseerden: Gemeente met")
    assert letter.addressees.count() == 10
