"""Reading uploaded tables, CSV or XLSX: one reader for every upload, every problem in Dutch.

`read_upload(upload, max_bytes=...)` takes a Django upload, `read_table(raw, ...)` its bytes and
`read_text(text, ...)` a table pasted into a text field. Each returns a `Table`: the header (when
asked for) and the rows that hold anything, every `Row` with its number as a spreadsheet shows
it, so that a message can say "Rij 5: …" (`RowError`). A file that cannot be read at all raises
`TabularError` with a Dutch message; nothing is half-read.

What the reader takes care of, so that no upload has to:

- **size first**: an upload larger than `max_bytes` is refused before a byte is read; an XLSX
  (a zip archive) is also refused when it would unpack to more than `MAX_UNPACKED_BYTES`;
- **the format from the content**, not the name: a zip archive is an Excel workbook (.xlsx), an
  old binary .xls is refused with advice, anything else is read as CSV text;
- **encoding** of CSV: UTF-8 with or without byte-order mark, UTF-16 with a byte-order mark
  (Excel's "Unicode-tekst"), and otherwise Windows-1252 (what Dutch Excel saves as
  "CSV (gescheiden door lijstscheidingsteken)"); a file with NUL bytes and no UTF-16 mark is not
  text;
- **delimiter** of CSV: the one of `delimiters` (default `;`, tab and `,`) found most often in the
  first non-empty line outside quotes, the earlier one on a tie; a table pasted into a letter
  uses tab, `;` and `|` (commas are decimal commas there);
- a cell longer than `MAX_FIELD_CHARS` (131,072 characters, the limit of Python's csv module) is
  a Dutch error on its row, not a crash; so is a row the csv module cannot read;
- cells are stripped of surrounding spaces, trailing empty cells (which spreadsheets add) are
  dropped and rows without content are skipped — but still counted, so row numbers match what a
  spreadsheet shows (the header is row 1 when the file starts with it);
- XLSX cells become text in the notation `core.parsing` reads: numbers with a decimal comma and no
  thousands point ('1250000,5'), a cell formatted as a percentage as '32,55%', dates as
  '20-04-2021', booleans as 'ja'/'nee'. So CSV and XLSX rows look alike to the code after it.

tablib would be the obvious reader of uploads. Its importers are not used here: its CSV importer
drops blank lines (so row numbers would no longer match the file) and lets the csv module's
errors through, and its XLSX importer discards the number format (a percentage cell would read as
0.3255). This module reads with the csv module and with openpyxl (which tablib uses underneath),
in the same read-only, values-only way.

`read_workbook(raw, ...)` reads a file of several tables, one per kind of row: an Excel workbook
with one worksheet per table, or a ZIP archive of `<sheet>.csv` files (the same tables as Dutch
Excel saves them). The same safety holds for each table: the size of the file before reading,
the unpacked size of the archive (a zip bomb is refused before it is unpacked), the format from
the content, the long cells; each table gets its own row numbers.
"""

import codecs
import csv
import datetime
import io
import re
import zipfile
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext as _

CSV = "csv"
XLSX = "xlsx"
DELIMITERS = (";", "\t", ",")
MAX_FIELD_CHARS = csv.field_size_limit()  # 131,072 unless something changed it
MAX_ROWS = 10_000
MAX_UNPACKED_BYTES = 50_000_000
MAX_SHEETS = 50

_ZIP_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # the binary .xls of Excel 97-2003
_QUOTED = re.compile(r'"[^"]*"')
_FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")  # what core.exports neutralises


