"""What waits on the home page, from the programme.

- Netwerk MT Jeugd: reports to adopt, red projects (with their reason), and projects of the
  running programmes without an update (`selectors.last_update`) in 90 days.
- Policy adviser: their overdue efforts (the one overdue rule, `Effort.objects.overdue`), their
  efforts due this quarter, and their draft reports (with why one was sent back).

Each queue reads in a fixed number of queries, whatever the number of projects.
"""

from datetime import date

from django.db.models import Max, OuterRef, Prefetch, Q, Subquery
from django.db.models.functions import Coalesce, Greatest
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.registry import WorkItem, WorkQueue
from governance.constants import Role
from governance.models import Person
from governance.permissions import has_role, person_of

from .constants import (
    EFFORT_STATUSES_NEEDING_REASON,
    FINISHED_PROJECT_STATUSES,
    PROJECT_STATUSES_NEEDING_REASON,
    EffortStatus,
    ReportStatus,
)
from .models import Effort, ProgressReport, Project
from .selectors import quarter_bounds, stale_before


def _projects_data() -> tuple:
    """What the project queues read: projects (with their teams: a team is set with a save of
    its project), their efforts and the people named."""
    return (Project.objects.all(), Effort.objects.all(), Person.objects.all())


def _reports_data() -> tuple:
    return (ProgressReport.objects.all(), Project.objects.all(), Person.objects.all())


def _network_mt(user) -> bool:
    return has_role(user, Role.NETWORK_MT)


def _adviser(user) -> bool:
    return has_role(user, Role.POLICY_ADVISER)


def _who(user) -> str:
    if user is None:
        return _("onbekend")
    person = getattr(user, "person", None)
    return person.name if person else user.get_username()


def _running_projects():
    return Project.objects.filter(theme__isnull=False).exclude(
        overall_status__in=FINISHED_PROJECT_STATUSES
    )


def reports_to_adopt(region, user, today: date) -> list[WorkItem]:
    reports = (
        ProgressReport.objects.filter(status=ReportStatus.SUBMITTED)
        .select_related("project", "submitted_by__person")
        .order_by("submitted_at")
    )
    return [
        WorkItem(
            title=_("%(project)s – rapportage van %(date)s")
            % {"project": report.project, "date": date_format(report.report_date, "j F Y")},
            url=report.get_absolute_url(),
            detail=_("ingediend door %(who)s op %(when)s")
            % {
                "who": _who(report.submitted_by),
                "when": date_format(timezone.localtime(report.submitted_at), "j F Y"),
            },
        )
        for report in reports[:30]
    ]


def red_projects(region, user, today: date) -> list[WorkItem]:
    """Projects marked Vertraagd or Aandacht nodig, or with an effort Niet behaald: the reason
    (the project's remarks, else the efforts' remarks) is shown with each."""
    red_efforts = Effort.objects.filter(status__in=EFFORT_STATUSES_NEEDING_REASON).order_by("order")
    projects = (
        _running_projects()
        .filter(
            Q(overall_status__in=PROJECT_STATUSES_NEEDING_REASON)
            | Q(efforts__status__in=EFFORT_STATUSES_NEEDING_REASON)
        )
        .distinct()
        .prefetch_related(Prefetch("efforts", queryset=red_efforts, to_attr="red_efforts"))
        .order_by("code")
    )
    items = []
    for project in projects[:30]:
        reasons = []
        if project.overall_status in PROJECT_STATUSES_NEEDING_REASON:
            reasons.append(f"{project.get_overall_status_display()}: {project.status_remarks}")
        reasons += [
            _("Niet behaald: %(effort)s – %(remark)s")
            % {"effort": effort.text[:80], "remark": effort.remark}
            for effort in project.red_efforts
        ]
        items.append(
            WorkItem(title=str(project), url=project.get_absolute_url(), detail=" · ".join(reasons))
        )
    return items


def stale_projects(region, user, today: date) -> list[WorkItem]:
    """Running projects whose last update (the one rule, `selectors.last_update`) is more than
    90 days ago: the latest change of the project or one of its efforts, found by the database."""
    last_effort_change = (
        Effort.objects.filter(project=OuterRef("pk"))
        .order_by()
        .values("project")
        .annotate(last=Max("updated"))
        .values("last")
    )
    projects = (
        _running_projects()
        .annotate(
            last_change=Greatest("updated", Coalesce(Subquery(last_effort_change), "updated"))
        )
        .filter(last_change__lt=stale_before(today))
        .only("pk", "code", "name")
        .order_by("code")
    )
    return [
        WorkItem(
            title=str(project),
            url=project.get_absolute_url(),
            detail=_("laatste update %(when)s")
            % {"when": date_format(timezone.localtime(project.last_change), "j F Y")},
        )
        for project in projects
    ]


