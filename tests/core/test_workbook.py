"""The workbook reader and writer of core: several tables in one file, read back as written."""

import datetime
import io
import zipfile
from decimal import Decimal

import pytest

from core.exports import write_csv_zip, write_workbook
from core.tabular import TabularError, read_workbook

TABLES = [
    ("Gemeenten", ["Code", "Naam", "Vanaf"], [["GM0505", "Dordrecht", datetime.date(2019, 1, 1)]]),
    ("Aandelen", ["Code", "Aandeel"], [["GM0505", Decimal("32.55")]]),
    ("Teksten", ["Tekst"], [["=1+1"], ["- een opsomming\n- tweede regel"], ["@iemand"]]),
    ("Leeg", ["Kolom"], []),
]


def _cells(tables):
    return {title: [list(row.cells) for row in table.rows] for title, table in tables.items()}


@pytest.mark.parametrize("write", [write_workbook, write_csv_zip], ids=["xlsx", "csv-zip"])
def test_several_tables_read_back_as_written(write):
    tables = read_workbook(write(TABLES), max_bytes=1_000_000)
    assert list(tables) == ["Gemeenten", "Aandelen", "Teksten", "Leeg"]
    assert tables["Gemeenten"].header == ("Code", "Naam", "Vanaf")
    assert _cells(tables) == {
        "Gemeenten": [["GM0505", "Dordrecht", "01-01-2019"]],
        "Aandelen": [["GM0505", "32,55"]],
        # Formula-like text is written as text, and reads back without the neutralising quote.
        "Teksten": [["=1+1"], ["- een opsomming\n- tweede regel"], ["@iemand"]],
        "Leeg": [],
    }


def test_a_workbook_is_refused_by_size_before_reading():
    with pytest.raises(TabularError, match="groter dan 1 kB"):
        read_workbook(write_workbook(TABLES), max_bytes=1_000)


def test_a_zip_bomb_is_refused_unread():
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("Gemeenten.csv", b"0" * 60_000_000)
    with pytest.raises(TabularError, match="uitgepakt groter dan 50 MB"):
        read_workbook(output.getvalue(), max_bytes=1_000_000)
