"""The one reader of uploaded tables (core.tabular): CSV and XLSX, every problem in Dutch."""

import datetime
import io
import zipfile
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile

import pytest
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import Workbook

from core.exports import is_formula_like, write_csv, write_xlsx
from core.parsing import parse_amount, parse_date
from core.tabular import (
    CSV,
    MAX_FIELD_CHARS,
    XLSX,
    Row,
    RowError,
    TabularError,
    human_size,
    read_table,
    read_text,
    read_upload,
    sniff_delimiter,
)

LIMIT = 1_000_000


def read(raw: bytes, **options):
    return read_table(raw, max_bytes=LIMIT, **options)


def cells(table):
    return [list(row.cells) for row in table.rows]


def xlsx(*rows, formats=None) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(list(row))
    for coordinate, number_format in (formats or {}).items():
        sheet[coordinate].number_format = number_format
    content = io.BytesIO()
    workbook.save(content)
    return content.getvalue()


# --- Encodings and delimiters ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "encoding"),
    [
        ("naam;plaats\nZeeë;Café\n".encode(), "utf-8"),
        ("\ufeffnaam;plaats\nZeeë;Café\n".encode(), "utf-8"),  # Excel's 'CSV UTF-8'
        ("naam;plaats\nZeeë;Café\n".encode("cp1252"), "cp1252"),  # Excel's plain 'CSV'
        ("naam;plaats\nZeeë;Café\n".encode("utf-16"), "utf-16"),  # Excel's 'Unicode-tekst'
    ],
)
def test_the_encodings_excel_writes(raw, encoding):
    table = read(raw)
    assert table.format == CSV and table.encoding == encoding
    assert table.header == ("naam", "plaats")
    assert cells(table) == [["Zeeë", "Café"]]


@pytest.mark.parametrize(
    ("first_line", "delimiter"),
    [
        ("gemeente;percentage", ";"),
        ("gemeente,percentage", ","),
        ("gemeente\tpercentage", "\t"),
        ("Dordrecht;32,55", ";"),  # one of each: the semicolon comes first
        ("Dordrecht,32,55", ","),
        ('"Jeugd; Gezin",32', ","),  # inside quotes does not count
        ("alleen een kolom", ";"),
    ],
)
def test_the_delimiter_is_sniffed_from_the_first_line(first_line, delimiter):
    assert sniff_delimiter(f"\n{first_line}\nx;y,z\n") == delimiter


def test_a_quoted_cell_may_hold_delimiters_and_line_breaks():
    table = read(b'naam;toelichting\n"Noord; Oost";"twee\nregels"\nZuid;kort\n')
    assert cells(table) == [["Noord; Oost", "twee\nregels"], ["Zuid", "kort"]]
    assert [row.number for row in table.rows] == [2, 3]  # a spreadsheet row, not a text line


def test_empty_rows_are_skipped_but_counted_and_cells_stripped():
    table = read(b"\n a ; b \n\n1;2;;\n;;\n 3 ;4\n")
    assert table.header == ("a", "b")
    assert table.rows == [Row(number=4, cells=("1", "2")), Row(number=6, cells=("3", "4"))]
    assert table.rows[0].cell(5) == "" and table.rows[0].cell(None) == ""


def test_without_a_header_every_row_is_data():
    table = read(b"Dordrecht;32,55\nGorinchem;8,29\n", header=False)
    assert table.header is None and len(table.rows) == 2


# --- Refusals, in Dutch ---------------------------------------------------------------------


def test_a_cell_longer_than_the_csv_limit_is_a_dutch_error_on_its_row():
    raw = b"naam;toelichting\nNoord;kort\nZuid;" + b"x" * (MAX_FIELD_CHARS + 1) + b"\n"
    with pytest.raises(TabularError) as error:
        read(raw)
    assert error.value.message.startswith("Rij 3: een cel is langer dan 131.072 tekens.")


def test_an_unclosed_quote_swallows_the_file_and_says_so():
    raw = b'naam;toelichting\nNoord;"open\n' + b"x;y\n" * 40_000
    with pytest.raises(TabularError, match="Rij 2: een cel is langer dan 131.072 tekens"):
        read(raw)


def test_the_size_is_checked_before_the_upload_is_read():
    class Unread(SimpleUploadedFile):
        def read(self, *args):  # pragma: no cover - must not be reached
            raise AssertionError("read before the size was checked")

    upload = Unread("groot.csv", b"a;b")
    upload.size = 5_000_000
    with pytest.raises(TabularError, match="groter dan 1 MB; splits het in delen"):
        read_upload(upload, max_bytes=LIMIT)
    with pytest.raises(TabularError, match="groter dan 200 kB"):
        read_table(b"x" * 200_001, max_bytes=200_000)


