"""Reading a workbook's sheets (`parse`) and saving their rows (`apply`); see the package text."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from core.parsing import ParseError
from core.tabular import Table

from .results import (
    CHANGED,
    UNCHANGED,
    ImportContext,
    ParsedRow,
    Plan,
    RowProblem,
    RowResult,
    SheetResult,
)
from .sheets import EXPLANATION_SHEET, Sheet


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
    for number, sheet in enumerate(sheets):
        if context.progress is not None:
            note = _("Werkblad %(number)d van %(total)d: %(title)s") % {
                "number": number + 1,
                "total": len(sheets),
                "title": sheet.title,
            }
            context.progress(number, len(sheets), note)
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
