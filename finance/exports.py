"""The finance pages as tables for the export writer (`core.exports`): headers and rows of values.

Each function takes what its page already read, so an export shows exactly the page's rows (the
budgets as filtered) and costs no queries of its own. Amounts are `Decimal` (number cells), an
absent amount is an empty cell, and a yes/no is a boolean ('ja'/'nee').
"""

from django.utils.translation import gettext as _

from finance.constants import FundingKind
from finance.models import Budget
from finance.selectors.funding import FundingRow
from finance.selectors.savings import MunicipalitySavings


def budget_lines_table(budgets: list[Budget]) -> tuple[list, list[list]]:
    """One row per budget line, with its budget's year, owner and kind in front."""
    headers = [
        _("Jaar"),
        _("Eigenaar"),
        _("Begroting"),
        _("Baten of lasten"),
        _("Omschrijving"),
        _("Bedrag (€)"),
        _("Pro memorie"),
        _("Project"),
        _("Overgeheveld uit"),
    ]
    rows = [
        [
            budget.year,
            budget.owner.abbreviation or budget.owner.name,
            budget.get_kind_display(),
            line.get_direction_display(),
            line.label,
            line.amount,
            line.is_pro_memorie,
            str(line.project) if line.project_id else "",
            ", ".join(str(source) for source in line.carried_over_from.all()),
        ]
        for budget in budgets
        for line in budget.lines.all()
    ]
    return headers, rows


def savings_table(municipalities: list[MunicipalitySavings]) -> tuple[list, list[list]]:
    """One row per measure and year; the structural effect is the row without a year."""
    headers = [_("Gemeente"), _("Maatregel"), _("Jaar"), _("Netto effect (€)"), _("Bron")]
    rows = []
    for item in municipalities:
        for row in item.rows:
            for year, amount in zip(item.years, row.cells, strict=True):
                if amount is not None:
                    rows.append([item.municipality.name, row.name, year, amount, row.source])
            if row.structural is not None:
                rows.append(
                    [item.municipality.name, row.name, _("structureel"), row.structural, row.source]
                )
    return headers, rows


def funding_table(matrix: list[FundingRow]) -> tuple[list, list[list]]:
    """Projects × funding kinds: 'ja' or 'nee' per kind, then the remarks of the kinds that pay."""
    headers = [_("Code"), _("Project")]
    headers += [label for _kind, label in FundingKind.choices]
    headers.append(_("Toelichting"))
    rows = []
    for row in matrix:
        notes = [
            f"{cell.label}: {cell.source.note}"
            for cell in row.cells
            if cell.source and cell.source.note
        ]
        rows.append(
            [row.project.code, row.project.name]
            + [cell.source is not None for cell in row.cells]
            + ["; ".join(notes)]
        )
    return headers, rows
