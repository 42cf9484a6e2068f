"""The programme dashboard of the Netwerk MT Jeugd: every theme and project on one page.

Built from a fixed number of queries (projects, efforts, adopted-report dates, themes) and
aggregated in Python, so that the same code serves today's state and the state 'as of' an earlier
day, read from the history tables.
"""

import functools
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.db.models import Max
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.text import Truncator
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from core.charts import Series, proportion_bar, stacked_bars
from core.formatting import format_date
from core.scope import in_active_region
from governance.models import Municipality, Person

from .constants import (
    FINISHED_PROJECT_STATUSES,
    PROJECT_STATUSES_NEEDING_REASON,
    EffortStatus,
    ProjectStatus,
    ReportStatus,
)
from .models import Effort, ProgressReport, Project, Theme
from .models.efforts import effort_is_overdue
from .selectors import (
    STALE_AFTER_DAYS,
    effort_is_due_in,
    end_of_day,
    last_update,
    quarter_bounds,
    stale_before,
)

STATUS_SERIES = [
    Series(EffortStatus.ACHIEVED, EffortStatus.ACHIEVED.label, "#1a6b2f"),
    Series(EffortStatus.IN_PROGRESS, EffortStatus.IN_PROGRESS.label, "#b36b00"),
    Series(EffortStatus.NOT_ACHIEVED, EffortStatus.NOT_ACHIEVED.label, "#a4161a"),
    Series(EffortStatus.UNKNOWN, EffortStatus.UNKNOWN.label, "#6b6b6b"),
]


@dataclass(frozen=True)
class DashboardFilters:
    theme: Theme | None = None
    lead_municipality: Municipality | None = None
    overall_status: str = ""
    overdue_only: bool = False
    as_of: date | None = None

    def day(self) -> date:
        """The day the figures are of: 'stand op datum', else today."""
        return self.as_of or timezone.localdate()


@functools.lru_cache(maxsize=64)
def _effort_status_label(status: str, language: str | None) -> str:
    """An effort status's label, translated once per language (the dashboard shows hundreds)."""
    return str(EffortStatus(status).label)


@dataclass
class EffortLine:
    """An effort as a red or due mark explains it: its target, since when, its last remark."""

    project_code: str
    project_name: str
    text: str
    time_target: str
    target_end: date | None
    status: str
    remark: str = ""
    changed_on: date | None = None

    @property
    def status_label(self) -> str:
        return _effort_status_label(self.status, get_language())

    @property
    def overdue_since(self) -> date | None:
        return self.target_end + timedelta(days=1) if self.target_end else None


def effort_reasons(lines: list[EffortLine], *, overdue: bool) -> SafeString:
    """The list behind a red mark: each effort's target, since when, its status and last remark.

    Built here rather than by an include per project: a region's dashboard shows hundreds of
    these, and a template include with its translations per line dominated the page's time.
    """
    # Translated once per list, not once per line.
    target, last_remark, none = _("tijdsdoel"), _("laatste opmerking"), _("geen")
    status_labels = {status.value: str(status.label).lower() for status in EffortStatus}

    def item(line: EffortLine):
        period = ""
        if overdue and line.overdue_since:
            since = format_date(line.overdue_since)
            period = " · " + _("verlopen sinds %(date)s") % {"date": since}
        changed = ""
        if line.changed_on:
            changed = " " + _("sinds de wijziging van %(date)s") % {
                "date": format_date(line.changed_on)
            }
        remark = f"“{Truncator(line.remark).chars(300)}”" if line.remark else none
        return (
            Truncator(line.text).chars(140),
            target,
            line.time_target or "–",
            period,
            status_labels.get(line.status, line.status),
            changed,
            last_remark,
            remark,
        )

    items = format_html_join(
        "\n",
        '<li><strong>{}</strong><br>\n    <span class="small">{}: {}{} · {}{}</span><br>\n'
        '    <span class="small">{}: {}</span></li>',
        (item(line) for line in lines),
    )
    return format_html('<ul class="reasons">{}</ul>', items)


@dataclass
class ProjectRow:
    project: Project
    administrative_sponsor: Person | None
    official_sponsor: Person | None
    contractor: Person | None
    counts: Counter = field(default_factory=Counter)
    overdue: list[EffortLine] = field(default_factory=list)
    not_achieved: list[EffortLine] = field(default_factory=list)
    due_this_quarter: list[EffortLine] = field(default_factory=list)
    last_update: datetime | None = None
    last_adopted_report: date | None = None
    stale: bool = False

    @property
    def effort_total(self) -> int:
        return sum(self.counts.values())

    @property
    def status_counts(self) -> list[tuple[Series, int]]:
        return [(item, self.counts[item.key]) for item in STATUS_SERIES]

    @property
    def status_bar(self) -> str:
        label = ", ".join(f"{item.label} {count}" for item, count in self.status_counts)
        return proportion_bar(label=label, values=dict(self.counts), series=STATUS_SERIES)

    @property
    def overdue_reasons(self) -> SafeString:
        return effort_reasons(self.overdue, overdue=True)

    @property
    def not_achieved_reasons(self) -> SafeString:
        return effort_reasons(self.not_achieved, overdue=False)

    @property
    def overall_status_label(self) -> str:
        return ProjectStatus(self.project.overall_status).label

    @property
    def overall_status_is_red(self) -> bool:
        return self.project.overall_status in PROJECT_STATUSES_NEEDING_REASON


