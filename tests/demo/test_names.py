"""Generated names are invented: no municipality, region or organisation bears a real place name.

Compared case-insensitively: the full name and each of its words against the real names (so
'Stichting Jeugd en Gezin Roosendaal' is caught by its last word), and each distinctive word
against the words of real names (so 'Heeswijk' is caught by 'Heeswijk-Dinther').
"""

import io
from collections import Counter

from django.core.management import call_command

import pytest

from core.scope import all_regions
from demo.scale_data import names
from governance.models import Body, Municipality, Organisation, Region
from procurement.models import Provider
from tests.demo.real_places import real_names, words

REAL = real_names()
REAL_WORDS = {word for name in REAL for word in words(name)}
# Words that real names share with invented ones without making them real ('Nieuw-', 'aan de').
GENERIC = {
    "aan",
    "de",
    "den",
    "der",
    "en",
    "het",
    "in",
    "op",
    "van",
    "sint",
    "oud",
    "nieuw",
    "groot",
    "noord",
    "oost",
    "zuid",
    "west",
    "midden",
    "noordoost",
    "noordwest",
    "zuidoost",
    "zuidwest",
}


def real_parts(name: str) -> list[str]:
    """What of `name` is real: the whole name or any of its words."""
    found = [name] if name.lower() in REAL else []
    for word in words(name):
        lower = word.lower()
        if lower in REAL or (lower not in GENERIC and lower in REAL_WORDS):
            found.append(word)
    return found


def test_the_check_recognises_real_names():
    assert real_parts("Roosendaal") == ["Roosendaal", "Roosendaal"]
    assert real_parts("Stichting Jeugd en Gezin Uitdam") == ["Uitdam"]
    assert real_parts("Regio Noord-Veluwe") == ["Veluwe"]
    assert real_parts("Heeswijk") == ["Heeswijk"]
    assert real_parts("Zandhorst aan de Vecht") == ["Vecht"]
    assert real_parts("Nieuw-Eikveen aan de Wesper") == []


@pytest.mark.django_db
def test_the_names_of_42_generated_regions_are_no_real_places():
    call_command(
        "generate_scale_data",
        "--regions",
        "42",
        "--seed",
        "3",
        "--projects-per-region",
        "1",
        stdout=io.StringIO(),
        stderr=io.StringIO(),
    )
    with all_regions():
        generated = {
            "regio": list(Region.objects.values_list("name", flat=True)),
            "gemeente": list(Municipality.objects.values_list("name", flat=True)),
            "organisatie": list(Organisation.objects.values_list("name", flat=True)),
            "orgaan": list(Body.objects.values_list("name", flat=True)),
            "aanbieder": list(Provider.objects.values_list("name", flat=True)),
        }
        sizes = Counter(Municipality.objects.values_list("region_id", flat=True))
    assert len(generated["regio"]) == 42
    assert len(set(generated["gemeente"])) == len(generated["gemeente"])
    real = {
        (kind, name, tuple(parts))
        for kind, names_of_kind in generated.items()
        for name in names_of_kind
        if (parts := real_parts(name))
    }
    assert not real
    # Shaped like the country: some 340 municipalities, the largest region with 30.
    assert sum(sizes.values()) == 340
    assert max(sizes.values()) == 30
    assert min(sizes.values()) >= 3


def test_no_name_the_builders_can_compose_is_a_real_place():
    places = [
        names.place_name(stem, suffix)
        for stem in names.PLACE_STEMS
        for suffix in names.PLACE_SUFFIXES
    ]
    municipalities = [
        *places,
        *(prefix + place for prefix in names.PLACE_PREFIXES for place in places),
        *(f"{place} aan de {river}" for place in places for river in names.RIVERS),
    ]
    areas = [
        *names.AREAS,
        *(f"{direction}-{area}" for direction in names.DIRECTIONS for area in names.AREAS),
    ]
    providers = [
        form.format(stem=stem, place="")
        for form, _legal_form, _supervised in names.PROVIDER_FORMS
        for stem in names.PROVIDER_STEMS
    ]
    real = {
        name: parts for name in municipalities + areas + providers if (parts := real_parts(name))
    }
    assert not real
    # Enough distinct names for the largest run (100 regions of up to 30 municipalities).
    assert len(set(places)) >= 800
