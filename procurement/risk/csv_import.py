"""Reading provider financials from a CSV file: every row checked, every error reported.

The format is what Dutch spreadsheet software saves: a header row, semicolons (commas also work),
amounts in Dutch notation (1.234.567,89; a euro sign and spaces are allowed), UTF-8 or Windows-1252.

    aanbieder;jaar;omzet;bedrijfsresultaat;dividend;fte;personeelskosten;totale_kosten

`aanbieder` is the provider's key (slug), KvK number or exact name; `dividend` may be left empty
(no dividend paid).
"""

import csv
import io
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _

MAX_BYTES = 1_000_000
MAX_ROWS = 5_000

# CSV column -> (model field, label in messages, required)
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
    "fte",
    "personnel_costs",
    "total_costs",
)
THOUSANDS_ONLY = re.compile(r"^\d{1,3}(\.\d{3})+$")


@dataclass(frozen=True)
class RowError:
    line: int | None  # the line in the file (the header is line 1); None for the file itself
    message: str

    def __str__(self):
        if self.line is None:
            return self.message
        return _("Regel %(line)d: %(message)s") % {"line": self.line, "message": self.message}


@dataclass
class ParsedRow:
    line: int
    provider_key: str
    values: dict = field(default_factory=dict)


class CsvImportError(Exception):
    """The file was refused; `errors` says why, row by row. Nothing was saved."""

    def __init__(self, errors: list[RowError]):
        super().__init__("; ".join(str(error) for error in errors))
        self.errors = errors


def _normalise_header(name: str) -> str:
    return re.sub(r"[\s\-]+", "_", name.strip().lower().lstrip("\ufeff"))


def parse_amount(text: str) -> Decimal:
    """'1.234.567,89' → 1234567.89; '€ -12.500' → -12500; '12.5' → 12.5. ValueError otherwise."""
    cleaned = text.strip().replace("€", "").replace("\u00a0", "").replace(" ", "")
    cleaned = cleaned.replace("\u2212", "-")
    if "," in cleaned:
        cleaned = cleaned.replace(".", "").replace(",", ".")
    elif THOUSANDS_ONLY.match(cleaned.lstrip("-")):
        cleaned = cleaned.replace(".", "")
    try:
        amount = Decimal(cleaned)
    except InvalidOperation:
        raise ValueError(text) from None
    if not amount.is_finite():
        raise ValueError(text)
    return amount


def decode(raw: bytes) -> str:
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        # What Dutch Excel saves as 'CSV (gescheiden door lijstscheidingsteken)'.
        return raw.decode("cp1252", errors="replace")


def read_rows(raw: bytes) -> tuple[list[ParsedRow], list[RowError]]:
    """Parse the file: the rows that parsed, and an error per problem in the others.

    A file that cannot be read as a financials file at all raises CsvImportError.
    """
    if len(raw) > MAX_BYTES:
        raise CsvImportError(
            [RowError(None, _("Het bestand is groter dan 1 MB; splits het in delen."))]
        )
    text = decode(raw)
    if not text.strip():
        raise CsvImportError([RowError(None, _("Het bestand is leeg."))])
    first_line = text.splitlines()[0]
    delimiter = ";" if first_line.count(";") >= first_line.count(",") else ","
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    header = [_normalise_header(name) for name in next(reader)]
    missing = [
        name for name, (_f, _l, required) in COLUMNS.items() if required and name not in header
    ]
    if missing:
        return _raise_missing(missing)
    positions = {name: header.index(name) for name in COLUMNS if name in header}

    rows, errors = [], []
    for line, cells in enumerate(reader, start=2):
        if not any(cell.strip() for cell in cells):
            continue  # blank lines at the end are common
        if len(rows) + len(errors) >= MAX_ROWS:
            errors.append(
                RowError(
                    None, _("Meer dan %(max)d regels; splits het bestand.") % {"max": MAX_ROWS}
                )
            )
            break
        row, row_errors = _parse_row(line, cells, positions)
        if row_errors:
            errors.extend(row_errors)
        else:
            rows.append(row)
    if not rows and not errors:
        raise CsvImportError([RowError(None, _("Het bestand bevat geen regels met cijfers."))])
    return rows, errors


def _raise_missing(missing: list[str]):
    raise CsvImportError(
        [
            RowError(
                None,
                _(
                    "De kolommen %(missing)s ontbreken. De eerste regel moet de kolomnamen "
                    "bevatten: %(expected)s."
                )
                % {"missing": ", ".join(missing), "expected": ";".join(COLUMNS)},
            )
        ]
    )


def _parse_row(line: int, cells: list[str], positions: dict[str, int]):
    def cell(name: str) -> str:
        position = positions.get(name)
        return cells[position].strip() if position is not None and position < len(cells) else ""

    errors = []
    row = ParsedRow(line=line, provider_key=cell("aanbieder"))
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
        if field_name not in AMOUNT_FIELDS:
            continue
        text = cell(column)
        if not text:
            if required:
                errors.append(RowError(line, _("vul %(label)s in.") % {"label": label}))
            else:
                row.values[field_name] = Decimal(0)
            continue
        try:
            row.values[field_name] = parse_amount(text)
        except ValueError:
            errors.append(
                RowError(
                    line,
                    _("%(label)s ‘%(value)s’ is geen bedrag (bijvoorbeeld 1.250.000,00).")
                    % {"label": label, "value": text},
                )
            )
    return row, errors
