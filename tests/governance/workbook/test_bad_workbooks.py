"""Every bad workbook gets a Dutch message on the row (or file) at fault, and changes nothing."""

import copy
import io
import zipfile

from django.contrib.auth.models import User

import pytest

from core.registry import registry
from governance.models import Region
from governance.workbook.services import workbook_import
from tests.governance.factories import (
    MunicipalityFactory,
    PersonFactory,
    RegionFactory,
    UserFactory,
)

from . import handwritten

pytestmark = pytest.mark.django_db

MODELS = [sheet.model for sheet in registry.workbook()]


def _everything() -> dict[str, int]:
    return {model._meta.label: model.objects.count() for model in MODELS}


def _changed(change) -> bytes:
    content = copy.deepcopy(handwritten.sheets())
    change(content)
    return handwritten.workbook_bytes(content)


def _import(raw: bytes):
    before = _everything()
    result = workbook_import(raw=raw, create_region=True, commit=True)
    assert not result.plan.ok
    assert not result.plan.applied
    assert _everything() == before, "a refused workbook changed something"
    return [" ".join(str(part) for part in line if part) for line in result.plan.problem_lines()]


def _set(sheet: str, row: int, column: str, value):
    def change(content):
        header = content[sheet][0]
        content[sheet][row][header.index(column)] = value

    return change


def test_the_handwritten_workbook_itself_is_fine():
    result = workbook_import(raw=handwritten.workbook_bytes(), create_region=True, commit=False)
    assert result.plan.ok, result.plan.problem_lines()
    assert not Region.objects.exists()  # a preview saves nothing, not even the new region


BAD = {
    "wrong sheet name": (
        lambda c: c.update({"Gemeentes": c.pop("Gemeenten")}),
        "Onbekend werkblad ‘Gemeentes’; de werkbladen heten: Regio, Gemeenten,",
    ),
    "missing column": (
        lambda c: c.update(Gemeenten=[row[:1] + row[2:] for row in c["Gemeenten"]]),
        "Gemeenten De kolom ‘Naam’ ontbreekt.",
    ),
    "unknown column": (
        lambda c: c["Gemeenten"][0].__setitem__(1, "Gemeentenaam"),
        "Onbekende kolom ‘Gemeentenaam’.",
    ),
    "unknown CBS code": (
        _set("Aandelen", 3, "Gemeente", "GM9999"),
        "Aandelen 4 Gemeente: ‘GM9999’ is geen gemeente van deze regio",
    ),
    "unknown reference": (
        _set("Lidmaatschappen", 1, "Orgaan", "db-polderstreek"),
        "Lidmaatschappen 2 Orgaan: ‘db-polderstreek’ is geen orgaan van deze regio",
    ),
    "a CBS code that is no code": (
        _set("Gemeenten", 2, "Gemeentecode (CBS)", "GM12"),
        "Gemeenten 3 Gemeentecode (CBS): Een gemeentecode is GM gevolgd door vier cijfers.",
    ),
    "a sponsor who is no person of the region": (
        _set("Projecten", 1, "Bestuurlijk opdrachtgever", "iemand-van-elders"),
        "Projecten 2 Bestuurlijk opdrachtgever: ‘iemand-van-elders’ is geen persoon van deze regio",
    ),
    "shares that do not add up": (
        _set("Aandelen", 1, "Aandeel (%)", "5"),
        "Aandelen 2 de aandelen van de sleutel ‘Inwoners 2025’ tellen op tot 92,50%",
    ),
    "a period the wrong way round": (
        _set("Lidmaatschappen", 1, "Tot en met", "31-12-2021"),
        "Lidmaatschappen 2 Tot en met (31-12-2021) ligt vóór vanaf (01-01-2022); draai ze om.",
    ),
    "a date that does not exist": (
        _set("Programma", 1, "Begint op", "31-02-2025"),
        "Programma 2 Begint op: De datum ‘31-02-2025’ bestaat niet.",
    ),
    "a choice that is none": (
        _set("Organen", 1, "Soort", "Bestuur"),
        "Organen 2 Soort: ‘Bestuur’ is geen keuze van Soort; kies uit: Algemeen bestuur,",
    ),
    "a project number twice in one programme": (
        lambda c: c["Projecten"].append(["tweede", "jeugd-2025", "1.1", "Nog een", *[""] * 17]),
        "Projecten 3 het programma Samen voor de jeugd 2025–2026 heeft al een project met "
        "nummer 1.1",
    ),
    "continues in without continuing": (
        _set("Projecten", 1, "Loopt door in", "jeugd-2025-1-1"),
        "Projecten 2 ‘Loopt door in’ hoort alleen bij de afloop ‘Loopt door’",
    ),
    "duplicate keys": (
        lambda c: c["Gemeenten"].append(["GM8101", "Aaldorp-Noord", None, None, None]),
        "Gemeenten 15 GM8101 staat al op rij 2",
    ),
    "a cell of 100,000 characters": (
        _set("Projecten", 1, "Doel", "x" * 100_000),
        "Projecten 2 Doel: te lang: 32.767 tekens, hoogstens 10.000",
    ),
    "a name too long for its field": (
        _set("Personen", 1, "Naam", "n" * 201),
        "Personen 2 Naam: te lang: 201 tekens, hoogstens 200",
    ),
    "an unknown role": (
        _set("Gebruikers", 1, "Rol", "Koning"),
        "Gebruikers 2 Rol: ‘Koning’ is geen rol; kies uit: Beleidsadviseur,",
    ),
    "a required cell left empty": (
        _set("Inspanningen", 1, "Inspanning", ""),
        "Inspanningen 2 ‘Inspanning’ is leeg",
    ),
}


