"""Live data blocks in letters: building them, their rows, their CSV, and the free table block.

A block type (see `core.registry.LetterBlockType`) validates its parameters with a form and
`build(params, municipality)` returns a snapshot with at least `title`, `columns` and `rows`.
A row is a list of cell values, or a dict with `cells` (that list) and optionally `highlight`
(true for the addressed municipality's own row) and `status` (a status value for a coloured
badge in the column `status_column`); a dict keyed by the column names works too. Optional keys:
`highlight` (the index of the own row, as finance's allocation block gives it), `values` (the
rows as plain values for the CSV attachment, when `rows` holds formatted text),
`numeric_columns` (indexes to right-align), `status_column` (index) and `note` (a line under the
table, e.g. the date of the data).

A block's template gets `block` (the data) and `rows` (the rows in one shape, `BlockRow`).
"""

import json
import logging
import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.exports import write_csv
from core.registry import LetterBlockType, registry
from core.scope import region_scope
from core.tabular import TabularError, read_text

logger = logging.getLogger(__name__)

FREE_TABLE_KEY = "table"
GENERIC_TEMPLATE = "governance/letters/blocks/table.html"
MAX_ROWS = 200
MAX_COLUMNS = 12


class BlockError(Exception):
    """A block cannot be built; the message is for the person composing the letter."""


def block_type_of(key: str) -> LetterBlockType | None:
    return registry.letter_blocks.get(key)


def block_type_choices() -> list[tuple[str, str]]:
    return sorted(
        ((key, str(block.label)) for key, block in registry.letter_blocks.items()),
        key=lambda choice: choice[1],
    )


def _json_safe(value: Any) -> Any:
    """Decimals, dates and lazy strings as JSON would store them, so live equals snapshot."""
    return json.loads(json.dumps(value, cls=DjangoJSONEncoder))


def raw_params(form: forms.Form) -> dict:
    """A valid block form's input as typed, to store as JSON and validate again at each build."""
    return _json_safe({name: form[name].value() for name in form.fields})


def bound_params_form(block_type: LetterBlockType, params: dict) -> forms.Form:
    """The block's parameter form bound to `params`; its choices are the active region's rows."""
    return block_type.form_class(data=params)


def build_block(key: str, params: dict, municipality, *, region) -> dict:
    """Validate the stored parameters again and build the block's data for one municipality.

    Both run in `region`'s scope (the letter's region), whoever asks and from wherever: a block
    can neither be set to nor show another region's rows.
    """
    with region_scope(region):
        return _build_block(key, params, municipality, region)


def _build_block(key: str, params: dict, municipality, region) -> dict:
    block_type = block_type_of(key)
    if block_type is None:
        raise BlockError(_("Onbekend soort blok '%(key)s'.") % {"key": key})
    form = bound_params_form(block_type, params)
    if not form.is_valid():
        problems = "; ".join(
            str(message) for messages in form.errors.values() for message in messages
        )
        raise BlockError(
            _("De instellingen van dit blok kloppen niet meer: %(problems)s")
            % {"problems": problems}
        )
    try:
        data = block_type.build(region, form.cleaned_data, municipality)
    except ValidationError as error:
        raise BlockError(" ".join(error.messages)) from error
    except ValueError as error:  # block types report bad data this way, in Dutch
        raise BlockError(str(error)) from error
    except Exception as error:  # a block of another app failing must not break the letter page
        logger.exception("Letter block %s failed to build", key)
        raise BlockError(
            _("Het blok '%(label)s' kon niet worden opgebouwd.") % {"label": block_type.label}
        ) from error
    data = _json_safe(data)
    if not isinstance(data, dict) or "columns" not in data or "rows" not in data:
        raise BlockError(
            _("Het blok '%(label)s' leverde geen tabel op.") % {"label": block_type.label}
        )
    return data


@dataclass(frozen=True)
class BlockRow:
    cells: list
    highlight: bool = False
    status: str = ""


def block_rows(data: dict, *, key: str = "rows") -> list[BlockRow]:
    """The rows of a block's data in one shape, whichever of the documented shapes it used."""
    columns = list(data.get("columns") or [])
    own = data.get("highlight")
    own = own if isinstance(own, int) and not isinstance(own, bool) else None
    rows = []
    for index, row in enumerate(data.get(key) or []):
        if isinstance(row, dict):
            if "cells" in row:
                cells = list(row["cells"])
            else:
                cells = [row.get(str(column), "") for column in columns]
            rows.append(
                BlockRow(
                    cells=cells,
                    highlight=bool(row.get("highlight")),
                    status=str(row.get("status") or ""),
                )
            )
        elif isinstance(row, list | tuple):
            rows.append(BlockRow(cells=list(row), highlight=index == own))
        else:
            rows.append(BlockRow(cells=[row], highlight=index == own))
    return rows


_PLAIN_NUMBER = re.compile(r"-?[0-9]+(?:\.[0-9]+)?")


def _plain_value(value):
    """A block's `values` hold numbers as JSON keeps Decimals, as text ('70426.92'): numbers."""
    if isinstance(value, str) and _PLAIN_NUMBER.fullmatch(value):
        return Decimal(value)
    return value


def block_csv(data: dict) -> bytes:
    """The block's table as CSV for Dutch Excel (`core.exports`); the plain `values` when the
    block gives them (as numbers), else the rows as printed."""
    if data.get("values"):
        rows = [
            [_plain_value(cell) for cell in row.cells] for row in block_rows(data, key="values")
        ]
    else:
        rows = [row.cells for row in block_rows(data)]
    return write_csv(data.get("columns") or [], rows)


