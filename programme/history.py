"""Which days the programme's history can answer for: 'stand op datum' and report dates.

History begins with the first recorded state of the region's projects (for the fixtures, the
plan's date: see `populate_history`); before that there is nothing to show, after today nothing
yet.
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
    """From the first recorded state of the region's programme projects up to today.

    The first record of a project loaded from the fixtures is dated by the plan; a region without
    any record yet starts at the start of its first programme.
    """
    recorded = in_active_region(Project.history.filter(theme__isnull=False), "programme__region")
    first_record = recorded.aggregate(first=Min("history_date"))["first"]
    if first_record is not None:
        first = timezone.localdate(first_record)
    else:
        first = Programme.objects.aggregate(first=Min("starts_on"))["first"] or today
    return DateRange(first=min(first, today), last=today)


def report_date_range(project: Project, *, today: date) -> DateRange:
    """From the project's start (else its programme's, else the Jeugdwet's) to the end of the
    coming quarter."""
    first = project.starts_on or project.programme.starts_on or YOUTH_ACT_IN_FORCE
    return DateRange(first=min(first, today), last=today + timedelta(days=REPORT_DAYS_AHEAD))


def delivery_date_range(project: Project, *, today: date) -> DateRange:
    """A delivery is recorded after the fact: from the project's start up to today."""
    first = project.starts_on or project.programme.starts_on or YOUTH_ACT_IN_FORCE
    return DateRange(first=min(first, today), last=today)
