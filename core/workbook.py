"""The region workbook: one file with a sheet per kind of row, to export a region and to bring
one in (an Excel workbook, or a ZIP of `<sheet>.csv` files).

Each app declares its sheets (`Sheet`, registered with `core.registry.registry
.register_workbook_sheet` in its `AppConfig.ready()`); this module knows no app. A sheet names
its model, its columns (`Column`: a Dutch header, what a person writes in it, how it is read)
and the columns that identify a row (its natural key: a CBS code, a slug, a project's number
within its programme …).

Importing runs in three steps, all inside the target region's scope and one transaction, which
the caller commits or rolls back:

1. `parse(tables, sheets)` reads every cell: unknown sheets and missing or unknown columns are
   reported, dates and percentages are read the Dutch way (`core.parsing`), choices by their
   value or Dutch label, duplicates of a natural key within a sheet are refused;
2. `apply(parsed, sheets, context)` goes through the sheets in their order and saves each row
   that is new or changed (`full_clean()` first, the acting user and the reason in the
   history; rows people edit in forms through `core.services.model_update`, so that an open
   form sees the change). References are resolved by natural key among the region's rows, also
   those an earlier sheet just created; references to a row of the same or a later sheet
   (`Column.late`) are set once every sheet is done. A problem on one row is reported on that
   row (in a savepoint: the other rows go on, so every problem shows at once);
3. each sheet's `check` adds problems that only the whole shows (a key whose shares do not add
   up to 100%).

The result (`Plan`) holds per sheet and row: new, changed or unchanged, and every problem in
Dutch. A preview is the same run, rolled back; so the preview sees exactly what applying would
do. Rows that are not in the workbook are left alone: a workbook adds and updates, never
deletes.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import IntegrityError, models, transaction
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .models import VersionedModel
from .parsing import ParseError, parse_date, parse_percentage
from .scope import region_id_of
from .services import model_update
from .tabular import Table

TEXT = "text"
DATE = "date"
PERCENTAGE = "percentage"
INTEGER = "integer"
BOOLEAN = "boolean"
CHOICE = "choice"
REFERENCE = "reference"
REFERENCES = "references"

NEW = "new"
CHANGED = "changed"
UNCHANGED = "unchanged"
ACTION_LABELS = {
    NEW: gettext_lazy("nieuw"),
    CHANGED: gettext_lazy("gewijzigd"),
    UNCHANGED: gettext_lazy("ongewijzigd"),
}

EXPLANATION_SHEET = gettext_lazy("Toelichting")
# The longest text a cell of the workbook may hold, for fields without a limit of their own (a
# project's goal): ten thousand characters are pages of text, far more than a plan's paragraph.
# It stays well below Excel's limit for a cell (32,767), where Excel and openpyxl cut longer text
# off without a word, so a text that was cut off cannot pass for a whole one.
MAX_CELL_CHARS = 10_000
_TRUE = {"ja", "j", "waar", "1", "x", "yes", "true"}
_FALSE = {"nee", "n", "onwaar", "0", "no", "false", ""}
_LIST_SEPARATORS = (",", ";", "\n")


class RowProblem(Exception):
    """Raised while applying a row: the Dutch reasons it cannot be saved."""

    def __init__(self, *messages: str) -> None:
        super().__init__(*messages)
        self.messages = list(messages)


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


@dataclass
class ParsedRow:
    number: int
    texts: dict[str, str]  # column name -> the cell as written
    values: dict[str, Any]  # column name -> the value read (references still as text)
    problems: list[str] = field(default_factory=list)


@dataclass
class RowResult:
    number: int
    key: str
    action: str | None = None  # NEW, CHANGED, UNCHANGED; None when it has problems
    problems: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def action_label(self) -> str:
        return str(ACTION_LABELS.get(self.action, ""))


@dataclass
class SheetResult:
    sheet: Sheet
    present: bool = False
    rows: list[RowResult] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    def count(self, action: str) -> int:
        return sum(1 for row in self.rows if row.action == action)

    @property
    def new(self) -> int:
        return self.count(NEW)

    @property
    def changed(self) -> int:
        return self.count(CHANGED)

    @property
    def unchanged(self) -> int:
        return self.count(UNCHANGED)

    @property
    def title(self) -> str:
        return str(self.sheet.title)

    def row(self, number: int) -> RowResult | None:
        return next((row for row in self.rows if row.number == number), None)


@dataclass
class Plan:
    """What an import does (or would do), per sheet and row, and every problem with it."""

    sheets: list[SheetResult] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  # about the file as a whole
    applied: bool = False

    def sheet(self, key: str) -> SheetResult | None:
        return next((result for result in self.sheets if result.sheet.key == key), None)

    @property
    def ok(self) -> bool:
        return not self.problems and not any(
            result.problems or any(row.problems for row in result.rows) for result in self.sheets
        )

    @property
    def has_changes(self) -> bool:
        return any(result.new or result.changed for result in self.sheets)

    def problem_lines(self) -> list[tuple[str, int | None, str]]:
        """(sheet, row number or None, message) for every problem, in order."""
        lines = [("", None, message) for message in self.problems]
        for result in self.sheets:
            lines += [(result.title, None, message) for message in result.problems]
            for row in result.rows:
                lines += [(result.title, row.number, message) for message in row.problems]
        return lines

    def note_lines(self) -> list[tuple[str, int, str]]:
        return [
            (result.title, row.number, note)
            for result in self.sheets
            for row in result.rows
            for note in row.notes
        ]


@dataclass
class ImportContext:
    """What every sheet gets while applying: the region, who imports, the history's reason."""

    region: Any
    user: Any = None
    reason: str = ""
    # Anything a sheet keeps for later (the new user accounts, the keys touched, …).
    extra: dict[str, Any] = field(default_factory=dict)


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


