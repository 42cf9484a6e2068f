"""Reading provider financials from a file: every row checked, every error reported.

The file is CSV or an Excel workbook (read by `core.tabular`): a header row, then one row per
provider and year. In CSV what Dutch spreadsheet software saves: semicolons (commas also work),
UTF-8 or Windows-1252. Amounts in Dutch notation (1.234.567,89; a euro sign and spaces are
allowed), read by `core.parsing.parse_amount`; fte by `parse_decimal`.

    aanbieder;jaar;omzet;bedrijfsresultaat;dividend;fte;personeelskosten;totale_kosten

`aanbieder` is the provider's key (slug), KvK number or exact name; `dividend` may be left empty
(no dividend paid).
"""

import re
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext as _

from core.parsing import ParseError, parse_amount, parse_decimal
from core.tabular import Row, RowError, TabularError, read_table

MAX_BYTES = 1_000_000
MAX_ROWS = 5_000

# column -> (model field, label in messages, required)
COLUMNS = {
    "aanbieder": ("provider", "aanbieder", True),
    "jaar": ("year", "jaar", True),
    "omzet": ("revenue", "omzet", True),
    "bedrijfsresultaat": ("operating_result", "bedrijfsresultaat", True),
    "dividend": ("dividend_paid", "dividend", False),
    "fte": ("fte", "fte", True),
    "personeelskosten": ("personnel_costs", "personeelskosten", True),
    "totale_kosten": ("total_costs", "totale kosten", True),
}
AMOUNT_FIELDS = (
    "revenue",
    "operating_result",
    "dividend_paid",
    "personnel_costs",
    "total_costs",
)
NUMBER_FIELDS = ("fte",)


@dataclass
class ParsedRow:
    number: int  # the row in the file, as a spreadsheet numbers it (the header is row 1)
    provider_key: str
    values: dict = field(default_factory=dict)


class CsvImportError(Exception):
    """The file was refused; `errors` says why, row by row. Nothing was saved."""

    def __init__(self, errors: list[RowError]):
        super().__init__("; ".join(str(error) for error in errors))
        self.errors = errors


def _normalise_header(name: str) -> str:
    return re.sub(r"[\s\-]+", "_", name.strip().lower())


def read_rows(raw: bytes, *, filename: str = "") -> tuple[list[ParsedRow], list[RowError]]:
    """Parse the file: the rows that parsed, and an error per problem in the others.

    A file that cannot be read as a financials file at all raises CsvImportError.
    """
    try:
        table = read_table(raw, filename=filename, max_bytes=MAX_BYTES, max_rows=MAX_ROWS)
    except TabularError as error:
        raise CsvImportError([RowError(None, error.message)]) from None
    header = [_normalise_header(name) for name in table.header]
    missing = [
        name for name, (_f, _l, required) in COLUMNS.items() if required and name not in header
    ]
    if missing:
        return _raise_missing(missing)
    positions = {name: header.index(name) for name in COLUMNS if name in header}

    rows, errors = [], []
    for table_row in table.rows:
        row, row_errors = _parse_row(table_row, positions)
        if row_errors:
            errors.extend(row_errors)
        else:
            rows.append(row)
    if not rows and not errors:
        raise CsvImportError([RowError(None, _("Het bestand bevat geen rijen met cijfers."))])
    return rows, errors


def _raise_missing(missing: list[str]):
    raise CsvImportError(
        [
            RowError(
                None,
                _(
                    "De kolommen %(missing)s ontbreken. De eerste rij moet de kolomnamen "
                    "bevatten: %(expected)s."
                )
                % {"missing": ", ".join(missing), "expected": ";".join(COLUMNS)},
            )
        ]
    )


def _parse_row(table_row: Row, positions: dict[str, int]):
    def cell(name: str) -> str:
        return table_row.cell(positions.get(name))

    line = table_row.number
    errors = []
    row = ParsedRow(number=line, provider_key=cell("aanbieder"))
    if not row.provider_key:
        errors.append(RowError(line, _("vul de aanbieder in.")))
    year_text = cell("jaar")
    if not re.fullmatch(r"\d{4}", year_text):
        errors.append(
            RowError(
                line, _("‘%(value)s’ is geen jaartal (bijvoorbeeld 2023).") % {"value": year_text}
            )
        )
    else:
        row.values["year"] = int(year_text)
    for column, (field_name, label, required) in COLUMNS.items():
        if field_name not in AMOUNT_FIELDS + NUMBER_FIELDS:
            continue
        text = cell(column)
        if not text:
            if required:
                errors.append(RowError(line, _("vul %(label)s in.") % {"label": label}))
            else:
                row.values[field_name] = Decimal(0)
            continue
        try:
            if field_name in NUMBER_FIELDS:
                row.values[field_name] = parse_decimal(text, places=2)
            else:
                row.values[field_name] = parse_amount(text)
        except ParseError as error:
            errors.append(
                RowError(
                    line, _("%(label)s: %(message)s") % {"label": label, "message": error.message}
                )
            )
    return row, errors