@dataclass
class ThemeBlock:
    theme: Theme
    projects: list[ProjectRow]

    @property
    def counts(self) -> Counter:
        total = Counter()
        for row in self.projects:
            total.update(row.counts)
        return total


@dataclass
class Dashboard:
    themes: list[ThemeBlock]
    today: date
    as_of: date | None
    status_chart: str
    stale_after_days: int = STALE_AFTER_DAYS

    @property
    def projects(self) -> list[ProjectRow]:
        return [row for block in self.themes for row in block.projects]

    @property
    def overdue(self) -> list[EffortLine]:
        return [line for row in self.projects for line in row.overdue]

    @property
    def not_achieved(self) -> list[EffortLine]:
        return [line for row in self.projects for line in row.not_achieved]

    @property
    def due_this_quarter(self) -> list[EffortLine]:
        return [line for row in self.projects for line in row.due_this_quarter]


def _projects(filters: DashboardFilters):
    if filters.as_of:
        # History is not scoped by the managers: limit it to the region explicitly.
        projects = in_active_region(
            Project.history.as_of(end_of_day(filters.as_of)), "programme__region"
        )
    else:
        projects = Project.objects.all()
    projects = projects.filter(theme__isnull=False)
    if filters.theme:
        projects = projects.filter(theme=filters.theme)
    if filters.lead_municipality:
        projects = projects.filter(lead_municipality=filters.lead_municipality)
    if filters.overall_status:
        projects = projects.filter(overall_status=filters.overall_status)
    return list(projects.order_by("code"))


def build_dashboard(*, filters: DashboardFilters) -> Dashboard:
    today = filters.day()
    quarter_start, quarter_end = quarter_bounds(today)
    projects = _projects(filters)
    project_ids = [project.pk for project in projects]

    people = Person.objects.in_bulk(
        {
            person_id
            for project in projects
            for person_id in (
                project.administrative_sponsor_id,
                project.official_sponsor_id,
                project.contractor_id,
            )
            if person_id
        }
    )
    themes = Theme.objects.in_bulk({project.theme_id for project in projects})
    rows = {
        project.pk: ProjectRow(
            project=project,
            administrative_sponsor=people.get(project.administrative_sponsor_id),
            official_sponsor=people.get(project.official_sponsor_id),
            contractor=people.get(project.contractor_id),
            last_update=last_update(project, []),
        )
        for project in projects
    }

    # Of today's efforts only what the dashboard reads (it reads every effort of the region);
    # history rows become whole efforts, so there nothing is deferred.
    efforts = (
        Effort.history.as_of(end_of_day(filters.as_of))
        if filters.as_of
        else Effort.objects.defer("created")
    ).filter(project_id__in=project_ids)
    efforts_of: dict[int, list] = {}
    zone = timezone.get_current_timezone()

    def line_of(effort, project) -> EffortLine:
        changed_on = effort.updated.astimezone(zone).date() if effort.updated else None
        return EffortLine(
            project.code,
            project.name,
            effort.text,
            effort.time_target,
            effort.target_end,
            effort.status,
            effort.remark,
            changed_on,
        )

    for effort in efforts.order_by("project_id", "order"):
        row = rows[effort.project_id]
        row.counts[effort.status] += 1
        efforts_of.setdefault(effort.project_id, []).append(effort)
        status = row.project.overall_status
        line = None
        if effort.status == EffortStatus.NOT_ACHIEVED:
            line = line_of(effort, row.project)
            row.not_achieved.append(line)
        if effort_is_overdue(effort, project_status=status, today=today):
            row.overdue.append(line or line_of(effort, row.project))
        elif effort_is_due_in(effort, project_status=status, start=quarter_start, end=quarter_end):
            row.due_this_quarter.append(line or line_of(effort, row.project))

    adopted = (
        ProgressReport.objects.filter(project_id__in=project_ids, status=ReportStatus.ADOPTED)
        .filter(adopted_at__lte=end_of_day(today))
        .values("project_id")
        .annotate(last=Max("report_date"))
    )
    for item in adopted:
        rows[item["project_id"]].last_adopted_report = item["last"]

    stale_from = stale_before(today)
    for row in rows.values():
        row.last_update = last_update(row.project, efforts_of.get(row.project.pk, []))
        finished = row.project.overall_status in FINISHED_PROJECT_STATUSES
        row.stale = not finished and (row.last_update is None or row.last_update < stale_from)

    visible = [row for row in rows.values() if row.overdue or not filters.overdue_only]
    blocks: dict[int, ThemeBlock] = {}
    for row in visible:
        theme = themes[row.project.theme_id]
        blocks.setdefault(theme.pk, ThemeBlock(theme, [])).projects.append(row)
    ordered = sorted(blocks.values(), key=lambda block: block.theme.code)
    chart = stacked_bars(
        title=_("Inspanningen per status, per programmalijn"),
        rows=[(f"{block.theme.code} {block.theme.name}", dict(block.counts)) for block in ordered],
        series=STATUS_SERIES,
    )
    return Dashboard(themes=ordered, today=today, as_of=filters.as_of, status_chart=chart)
