"""Next due dates of recurring efforts (e.g. the expert team reports every quarter)."""

from datetime import date

from .constants import Recurrence

MONTHS_BETWEEN = {
    Recurrence.MONTHLY: 1,
    Recurrence.BIMONTHLY: 2,
    Recurrence.QUARTERLY: 3,
    Recurrence.YEARLY: 12,
}


def _add_months(day: date, months: int) -> date:
    month_index = day.month - 1 + months
    return date(day.year + month_index // 12, month_index % 12 + 1, 1)


def next_due_date(recurrence: str, *, anchor: date, today: date) -> date | None:
    """The first period end on or after today, counting periods from the first of `anchor`'s month.

    A quarterly effort anchored on 1 January 2022 is due on 31 March, 30 June, … of every year.
    """
    months = MONTHS_BETWEEN.get(recurrence)
    if months is None:
        return None
    period_start = date(anchor.year, anchor.month, 1)
    while True:
        next_start = _add_months(period_start, months)
        period_end = date.fromordinal(next_start.toordinal() - 1)
        if period_end >= today:
            return period_end
        period_start = next_start
