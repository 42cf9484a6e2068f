"""Editing a project's plan where it is read: efforts, sub-goals, duration, triangle and team.

Each form is on the project page (in a fold) and has its own page too, which a browser without
JavaScript lands on after bad input: the page answers 422 with the Dutch messages on the form,
409 when someone else saved first (showing the newer values), and changes nothing then.
Editing an effort's plan swaps its row inline with htmx.
"""

from collections.abc import Callable

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from core.locking import StaleEditError

from . import selectors, services
from .permissions import project_permissions
from .plan_forms import (
    DurationForm,
    EffortPlanEditForm,
    EffortPlanForm,
    MoveForm,
    RemoveForm,
    SubGoalEditForm,
    SubGoalForm,
    TriangleForm,
    triangle_initial,
)
from .views import _effort_context, _project_or_404


def _plan_project(request, code, *, triangle: bool = False):
    project = _project_or_404(request, code)
    permissions = project_permissions(request.user, project)
    if not (permissions.edit_triangle if triangle else permissions.edit_plan):
        raise PermissionDenied
    return project


def _errors_onto(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, field_errors in error.message_dict.items():
            form.add_error(field if field in form.fields else None, field_errors)
    else:
        form.add_error(None, error.messages)


def _with_version(data, version: int):
    data = data.copy()
    data["edit_version"] = str(version)
    return data


def _plan_page(
    request,
    *,
    project,
    make_form: Callable,
    save: Callable,
    title: str,
    back: str,
    success: str,
    intro: str = "",
    button: str = "",
    allowed: bool = True,
    template: str = "programme/plan_form.html",
    extra: dict | None = None,
):
    """GET: the form's page. POST: validate, save through `save(cleaned_data)`, go `back`."""
    context = {
        "project": project,
        "title": title,
        "intro": intro,
        "button": button or _("Opslaan"),
        "back": back,
        "allowed": allowed,
        **(extra or {}),
    }
    if request.method == "GET":
        return render(request, template, {**context, "form": make_form()})
    form = make_form(data=request.POST)
    if not form.is_valid():
        return render(request, template, {**context, "form": form}, status=422)
    try:
        save(form.cleaned_data)
    except StaleEditError as stale:
        fresh = form
        if stale.current is not None:
            fresh = make_form(data=_with_version(request.POST, stale.current.edit_version))
            fresh.is_valid()
        return render(
            request, template, {**context, "form": fresh, "stale": stale.message}, status=409
        )
    except ValidationError as error:
        _errors_onto(form, error)
        return render(request, template, {**context, "form": form}, status=422)
    messages.success(request, success)
    return redirect(back)


def _efforts_anchor(project) -> str:
    return f"{project.get_absolute_url()}#efforts"


@require_http_methods(["GET", "POST"])
def effort_create(request, code):
    project = _plan_project(request, code)
    return _plan_page(
        request,
        project=project,
        make_form=lambda data=None: EffortPlanForm(data, project=project),
        save=lambda cleaned: services.effort_create(project=project, user=request.user, **cleaned),
        title=_("Inspanning toevoegen"),
        button=_("Inspanning toevoegen"),
        back=_efforts_anchor(project),
        success=_("De inspanning is toegevoegd."),
    )


def _effort_initial(effort) -> dict:
    return {
        "text": effort.text,
        "time_target": effort.time_target,
        "recurrence": effort.recurrence,
        "sub_goal": effort.sub_goal_id,
        "edit_version": effort.edit_version,
    }


@require_http_methods(["GET", "POST"])
def effort_plan_edit(request, code, effort_pk):
    """The effort's text, time target, recurrence and sub-goal: inline with htmx, else a page."""
    project = _plan_project(request, code)
    effort = get_object_or_404(project.efforts.all(), pk=effort_pk)

    def make_form(data=None):
        return EffortPlanEditForm(
            data, project=project, initial=_effort_initial(effort), auto_id=f"plan-{effort.pk}-%s"
        )

    def save(cleaned):
        return services.effort_update_plan(effort=effort, user=request.user, **cleaned)

    back = f"{project.get_absolute_url()}#inspanning-{effort.pk}"
    if not request.htmx:
        return _plan_page(
            request,
            project=project,
            make_form=make_form,
            save=save,
            title=_("Inspanning wijzigen: tekst en tijdsdoel"),
            back=back,
            success=_("De inspanning is bijgewerkt."),
        )
    partial = "programme/_effort_plan_form.html"
    context = _effort_context(request, project, effort)
    if request.method == "GET":
        return render(request, partial, {**context, "form": make_form()})
    form = make_form(data=request.POST)
    status, stale = 422, None
    if form.is_valid():
        try:
            save(form.cleaned_data)
        except StaleEditError as error:
            status, stale = 409, error.message
            if error.current is not None:
                form = make_form(data=_with_version(request.POST, error.current.edit_version))
                form.is_valid()
        except ValidationError as error:
            _errors_onto(form, error)
        else:
            current = selectors.efforts_with_last_change().get(pk=effort.pk)
            return render(
                request, "programme/_effort_row.html", _effort_context(request, project, current)
            )
    return render(request, partial, {**context, "form": form, "stale": stale}, status=status)


def _move(request, *, project, row, service, noun: str):
    form = MoveForm(request.POST)
    back = _efforts_anchor(project)
    if form.is_valid():
        try:
            service(
                user=request.user,
                direction=form.cleaned_data["direction"],
                edit_version=form.cleaned_data["edit_version"],
                **{noun: row},
            )
        except (StaleEditError, ValidationError) as error:
            message = error.message if isinstance(error, StaleEditError) else error.messages[0]
            return _refusal(request, project, message, back, status=409)
        messages.success(request, _("De volgorde is gewijzigd."))
        return redirect(back)
    message = next(iter(form.errors.values()))[0]
    return _refusal(request, project, message, back, status=422)


def _refusal(request, project, message: str, back: str, *, status: int):
    """A refused move, as a page of its own: the person reads why and goes back."""
    context = {"project": project, "title": _("Niet gewijzigd"), "refusal": message, "back": back}
    return render(request, "programme/plan_form.html", context, status=status)


@require_POST
def effort_move(request, code, effort_pk):
    project = _plan_project(request, code)
    effort = get_object_or_404(project.efforts.all(), pk=effort_pk)
    return _move(request, project=project, row=effort, service=services.effort_move, noun="effort")


@require_http_methods(["GET", "POST"])
def effort_remove(request, code, effort_pk):
    project = _plan_project(request, code)
    effort = get_object_or_404(project.efforts.all(), pk=effort_pk)
    reported = services.effort_is_reported(effort)
    return _plan_page(
        request,
        project=project,
        make_form=lambda data=None: RemoveForm(data, initial={"edit_version": effort.edit_version}),
        save=lambda cleaned: services.effort_remove(
            effort=effort, user=request.user, edit_version=cleaned["edit_version"]
        ),
        title=_("Inspanning verwijderen"),
        intro=(
            _(
                "Over deze inspanning is al gerapporteerd; zij blijft staan. Zet haar op "
                "'Niet behaald' met een reden als zij vervalt."
            )
            if reported
            else _("Deze inspanning verwijderen? De geschiedenis bewaart haar.")
        ),
        button=_("Verwijderen"),
        allowed=not reported,
        back=_efforts_anchor(project),
        success=_("De inspanning is verwijderd."),
        extra={"subject": effort.text},
    )


@require_http_methods(["GET", "POST"])
def sub_goal_create(request, code):
    project = _plan_project(request, code)
    return _plan_page(
        request,
        project=project,
        make_form=lambda data=None: SubGoalForm(data),
        save=lambda cleaned: services.sub_goal_create(
            project=project, user=request.user, **cleaned
        ),
        title=_("Subdoelstelling toevoegen"),
        button=_("Subdoelstelling toevoegen"),
        back=_efforts_anchor(project),
        success=_("De subdoelstelling is toegevoegd."),
    )


def _sub_goal(project, sub_goal_pk):
    return get_object_or_404(project.sub_goals.all(), pk=sub_goal_pk)


@require_http_methods(["GET", "POST"])
def sub_goal_edit(request, code, sub_goal_pk):
    project = _plan_project(request, code)
    sub_goal = _sub_goal(project, sub_goal_pk)
    initial = {"text": sub_goal.text, "edit_version": sub_goal.edit_version}
    return _plan_page(
        request,
        project=project,
        make_form=lambda data=None: SubGoalEditForm(data, initial=initial),
        save=lambda cleaned: services.sub_goal_update(
            sub_goal=sub_goal, user=request.user, **cleaned
        ),
        title=_("Subdoelstelling wijzigen"),
        back=_efforts_anchor(project),
        success=_("De subdoelstelling is bijgewerkt."),
    )


@require_POST
def sub_goal_move(request, code, sub_goal_pk):
    project = _plan_project(request, code)
    sub_goal = _sub_goal(project, sub_goal_pk)
    return _move(
        request, project=project, row=sub_goal, service=services.sub_goal_move, noun="sub_goal"
    )


@require_http_methods(["GET", "POST"])
def sub_goal_remove(request, code, sub_goal_pk):
    project = _plan_project(request, code)
    sub_goal = _sub_goal(project, sub_goal_pk)
    has_efforts = sub_goal.efforts.exists()
    return _plan_page(
        request,
        project=project,
        make_form=lambda data=None: RemoveForm(
            data, initial={"edit_version": sub_goal.edit_version}
        ),
        save=lambda cleaned: services.sub_goal_remove(
            sub_goal=sub_goal, user=request.user, edit_version=cleaned["edit_version"]
        ),
        title=_("Subdoelstelling verwijderen"),
        intro=(
            _(
                "Er horen nog inspanningen bij deze subdoelstelling; verplaats of verwijder "
                "die eerst."
            )
            if has_efforts
            else _("Deze subdoelstelling verwijderen? De geschiedenis bewaart haar.")
        ),
        button=_("Verwijderen"),
        allowed=not has_efforts,
        back=_efforts_anchor(project),
        success=_("De subdoelstelling is verwijderd."),
        extra={"subject": sub_goal.text},
    )


@require_http_methods(["GET", "POST"])
def project_duration_edit(request, code):
    project = _plan_project(request, code)
    initial = {
        "starts_on": project.starts_on,
        "ends_on": project.ends_on,
        "edit_version": project.edit_version,
    }
    return _plan_page(
        request,
        project=project,
        make_form=lambda data=None: DurationForm(data, initial=initial),
        save=lambda cleaned: services.project_update_duration(
            project=project, user=request.user, **cleaned
        ),
        title=_("Looptijd wijzigen"),
        back=f"{project.get_absolute_url()}#triangle",
        success=_("De looptijd is bijgewerkt."),
    )


@require_http_methods(["GET", "POST"])
def project_triangle_edit(request, code):
    project = _plan_project(request, code, triangle=True)
    initial = triangle_initial(project)
    return _plan_page(
        request,
        project=project,
        make_form=lambda data=None: TriangleForm(data, initial=initial),
        save=lambda cleaned: services.project_update_triangle(
            project=project, user=request.user, **cleaned
        ),
        title=_("Sturingsdriehoek en projectteam wijzigen"),
        back=f"{project.get_absolute_url()}#triangle",
        success=_("De sturingsdriehoek en het projectteam zijn bijgewerkt."),
    )
