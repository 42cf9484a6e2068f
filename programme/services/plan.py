"""Changes to a project's plan: its efforts, sub-goals, duration, sponsor triangle and team.

Every function checks the permission itself (`programme.permissions`), validates before it
writes, records the acting user in the history and refuses a save against a newer version
(`core.services.model_update`). Efforts and sub-goals keep their order as a number per project;
moving one swaps it with its neighbour.
"""

import re
from collections.abc import Iterable
from datetime import date

from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from core.locking import StaleEditError
from core.services import model_delete, model_update
from governance.models import Person
from programme.constants import EffortStatus, Recurrence
from programme.models import Effort, ProgressReportLine, Project, SubGoal
from programme.permissions import project_permissions

UP, DOWN = "op", "neer"
TEXT_MAX_LENGTH = 2000
TIME_TARGET_MAX_LENGTH = Effort._meta.get_field("time_target").max_length


def _require_plan_edit(user: User, project: Project) -> None:
    if not project_permissions(user, project).edit_plan:
        raise PermissionDenied


def _clean_text(text: str, *, field: str, empty: str) -> str:
    text = text.strip()
    if not text:
        raise ValidationError({field: empty})
    if len(text) > TEXT_MAX_LENGTH:
        raise ValidationError(
            {field: _("Hoogstens %(limit)d tekens.") % {"limit": TEXT_MAX_LENGTH}}
        )
    return text


def _clean_effort_fields(
    *, project: Project, text: str, time_target: str, recurrence: str, sub_goal: SubGoal | None
) -> dict:
    text = _clean_text(text, field="text", empty=_("Beschrijf de inspanning."))
    time_target = time_target.strip()
    if len(time_target) > TIME_TARGET_MAX_LENGTH:
        raise ValidationError(
            {
                "time_target": _("Een tijdsdoel is hoogstens %(limit)d tekens.")
                % {"limit": TIME_TARGET_MAX_LENGTH}
            }
        )
    if recurrence not in Recurrence.values:
        raise ValidationError({"recurrence": _("Kies een geldige herhaling.")})
    if sub_goal is not None and sub_goal.project_id != project.pk:
        raise ValidationError({"sub_goal": _("Kies een subdoelstelling van dit project.")})
    return {
        "text": text,
        "time_target": time_target,
        "recurrence": recurrence or recurrence_in(time_target),
        "sub_goal": sub_goal,
    }


# A time target that names a rhythm ('per kwartaal') is a recurrence, not a period.
RECURRENCE_WORDS = (
    (re.compile(r"\b(elke|iedere) twee maanden\b|\btweemaandelijks\b"), Recurrence.BIMONTHLY),
    (re.compile(r"\b(per|elke|iedere) maand\b|\bmaandelijks\b"), Recurrence.MONTHLY),
    (re.compile(r"\b(per|elk|ieder) kwartaal\b|\bdriemaandelijks\b"), Recurrence.QUARTERLY),
    (re.compile(r"\b(per|elk|ieder) jaar\b|\bjaarlijks\b"), Recurrence.YEARLY),
)


def recurrence_in(time_target: str) -> str:
    """The recurrence a written time target names ('per kwartaal' → quarterly), or ''."""
    text = time_target.lower()
    for pattern, recurrence in RECURRENCE_WORDS:
        if pattern.search(text):
            return recurrence
    return Recurrence.NONE


def _next_order(rows) -> int:
    return (rows.aggregate(highest=Max("order"))["highest"] or 0) + 1


@transaction.atomic
def effort_create(
    *,
    project: Project,
    user: User,
    text: str,
    time_target: str = "",
    recurrence: str = Recurrence.NONE,
    sub_goal: SubGoal | None = None,
) -> Effort:
    """Add an effort at the end of the project's list; its time target is read on save."""
    project = Project.objects.select_for_update().get(pk=project.pk)
    _require_plan_edit(user, project)
    fields = _clean_effort_fields(
        project=project,
        text=text,
        time_target=time_target,
        recurrence=recurrence,
        sub_goal=sub_goal,
    )
    effort = Effort(project=project, order=_next_order(project.efforts.all()), **fields)
    effort._history_user = user
    effort._change_reason = _("Inspanning toegevoegd")
    effort.full_clean()
    effort.save()
    return effort


