"""The free table, the programme's progress block and whatever other blocks are
registered (finance's allocation block when it is there)."""

from decimal import Decimal

from django.core.exceptions import ValidationError

import pytest

from core.registry import registry
from governance.letters.blocks import (
    BlockError,
    block_csv,
    block_rows,
    build_block,
    parse_table,
)
from governance.models import Region
from programme.constants import EffortStatus, ProjectStatus
from tests.governance.factories import MunicipalityFactory, RegionFactory, default_region
from tests.programme.factories import EffortFactory, ProjectFactory, ThemeFactory

# --- The free table -------------------------------------------------------------------------


def test_a_table_pasted_from_a_spreadsheet_uses_tabs():
    columns, rows = parse_table("Maatregel\t2025\tvanaf 2026\nTaskforce\t611.000\t1.387.000\n")
    assert columns == ["Maatregel", "2025", "vanaf 2026"]
    assert rows == [["Taskforce", "611.000", "1.387.000"]]


def test_a_typed_table_uses_semicolons_or_bars_and_pads_short_rows():
    assert parse_table("a;b;c\n1;2") == (["a", "b", "c"], [["1", "2", ""]])
    assert parse_table("| a | b |\n|---|---|\n| 1 | 2 |") == (["a", "b"], [["1", "2"]])


def test_commas_are_not_separators_because_dutch_amounts_use_them():
    assert parse_table("Percentage\n12,5%") == (["Percentage"], [["12,5%"]])


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "De tabel is leeg."),
        ("alleen een kop", "Een tabel heeft een kopregel en minstens één rij."),
        ("a;b\n1;2;3", "Rij 2 heeft 3 kolommen, de kopregel 2."),
        ("a;b\n\n1;2;3", "Rij 3 heeft 3 kolommen, de kopregel 2."),
        (";".join("abcdefghijklm") + "\n1", "Een tabel heeft hoogstens 12 kolommen (nu 13)."),
        ("a\n" + "1\n" * 201, "Een tabel heeft hoogstens 200 rijen (nu 201)."),
    ],
)
def test_a_bad_table_gets_a_dutch_message(text, message):
    with pytest.raises(ValidationError) as error:
        parse_table(text)
    assert error.value.messages == [message]


@pytest.mark.django_db
def test_the_free_table_block_builds_with_numbers_right_aligned():
    data = build_block(
        "table",
        {"title": "Besparingen", "table": "Maatregel;2025\nTaskforce;611.000\nFraude;187.000"},
        None,
        region=default_region(),
    )
    assert data["title"] == "Besparingen"
    assert data["numeric_columns"] == [1]
    assert block_csv(data).decode("utf-8-sig").splitlines() == [
        "Maatregel;2025",
        "Taskforce;611.000",
        "Fraude;187.000",
    ]


def test_rows_in_every_documented_shape():
    data = {
        "columns": ["Gemeente", "Bedrag"],
        "rows": [
            ["A", "1"],
            {"cells": ["B", "2"], "highlight": True},
            {"Gemeente": "C", "Bedrag": "3"},
        ],
    }
    rows = block_rows(data)
    assert [row.cells for row in rows] == [["A", "1"], ["B", "2"], ["C", "3"]]
    assert [row.highlight for row in rows] == [False, True, False]
    indexed = block_rows({"columns": ["x"], "rows": [["a"], ["b"]], "highlight": 1})
    assert [row.highlight for row in indexed] == [False, True]


def test_csv_prefers_plain_values_over_formatted_rows():
    data = {
        "columns": ["Gemeente", "Bedrag"],
        "rows": [["Dordrecht", "€ 70.426,92"]],
        "values": [["Dordrecht", "70426.92"]],
    }
    assert block_csv(data).decode("utf-8-sig").splitlines()[1] == "Dordrecht;70426,92"


def test_the_csv_of_a_block_neutralises_formulas_and_keeps_negative_numbers():
    data = {
        "columns": ["Maatregel", "Bedrag"],
        "rows": [["=1+1", "−6.600"]],
        "values": [["=HYPERLINK(A1)", "-6600.00"], ["@SUM(A1)", "12"]],
    }
    assert block_csv(data).decode("utf-8-sig").splitlines()[1:] == [
        "'=HYPERLINK(A1);-6600,00",
        "'@SUM(A1);12",
    ]
    del data["values"]
    assert block_csv(data).decode("utf-8-sig").splitlines()[1] == "'=1+1;−6.600"


