"""Staff views of the programme: project list and page, inline edits, progress reports."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from django_filters.views import FilterView
from django_tables2 import SingleTableMixin

from core.fragments import CSRF_PLACEHOLDER
from core.locking import StaleEditError
from core.pdf import PdfRenderError
from core.views import ListPageMixin

from . import project_page, selectors, services
from .constants import AgendaOutcome
from .filters import ProjectFilter
from .forms import EffortDeliveryForm, EffortForm, ProgressReportCreateForm, ProjectStatusForm
from .pdf import progress_report_pdf
from .permissions import may_read_programme, project_permissions
from .plan_forms import (
    DurationForm,
    EffortPlanForm,
    SubGoalForm,
    TriangleForm,
    triangle_initial,
)
from .tables import ProjectTable


class ProjectListView(ListPageMixin, SingleTableMixin, FilterView):
    table_class = ProjectTable
    filterset_class = ProjectFilter
    template_name = "programme/project_list.html"
    table_pagination = {"per_page": 25}
    export_formats = ("csv", "xlsx")
    export_name = "projecten"
    cached_table_data = staticmethod(selectors.project_list_data)
    filter_template = "core/_filter_form.html"

    def get_queryset(self):
        return selectors.projects_for_list(
            today=timezone.localdate(),
        )


def _project_or_404(request, code):
    project = selectors.project_for_detail(
        code=code,
    )
    if project is None:
        raise Http404(_("Project niet gevonden."))
    return project


def project_detail(request, code):
    """The project page: its body is a cached fragment (programme/project_page.py); only the
    project's heading is read on every request."""
    project = selectors.project_heading(code=code)
    if project is None:
        raise Http404(_("Project niet gevonden."))
    permissions = project_permissions(request.user, project)
    body = project_page.project_body(
        request,
        project,
        permissions=permissions,
        today=timezone.localdate(),
        render=lambda: _project_body(request, code, permissions),
    )
    return render(request, "programme/project_detail.html", {"project": project, "body": body})


def _project_body(request, code, permissions) -> str:
    project = _project_or_404(request, code)
    today = timezone.localdate()
    sub_goals = selectors.sub_goals_with_efforts(project, today=today)
    context = {
        "project": project,
        "permissions": permissions,
        "sub_goals": sub_goals,
        "overdue_count": sum(row.overdue for group in sub_goals for row in group.rows),
        "last_update": selectors.last_update(project, project.efforts.all()),
        "changes": selectors.project_changes(project, limit=25),
        "status_form": ProjectStatusForm(
            initial={
                "overall_status": project.overall_status,
                "status_remarks": project.status_remarks,
                "edit_version": project.edit_version,
            }
        ),
        "report_form": ProgressReportCreateForm(initial={"report_date": today}),
        "today": today,
        "csrf_token": CSRF_PLACEHOLDER,
        **_plan_forms(request, project),
    }
    return render_to_string(project_page.BODY_TEMPLATE, context)


def _plan_forms(request, project) -> dict:
    """The plan's forms on the project page, for those who may use them."""
    permissions = project_permissions(request.user, project)
    forms = {}
    if permissions.edit_plan:
        forms["effort_form"] = EffortPlanForm(project=project, auto_id="new-effort-%s")
        forms["sub_goal_form"] = SubGoalForm(auto_id="new-sub-goal-%s")
        forms["duration_form"] = DurationForm(
            auto_id="duration-%s",
            initial={
                "starts_on": project.starts_on,
                "ends_on": project.ends_on,
                "edit_version": project.edit_version,
            },
        )
    if permissions.edit_triangle:
        forms["triangle_form"] = TriangleForm(
            auto_id="triangle-%s", initial=triangle_initial(project)
        )
    return forms


def _effort_context(request, project, effort, form=None, stale=None):
    today = timezone.localdate()
    return {
        "project": project,
        "effort": selectors.effort_row(effort, today=today),
        "permissions": project_permissions(request.user, project),
        "form": form,
        "stale": stale,
    }