@transaction.atomic
def effort_update_plan(
    *,
    effort: Effort,
    user: User,
    text: str,
    time_target: str,
    recurrence: str,
    sub_goal: SubGoal | None,
    edit_version: int,
) -> Effort:
    """Change what an effort is and when it is due (its status is changed by `effort_update`)."""
    current = Effort.objects.select_for_update().select_related("project").get(pk=effort.pk)
    _require_plan_edit(user, current.project)
    fields = _clean_effort_fields(
        project=current.project,
        text=text,
        time_target=time_target,
        recurrence=recurrence,
        sub_goal=sub_goal,
    )
    return model_update(instance=current, expected_version=edit_version, data=fields, user=user)


def effort_is_reported(effort: Effort) -> bool:
    """An effort has been reported on once its status or remark was set, a delivery was
    recorded, or a progress report holds it: from then on it stays, so what was reported
    keeps its line."""
    if effort.status != EffortStatus.UNKNOWN or effort.remark.strip():
        return True
    if effort.deliveries.exists():
        return True
    if ProgressReportLine.objects.filter(effort_id=effort.pk).exists():
        return True
    return (
        effort.history.exclude(status=EffortStatus.UNKNOWN).exists()
        or effort.history.exclude(remark="").exists()
    )


@transaction.atomic
def effort_remove(*, effort: Effort, user: User, edit_version: int) -> None:
    """Remove an effort nobody has reported on yet (the history keeps it)."""
    current = Effort.objects.select_for_update().select_related("project").get(pk=effort.pk)
    _require_plan_edit(user, current.project)
    if effort_is_reported(current):
        raise ValidationError(
            _(
                "Deze inspanning is niet verwijderd: er is al over gerapporteerd (een status, "
                "opmerking, levering of voortgangsrapportage). Zet haar op 'Niet behaald' met "
                "een reden als zij vervalt."
            )
        )
    current._change_reason = _("Inspanning verwijderd")
    model_delete(instance=current, expected_version=edit_version, user=user)


def _swap_order(current, neighbour, *, user: User, edit_version: int, reason: str):
    """Swap the order of two rows of one project without passing through a duplicate number
    (the order is unique per project): the neighbour parks on 0 first, unrecorded."""
    model = type(current)
    own_order, other_order = current.order, neighbour.order
    model._base_manager.filter(pk=neighbour.pk).update(order=0)
    moved = model_update(
        instance=current,
        expected_version=edit_version,
        data={"order": other_order},
        user=user,
        reason=reason,
    )
    neighbour.order = own_order
    neighbour._history_user = user
    neighbour._change_reason = reason
    neighbour.save()
    return moved


def _unchanged_since(current, edit_version: int) -> None:
    """A move that goes nowhere (the first one up) still refuses a stale page."""
    if current.edit_version != edit_version:
        raise StaleEditError(current)


def _neighbour(rows, current, direction: str):
    if direction == UP:
        return rows.filter(order__lt=current.order).order_by("-order").first()
    if direction == DOWN:
        return rows.filter(order__gt=current.order).order_by("order").first()
    raise ValidationError(_("Kies omhoog of omlaag."))


@transaction.atomic
def effort_move(*, effort: Effort, user: User, direction: str, edit_version: int) -> Effort:
    """Move an effort one place up or down in its project's list."""
    current = Effort.objects.select_for_update().select_related("project").get(pk=effort.pk)
    _require_plan_edit(user, current.project)
    rows = Effort.objects.select_for_update().filter(project_id=current.project_id)
    neighbour = _neighbour(rows, current, direction)
    if neighbour is None:
        _unchanged_since(current, edit_version)
        return current
    return _swap_order(
        current, neighbour, user=user, edit_version=edit_version, reason=_("Volgorde gewijzigd")
    )


