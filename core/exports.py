"""Writing tables as CSV and XLSX: one writer for every export of the application.

Every list export (`?_export=csv|xlsx`, through `core.views.ListPageMixin` and `TableExport`
below), the dashboard's tables, the allocation exports, the CSV files attached to a council
letter and `manage.py allocate` write through `write_csv`/`write_xlsx` (or `export_response`);
a workbook of several tables (the region workbook) through `write_workbook` (XLSX, a sheet per
table) or `write_csv_zip` (a ZIP of one CSV file per table).
What they get, by docs/domain-rules.md ("Exports"):

- **no HTML in cells**: a value that is HTML (a `SafeString`, what a table's `render_…` method
  returns) is reduced to its text; `<br>` becomes a line break, entities become characters;
- **real cells in XLSX**: `Decimal`, `int` and `float` are number cells (a `Decimal` with the
  format `#,##0.00`, which Excel shows in the reader's own notation), a `date` a date cell
  (`dd-mm-yyyy`), a `datetime` a date-and-time cell in local time (Europe/Amsterdam, the
  `TIME_ZONE`; Excel has no time zones, so an aware datetime is converted, never written in UTC);
- **booleans** are 'ja' and 'nee', and `None` an empty cell;
- a **sheet title** of at most 31 characters without `[ ] : * ? / \\` (Excel refuses others);
- **CSV for Dutch Excel**: `;` between cells, UTF-8 with a byte-order mark (so Excel reads the
  accents), numbers with a decimal comma and no thousands point (`70426,92`, `-6600`), dates as
  `20-04-2021` and datetimes as `20-04-2021 14:05`;
- **formula neutralisation**: text that starts with `=`, `+`, `-`, `@`, a tab or a carriage
  return could be taken for a formula by a spreadsheet (CSV injection). In XLSX such a cell's
  data type is set to string; in CSV the text is prefixed with a single quote (`'=1+1`).
  Numbers are never text, so a genuine negative number stays a number in both formats;
- characters XLSX cannot hold (control characters) are dropped and text is cut at Excel's cell
  limit of 32,767 characters, so that no value a person typed can break an export.
"""

import csv
import datetime
import html
import io
import re
from collections.abc import Iterable, Iterator, Sequence
from decimal import Decimal

from django.http import HttpResponse
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.html import strip_tags
from django.utils.safestring import SafeData
from django.utils.text import capfirst
from django.utils.translation import gettext as _

import django_tables2 as tables
from django_tables2.export import TableExport as BaseTableExport
from django_tables2.rows import BoundRow
from django_tables2.utils import Accessor

CSV = "csv"
XLSX = "xlsx"
ZIP = "zip"
CONTENT_TYPES = {
    CSV: "text/csv; charset=utf-8",
    XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ZIP: "application/zip",
}
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
CSV_DELIMITER = ";"
MAX_SHEET_TITLE = 31
MAX_CELL_CHARS = 32_767
NUMBER_FORMATS = {
    Decimal: "#,##0.00",
    int: "0",
    datetime.datetime: "dd-mm-yyyy hh:mm",
    datetime.date: "dd-mm-yyyy",
}

_INVALID_TITLE = re.compile(r"[\[\]:*?/\\]")
_LINE_BREAK = re.compile(r"<br\s*/?>", re.IGNORECASE)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")  # what openpyxl refuses to write


def cell_value(value):
    """A value as an export cell holds it: text, a number, a date, a naive local datetime or None.

    Callers may pass anything a page shows; lazy translations and model instances become text.
    """
    if value is None:
        return None
    if isinstance(value, bool):
        return _("ja") if value else _("nee")
    if isinstance(value, Decimal):
        return value if value.is_finite() else str(value)
    if isinstance(value, int | float):
        return value if value == value and abs(value) != float("inf") else str(value)
    if isinstance(value, datetime.datetime):
        if timezone.is_aware(value):
            value = timezone.make_naive(value)  # in the current time zone: Europe/Amsterdam
        return value
    if isinstance(value, datetime.date | datetime.time):
        return value
    if isinstance(value, SafeData):
        return html_to_text(str(value))
    if isinstance(value, Promise):
        return str(value)
    return str(value)


def html_to_text(markup: str) -> str:
    """'<span class="overdue">4</span>' → '4'; '<br>' → a line break; '&amp;' → '&'."""
    text = strip_tags(_LINE_BREAK.sub("\n", markup))
    return html.unescape(text).replace("\u00a0", " ").strip()


