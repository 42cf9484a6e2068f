"""Every change to projects, efforts and progress reports: one function per use case.

Edits are optimistic: a form carries the edit version it was loaded at, and `model_update`
refuses a save against a newer version with `StaleEditError` (no lost updates). Every change is
recorded in history with the acting user.
"""

from datetime import date

from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from core.notifications import absolute_url, notify
from core.services import model_update
from governance.constants import Role
from governance.models import Person
from governance.notifications import role_addresses
from programme.constants import (
    EFFORT_STATUSES_NEEDING_REASON,
    PROJECT_STATUSES_NEEDING_REASON,
    EffortStatus,
    ProjectStatus,
    ReportStatus,
)
from programme.history import delivery_date_range, report_date_range
from programme.models import Effort, EffortDelivery, ProgressReport, ProgressReportLine, Project
from programme.permissions import project_permissions
from programme.selectors import end_of_day, last_update
from programme.workflow import can_transition


def _save_with_history(instance, *, user: User, reason: str = "") -> None:
    instance._history_user = user
    if reason:
        instance._change_reason = reason
    instance.full_clean()
    instance.save()


def reason_required_message(label: str) -> str:
    """A red status says why: 'Niet behaald', 'Vertraagd' and 'Aandacht nodig' need a reason."""
    return _("Bij de status '%(status)s' hoort een reden: vul de opmerking in.") % {"status": label}


@transaction.atomic
def effort_update(
    *, effort: Effort, user: User, status: str, remark: str, edit_version: int
) -> Effort:
    """Set an effort's status and remark, unless it changed since `edit_version` was read."""
    current = Effort.objects.select_for_update().select_related("project").get(pk=effort.pk)
    if not project_permissions(user, current.project).edit:
        raise PermissionDenied
    if status not in EffortStatus.values:
        raise ValidationError({"status": _("Kies een geldige status.")})
    if status in EFFORT_STATUSES_NEEDING_REASON and not remark.strip():
        raise ValidationError({"remark": reason_required_message(EffortStatus(status).label)})
    limit = Effort._meta.get_field("remark").max_length
    if len(remark) > limit:
        raise ValidationError(
            {"remark": _("Een opmerking is hoogstens %(limit)d tekens.") % {"limit": limit}}
        )
    return model_update(
        instance=current,
        expected_version=edit_version,
        data={"status": status, "remark": remark},
        user=user,
    )


@transaction.atomic
def project_update_status(
    *, project: Project, user: User, overall_status: str, status_remarks: str, edit_version: int
) -> Project:
    current = Project.objects.select_for_update().get(pk=project.pk)
    if not project_permissions(user, current).edit:
        raise PermissionDenied
    if overall_status not in ProjectStatus.values:
        raise ValidationError({"overall_status": _("Kies een geldige status.")})
    if overall_status in PROJECT_STATUSES_NEEDING_REASON and not status_remarks.strip():
        raise ValidationError(
            {"status_remarks": reason_required_message(ProjectStatus(overall_status).label)}
        )
    return model_update(
        instance=current,
        expected_version=edit_version,
        data={"overall_status": overall_status, "status_remarks": status_remarks},
        user=user,
    )


@transaction.atomic
def effort_delivery_record(
    *, effort: Effort, user: User, delivered_on: date, remark: str
) -> EffortDelivery:
    """Record one delivery of a recurring effort; the effort counts as updated by it."""
    current = (
        Effort.objects.select_for_update().select_related("project__programme").get(pk=effort.pk)
    )
    if not project_permissions(user, current.project).edit:
        raise PermissionDenied
    if not current.recurrence:
        raise ValidationError(
            _("Alleen bij een terugkerende inspanning worden leveringen vastgelegd.")
        )
    plausible = delivery_date_range(current.project, today=timezone.localdate())
    if delivered_on not in plausible:
        raise ValidationError({"delivered_on": plausible.refusal(_("De leverdatum"))})
    if current.deliveries.filter(delivered_on=delivered_on).exists():
        raise ValidationError({"delivered_on": _("Op deze datum is al een levering vastgelegd.")})
    delivery = EffortDelivery(
        effort=current, delivered_on=delivered_on, remark=remark, recorded_by=user
    )
    _save_with_history(delivery, user=user)
    current._history_user = user
    current._change_reason = _("Levering van %(date)s vastgelegd") % {
        "date": date_format(delivered_on, "j F Y")
    }
    current.save(update_fields=["updated"])
    return delivery


