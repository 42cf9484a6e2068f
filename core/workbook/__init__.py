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

from .engine import Parsed, apply, parse, validation_messages
from .results import (
    ACTION_LABELS,
    CHANGED,
    NEW,
    UNCHANGED,
    ImportContext,
    ParsedRow,
    Plan,
    RowProblem,
    RowResult,
    SheetResult,
)
from .sheets import (
    BOOLEAN,
    CHOICE,
    DATE,
    EXPLANATION_SHEET,
    INTEGER,
    MAX_CELL_CHARS,
    PERCENTAGE,
    REFERENCE,
    REFERENCES,
    TEXT,
    Column,
    Sheet,
    find_by,
    split_list,
)
from .writing import explanation_rows, workbook_tables

__all__ = [
    "ACTION_LABELS",
    "BOOLEAN",
    "CHANGED",
    "CHOICE",
    "DATE",
    "EXPLANATION_SHEET",
    "INTEGER",
    "MAX_CELL_CHARS",
    "NEW",
    "PERCENTAGE",
    "REFERENCE",
    "REFERENCES",
    "TEXT",
    "UNCHANGED",
    "Column",
    "ImportContext",
    "Parsed",
    "ParsedRow",
    "Plan",
    "RowProblem",
    "RowResult",
    "Sheet",
    "SheetResult",
    "apply",
    "explanation_rows",
    "find_by",
    "parse",
    "split_list",
    "validation_messages",
    "workbook_tables",
]