def test_a_cell_of_100000_characters_in_a_csv_zip():
    content = handwritten.sheets()["Projecten"]
    content[1][content[0].index("Doel")] = "y" * 100_000
    text = "\n".join(";".join(str(cell or "") for cell in row) for row in content)
    problems = _import(_zip({"Projecten.csv": text.encode()}))
    assert any("Doel: te lang: 100.000 tekens, hoogstens 10.000" in line for line in problems)


@pytest.mark.parametrize("name", BAD)
def test_a_bad_workbook(name):
    change, message = BAD[name]
    problems = _import(_changed(change))
    assert any(message in problem for problem in problems), problems


def test_a_municipality_of_another_region():
    MunicipalityFactory(region=RegionFactory(slug="elders"), cbs_code="GM8105", name="Eemstede")
    problems = _import(handwritten.workbook_bytes())
    assert "Gemeenten 6 GM8105 bestaat al in een andere regio." in problems


def test_a_user_of_another_region_is_not_touched():
    elsewhere = RegionFactory(slug="elders")
    user = UserFactory(username="c.adviseur", email="c@elders.example", region=elsewhere)
    problems = _import(handwritten.workbook_bytes())
    assert any(
        "Gebruikers 2 de gebruiker ‘c.adviseur’ bestaat al en hoort niet bij deze regio" in line
        for line in problems
    ), problems
    user.refresh_from_db()
    assert user.email == "c@elders.example"


def test_a_user_without_a_region_is_not_taken_over():
    User.objects.create_user("b.manager", password="x")
    problems = _import(handwritten.workbook_bytes())
    assert any("‘b.manager’ bestaat al en hoort niet bij deze regio" in line for line in problems)


def test_a_person_linked_to_another_account():
    region = RegionFactory(slug=handwritten.REGION_SLUG, name=handwritten.REGION_NAME)
    other = UserFactory(username="andere")
    PersonFactory(region=region, slug="adviseur-craneveen", user=other)
    problems = _import(handwritten.workbook_bytes())
    assert any("is al gekoppeld aan de gebruiker ‘andere’" in line for line in problems), problems


def test_a_workbook_makes_staff_only_of_functional_administrators():
    """There is no column for it: `is_staff` follows the role, as on the users page."""
    region = RegionFactory(slug=handwritten.REGION_SLUG, name=handwritten.REGION_NAME)
    result = workbook_import(raw=handwritten.workbook_bytes(), commit=True, create_region=True)
    assert result.plan.applied
    assert not User.objects.filter(is_staff=True).exists()
    assert region.people.count() == 4


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        (bytes(range(256)) * 100, "geen Excel-werkmap (.xlsx) en geen ZIP-bestand"),
        (b"Gemeentecode;Naam\nGM8101;Aaldorp\n", "geen Excel-werkmap (.xlsx) en geen ZIP-bestand"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, "oud Excel-bestand (.xls)"),
        (b"PK\x03\x04" + b"\0" * 60_000_000, "Het bestand is groter dan 10 MB"),
        (b"PK\x03\x04" + b"kapot" * 100, "geen Excel-werkmap (.xlsx) en geen ZIP-bestand"),
        (b"", "Het bestand is leeg."),
    ],
    ids=["binary", "one csv", "xls", "60 MB", "broken zip", "empty"],
)
def test_a_file_that_is_no_workbook(raw, message):
    problems = _import(raw)
    assert any(message in line for line in problems), problems


def _zip(members: dict[str, bytes], *, compression=zipfile.ZIP_DEFLATED) -> bytes:
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w", compression=compression) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return output.getvalue()


def test_a_zip_bomb_is_refused_before_it_is_unpacked():
    bomb = _zip({"Gemeenten.csv": b"0" * 60_000_000})
    assert len(bomb) < 1_000_000
    problems = _import(bomb)
    assert any("uitgepakt groter dan 50 MB" in line for line in problems), problems


def test_a_zip_with_something_else_than_csv():
    problems = _import(_zip({"Gemeenten.csv": b"Naam\n", "virus.exe": b"MZ"}))
    assert any("‘virus.exe’ in het ZIP-bestand is geen CSV-bestand" in line for line in problems)


def test_a_binary_member_of_a_csv_zip():
    problems = _import(_zip({"Gemeenten.csv": b"\x00\x01\x02" * 100}))
    assert any(
        "Werkblad ‘Gemeenten’: Het bestand is geen CSV-tekstbestand" in line for line in problems
    ), problems


def test_a_workbook_without_a_region_sheet_names_no_region():
    content = handwritten.sheets()
    del content["Regio"]
    problems = _import(handwritten.workbook_bytes(content))
    assert any("Het werkblad Regio ontbreekt of is leeg" in line for line in problems)