# --- the steps ---------------------------------------------------------------------------------


@dataclass
class Parsed:
    """The workbook read: per sheet its rows with their values, and the problems found so far."""

    plan: Plan
    rows: dict[str, list[ParsedRow]] = field(default_factory=dict)


def _normal(title: str) -> str:
    return " ".join(str(title).split()).casefold()


def parse(tables: dict[str, Table], sheets: Sequence[Sheet]) -> Parsed:
    plan = Plan(sheets=[SheetResult(sheet) for sheet in sheets])
    parsed = Parsed(plan=plan)
    by_title = {_normal(sheet.title): sheet for sheet in sheets}
    by_title.update({_normal(sheet.key): sheet for sheet in sheets})
    expected = ", ".join(str(sheet.title) for sheet in sheets)
    for title, table in tables.items():
        if _normal(title) == _normal(EXPLANATION_SHEET):
            continue
        sheet = by_title.get(_normal(title))
        if sheet is None:
            plan.problems.append(
                _("Onbekend werkblad ‘%(title)s’; de werkbladen heten: %(expected)s.")
                % {"title": title, "expected": expected}
            )
            continue
        result = plan.sheet(sheet.key)
        if result.present:
            plan.problems.append(
                _("Het werkblad ‘%(title)s’ staat er twee keer in.") % {"title": title}
            )
            continue
        result.present = True
        parsed.rows[sheet.key] = _parse_sheet(sheet, table, result)
    if not any(result.present for result in plan.sheets) and not plan.problems:
        plan.problems.append(
            _("De werkmap bevat geen van de werkbladen %(expected)s.") % {"expected": expected}
        )
    return parsed


def _parse_sheet(sheet: Sheet, table: Table, result: SheetResult) -> list[ParsedRow]:
    if table.header is None:
        return []
    headers = [_normal(header) for header in table.header]
    positions: dict[str, int] = {}
    for column in sheet.columns:
        header = _normal(column.header)
        if header in headers:
            positions[column.name] = headers.index(header)
        else:
            result.problems.append(
                _("De kolom ‘%(header)s’ ontbreekt.") % {"header": column.header}
            )
    known = {_normal(column.header) for column in sheet.columns}
    for header in table.header:
        if _normal(header) not in known:
            result.problems.append(_("Onbekende kolom ‘%(header)s’.") % {"header": header})
    seen_headers: set[str] = set()
    for header in headers:
        if header in seen_headers:
            result.problems.append(
                _("De kolom ‘%(header)s’ staat er twee keer in.") % {"header": header}
            )
        seen_headers.add(header)
    if result.problems:
        return []
    rows: list[ParsedRow] = []
    seen: dict[tuple, int] = {}
    for table_row in table.rows:
        texts = {name: table_row.cell(index) for name, index in positions.items()}
        row = ParsedRow(number=table_row.number, texts=texts, values={})
        extra = [cell for cell in table_row.cells[len(table.header) :] if cell]
        if extra:
            row.problems.append(_("deze rij heeft meer cellen dan er kolommen zijn"))
        for column in sheet.columns:
            text = texts[column.name]
            if column.required and not text:
                row.problems.append(_("‘%(header)s’ is leeg") % {"header": column.header})
                continue
            try:
                row.values[column.name] = sheet.read(column, text)
            except ParseError as error:
                row.problems.append(f"{column.header}: {error.message}")
        key = sheet.natural_key(row)
        if key is not None:
            if key in seen:
                row.problems.append(
                    _("%(key)s staat al op rij %(row)d")
                    % {"key": sheet.key_text(row), "row": seen[key]}
                )
            else:
                seen[key] = row.number
        result.rows.append(
            RowResult(number=row.number, key=sheet.key_text(row), problems=list(row.problems))
        )
        rows.append(row)
    return rows