class TabularError(ValueError):
    """The file cannot be read as a table; `message` says why, in Dutch. Nothing was read."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class RowError:
    """A problem with one row (`row` is its number) or with the file as a whole (`row` None)."""

    row: int | None
    message: str

    def __str__(self) -> str:
        if self.row is None:
            return self.message
        return _("Rij %(row)d: %(message)s") % {"row": self.row, "message": self.message}


@dataclass(frozen=True)
class Row:
    number: int  # as a spreadsheet numbers it: the first line of the file is row 1
    cells: tuple[str, ...]

    def cell(self, index: int | None) -> str:
        """The cell at `index`, or '' when the row is shorter (or `index` is None)."""
        if index is None or index >= len(self.cells):
            return ""
        return self.cells[index]

    def __len__(self) -> int:
        return len(self.cells)


@dataclass
class Table:
    format: str  # CSV or XLSX
    header: tuple[str, ...] | None = None
    rows: list[Row] = field(default_factory=list)
    delimiter: str | None = None  # CSV only
    encoding: str | None = None  # CSV only


def human_size(size: int) -> str:
    """200000 → '200 kB'; 1000000 → '1 MB'; 1500000 → '1,5 MB'."""
    if size >= 1_000_000:
        return f"{size / 1_000_000:.1f}".removesuffix(".0").replace(".", ",") + " MB"
    return f"{max(size // 1000, 1)} kB"


def _too_big(max_bytes: int) -> TabularError:
    return TabularError(
        _("Het bestand is groter dan %(size)s; splits het in delen.")
        % {"size": human_size(max_bytes)}
    )


def read_upload(upload, *, max_bytes: int, **options) -> Table:
    """Read a Django `UploadedFile`: its size is checked before anything is read."""
    size = getattr(upload, "size", None)
    if size is not None and size > max_bytes:
        raise _too_big(max_bytes)
    upload.seek(0)
    raw = upload.read(max_bytes + 1)
    return read_table(
        raw, filename=getattr(upload, "name", "") or "", max_bytes=max_bytes, **options
    )


def read_table(
    raw: bytes,
    *,
    max_bytes: int,
    filename: str = "",
    header: bool = True,
    max_rows: int = MAX_ROWS,
    delimiters: Sequence[str] = DELIMITERS,
    formats: Sequence[str] = (CSV, XLSX),
) -> Table:
    """Read an uploaded file's bytes as a table; raises `TabularError`."""
    if len(raw) > max_bytes:
        raise _too_big(max_bytes)
    if not raw.strip():
        raise TabularError(_("Het bestand is leeg."))
    if raw.startswith(_OLE_MAGIC):
        raise TabularError(
            _(
                "Dit is een oud Excel-bestand (.xls). Sla het in Excel op als Excel-werkmap "
                "(.xlsx) of als 'CSV (gescheiden door lijstscheidingsteken)'."
            )
        )
    is_zip = raw.startswith(_ZIP_MAGIC)
    if is_zip or filename.lower().endswith(".xlsx"):
        if XLSX not in formats:
            raise TabularError(
                _(
                    "Kies een CSV-bestand. Sla het in Excel op als "
                    "'CSV (gescheiden door lijstscheidingsteken)'."
                )
            )
        if not is_zip:
            raise TabularError(
                _("Het bestand heet .xlsx, maar is geen Excel-werkmap. Sla het opnieuw op.")
            )
        return _read_xlsx(raw, header=header, max_rows=max_rows)
    text, encoding = _decode(raw)
    table = read_text(text, header=header, max_rows=max_rows, delimiters=delimiters)
    table.encoding = encoding
    return table


def read_text(
    text: str,
    *,
    header: bool = True,
    max_rows: int = MAX_ROWS,
    delimiters: Sequence[str] = DELIMITERS,
) -> Table:
    """Read CSV text (decoded, or pasted into a form) as a table; raises `TabularError`."""
    text = text.removeprefix("\ufeff")
    if not text.strip():
        raise TabularError(_("Het bestand is leeg."))
    delimiter = sniff_delimiter(text, delimiters)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    table = Table(format=CSV, delimiter=delimiter)
    _collect(table, _csv_records(reader), header=header, max_rows=max_rows)
    return table


def sniff_delimiter(text: str, delimiters: Sequence[str] = DELIMITERS) -> str:
    """The delimiter found most often in the first non-empty line, outside quotes."""
    first = next((line for line in text.splitlines() if line.strip()), "")
    unquoted = _QUOTED.sub("", first)
    count, _order, delimiter = max(
        (unquoted.count(candidate), -order, candidate) for order, candidate in enumerate(delimiters)
    )
    return delimiter if count else delimiters[0]


def _decode(raw: bytes) -> tuple[str, str]:
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return raw.decode("utf-16"), "utf-16"
        except UnicodeDecodeError:
            pass
    elif b"\x00" not in raw:
        try:
            return raw.decode("utf-8-sig"), "utf-8"
        except UnicodeDecodeError:
            # Windows-1252 leaves five bytes undefined; one stray byte should not refuse a file.
            return raw.decode("cp1252", errors="replace"), "cp1252"
    raise TabularError(
        _(
            "Het bestand is geen CSV-tekstbestand of Excel-werkmap. Sla het in Excel op als "
            "'CSV (gescheiden door lijstscheidingsteken)' of als Excel-werkmap (.xlsx)."
        )
    )