@require_http_methods(["GET", "POST"])
def effort_edit(request, code, effort_pk):
    """Edit an effort's status and remark: inline with htmx, or as a plain page without it."""
    project = _project_or_404(request, code)
    effort = get_object_or_404(project.efforts.all(), pk=effort_pk)
    if not project_permissions(request.user, project).edit:
        raise PermissionDenied
    partial = "programme/_effort_form.html" if request.htmx else "programme/effort_edit.html"
    if request.method == "GET":
        form = EffortForm(
            initial={
                "status": effort.status,
                "remark": effort.remark,
                "edit_version": effort.edit_version,
            }
        )
        return render(request, partial, _effort_context(request, project, effort, form))

    form = EffortForm(request.POST)
    if not form.is_valid():
        return render(request, partial, _effort_context(request, project, effort, form), status=422)
    try:
        effort = services.effort_update(
            effort=effort,
            user=request.user,
            status=form.cleaned_data["status"],
            remark=form.cleaned_data["remark"],
            edit_version=form.cleaned_data["edit_version"],
        )
    except StaleEditError as stale:
        # Offer the person's own input again, on top of the newer version they have now seen.
        current = selectors.efforts_with_last_change().get(pk=stale.current.pk)
        fresh = EffortForm(
            initial={
                "status": form.cleaned_data["status"],
                "remark": form.cleaned_data["remark"],
                "edit_version": current.edit_version,
            }
        )
        context = _effort_context(request, project, current, fresh, stale=current)
        return render(request, partial, context, status=409)
    except ValidationError as error:
        for field, field_errors in error.message_dict.items():
            form.add_error(field if field in form.fields else None, field_errors)
        return render(request, partial, _effort_context(request, project, effort, form), status=422)
    if request.htmx:
        return render(
            request, "programme/_effort_row.html", _effort_context(request, project, effort)
        )
    messages.success(request, _("De inspanning is bijgewerkt."))
    return redirect(f"{project.get_absolute_url()}#inspanning-{effort.pk}")


@require_POST
def effort_delivery_create(request, code, effort_pk):
    """Record a delivery of a recurring effort (a plain form on the project page)."""
    project = _project_or_404(request, code)
    effort = get_object_or_404(project.efforts.all(), pk=effort_pk)
    if not project_permissions(request.user, project).edit:
        raise PermissionDenied
    back = f"{project.get_absolute_url()}#inspanning-{effort.pk}"
    form = EffortDeliveryForm(request.POST)
    if not form.is_valid():
        _form_errors_as_messages(request, form)
        return redirect(back)
    try:
        services.effort_delivery_record(effort=effort, user=request.user, **form.cleaned_data)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(back)
    messages.success(request, _("De levering is vastgelegd."))
    return redirect(back)


def _form_errors_as_messages(request, form) -> None:
    """For the small forms on the project page that redirect back to it."""
    for errors in form.errors.values():
        for error in errors:
            messages.error(request, error)


@require_POST
def project_status_edit(request, code):
    project = _project_or_404(request, code)
    if not project_permissions(request.user, project).edit:
        raise PermissionDenied
    form = ProjectStatusForm(request.POST)
    if form.is_valid():
        try:
            services.project_update_status(project=project, user=request.user, **form.cleaned_data)
        except StaleEditError as stale:
            messages.error(
                request,
                _(
                    "Niet opgeslagen: %(who)s heeft de status intussen gewijzigd in "
                    "'%(status)s'. Bekijk de nieuwe waarde en probeer het opnieuw."
                )
                % {
                    "who": selectors.last_editor_name(stale.current),
                    "status": stale.current.get_overall_status_display(),
                },
            )
            return redirect(project.get_absolute_url())
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect(project.get_absolute_url())
        messages.success(request, _("De algehele status is bijgewerkt."))
        return redirect(project.get_absolute_url())
    _form_errors_as_messages(request, form)
    return redirect(project.get_absolute_url())