def validation_messages(sheet: Sheet, error: ValidationError) -> list[str]:
    if not hasattr(error, "error_dict"):
        return list(error.messages)
    messages = []
    for name, errors in error.message_dict.items():
        header = next((column.header for column in sheet.columns if column.name == name), None)
        for message in errors:
            messages.append(
                message if name == NON_FIELD_ERRORS or header is None else f"{header}: {message}"
            )
    return messages


def _attempt(sheet: Sheet, row_result: RowResult, work: Callable[[], Any]):
    """Run one row's work in a savepoint; a problem is reported on the row, not raised."""
    try:
        with transaction.atomic():
            return work()
    except RowProblem as problem:
        row_result.problems.extend(problem.messages)
    except ValidationError as error:
        row_result.problems.extend(validation_messages(sheet, error))
    except IntegrityError:
        row_result.problems.append(
            _(
                "deze rij botst met een bestaande rij (dezelfde sleutel of hetzelfde nummer, "
                "mogelijk in een andere regio)"
            )
        )
    return None


def apply(parsed: Parsed, sheets: Sequence[Sheet], context: ImportContext) -> Plan:
    """Save every row of the workbook in the open scope and transaction; see the module text."""
    plan = parsed.plan
    done: list[tuple[Sheet, RowResult, ParsedRow, Any]] = []
    for sheet in sheets:
        result = plan.sheet(sheet.key)
        for row in parsed.rows.get(sheet.key, []):
            row_result = result.row(row.number)
            if row_result.problems:
                continue
            outcome = _attempt(
                sheet, row_result, lambda s=sheet, r=row: s.apply_row(context, r, late=False)
            )
            if outcome is not None:
                row_result.action, instance = outcome
                done.append((sheet, row_result, row, instance))
    for sheet, row_result, row, instance in done:
        if not any(column.late for column in sheet.columns):
            continue
        outcome = _attempt(
            sheet,
            row_result,
            lambda s=sheet, r=row, i=instance: s.apply_row(context, r, late=True, instance=i),
        )
        if outcome is None:
            row_result.action = None
        elif outcome[0] == CHANGED and row_result.action == UNCHANGED:
            row_result.action = CHANGED
    for sheet, row_result, _row, instance in done:
        if row_result.action is not None:
            row_result.notes.extend(sheet.notes(context, instance))
    for sheet in sheets:
        result = plan.sheet(sheet.key)
        if result.present:
            sheet.check(context, result, parsed.rows.get(sheet.key, []))
    for result in plan.sheets:
        for row_result in result.rows:
            if row_result.problems:
                row_result.action = None
    return plan


# --- writing -----------------------------------------------------------------------------------


def explanation_rows(sheets: Iterable[Sheet]) -> tuple[list, list[list]]:
    """The explanation sheet: every sheet and column, what it holds, whether it is required."""
    headers = [_("Werkblad"), _("Kolom"), _("Verplicht"), _("Toelichting")]
    rows = []
    for sheet in sheets:
        rows.append([str(sheet.title), "", "", str(sheet.description)])
        for column in sheet.columns:
            help_text = str(column.help)
            if column.kind == CHOICE:
                help_text += " " + _("Kies uit: %(choices)s.") % {
                    "choices": ", ".join(
                        str(label) for value, label in column.choices.choices if value
                    )
                }
            elif column.kind == DATE:
                help_text += " " + _("Een datum, zoals 20-04-2021.")
            elif column.kind == REFERENCES:
                help_text += " " + _("Meerdere gescheiden door komma's.")
            rows.append([str(sheet.title), str(column.header), column.required, help_text.strip()])
    return headers, rows


def workbook_tables(
    sheets: Iterable[Sheet], region=None, *, explanation: bool = False
) -> list[tuple]:
    """The `(title, headers, rows)` of each sheet (empty without a region), for the writer."""
    sheets = list(sheets)
    tables = []
    if explanation:
        headers, rows = explanation_rows(sheets)
        tables.append((str(EXPLANATION_SHEET), headers, rows))
    for sheet in sheets:
        rows = sheet.export_rows(region) if region is not None else []
        tables.append((str(sheet.title), sheet.headers, rows))
    return tables