def _csv_records(reader) -> Iterator[tuple[int, list[str]]]:
    number = 0
    while True:
        number += 1
        try:
            record = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            if "field limit" in str(error):
                raise TabularError(
                    str(
                        RowError(
                            number,
                            _(
                                "een cel is langer dan %(max)s tekens. Is dit het goede bestand? "
                                'Staat er ergens een aanhalingsteken (") dat niet wordt gesloten?'
                            )
                            % {"max": f"{MAX_FIELD_CHARS:,}".replace(",", ".")},
                        )
                    )
                ) from None
            raise TabularError(
                str(
                    RowError(
                        number,
                        _("deze rij kan niet worden gelezen; controleer de aanhalingstekens."),
                    )
                )
            ) from None
        yield number, record


def _collect(
    table: Table,
    records: Iterable[tuple[int, Sequence[str]]],
    *,
    header: bool,
    max_rows: int,
    allow_empty: bool = False,
) -> None:
    for number, record in records:
        cells = [cell.strip() for cell in record]
        while cells and not cells[-1]:
            cells.pop()
        if not cells:
            continue
        if header and table.header is None:
            table.header = tuple(cells)
            continue
        if len(table.rows) >= max_rows:
            raise TabularError(
                _("Het bestand heeft meer dan %(max)d rijen; splits het in delen.")
                % {"max": max_rows}
            )
        table.rows.append(Row(number=number, cells=tuple(cells)))
    if header and table.header is None and not allow_empty:
        raise TabularError(_("Het bestand is leeg."))


# --- XLSX -----------------------------------------------------------------------------------


def _unreadable_xlsx() -> TabularError:
    return TabularError(
        _(
            "Het Excel-bestand kan niet worden gelezen. Sla het opnieuw op als Excel-werkmap "
            "(.xlsx) of als 'CSV (gescheiden door lijstscheidingsteken)'."
        )
    )


def _archive_members(raw: bytes, unreadable: TabularError) -> list[zipfile.ZipInfo]:
    """The members of a zip archive, refused when it would unpack to more than the limit.

    The sizes are those the archive declares; zipfile never unpacks a member beyond its declared
    size, so a lying archive cannot get past this either.
    """
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, ValueError):
        raise unreadable from None
    if sum(info.file_size for info in members) > MAX_UNPACKED_BYTES:
        raise TabularError(
            _("Het bestand is uitgepakt groter dan %(size)s; splits het in delen.")
            % {"size": human_size(MAX_UNPACKED_BYTES)}
        )
    return members


def _read_xlsx(raw: bytes, *, header: bool, max_rows: int) -> Table:
    tables = _read_xlsx_sheets(raw, header=header, max_rows=max_rows, first_only=True)
    return next(iter(tables.values()))


def _read_xlsx_sheets(
    raw: bytes, *, header: bool, max_rows: int, first_only: bool = False
) -> dict[str, Table]:
    from openpyxl import load_workbook

    unreadable = _unreadable_xlsx()
    _archive_members(raw, unreadable)
    try:
        workbook = load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
    except TabularError:
        raise
    except Exception:  # openpyxl raises many kinds (KeyError, zip and XML errors) on bad files
        raise unreadable from None
    tables: dict[str, Table] = {}
    try:
        sheets = workbook.worksheets[:1] if first_only else workbook.worksheets
        if not sheets:
            raise unreadable
        if len(sheets) > MAX_SHEETS:
            raise TabularError(
                _("De werkmap heeft meer dan %(max)d werkbladen.") % {"max": MAX_SHEETS}
            )
        for sheet in sheets:
            table = Table(format=XLSX)
            records = (
                (number, [xlsx_cell_text(cell) for cell in row])
                for number, row in enumerate(sheet.iter_rows(min_row=1), start=1)
            )
            try:
                _collect(
                    table, records, header=header, max_rows=max_rows, allow_empty=not first_only
                )
            except TabularError as error:
                if first_only:
                    raise
                raise TabularError(_sheet_message(sheet.title, error.message)) from None
            except Exception:
                raise unreadable from None
            tables[sheet.title] = table
    finally:
        workbook.close()
    return tables


def _sheet_message(title: str, message: str) -> str:
    return _("Werkblad ‘%(sheet)s’: %(message)s") % {"sheet": title, "message": message}


# --- Workbooks: several tables in one file ---------------------------------------------------


