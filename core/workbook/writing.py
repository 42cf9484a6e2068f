"""The workbook as tables for the export writer: the explanation sheet and every sheet's rows."""

from __future__ import annotations

from collections.abc import Iterable

from django.utils.translation import gettext as _

from .sheets import CHOICE, DATE, EXPLANATION_SHEET, REFERENCES, Sheet


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