def test_an_upload_is_read_through_django():
    upload = SimpleUploadedFile("sleutel.csv", b"a;b\n1;2\n")
    assert cells(read_upload(upload, max_bytes=LIMIT)) == [["1", "2"]]


@pytest.mark.parametrize(
    ("raw", "options", "message"),
    [
        (b"", {}, "Het bestand is leeg."),
        (b" \r\n\r\n ", {}, "Het bestand is leeg."),
        ("\ufeff".encode(), {}, "Het bestand is leeg."),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00", {}, "geen CSV-tekstbestand of Excel-werkmap"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1\x00", {}, "oud Excel-bestand (.xls)"),
        (b"a;b\n1;2\n", {"filename": "lijst.xlsx"}, "heet .xlsx, maar is geen Excel-werkmap"),
        (b"PK\x03\x04kapot", {}, "Het Excel-bestand kan niet worden gelezen"),
        (xlsx(["a"], ["b"]), {"formats": (CSV,)}, "Kies een CSV-bestand"),
        (b"a\n1\n2\n3\n", {"max_rows": 2}, "meer dan 2 rijen; splits het in delen"),
    ],
    # The workbook's bytes carry its creation time: named ids keep the collection the same in
    # every pytest-xdist worker.
    ids=[
        "empty",
        "blank",
        "only-bom",
        "png",
        "old-xls",
        "csv-named-xlsx",
        "broken-zip",
        "xlsx-where-csv",
        "too-many-rows",
    ],
)
def test_files_that_cannot_be_read(raw, options, message):
    with pytest.raises(TabularError) as error:
        read(raw, **options)
    assert message in error.value.message


def test_an_xlsx_that_unpacks_to_too_much_is_refused():
    content = io.BytesIO()
    with zipfile.ZipFile(content, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b"\x00" * 60_000_000)
    assert len(content.getvalue()) < LIMIT
    with pytest.raises(TabularError, match="uitgepakt groter dan 50 MB"):
        read(content.getvalue())


def test_row_errors_and_sizes_read_as_dutch():
    assert str(RowError(5, "vul de aanbieder in.")) == "Rij 5: vul de aanbieder in."
    assert str(RowError(None, "Het bestand is leeg.")) == "Het bestand is leeg."
    assert [human_size(n) for n in (200_000, 1_000_000, 1_500_000, 10)] == [
        "200 kB",
        "1 MB",
        "1,5 MB",
        "1 kB",
    ]


# --- XLSX -----------------------------------------------------------------------------------


def test_xlsx_cells_become_the_text_the_parsers_read():
    raw = xlsx(
        ["gemeente", "aandeel", "bedrag", "datum", "tijdstip", "actief", "leeg"],
        [],
        ["Dordrecht", 0.3255, 1250000.5, datetime.date(2021, 4, 20), None, True, None],
        ["Gorinchem", 8, Decimal("-6600.00"), datetime.datetime(2021, 4, 20, 14, 5), 7, False],
        formats={"B3": "0.00%"},
    )
    table = read(raw, filename="lijst.xlsx")
    assert table.format == XLSX and table.header[0] == "gemeente"
    assert table.rows == [
        Row(3, ("Dordrecht", "32,55%", "1250000,5", "20-04-2021", "", "ja")),
        Row(4, ("Gorinchem", "8", "-6600", "20-04-2021 14:05", "7", "nee")),
    ]


@given(
    st.lists(
        st.tuples(
            st.text(st.characters(codec="utf-8", categories=("L", "N", "P", "Zs")), min_size=1).map(
                str.strip
            ),
            st.decimals(min_value=-(10**9), max_value=10**9, places=2, allow_nan=False),
            st.dates(min_value=datetime.date(1900, 3, 1)),
        ),
        min_size=1,
        max_size=5,
    )
)
def test_what_the_export_writer_writes_the_reader_reads_back(rows):
    rows = [row for row in rows if row[0] and not is_formula_like(row[0])]
    if not rows:
        return
    headers = ["naam", "bedrag", "datum"]
    for raw in (write_csv(headers, rows), write_xlsx(headers, rows, title="Proef")):
        table = read(raw)
        assert table.header == tuple(headers)
        assert len(table.rows) == len(rows)
        for row, (name, amount, day) in zip(table.rows, rows, strict=True):
            assert row.cells[0] == name
            assert parse_amount(row.cells[1]) == amount
            assert parse_date(row.cells[2]) == day


def test_pasted_text_is_read_with_the_delimiters_asked_for():
    table = read_text("Maatregel\t2025\nTaskforce\t611.000\n", delimiters=("\t", ";", "|"))
    assert table.delimiter == "\t" and cells(table) == [["Taskforce", "611.000"]]
    table = read_text("Percentage\n12,5%\n", delimiters=("\t", ";", "|"))
    assert cells(table) == [["12,5%"]]  # a comma is no delimiter here