def read_workbook(
    raw: bytes, *, max_bytes: int, header: bool = True, max_rows: int = MAX_ROWS
) -> dict[str, Table]:
    """Read an Excel workbook (every worksheet) or a ZIP of CSV files; raises `TabularError`.

    The result maps each sheet's name (a worksheet's title, a CSV file's name without `.csv`)
    to its table. An empty sheet is a table without header and rows.
    """
    if len(raw) > max_bytes:
        raise _too_big(max_bytes)
    if not raw.strip():
        raise TabularError(_("Het bestand is leeg."))
    if raw.startswith(_OLE_MAGIC):
        raise TabularError(
            _("Dit is een oud Excel-bestand (.xls). Sla het in Excel op als Excel-werkmap (.xlsx).")
        )
    not_a_workbook = TabularError(
        _(
            "Het bestand is geen Excel-werkmap (.xlsx) en geen ZIP-bestand met CSV-bestanden. "
            "Download het sjabloon en vul dat in."
        )
    )
    if not raw.startswith(_ZIP_MAGIC):
        raise not_a_workbook
    members = _archive_members(raw, not_a_workbook)
    names = {info.filename for info in members}
    if "[Content_Types].xml" in names or any(name.startswith("xl/") for name in names):
        return _read_xlsx_sheets(raw, header=header, max_rows=max_rows)
    return _read_csv_archive(raw, members, header=header, max_rows=max_rows)


def _read_csv_archive(
    raw: bytes, members: list[zipfile.ZipInfo], *, header: bool, max_rows: int
) -> dict[str, Table]:
    files = [
        info
        for info in members
        if not info.is_dir() and not info.filename.startswith(("__MACOSX/", "."))
    ]
    if not files:
        raise TabularError(_("Het ZIP-bestand bevat geen CSV-bestanden."))
    if len(files) > MAX_SHEETS:
        raise TabularError(
            _("Het ZIP-bestand bevat meer dan %(max)d bestanden.") % {"max": MAX_SHEETS}
        )
    tables: dict[str, Table] = {}
    with zipfile.ZipFile(io.BytesIO(raw)) as archive:
        for info in files:
            name = info.filename.rsplit("/", 1)[-1]
            if not name.lower().endswith(".csv"):
                raise TabularError(
                    _("‘%(name)s’ in het ZIP-bestand is geen CSV-bestand.") % {"name": name}
                )
            sheet = name[: -len(".csv")]
            try:
                data = archive.read(info)
            except (zipfile.BadZipFile, ValueError, NotImplementedError):
                raise TabularError(
                    _("‘%(name)s’ in het ZIP-bestand kan niet worden gelezen.") % {"name": name}
                ) from None
            try:
                if not data.strip():
                    tables[sheet] = Table(format=CSV)
                    continue
                text, encoding = _decode(data)
                table = _unquote_formulas(read_text(text, header=header, max_rows=max_rows))
                table.encoding = encoding
            except TabularError as error:
                raise TabularError(_sheet_message(sheet, error.message)) from None
            tables[sheet] = table
    return tables


def _unquote_formulas(table: Table) -> Table:
    """Undo the export writer's formula neutralisation of CSV cells: its "'=1+1" is '=1+1'."""

    def cell(text: str) -> str:
        return text[1:] if text.startswith("'") and text[1:].startswith(_FORMULA_PREFIXES) else text

    if table.header is not None:
        table.header = tuple(cell(text) for text in table.header)
    table.rows = [Row(row.number, tuple(cell(text) for text in row.cells)) for row in table.rows]
    return table


def _dutch_number(number: Decimal) -> str:
    if number == number.to_integral_value():
        return str(int(number))
    return f"{number.normalize():f}".replace(".", ",")


def xlsx_cell_text(cell) -> str:
    """A spreadsheet cell as the text `core.parsing` reads (see the module docstring)."""
    value = getattr(cell, "value", cell)
    if value is None:
        return ""
    if isinstance(value, bool):
        return _("ja") if value else _("nee")
    if isinstance(value, int | float | Decimal):
        number = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
        if not number.is_finite():
            return str(value)
        if "%" in (getattr(cell, "number_format", "") or ""):
            return _dutch_number(number * 100) + "%"
        return _dutch_number(number)
    if isinstance(value, datetime.datetime):
        if value.time() == datetime.time(0):
            return f"{value:%d-%m-%Y}"
        return f"{value:%d-%m-%Y %H:%M}"
    if isinstance(value, datetime.date):
        return f"{value:%d-%m-%Y}"
    if isinstance(value, datetime.time):
        return f"{value:%H:%M}"
    return str(value)
