"""Due dates of recurring efforts (the expert team reports every quarter, and every two months).

The first delivery is due at the end of the first period counted from the first of the anchor's
month; every next one an interval after the last recorded delivery. Nothing is due after the
project's end.
"""

import calendar
from datetime import date

from .constants import Recurrence

MONTHS_BETWEEN = {
    Recurrence.MONTHLY: 1,
    Recurrence.BIMONTHLY: 2,
    Recurrence.QUARTERLY: 3,
    Recurrence.YEARLY: 12,
}


def _add_months(day: date, months: int) -> date:
    """The same day `months` later, or that month's last day when it is shorter."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def next_due_date(
    recurrence: str, *, anchor: date, last_delivery: date | None, ends_on: date | None
) -> date | None:
    """When the next delivery is due, or None when the effort does not recur or the project
    has ended by then.

    Quarterly from 1 January 2022: due 31 March 2022 while nothing is delivered; after a delivery
    on 5 April 2022, due 5 July 2022.
    """
    months = MONTHS_BETWEEN.get(recurrence)
    if months is None:
        return None
    if last_delivery is None:
        first_of_month = date(anchor.year, anchor.month, 1)
        due = date.fromordinal(_add_months(first_of_month, months).toordinal() - 1)
    else:
        due = _add_months(last_delivery, months)
    if ends_on is not None and due > ends_on:
        return None
    return due
