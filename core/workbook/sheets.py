"""A sheet of the workbook: its columns, how a cell is read, and how a row is found and saved."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from django.db import models
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.models import VersionedModel
from core.parsing import ParseError, parse_date, parse_percentage
from core.scope import region_id_of
from core.services import model_update

from .results import CHANGED, NEW, UNCHANGED, ImportContext, ParsedRow, RowProblem, SheetResult

TEXT = "text"
DATE = "date"
PERCENTAGE = "percentage"
INTEGER = "integer"
BOOLEAN = "boolean"
CHOICE = "choice"
REFERENCE = "reference"
REFERENCES = "references"

EXPLANATION_SHEET = gettext_lazy("Toelichting")
# The longest text a cell of the workbook may hold, for fields without a limit of their own (a
# project's goal): ten thousand characters are pages of text, far more than a plan's paragraph.
# It stays well below Excel's limit for a cell (32,767), where Excel and openpyxl cut longer text
# off without a word, so a text that was cut off cannot pass for a whole one.
MAX_CELL_CHARS = 10_000
_TRUE = {"ja", "j", "waar", "1", "x", "yes", "true"}
_FALSE = {"nee", "n", "onwaar", "0", "no", "false", ""}
_LIST_SEPARATORS = (",", ";", "\n")


@dataclass(frozen=True)
class Column:
    """One column of a sheet: the model field `name`, read and written as `kind`.

    `model` and `to` for references: the referred model and its fields that identify a row,
    tried in order (a theme by its slug or its number). `late`: the reference may point at a row
    of the same sheet or a later one, so it is set after every sheet's rows exist. `resolve`
    and `show` replace the reading of a reference and the value written on export, for columns
    whose meaning depends on another column of the row (an effort's sub-goal number).
    """

    name: str
    header: Any
    help: Any = ""
    kind: str = TEXT
    required: bool = False
    choices: type[models.TextChoices] | None = None
    model: type[models.Model] | None = None
    to: tuple[str, ...] = ("slug",)
    late: bool = False
    max_length: int | None = None
    resolve: Callable[[Any, dict, str], Any] | None = None
    show: Callable[[Any], Any] | None = None

    @property
    def is_reference(self) -> bool:
        return self.kind in (REFERENCE, REFERENCES)


def _field_max_length(model, name: str) -> int | None:
    try:
        return getattr(model._meta.get_field(name), "max_length", None)
    except Exception:
        return None


class Sheet:
    """A sheet of the workbook for one model; subclass and override where a model differs."""

    def __init__(
        self,
        *,
        key: str,
        title,
        description,
        model: type[models.Model],
        columns: Sequence[Column],
        lookup: Sequence[str],
        order: int = 100,
        new_fields: Callable[[ImportContext], dict] | None = None,
        periods: Sequence[tuple[str, str]] = (),
        ordering: Sequence[str] = ("pk",),
    ) -> None:
        self.key = key
        self.title = title
        self.description = description
        self.model = model
        self.columns = tuple(columns)
        self.lookup = tuple(lookup)
        self.order = order
        self.new_fields = new_fields or (lambda context: {"region": context.region})
        self.periods = tuple(periods)
        self.ordering = tuple(ordering)

    def __repr__(self) -> str:
        return f"<Sheet {self.key}>"

    # --- columns ---

    @property
    def headers(self) -> list[str]:
        return [str(column.header) for column in self.columns]

    def column(self, name: str) -> Column:
        return next(column for column in self.columns if column.name == name)

    def max_length(self, column: Column) -> int:
        return column.max_length or _field_max_length(self.model, column.name) or MAX_CELL_CHARS

    # --- export ---

    def queryset(self, region) -> models.QuerySet:
        """The region's rows in the order of the sheet, with what the columns show joined in."""
        fields = {field.name: field for field in self.model._meta.get_fields()}
        relations = [c for c in self.columns if c.is_reference and c.name in fields]
        one = [c.name for c in relations if c.kind == REFERENCE and fields[c.name].many_to_one]
        many = [c.name for c in relations if c.kind == REFERENCES]
        rows = self.model.objects.order_by(*self.ordering)
        return rows.select_related(*one).prefetch_related(*many)

    def export_rows(self, region) -> list[list]:
        return [
            [self.cell(instance, column) for column in self.columns]
            for instance in self.queryset(region)
        ]

    def cell(self, instance, column: Column):
        if column.show is not None:
            return column.show(instance)
        value = getattr(instance, column.name)
        if column.kind == REFERENCE:
            return "" if value is None else getattr(value, column.to[0])
        if column.kind == REFERENCES:
            return ", ".join(sorted(str(getattr(row, column.to[0])) for row in value.all()))
        if column.kind == CHOICE:
            return getattr(instance, f"get_{column.name}_display")() if value else ""
        return value

    # --- reading ---

    def read(self, column: Column, text: str):
        """The value of one cell; raises `ParseError` with a Dutch message."""
        if len(text) > MAX_CELL_CHARS or (
            column.kind == TEXT and len(text) > self.max_length(column)
        ):
            raise ParseError(
                _("te lang: %(length)s tekens, hoogstens %(max)s")
                % {
                    "length": f"{len(text):,}".replace(",", "."),
                    "max": f"{min(self.max_length(column), MAX_CELL_CHARS):,}".replace(",", "."),
                }
            )
        if column.kind == TEXT or column.is_reference:
            return text
        if column.kind == DATE:
            return parse_date(text) if text else None
        if column.kind == PERCENTAGE:
            return parse_percentage(text) if text else None
        if column.kind == INTEGER:
            if not text:
                return None
            if not text.isdigit() or len(text) > 5:
                raise ParseError(
                    _("‘%(text)s’ is geen geheel getal, zoals 1 of 12") % {"text": text}
                )
            return int(text)
        if column.kind == BOOLEAN:
            folded = text.casefold()
            if folded in _TRUE:
                return True
            if folded in _FALSE:
                return False
            raise ParseError(_("‘%(text)s’ is geen ja of nee") % {"text": text})
        if column.kind == CHOICE:
            return self.read_choice(column, text)
        raise ValueError(f"Unknown column kind {column.kind!r}")

    def read_choice(self, column: Column, text: str) -> str:
        if not text:
            default = self.model._meta.get_field(column.name).default
            return default if isinstance(default, str) else ""
        folded = text.casefold()
        for value, label in column.choices.choices:
            if folded in (str(value).casefold(), str(label).casefold()):
                return value
        raise ParseError(
            _("‘%(text)s’ is geen keuze van %(column)s; kies uit: %(choices)s")
            % {
                "text": text,
                "column": column.header,
                "choices": ", ".join(
                    str(label) for value, label in column.choices.choices if value
                ),
            }
        )

    def natural_key(self, row: ParsedRow) -> tuple | None:
        """What identifies the row within the sheet, for finding duplicates (None: nothing)."""
        key = tuple(row.texts.get(name, "").casefold() for name in self.lookup)
        return key if any(key) else None

    def key_text(self, row: ParsedRow) -> str:
        return " / ".join(row.texts.get(name, "") for name in self.lookup if row.texts.get(name))

    # --- applying ---

    def resolve_reference(self, context: ImportContext, column: Column, values: dict, text: str):
        if column.resolve is not None:
            return column.resolve(context, values, text)
        return find_by(column.model, column.to, text, column.header)

    def resolve(self, context: ImportContext, row: ParsedRow, *, late: bool) -> dict:
        """The row's values with references to rows; raises `RowProblem` for unknown ones."""
        values = dict(row.values)
        problems = []
        for column in self.columns:
            if not column.is_reference or column.late != late:
                continue
            text = row.values[column.name]
            try:
                if column.kind == REFERENCE:
                    values[column.name] = (
                        self.resolve_reference(context, column, values, text) if text else None
                    )
                else:
                    parts = [part.strip() for part in split_list(text)]
                    values[column.name] = [
                        self.resolve_reference(context, column, values, part) for part in parts
                    ]
            except ParseError as error:
                problems.append(f"{column.header}: {error.message}")
        if problems:
            raise RowProblem(*problems)
        return values

    def find(self, context: ImportContext, values: dict):
        """The region's row this one updates, or None for a new one."""
        return self.model.objects.filter(**{name: values[name] for name in self.lookup}).first()

    def foreign(self, context: ImportContext, values: dict) -> str | None:
        """Why a new row cannot be made: its key belongs to a row of another region."""
        plain = {name: values[name] for name in self.lookup if not self.column(name).is_reference}
        if not plain or len(plain) < len(self.lookup):
            return None
        # Across regions on purpose (the base manager): only to refuse, never to show or change.
        other = self.model._base_manager.filter(**plain).first()
        if other is not None and region_id_of(other) != getattr(context.region, "pk", None):
            return _("%(key)s bestaat al in een andere regio.") % {
                "key": " / ".join(str(value) for value in plain.values())
            }
        return None

    def new_instance(self, context: ImportContext, values: dict):
        return self.model(**self.new_fields(context))

    def current(self, instance, column: Column):
        if column.kind == REFERENCES:
            return (
                set(getattr(instance, column.name).values_list("pk", flat=True))
                if instance.pk
                else set()
            )
        if column.kind == REFERENCE:
            return getattr(instance, f"{column.name}_id")
        return getattr(instance, column.name)

    def differs(self, instance, column: Column, value) -> bool:
        current = self.current(instance, column)
        if column.kind == REFERENCES:
            return current != {row.pk for row in value}
        if column.kind == REFERENCE:
            return current != (value.pk if value is not None else None)
        if column.kind == TEXT:
            return (current or "").strip() != (value or "")
        return current != value

    def changes(self, instance, values: dict, *, late: bool, creating: bool) -> dict:
        changes = {}
        for column in self.columns:
            if column.late != late or column.name not in values:
                continue
            value = values[column.name]
            if creating and not late or self.differs(instance, column, value):
                changes[column.name] = value
        return changes

    def check_row(self, instance, changes: dict) -> None:
        """Rules across the fields of the row (periods the right way round); raises `RowProblem`."""
        problems = []
        for start_name, end_name in self.periods:
            start = changes.get(start_name, getattr(instance, start_name))
            end = changes.get(end_name, getattr(instance, end_name))
            if start and end and start > end:
                problems.append(
                    _("%(end_label)s (%(end)s) ligt vóór %(start_label)s (%(start)s); draai ze om.")
                    % {
                        "start_label": _lower_first(str(self.column(start_name).header)),
                        "end_label": capfirst(str(self.column(end_name).header)),
                        "start": f"{start:%d-%m-%Y}",
                        "end": f"{end:%d-%m-%Y}",
                    }
                )
        if problems:
            raise RowProblem(*problems)

    def save(self, context: ImportContext, instance, changes: dict, *, creating: bool) -> None:
        many = {
            name: value for name, value in changes.items() if self.column(name).kind == REFERENCES
        }
        plain = {name: value for name, value in changes.items() if name not in many}
        if plain or creating:
            if not creating and isinstance(instance, VersionedModel):
                model_update(
                    instance=instance,
                    expected_version=instance.edit_version,
                    data=plain,
                    user=context.user,
                    reason=context.reason,
                )
            else:
                for name, value in plain.items():
                    setattr(instance, name, value)
                if context.user is not None:
                    instance._history_user = context.user
                instance._change_reason = context.reason
                instance.full_clean()
                instance.save()
        for name, rows in many.items():
            getattr(instance, name).set(rows)

    def apply_row(self, context: ImportContext, row: ParsedRow, *, late: bool, instance=None):
        """Save the row (or, when `late`, its late references); returns (action, instance)."""
        values = self.resolve(context, row, late=late)
        creating = False
        if not late:
            instance = self.find(context, values)
            if instance is None:
                problem = self.foreign(context, values)
                if problem:
                    raise RowProblem(problem)
                instance = self.new_instance(context, values)
                creating = True
        changes = self.changes(instance, values, late=late, creating=creating)
        if not late:
            self.check_row(instance, changes)
        if creating or changes:
            self.save(context, instance, changes, creating=creating)
        action = NEW if creating else CHANGED if changes else UNCHANGED
        return action, instance

    def notes(self, context: ImportContext, instance) -> list[str]:
        """Remarks on a row that do not stop the import (a time target kept but not read)."""
        return []

    def check(self, context: ImportContext, result: SheetResult, rows: list[ParsedRow]) -> None:
        """Problems only the whole sheet shows; add them to `result`."""


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def split_list(text: str) -> list[str]:
    parts = [text]
    for separator in _LIST_SEPARATORS:
        parts = [piece for part in parts for piece in part.split(separator)]
    return [part for part in (piece.strip() for piece in parts) if part]


def find_by(model, fields: Sequence[str], text: str, header) -> models.Model:
    """The region's row of `model` that `text` names by one of `fields`; or a `ParseError`."""
    for name in fields:
        rows = list(model.objects.filter(**{f"{name}__iexact": text})[:2])
        if len(rows) == 1:
            return rows[0]
        if len(rows) > 1:
            raise ParseError(
                _("%(column)s ‘%(text)s’ is niet eenduidig; gebruik de sleutel")
                % {"column": capfirst(str(header)), "text": text}
            )
    raise ParseError(
        _("‘%(text)s’ is geen %(what)s van deze regio (en staat niet eerder in de werkmap)")
        % {"what": str(model._meta.verbose_name), "text": text}
    )
