"""Which days the programme's history can answer for: 'stand op datum' and report dates.

History begins with the first programme of the region (its first record is dated by the plan,
see `populate_history`); before that there is nothing to show, and after today nothing yet.
"""

from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Min
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from core.scope import in_active_region

from .models import Programme, Project

# A report may be dated ahead to the end of the coming quarter, not further.
REPORT_DAYS_AHEAD = 92
# Municipalities hold the youth-care task since the Jeugdwet took effect; nothing is earlier.
YOUTH_ACT_IN_FORCE = date(2015, 1, 1)


@dataclass(frozen=True)
class DateRange:
    first: date
    last: date

    def __contains__(self, day: date) -> bool:
        return self.first <= day <= self.last

    def refusal(self, what: str) -> str:
        return _("%(what)s ligt buiten de periode van %(first)s tot en met %(last)s.") % {
            "what": what,
            "first": date_format(self.first, "j F Y"),
            "last": date_format(self.last, "j F Y"),
        }


def history_range(*, today: date) -> DateRange:
    """From the start of the region's first programme (or its first recorded project, when no
    programme has a start date) up to today."""
    first = Programme.objects.aggregate(first=Min("starts_on"))["first"]
    if first is None:
        recorded = in_active_region(Project.history.all(), "programme__region")
        first_record = recorded.aggregate(first=Min("history_date"))["first"]
        first = timezone.localdate(first_record) if first_record else today
    return DateRange(first=min(first, today), last=today)


def report_date_range(project: Project, *, today: date) -> DateRange:
    """From the project's start (else its programme's, else the Jeugdwet's) to the end of the
    coming quarter."""
    first = project.starts_on or project.programme.starts_on or YOUTH_ACT_IN_FORCE
    return DateRange(first=min(first, today), last=today + timedelta(days=REPORT_DAYS_AHEAD))