def test_an_unknown_block_type_cannot_be_built():
    with pytest.raises(BlockError, match="Onbekend soort blok"):
        build_block("bestaat-niet", {}, None, region=Region(name="Ergens"))


# --- The programme's progress block ---------------------------------------------------------


@pytest.mark.django_db
def test_the_progress_block_counts_efforts_per_status_per_project():
    theme = ThemeFactory(code="2.2", name="Meer lokaal")
    first = ProjectFactory(
        theme=theme, code="2.2.1", name="Lokale toegang", overall_status=ProjectStatus.ON_TRACK
    )
    ProjectFactory(
        theme=theme, code="2.2.2", name="Wijkteams", overall_status=ProjectStatus.DELAYED
    )
    for status in (EffortStatus.ACHIEVED, EffortStatus.ACHIEVED, EffortStatus.NOT_ACHIEVED):
        EffortFactory(project=first, status=status)
    data = build_block(
        "programme_progress",
        {"theme": str(theme.pk), "detail": "projects"},
        None,
        region=theme.programme.region,
    )
    assert data["title"] == "Voortgang programmalijn 2.2 Meer lokaal"
    assert [row.cells for row in block_rows(data)] == [
        ["2.2.1 Lokale toegang", "Op schema", 2, 0, 1, 0, 3],
        ["2.2.2 Wijkteams", "Vertraagd", 0, 0, 0, 0, 0],
    ]
    assert [row.status for row in block_rows(data)] == ["on_track", "delayed"]
    assert data["note"].startswith("Stand van ")


@pytest.mark.django_db
def test_the_progress_block_per_effort():
    effort = EffortFactory(
        text="Prototype monitor", time_target="Q2 2022", status=EffortStatus.IN_PROGRESS
    )
    data = build_block(
        "programme_progress",
        {"theme": str(effort.project.theme.pk), "detail": "efforts"},
        None,
        region=effort.project.programme.region,
    )
    assert block_rows(data)[0].cells == [
        str(effort.project),
        "Prototype monitor",
        "Q2 2022",
        "In behandeling",
    ]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("params", "message"),
    [({"theme": "999999", "detail": "projects"}, "Kies een bestaande programmalijn."),
     ({"detail": "projects"}, "Kies een programmalijn.")],
)  # fmt: skip
def test_a_bad_progress_block_parameter_is_refused(params, message):
    with pytest.raises(BlockError, match=message):
        build_block("programme_progress", params, None, region=default_region())


@pytest.mark.django_db
def test_the_progress_block_refuses_another_regions_theme():
    """The block is built in the letter's region: another region's theme does not exist there."""
    theme = ThemeFactory()
    with pytest.raises(BlockError, match="Kies een bestaande programmalijn."):
        build_block(
            "programme_progress",
            {"theme": str(theme.pk), "detail": "projects"},
            None,
            region=RegionFactory(),
        )


# --- Finance's allocation block, when registered --------------------------------------------


@pytest.mark.django_db
@pytest.mark.skipif(
    "allocation" not in registry.letter_blocks, reason="finance registreert geen blok"
)
def test_the_allocation_block_highlights_the_own_municipality_and_exports_plain_values():
    from finance.models import DistributionKey, DistributionShare

    region = RegionFactory()
    dordrecht = MunicipalityFactory(region=region, name="Dordrecht")
    gorinchem = MunicipalityFactory(region=region, name="Gorinchem")
    key = DistributionKey.objects.create(
        region=region, slug="inwoners", name="Inwoners", source="CBS"
    )
    DistributionShare.objects.create(key=key, municipality=dordrecht, percentage=Decimal("60"))
    DistributionShare.objects.create(key=key, municipality=gorinchem, percentage=Decimal("40"))
    form = registry.letter_blocks["allocation"].form_class(data={"key": key.pk, "amount": "1000"})
    assert form.is_valid(), form.errors
    data = build_block(
        "allocation", {"key": str(key.pk), "amount": "1000"}, gorinchem, region=region
    )
    rows = block_rows(data)
    assert [row.highlight for row in rows] == [False, True]
    csv_lines = block_csv(data).decode("utf-8-sig").splitlines()
    assert csv_lines[1:] == ["Dordrecht;60,00;600,00", "Gorinchem;40,00;400,00"]