def _my_efforts(user):
    person = person_of(user)
    if person is None:
        return Effort.objects.none()
    mine = Project.objects.filter(Q(contractor=person) | Q(team=person)).values("pk")
    return (
        Effort.objects.filter(project__theme__isnull=False, project__in=mine)
        .select_related("project")
        .order_by("target_end", "project__code", "order")
    )


def _effort_item(effort: Effort, *, urgent: bool) -> WorkItem:
    return WorkItem(
        title=effort.text[:120],
        url=f"{effort.project.get_absolute_url()}#inspanning-{effort.pk}",
        detail=_("%(project)s · tijdsdoel %(target)s · %(status)s")
        % {
            "project": effort.project,
            "target": effort.time_target or "–",
            "status": effort.get_status_display(),
        },
        urgent=urgent,
    )


def my_overdue_efforts(region, user, today: date) -> list[WorkItem]:
    return [_effort_item(effort, urgent=True) for effort in _my_efforts(user).overdue(today)[:30]]


def my_efforts_due_this_quarter(region, user, today: date) -> list[WorkItem]:
    """Not achieved, target ending between today and the end of the quarter, project running
    (`selectors.effort_is_due_in`; what ended before today is overdue, listed above)."""
    _start, end = quarter_bounds(today)
    efforts = (
        _my_efforts(user)
        .filter(target_end__gte=today, target_end__lte=end)
        .exclude(status=EffortStatus.ACHIEVED)
        .exclude(project__overall_status__in=FINISHED_PROJECT_STATUSES)
    )
    return [_effort_item(effort, urgent=False) for effort in efforts[:30]]


def my_draft_reports(region, user, today: date) -> list[WorkItem]:
    reports = (
        ProgressReport.objects.filter(status=ReportStatus.DRAFT, created_by=user)
        .select_related("project", "returned_by__person")
        .order_by("-report_date")
    )
    items = []
    for report in reports[:30]:
        detail = _("concept")
        if report.return_reason:
            detail = _("teruggestuurd door %(who)s: %(reason)s") % {
                "who": _who(report.returned_by),
                "reason": report.return_reason,
            }
        items.append(
            WorkItem(
                title=_("%(project)s – rapportage van %(date)s")
                % {"project": report.project, "date": date_format(report.report_date, "j F Y")},
                url=report.get_absolute_url(),
                detail=detail,
                urgent=bool(report.return_reason),
            )
        )
    return items


WORK_QUEUES = (
    WorkQueue(
        "reports-to-adopt",
        gettext_lazy("Rapportages om vast te stellen"),
        reports_to_adopt,
        visible=_network_mt,
        empty_text=gettext_lazy("Er wachten geen ingediende rapportages."),
        order=10,
        data=_reports_data,
    ),
    WorkQueue(
        "red-projects",
        gettext_lazy("Rode projecten"),
        red_projects,
        visible=_network_mt,
        empty_text=gettext_lazy("Geen project staat op rood."),
        order=20,
        data=_projects_data,
    ),
    WorkQueue(
        "stale-projects",
        gettext_lazy("Projecten zonder update in 90 dagen"),
        stale_projects,
        visible=_network_mt,
        empty_text=gettext_lazy("Elk lopend project is de afgelopen 90 dagen bijgewerkt."),
        order=30,
        data=_projects_data,  # kept per day, as the 90 days are counted in days
    ),
    WorkQueue(
        "my-overdue-efforts",
        gettext_lazy("Mijn inspanningen over tijd"),
        my_overdue_efforts,
        visible=_adviser,
        empty_text=gettext_lazy("Geen van uw inspanningen is over tijd."),
        order=110,
        data=_projects_data,
    ),
    WorkQueue(
        "my-efforts-due",
        gettext_lazy("Mijn inspanningen met een tijdsdoel dit kwartaal"),
        my_efforts_due_this_quarter,
        visible=_adviser,
        empty_text=gettext_lazy("Dit kwartaal loopt geen tijdsdoel van uw inspanningen af."),
        order=120,
        data=_projects_data,
    ),
    WorkQueue(
        "my-draft-reports",
        gettext_lazy("Mijn conceptrapportages"),
        my_draft_reports,
        visible=_adviser,
        empty_text=gettext_lazy("U hebt geen conceptrapportages."),
        order=130,
        data=_reports_data,
    ),
)
