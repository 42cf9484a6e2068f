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

_ZIP_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # the binary .xls of Excel 97-2003
_QUOTED = re.compile(r'"[^"]*"')


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
    table: Table, records: Iterable[tuple[int, Sequence[str]]], *, header: bool, max_rows: int
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
    if header and table.header is None:
        raise TabularError(_("Het bestand is leeg."))


# --- XLSX -----------------------------------------------------------------------------------


def _read_xlsx(raw: bytes, *, header: bool, max_rows: int) -> Table:
    from openpyxl import load_workbook

    unreadable = TabularError(
        _(
            "Het Excel-bestand kan niet worden gelezen. Sla het opnieuw op als Excel-werkmap "
            "(.xlsx) of als 'CSV (gescheiden door lijstscheidingsteken)'."
        )
    )
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, ValueError):
        raise unreadable from None
    if unpacked > MAX_UNPACKED_BYTES:
        raise TabularError(
            _("Het Excel-bestand is uitgepakt groter dan %(size)s; splits het in delen.")
            % {"size": human_size(MAX_UNPACKED_BYTES)}
        )
    table = Table(format=XLSX)
    try:
        workbook = load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
    except TabularError:
        raise
    except Exception:  # openpyxl raises many kinds (KeyError, zip and XML errors) on bad files
        raise unreadable from None
    try:
        sheet = workbook.worksheets[0] if workbook.worksheets else None
        if sheet is None:
            raise unreadable
        records = (
            (number, [xlsx_cell_text(cell) for cell in row])
            for number, row in enumerate(sheet.iter_rows(min_row=1), start=1)
        )
        try:
            _collect(table, records, header=header, max_rows=max_rows)
        except TabularError:
            raise
        except Exception:
            raise unreadable from None
    finally:
        workbook.close()
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