def is_formula_like(text: str) -> bool:
    return text.startswith(FORMULA_PREFIXES)


def sheet_title(title) -> str:
    """A worksheet title Excel accepts: at most 31 characters, none of [ ] : * ? / \\."""
    text = _INVALID_TITLE.sub("-", " ".join(str(title or "").split())).strip("'")
    text = text[:MAX_SHEET_TITLE].strip() or _("Export")
    if text.casefold() == "history":  # reserved by Excel
        text = _("Historie")
    return text


def _dutch_number(value) -> str:
    number = Decimal(repr(value)) if isinstance(value, float) else value
    if isinstance(number, int):
        return str(number)
    return f"{number:f}".replace(".", ",")


def csv_cell(value) -> str:
    """One cell for Dutch Excel (see the module docstring)."""
    value = cell_value(value)
    if value is None:
        return ""
    if isinstance(value, Decimal | int | float):
        return _dutch_number(value)
    if isinstance(value, datetime.datetime):
        return f"{value:%d-%m-%Y %H:%M}"
    if isinstance(value, datetime.date):
        return f"{value:%d-%m-%Y}"
    if isinstance(value, datetime.time):
        return f"{value:%H:%M}"
    return "'" + value if is_formula_like(value) else value


def csv_text(headers: Sequence, rows: Iterable[Sequence]) -> str:
    """The table as CSV text for Dutch Excel, without the byte-order mark."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=CSV_DELIMITER, lineterminator="\r\n")
    writer.writerow([csv_cell(header) for header in headers])
    for row in rows:
        writer.writerow([csv_cell(value) for value in row])
    return buffer.getvalue()


def write_csv(headers: Sequence, rows: Iterable[Sequence]) -> bytes:
    """The table as a CSV file for Dutch Excel: UTF-8 with a byte-order mark, `;`."""
    return ("\ufeff" + csv_text(headers, rows)).encode("utf-8")


def _xlsx_text(text: str) -> str:
    text = _CONTROL.sub("", text)
    if len(text) > MAX_CELL_CHARS:
        text = text[: MAX_CELL_CHARS - 1] + "…"
    return text


def write_xlsx(headers: Sequence, rows: Iterable[Sequence], *, title) -> bytes:
    """The table as an Excel workbook of one sheet: bold header, frozen, real number cells."""
    return write_workbook([(title, headers, rows)])


def write_workbook(sheets: Iterable[tuple]) -> bytes:
    """Several tables as one Excel workbook, a sheet per `(title, headers, rows)`, in order."""
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    for title, headers, rows in sheets:
        _append_sheet(workbook, title, headers, rows)
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


def write_csv_zip(sheets: Iterable[tuple]) -> bytes:
    """Several tables as a ZIP of CSV files for Dutch Excel, `<title>.csv` per table."""
    import zipfile

    output = io.BytesIO()
    with zipfile.ZipFile(output, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for title, headers, rows in sheets:
            archive.writestr(f"{sheet_title(title)}.csv", write_csv(headers, rows))
    return output.getvalue()


def _append_sheet(workbook, title, headers: Sequence, rows: Iterable[Sequence]) -> None:
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    header_cells = [cell_value(header) for header in headers]
    body = [[cell_value(value) for value in row] for row in rows]

    sheet = workbook.create_sheet(sheet_title(title))
    sheet.freeze_panes = "A2"
    for index, width in enumerate(_column_widths(header_cells, body), start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width

    bold = Font(bold=True)

    def cell(value, *, font=None):
        if isinstance(value, str):
            value = _xlsx_text(value)
        result = WriteOnlyCell(sheet, value=value)
        if isinstance(value, str) and (is_formula_like(value) or result.data_type == "f"):
            result.data_type = "s"  # never a formula
        elif value is not None and not isinstance(value, str):
            number_format = next(
                (fmt for kind, fmt in NUMBER_FORMATS.items() if isinstance(value, kind)), None
            )
            if number_format:
                result.number_format = number_format
        if font is not None:
            result.font = font
        return result

    sheet.append([cell(value, font=bold) for value in header_cells])
    for row in body:
        sheet.append([cell(value) for value in row])


def _column_widths(headers: list, rows: list[list], *, sample: int = 200) -> list[float]:
    widths = [len(str(header or "")) for header in headers]
    for row in rows[:sample]:
        for index, value in enumerate(row):
            if index >= len(widths):
                widths.append(0)
            text = csv_cell(value) if value is not None else ""
            longest = max((len(line) for line in text.splitlines()), default=0)
            widths[index] = max(widths[index], longest)
    return [min(max(width, 6), 60) + 2 for width in widths]


def export_bytes(
    export_format: str, headers: Sequence, rows: Iterable[Sequence], *, title
) -> bytes:
    if export_format == CSV:
        return write_csv(headers, rows)
    if export_format == XLSX:
        return write_xlsx(headers, rows, title=title)
    raise ValueError(f"Unknown export format {export_format!r}")


def export_response(
    export_format: str, headers: Sequence, rows: Iterable[Sequence], *, title, filename: str
) -> HttpResponse:
    """A download of the table; `filename` without extension (it gets '.csv' or '.xlsx')."""
    content = export_bytes(export_format, headers, rows, title=title)
    return download_response(content, export_format, f"{filename}.{export_format}")


def download_response(content: bytes, export_format: str, filename: str) -> HttpResponse:
    """The file `content` (written by `export_bytes`) as a download named `filename`."""
    response = HttpResponse(content, content_type=CONTENT_TYPES[export_format])
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


# --- django-tables2 -------------------------------------------------------------------------

# Columns whose rendered text is worse than their value: a date as a date, a boolean as ja/nee.
RAW_VALUE_COLUMNS = (tables.DateColumn, tables.DateTimeColumn, tables.BooleanColumn)


def table_values(table, exclude_columns: Iterable[str] = ()) -> tuple[list, list[list]]:
    """The headers and rows of a django-tables2 table, as values for the writer.

    A table's `value_<column>` method gives a column's export value; date, datetime and boolean
    columns give their value itself; any other column its rendered text, without HTML.
    """
    headers, rows = table_values_lazy(table, exclude_columns)
    return headers, list(rows)


def table_values_lazy(
    table, exclude_columns: Iterable[str] = (), *, chunk_size: int | None = None, progress=None
) -> tuple[list, Iterator[list]]:
    """`table_values` with the rows as a generator. With `chunk_size`, a queryset is read with
    `.iterator(chunk_size)` in the table's order, so that its model instances are not all in
    memory at once (the rows of a large export made in the background); `progress(done)` hears
    every chunk."""
    exclude = set(exclude_columns or ())
    columns = [
        column
        for column in table.columns.iterall()
        if not (column.column.exclude_from_export or column.name in exclude)
    ]
    headers = [cell_value(column.header) for column in columns]

    def bound_rows():
        data = table.data.data
        if chunk_size and hasattr(data, "iterator"):
            for record in data.iterator(chunk_size=chunk_size):
                yield BoundRow(record, table=table)
        else:
            yield from table.rows

    def rows():
        for done, row in enumerate(bound_rows(), start=1):
            values = []
            for column in columns:
                if not hasattr(table, f"value_{column.name}") and isinstance(
                    column.column, RAW_VALUE_COLUMNS
                ):
                    value = Accessor(column.accessor).resolve(row.record, quiet=True)
                else:
                    value = row.get_cell_value(column.name)
                values.append(cell_value(value))
            yield values
            if progress is not None and chunk_size and done % chunk_size == 0:
                progress(done)

    return headers, rows()


def table_title(table, dataset_kwargs=None) -> str:
    """The sheet title of a table's export: `dataset_kwargs["title"]`, else the model's plural."""
    if dataset_kwargs and dataset_kwargs.get("title"):
        return str(dataset_kwargs["title"])
    try:
        return str(capfirst(table.Meta.model._meta.verbose_name_plural))
    except AttributeError:
        return str(_("Export"))


class TableExport(BaseTableExport):
    """django-tables2's export, written by this module's writer, in CSV and XLSX only.

    The rows go from the table straight to the writer: no tablib `Dataset` in between, whose
    row-width check on every append cost more than writing the row."""

    FORMATS = {CSV: CONTENT_TYPES[CSV], XLSX: CONTENT_TYPES[XLSX]}

    def __init__(self, export_format, table, exclude_columns=None, dataset_kwargs=None):
        if not self.is_valid_format(export_format):
            raise TypeError(f"Export format {export_format!r} is not supported.")
        self.format = export_format
        self.title = table_title(table, dataset_kwargs)
        self.headers, self.rows = table_values(table, exclude_columns)

    @classmethod
    def is_valid_format(cls, export_format):
        return export_format in cls.FORMATS

    def export(self):
        return export_bytes(self.format, self.headers, self.rows, title=self.title)