def _state_on(project: Project, report_date: date):
    """The project and its efforts as they stood at the end of `report_date`, from history; as
    they are now for a report dated today or later (or when history does not reach back)."""
    efforts = list(project.efforts.order_by("order"))
    if report_date >= timezone.localdate():
        return project, efforts
    moment = end_of_day(report_date)
    try:
        then = project.history.as_of(moment)
    except Project.DoesNotExist:
        return project, efforts
    efforts_then = Effort.history.as_of(moment).filter(project_id=project.pk).order_by("order")
    return then, list(efforts_then)


def _take_snapshot(report: ProgressReport, *, user: User) -> ProgressReport:
    """Copy the project and its efforts, as they stood on the report date, into the report."""
    current = Project.objects.get(pk=report.project_id)
    project, efforts = _state_on(current, report.report_date)
    people = Person.objects.in_bulk(
        [
            person_id
            for person_id in (
                project.administrative_sponsor_id,
                project.official_sponsor_id,
                project.contractor_id,
            )
            if person_id
        ]
    )
    report.overall_status = project.overall_status
    report.status_remarks = project.status_remarks
    report.administrative_sponsor_name = str(people.get(project.administrative_sponsor_id) or "")
    report.official_sponsor_name = str(people.get(project.official_sponsor_id) or "")
    report.contractor_name = str(people.get(project.contractor_id) or "")
    report.last_update = last_update(project, efforts)
    _save_with_history(report, user=user)
    report.lines.all().delete()
    ProgressReportLine.objects.bulk_create(
        ProgressReportLine(
            report=report,
            effort_id=effort.id,
            order=position,
            status=effort.status,
            effort_text=effort.text,
            time_target=effort.time_target,
            remark=effort.remark,
        )
        for position, effort in enumerate(efforts, start=1)
    )
    return report


@transaction.atomic
def progress_report_create(*, project: Project, user: User, report_date: date) -> ProgressReport:
    """Take a snapshot of the project and all its efforts as a draft report."""
    if not project_permissions(user, project).draft_report:
        raise PermissionDenied
    plausible = report_date_range(project, today=timezone.localdate())
    if report_date not in plausible:
        raise ValidationError({"report_date": plausible.refusal(_("De rapportagedatum"))})
    report = ProgressReport(
        project=project,
        report_date=report_date,
        status=ReportStatus.DRAFT,
        overall_status=project.overall_status,
        created_by=user,
    )
    return _take_snapshot(report, user=user)


def _transition(report: ProgressReport, target: str) -> None:
    if not can_transition(report.status, target):
        raise ValidationError(
            _("Een rapportage met status '%(status)s' kan niet naar '%(target)s'.")
            % {"status": report.get_status_display(), "target": ReportStatus(target).label}
        )
    report.status = target


@transaction.atomic
def progress_report_submit(*, report: ProgressReport, user: User) -> ProgressReport:
    report = ProgressReport.objects.select_for_update().select_related("project").get(pk=report.pk)
    if not project_permissions(user, report.project).submit_report:
        raise PermissionDenied
    _transition(report, ReportStatus.SUBMITTED)
    report.submitted_by, report.submitted_at = user, timezone.now()
    _save_with_history(report, user=user)
    notify(
        recipients=role_addresses(
            region=report.project.programme.region,
            roles=[Role.NETWORK_MT],
            exclude_user_ids=[user.pk],
        ),
        template="programme/mail/report_submitted",
        context=_mail_context(report, user),
    )
    return report