@require_POST
def report_create(request, code):
    project = _project_or_404(request, code)
    if not project_permissions(request.user, project).draft_report:
        raise PermissionDenied
    form = ProgressReportCreateForm(request.POST, project=project)
    if not form.is_valid():
        _form_errors_as_messages(request, form)
        return redirect(project.get_absolute_url())
    try:
        report = services.progress_report_create(
            project=project, user=request.user, report_date=form.cleaned_data["report_date"]
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(project.get_absolute_url())
    messages.success(request, _("De conceptrapportage is aangemaakt."))
    return redirect(report.get_absolute_url())


def _report_or_404(request, pk):
    report = selectors.report_for_detail(
        pk=pk,
    )
    if report is None:
        raise Http404(_("Rapportage niet gevonden."))
    return report


def report_detail(request, pk):
    report = _report_or_404(request, pk)
    context = {
        "report": report,
        "project": report.project,
        "permissions": project_permissions(request.user, report.project),
        "timeline": selectors.report_timeline(report.project),
    }
    return render(request, "programme/report_detail.html", context)


def report_pdf(request, pk):
    report = _report_or_404(request, pk)
    try:
        pdf = progress_report_pdf(report)
    except PdfRenderError as error:
        messages.error(request, str(error))
        return redirect(report.get_absolute_url())
    response = HttpResponse(pdf, content_type="application/pdf")
    filename = f"voortgangsrapportage-{report.project.code}-{report.report_date:%Y-%m-%d}.pdf"
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


REPORT_ACTIONS = {
    "indienen": (services.progress_report_submit, _("De rapportage is ingediend.")),
    "vaststellen": (services.progress_report_adopt, _("De rapportage is vastgesteld.")),
    "terugsturen": (
        services.progress_report_return,
        _("De rapportage is teruggestuurd naar concept; de opsteller krijgt de reden."),
    ),
    "bijwerken": (services.progress_report_refresh, _("De rapportage is opnieuw opgebouwd.")),
}


@require_POST
def report_action(request, pk, action):
    report = _report_or_404(request, pk)
    if action not in REPORT_ACTIONS:
        raise Http404
    service, success = REPORT_ACTIONS[action]
    # Sending back says why: the reason goes to the author by e-mail and on their home page.
    extra = {"reason": request.POST.get("reason", "")} if action == "terugsturen" else {}
    try:
        report = service(report=report, user=request.user, **extra)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, success)
    return redirect(report.get_absolute_url())


def report_compare(request, code):
    project = _project_or_404(request, code)
    reports = list(project.progress_reports.all())
    by_pk = {str(report.pk): report for report in reports}
    older = by_pk.get(request.GET.get("van", ""))
    newer = by_pk.get(request.GET.get("tot", ""))
    if (older is None or newer is None) and len(reports) >= 2:
        newer, older = newer or reports[0], older or reports[1]
    comparison = (
        selectors.compare_reports(older, newer) if older is not None and newer is not None else None
    )
    context = {
        "project": project,
        "reports": reports,
        "older": older,
        "newer": newer,
        "comparison": comparison,
    }
    return render(request, "programme/report_compare.html", context)


def programme_outcomes(request, slug):
    """A programme with each of its projects and how it ended (the Ontwikkelagenda 2021:
    done, or continues in a named project of the programme that followed)."""
    if not may_read_programme(request.user):
        raise PermissionDenied
    found = selectors.programme_outcomes(slug=slug)
    if found is None:
        raise Http404(_("Programma niet gevonden."))
    programme, rows = found
    context = {
        "programme": programme,
        "rows": rows,
        "done": sum(1 for row in rows if row.project.agenda_outcome == AgendaOutcome.DONE),
        "continues": sum(1 for row in rows if row.successor is not None),
    }
    return render(request, "programme/programme_outcomes.html", context)
