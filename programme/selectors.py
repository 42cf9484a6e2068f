import functools
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from itertools import chain

from django.db.models import (
    Count,
    Exists,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.functions import Coalesce, Concat, NullIf, Trim
from django.urls import get_script_prefix, reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from governance.models import Municipality, Person

from .constants import FINISHED_PROJECT_STATUSES, EffortStatus
from .models import (
    Effort,
    EffortDelivery,
    ProgressReport,
    ProgressReportLine,
    Project,
    SubGoal,
    Theme,
)
from .models.efforts import effort_is_overdue, overdue_condition
from .recurrence import next_due_date


def projects_current() -> QuerySet[Project]:
    """Projects of the programmes (those in a theme) of a region, with their effort counts (as
    correlated subqueries, as on the project list: cheap to plan)."""
    projects = Project.objects.filter(theme__isnull=False)
    return (
        projects.select_related("theme", "contractor")
        .annotate(
            effort_count=_effort_count(),
            achieved_count=_effort_count(Q(status=EffortStatus.ACHIEVED)),
        )
        .order_by("programme__starts_on", "code")
    )


def projects_worked_on_by(person: Person) -> QuerySet[Project]:
    """The projects a person carries out (ambtelijk opdrachtnemer) or works on in the team."""
    team = Project.team.through.objects.filter(project=OuterRef("pk"), person=person)
    return projects_current().filter(Q(contractor=person) | Exists(team))


def projects_for_list(*, today: date) -> QuerySet[Project]:
    """The project list: its effort counts as subqueries, the people and municipality prefetched.

    One join (the theme) and three small correlated counts keep the query cheap to plan: the
    wide join with three COUNT(DISTINCT …) over the efforts it replaces spent far longer in the
    planner than in execution. The counts stay annotations, so the table sorts and filters on
    them; the table shows no other relation than these.
    """
    projects = Project.objects.filter(theme__isnull=False)
    return (
        projects.select_related("theme")
        .prefetch_related("lead_municipality", "contractor")
        .annotate(
            effort_count=_effort_count(),
            achieved_count=_effort_count(Q(status=EffortStatus.ACHIEVED)),
            overdue_count=_effort_count(overdue_condition(today)),
        )
        .order_by("programme__starts_on", "code")
    )


def project_list_data() -> tuple[QuerySet, ...]:
    """What a row of the project list shows, as querysets of the active region (the key of the
    cached table): the project, its theme, lead municipality and contractor, its efforts."""
    return (
        Project.objects.all(),
        Theme.objects.all(),
        Municipality.objects.all(),
        Person.objects.all(),
        Effort.objects.all(),
    )


def _effort_count(condition: Q | None = None):
    """The number of the project's efforts that meet `condition`, as a correlated subquery."""
    efforts = Effort.objects.filter(project=OuterRef("pk"))
    if condition is not None:
        efforts = efforts.filter(condition)
    counted = efforts.order_by().values("project").annotate(count=Count("pk")).values("count")
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


def _projects_with_code(code: str) -> QuerySet[Project]:
    """Codes are unique within a programme; within a region the newest programme's project wins."""
    return Project.objects.filter(code=code, theme__isnull=False).order_by("-programme__starts_on")


def project_heading(*, code: str) -> Project | None:
    """The project a page is about with only what its heading and the permissions read."""
    return _projects_with_code(code).only("pk", "code", "name", "contractor_id").first()


def project_for_detail(*, code: str) -> Project | None:
    """One project with everything its page shows, in a fixed number of queries."""
    projects = _projects_with_code(code)
    # Three joins, the rest prefetched: with eight tables PostgreSQL spent 11-15 ms planning a
    # query that ran in 0.2 ms; each prefetch costs a fraction of a millisecond.
    projects = projects.select_related("theme", "programme", "lead_municipality").prefetch_related(
        "administrative_sponsor",
        "official_sponsor",
        "contractor",
        "continues_in",
        Prefetch("sub_goals", queryset=SubGoal.objects.order_by("order")),
        Prefetch(
            "efforts",
            queryset=efforts_with_last_change()
            .prefetch_related(
                Prefetch(
                    "deliveries",
                    queryset=EffortDelivery.objects.order_by("-delivered_on"),
                    to_attr="recorded_deliveries",
                )
            )
            .order_by("order"),
        ),
        Prefetch("team", queryset=Person.objects.order_by("name")),
        Prefetch(
            "continued_from",
            queryset=Project.objects.select_related("programme").order_by("name"),
        ),
        Prefetch(
            "progress_reports",
            queryset=ProgressReport.objects.order_by("-report_date", "-created"),
        ),
    )
    return projects.first()


def efforts_with_last_change() -> QuerySet[Effort]:
    """Efforts annotated with who last changed them and when (from their history)."""
    history = Effort.history.filter(id=OuterRef("pk")).order_by("-history_date")
    return Effort.objects.annotate(
        last_changed_at=Subquery(history.values("history_date")[:1]),
        last_changed_by=Subquery(
            history.annotate(
                who=Coalesce(
                    "history_user__person__name",
                    NullIf(
                        Trim(
                            Concat(
                                "history_user__first_name",
                                Value(" "),
                                "history_user__last_name",
                            )
                        ),
                        Value(""),
                    ),
                    "history_user__username",
                )
            ).values("who")[:1]
        ),
    )


def quarter_bounds(today: date) -> tuple[date, date]:
    """The first and last day of the quarter `today` lies in."""
    first_month = 3 * ((today.month - 1) // 3) + 1
    start = date(today.year, first_month, 1)
    end = date(today.year + 1, 1, 1) if first_month == 10 else date(today.year, first_month + 3, 1)
    return start, date.fromordinal(end.toordinal() - 1)


@dataclass(frozen=True)
class EffortRow:
    """An effort with what the page derives from it: overdue, due this quarter, next due date."""

    effort: Effort
    overdue: bool
    due_this_quarter: bool
    next_due: date | None
    deliveries: list = field(default_factory=list)
    schedule_ended: bool = False
    today: date | None = None

    @functools.cached_property
    def urls(self) -> dict[str, str]:
        """The addresses of the row's actions (edit, plan, move, remove, record a delivery)."""
        return effort_urls(self.effort.project.code, self.effort.pk)

    @property
    def delivery_late(self) -> bool:
        """A recurring effort whose next delivery was due before today (not counted as overdue:
        the overdue rule is about time targets)."""
        return self.next_due is not None and self.today is not None and self.next_due < self.today


EFFORT_URL_NAMES = {
    "edit": "programme:effort_edit",
    "plan_edit": "programme:effort_plan_edit",
    "move": "programme:effort_move",
    "remove": "programme:effort_remove",
    "delivery_create": "programme:effort_delivery_create",
}
_PLACEHOLDER_PK = 2_147_483_647  # no effort has it; it stands for the pk in a reversed address


def effort_urls(code: str, effort_pk: int) -> dict[str, str]:
    """The addresses of an effort's actions, reversed once per project rather than per row: a
    project page with 150 efforts spent a fifth of its time in `reverse()`."""
    templates = _effort_url_templates(code, get_script_prefix())
    return {key: f"{head}{effort_pk}{tail}" for key, (head, tail) in templates.items()}


@functools.lru_cache(maxsize=1024)
def _effort_url_templates(code: str, prefix: str) -> dict[str, tuple[str, str]]:
    # The effort's pk is the last argument of every one of these addresses.
    templates = {}
    for key, name in EFFORT_URL_NAMES.items():
        head, _sep, tail = reverse(name, args=[code, _PLACEHOLDER_PK]).rpartition(
            str(_PLACEHOLDER_PK)
        )
        templates[key] = (head, tail)
    return templates


def effort_is_due_in(effort, *, project_status: str, start: date, end: date) -> bool:
    """Not achieved, its time target ends between `start` and `end`, its project still runs."""
    return bool(
        effort.target_end
        and start <= effort.target_end <= end
        and effort.status != EffortStatus.ACHIEVED
        and project_status not in FINISHED_PROJECT_STATUSES
    )


def effort_row(effort: Effort, *, today: date) -> EffortRow:
    quarter_start, quarter_end = quarter_bounds(today)
    project = effort.project
    status = project.overall_status
    next_due, deliveries, ended = None, [], False
    if effort.recurrence:
        deliveries = _deliveries_of(effort)
        anchor = effort.target_start or project.starts_on or effort.created.date()
        ends_on = project_end(project)
        next_due = next_due_date(
            effort.recurrence,
            anchor=anchor,
            last_delivery=deliveries[0].delivered_on if deliveries else None,
            ends_on=ends_on,
        )
        ended = next_due is None and ends_on is not None
    return EffortRow(
        effort=effort,
        overdue=effort_is_overdue(effort, project_status=status, today=today),
        due_this_quarter=effort_is_due_in(
            effort, project_status=status, start=quarter_start, end=quarter_end
        ),
        next_due=next_due,
        deliveries=deliveries,
        schedule_ended=ended,
        today=today,
    )


def project_end(project: Project) -> date | None:
    """The project's last day: its own end, else its programme's."""
    return project.ends_on or project.programme.ends_on


def _deliveries_of(effort: Effort) -> list:
    recorded = getattr(effort, "recorded_deliveries", None)
    if recorded is None:
        recorded = list(effort.deliveries.order_by("-delivered_on"))
    return recorded


@dataclass(frozen=True)
class SubGoalGroup:
    sub_goal: object  # a SubGoal, or None for efforts without one
    rows: list[EffortRow]


def sub_goals_with_efforts(project: Project, *, today: date) -> list[SubGoalGroup]:
    """The project's sub-goals, each with its efforts, from the prefetched rows."""
    rows_by_goal: dict[int | None, list[EffortRow]] = {}
    for effort in project.efforts.all():
        effort.project = project  # avoid a query per row for the recurrence anchor
        rows_by_goal.setdefault(effort.sub_goal_id, []).append(effort_row(effort, today=today))
    groups = [SubGoalGroup(goal, rows_by_goal.get(goal.pk, [])) for goal in project.sub_goals.all()]
    if None in rows_by_goal:
        groups.append(SubGoalGroup(None, rows_by_goal[None]))
    return groups


@dataclass(frozen=True)
class Change:
    when: object
    who: str
    subject: str
    summary: str


def project_changes(project: Project, *, limit: int) -> list[Change]:
    """The latest changes to the project and its efforts, newest first, in two queries."""
    project_history = project.history.select_related("history_user__person").order_by(
        "-history_date"
    )[:limit]
    effort_history = (
        Effort.history.filter(project_id=project.pk)
        .select_related("history_user__person")
        .order_by("-history_date")[:limit]
    )
    changes = []
    for record in chain(project_history, effort_history):
        user = record.history_user
        who = _("onbekend") if user is None else _person_or_username(user)
        if record._meta.model_name == "historicalproject":
            subject = _("Project")
            summary = f"{record.get_overall_status_display()}"
        else:
            subject = _("Inspanning %(order)s") % {"order": record.order}
            summary = record.get_status_display()
            if record.remark:
                summary += f" – {record.remark}"
        changes.append(Change(record.history_date, who, subject, summary))
    changes.sort(key=lambda change: change.when, reverse=True)
    return changes[:limit]


def _person_or_username(user) -> str:
    person = getattr(user, "person", None)
    return person.name if person else (user.get_full_name() or user.get_username())


def last_update(project, efforts) -> datetime | None:
    """'Laatste update', the one rule (docs/domain-rules.md): the latest moment the project or
    one of its efforts was changed (recording a delivery changes its effort). Historical rows
    (as of an earlier day) carry the `updated` of that day, so the rule holds for 'stand op
    datum' too."""
    moments = [getattr(project, "updated", None), *(effort.updated for effort in efforts)]
    moments = [moment for moment in moments if moment is not None]
    return max(moments) if moments else None


STALE_AFTER_DAYS = 90  # a project not updated for a quarter stands out


def end_of_day(day: date) -> datetime:
    """The last moment of `day` in the local time zone: what happened on it is before this."""
    return timezone.make_aware(datetime.combine(day, time.max))


def stale_before(today: date) -> datetime:
    """A running project whose last update (`last_update`) is before this moment has had none in
    90 days: counted in whole days, so that the dashboard and the start page agree all day."""
    return end_of_day(today) - timedelta(days=STALE_AFTER_DAYS)


def last_editor_name(instance) -> str:
    record = instance.history.select_related("history_user__person").first()
    if record is None or record.history_user is None:
        return _("iemand anders")
    return _person_or_username(record.history_user)


def report_for_detail(*, pk: int) -> ProgressReport | None:
    reports = ProgressReport.objects.filter(pk=pk)
    return (
        reports.select_related(
            "project__theme",
            "project__programme",
            "created_by",
            "submitted_by",
            "adopted_by",
            "returned_by__person",
        )
        .prefetch_related(Prefetch("lines", queryset=ProgressReportLine.objects.order_by("order")))
        .first()
    )


def report_timeline(project: Project) -> QuerySet[ProgressReport]:
    return project.progress_reports.select_related("submitted_by", "adopted_by").order_by(
        "-report_date", "-created"
    )


@dataclass(frozen=True)
class LineComparison:
    text: str
    older: ProgressReportLine | None
    newer: ProgressReportLine | None

    @property
    def changed(self) -> bool:
        if self.older is None or self.newer is None:
            return True
        return (self.older.status, self.older.remark, self.older.time_target) != (
            self.newer.status,
            self.newer.remark,
            self.newer.time_target,
        )


@dataclass(frozen=True)
class ReportComparison:
    overall_status_changed: bool
    remarks_changed: bool
    lines: list[LineComparison]

    @property
    def changed_lines(self) -> list[LineComparison]:
        return [line for line in self.lines if line.changed]


def compare_reports(older: ProgressReport, newer: ProgressReport) -> ReportComparison:
    """What changed between two reports of a project, effort by effort."""
    older_lines = {line.effort_id or f"text:{line.effort_text}": line for line in older.lines.all()}
    newer_lines = {line.effort_id or f"text:{line.effort_text}": line for line in newer.lines.all()}
    keys = list(dict.fromkeys([*newer_lines, *older_lines]))
    return ReportComparison(
        overall_status_changed=older.overall_status != newer.overall_status,
        remarks_changed=older.status_remarks != newer.status_remarks,
        lines=[
            LineComparison(
                text=(newer_lines.get(key) or older_lines[key]).effort_text,
                older=older_lines.get(key),
                newer=newer_lines.get(key),
            )
            for key in keys
        ],
    )


@dataclass(frozen=True)
class AgendaOutcomeRow:
    """A project of an agenda and how it ended: done, continues in a named project, or open."""

    project: Project
    successor: Project | None


def programme_outcomes(*, slug: str) -> tuple[object, list[AgendaOutcomeRow]] | None:
    """A programme (the Ontwikkelagenda 2021) with each of its projects and its outcome, in two
    queries whatever the number of projects."""
    from .models import Programme

    programme = Programme.objects.filter(slug=slug).select_related("predecessor", "owner").first()
    if programme is None:
        return None
    projects = programme.projects.select_related(
        "continues_in__programme", "continues_in__theme"
    ).order_by("code", "name")
    return programme, [AgendaOutcomeRow(project, project.continues_in) for project in projects]