def _person_name(user: User | None) -> str:
    if user is None:
        return ""
    person = getattr(user, "person", None)
    return person.name if person else user.get_username()


def _mail_context(report: ProgressReport, user: User) -> dict:
    return {
        "report": report,
        "project": report.project,
        "actor": _person_name(user),
        "url": absolute_url(report.get_absolute_url()),
    }


@transaction.atomic
def progress_report_return(
    *, report: ProgressReport, user: User, reason: str = ""
) -> ProgressReport:
    """The Netwerk MT sends a submitted report back to draft, saying why; its author (and who
    submitted it) get the reason by e-mail and on their home page."""
    report = ProgressReport.objects.select_for_update().select_related("project").get(pk=report.pk)
    if not project_permissions(user, report.project).adopt_report:
        raise PermissionDenied
    _transition(report, ReportStatus.DRAFT)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(
            {"reason": _("Geef een reden op: de opsteller leest waarom de rapportage terugkomt.")}
        )
    limit = ProgressReport._meta.get_field("return_reason").max_length
    if len(reason) > limit:
        raise ValidationError(
            {"reason": _("De reden is te lang (ten hoogste %(limit)d tekens).") % {"limit": limit}}
        )
    authors = [report.created_by_id, report.submitted_by_id]
    report.submitted_by, report.submitted_at = None, None
    report.return_reason, report.returned_by, report.returned_at = reason, user, timezone.now()
    _save_with_history(
        report, user=user, reason=_("Teruggestuurd: %(reason)s") % {"reason": reason}
    )
    users = User.objects.filter(pk__in=[pk for pk in authors if pk], is_active=True)
    notify(
        recipients=users.values_list("email", flat=True),
        template="programme/mail/report_returned",
        context={**_mail_context(report, user), "reason": reason},
    )
    return report


@transaction.atomic
def progress_report_adopt(*, report: ProgressReport, user: User) -> ProgressReport:
    report = ProgressReport.objects.select_for_update().select_related("project").get(pk=report.pk)
    if not project_permissions(user, report.project).adopt_report:
        raise PermissionDenied
    _transition(report, ReportStatus.ADOPTED)
    report.adopted_by, report.adopted_at = user, timezone.now()
    _save_with_history(report, user=user)
    return report


@transaction.atomic
def progress_report_refresh(*, report: ProgressReport, user: User) -> ProgressReport:
    """Retake the snapshot of a draft report (after the efforts were brought up to date)."""
    report = ProgressReport.objects.select_for_update().select_related("project").get(pk=report.pk)
    if not project_permissions(user, report.project).draft_report:
        raise PermissionDenied
    if report.status != ReportStatus.DRAFT:
        raise ValidationError(_("Alleen een conceptrapportage kan worden bijgewerkt."))
    return _take_snapshot(report, user=user)


# The plan's own changes live in their module; importing them here keeps `services.<name>`.
from .plan import (  # noqa: E402
    effort_create,
    effort_is_reported,
    effort_move,
    effort_remove,
    effort_update_plan,
    project_update_duration,
    project_update_triangle,
    sub_goal_create,
    sub_goal_move,
    sub_goal_remove,
    sub_goal_update,
)

__all__ = [
    "effort_create",
    "effort_delivery_record",
    "effort_is_reported",
    "effort_move",
    "effort_remove",
    "effort_update",
    "effort_update_plan",
    "progress_report_adopt",
    "progress_report_create",
    "progress_report_refresh",
    "progress_report_return",
    "progress_report_submit",
    "project_update_duration",
    "project_update_status",
    "project_update_triangle",
    "reason_required_message",
    "sub_goal_create",
    "sub_goal_move",
    "sub_goal_remove",
    "sub_goal_update",
]