# --- The free table: a title and a table pasted or typed by the author ------------------------

NUMBER = re.compile(r"^[−\-+]?\s*(€\s*)?[\d.]+(,\d+)?\s*%?$")
# Commas are not a separator: Dutch amounts use them (12,5%).
FREE_TABLE_DELIMITERS = ("\t", ";", "|")


def parse_table(text: str) -> tuple[list[str], list[list[str]]]:
    """Header and rows of a pasted table: tabs (from a spreadsheet), semicolons or bars."""
    if not text.strip():
        raise ValidationError(_("De tabel is leeg."), code="empty")
    try:
        table = read_text(
            text, header=False, max_rows=10 * MAX_ROWS, delimiters=FREE_TABLE_DELIMITERS
        )
    except TabularError as error:
        raise ValidationError(error.message, code="unreadable") from None
    records = [(row.number, list(row.cells)) for row in table.rows]
    if table.delimiter == "|":  # '| a | b |' (Markdown style) starts with an empty cell
        records = [(number, cells[1:] if not cells[0] else cells) for number, cells in records]
        records = [
            (number, cells)
            for number, cells in records
            if cells and not all(set(cell) <= {"-", ":", ""} for cell in cells)
        ]
    if not records:
        raise ValidationError(_("De tabel is leeg."), code="empty")
    (_number, header), rows = records[0], records[1:]
    if not rows:
        raise ValidationError(
            _("Een tabel heeft een kopregel en minstens één rij."), code="no_rows"
        )
    if len(header) > MAX_COLUMNS:
        raise ValidationError(
            _("Een tabel heeft hoogstens %(max)d kolommen (nu %(count)d).")
            % {"max": MAX_COLUMNS, "count": len(header)},
            code="too_many_columns",
        )
    if len(rows) > MAX_ROWS:
        raise ValidationError(
            _("Een tabel heeft hoogstens %(max)d rijen (nu %(count)d).")
            % {"max": MAX_ROWS, "count": len(rows)},
            code="too_many_rows",
        )
    for number, cells in rows:
        if len(cells) > len(header):
            raise ValidationError(
                _("Rij %(row)d heeft %(found)d kolommen, de kopregel %(expected)d.")
                % {"row": number, "found": len(cells), "expected": len(header)},
                code="ragged",
            )
    # A spreadsheet drops empty cells at the end of a row.
    return header, [cells + [""] * (len(header) - len(cells)) for _number, cells in rows]


def numeric_columns(rows: list[list[str]]) -> list[int]:
    if not rows:
        return []
    width = len(rows[0])
    return [
        index
        for index in range(width)
        if any(row[index] for row in rows)
        and all(NUMBER.match(row[index]) for row in rows if row[index])
    ]


class FreeTableForm(forms.Form):
    title = forms.CharField(
        label=gettext_lazy("Titel van de tabel"),
        max_length=200,
        error_messages={"required": gettext_lazy("Geef de tabel een titel.")},
    )
    table = forms.CharField(
        label=gettext_lazy("Tabel"),
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=gettext_lazy(
            "Plak de tabel uit een spreadsheet, of typ hem: één regel per rij, de kolommen "
            "gescheiden door puntkomma's (;) of verticale strepen (|). De eerste regel bevat "
            "de kolomkoppen."
        ),
        error_messages={"required": gettext_lazy("Vul de tabel in.")},
    )

    def clean_table(self):
        text = self.cleaned_data["table"]
        parse_table(text)
        return text


def build_free_table(region, params: dict, municipality) -> dict:
    columns, rows = parse_table(params["table"])
    return {
        "title": params["title"],
        "columns": columns,
        "rows": rows,
        "numeric_columns": numeric_columns(rows),
    }


FREE_TABLE = LetterBlockType(
    key=FREE_TABLE_KEY,
    label=gettext_lazy("Vrije tabel"),
    form_class=FreeTableForm,
    build=build_free_table,
    template=GENERIC_TEMPLATE,
)


def register_free_table() -> None:
    if FREE_TABLE_KEY not in registry.letter_blocks:
        registry.register_letter_block(FREE_TABLE)


@dataclass
class BlockView:
    """A block as a letter shows it: its data (live or snapshot) or why it cannot be shown."""

    block: Any
    number: int
    label: str
    template: str
    data: dict | None = None
    error: str = ""
    rows: list[BlockRow] = field(default_factory=list)

    @property
    def title(self) -> str:
        return str((self.data or {}).get("title") or self.label)

    @property
    def attachment_name(self) -> str:
        from django.utils.text import slugify

        return f"blok-{self.number}-{slugify(self.title)[:50] or 'gegevens'}.csv"


def block_view(block, municipality, *, number: int) -> BlockView:
    """The block's snapshot for this municipality once issued; its live data before."""
    block_type = block_type_of(block.block_type)
    label = str(block_type.label) if block_type else block.block_type
    template = block_type.template if block_type else GENERIC_TEMPLATE
    view = BlockView(block=block, number=number, label=label, template=template)
    if block.snapshot is not None:
        data = block.snapshot.get(municipality.cbs_code) if municipality else None
        if data is None:
            view.error = _("Er zijn geen gegevens bewaard voor deze gemeente.")
            return view
        view.data = data
    else:
        try:
            view.data = build_block(
                block.block_type, block.params, municipality, region=block.section.letter.region
            )
        except BlockError as error:
            view.error = str(error)
            return view
    view.rows = block_rows(view.data)
    return view
