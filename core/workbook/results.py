"""What an import does, per sheet and row: the action and every problem, in Dutch."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.utils.translation import gettext_lazy

if TYPE_CHECKING:
    from .sheets import Sheet

NEW = "new"
CHANGED = "changed"
UNCHANGED = "unchanged"
ACTION_LABELS = {
    NEW: gettext_lazy("nieuw"),
    CHANGED: gettext_lazy("gewijzigd"),
    UNCHANGED: gettext_lazy("ongewijzigd"),
}


class RowProblem(Exception):
    """Raised while applying a row: the Dutch reasons it cannot be saved."""

    def __init__(self, *messages: str) -> None:
        super().__init__(*messages)
        self.messages = list(messages)


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
    # `progress(done, total, note)` hears of every sheet before it is applied (a background job).
    progress: Any = None