@transaction.atomic
def sub_goal_create(*, project: Project, user: User, text: str) -> SubGoal:
    project = Project.objects.select_for_update().get(pk=project.pk)
    _require_plan_edit(user, project)
    text = _clean_text(text, field="text", empty=_("Beschrijf de subdoelstelling."))
    sub_goal = SubGoal(project=project, order=_next_order(project.sub_goals.all()), text=text)
    sub_goal._history_user = user
    sub_goal.full_clean()
    sub_goal.save()
    return sub_goal


@transaction.atomic
def sub_goal_update(*, sub_goal: SubGoal, user: User, text: str, edit_version: int) -> SubGoal:
    current = SubGoal.objects.select_for_update().select_related("project").get(pk=sub_goal.pk)
    _require_plan_edit(user, current.project)
    text = _clean_text(text, field="text", empty=_("Beschrijf de subdoelstelling."))
    return model_update(
        instance=current, expected_version=edit_version, data={"text": text}, user=user
    )


@transaction.atomic
def sub_goal_move(*, sub_goal: SubGoal, user: User, direction: str, edit_version: int) -> SubGoal:
    current = SubGoal.objects.select_for_update().select_related("project").get(pk=sub_goal.pk)
    _require_plan_edit(user, current.project)
    rows = SubGoal.objects.select_for_update().filter(project_id=current.project_id)
    neighbour = _neighbour(rows, current, direction)
    if neighbour is None:
        _unchanged_since(current, edit_version)
        return current
    return _swap_order(
        current, neighbour, user=user, edit_version=edit_version, reason=_("Volgorde gewijzigd")
    )


@transaction.atomic
def sub_goal_remove(*, sub_goal: SubGoal, user: User, edit_version: int) -> None:
    """Remove a sub-goal that no effort belongs to any more."""
    current = SubGoal.objects.select_for_update().select_related("project").get(pk=sub_goal.pk)
    _require_plan_edit(user, current.project)
    if current.efforts.exists():
        raise ValidationError(
            _(
                "Deze subdoelstelling is niet verwijderd: er horen nog inspanningen bij. "
                "Verplaats of verwijder die eerst."
            )
        )
    model_delete(instance=current, expected_version=edit_version, user=user)


@transaction.atomic
def project_update_duration(
    *,
    project: Project,
    user: User,
    starts_on: date | None,
    ends_on: date | None,
    edit_version: int,
) -> Project:
    """Set the project's duration (looptijd); either end may stay open."""
    current = Project.objects.select_for_update().get(pk=project.pk)
    _require_plan_edit(user, current)
    if starts_on and ends_on and ends_on < starts_on:
        raise ValidationError(
            {"ends_on": _("De einddatum ligt vóór de begindatum; kies een latere einddatum.")}
        )
    return model_update(
        instance=current,
        expected_version=edit_version,
        data={"starts_on": starts_on, "ends_on": ends_on},
        user=user,
    )


def _same_region(people: Iterable[Person], region_id: int) -> None:
    for person in people:
        if person.region_id != region_id:
            raise ValidationError(_("Kies personen uit de eigen regio."))


@transaction.atomic
def project_update_triangle(
    *,
    project: Project,
    user: User,
    administrative_sponsor: Person | None,
    official_sponsor: Person | None,
    contractor: Person | None,
    team: Iterable[Person],
    edit_version: int,
) -> Project:
    """Set the sponsor triangle (sturingsdriehoek) and the project team.

    The history records the triangle field by field and the team, which simple-history does
    not follow on a many-to-many, as the change reason.
    """
    current = Project.objects.select_for_update().select_related("programme").get(pk=project.pk)
    if not project_permissions(user, current).edit_triangle:
        raise PermissionDenied
    team = sorted(set(team), key=lambda person: person.name)
    chosen = [p for p in (administrative_sponsor, official_sponsor, contractor) if p] + team
    _same_region(chosen, current.programme.region_id)
    names = ", ".join(person.name for person in team) or "–"
    reason = _("Projectteam: %(names)s") % {"names": names}
    updated = model_update(
        instance=current,
        expected_version=edit_version,
        data={
            "administrative_sponsor": administrative_sponsor,
            "official_sponsor": official_sponsor,
            "contractor": contractor,
        },
        user=user,
        reason=reason,
    )
    updated.team.set(team)
    return updated
