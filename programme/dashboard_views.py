"""The programme dashboard page and its exports (PDF for the meeting, CSV and XLSX tables)."""

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from core.exports import CSV, XLSX, export_response
from core.pdf import PdfRenderError, render_to_pdf
from core.registry import in_region, registry

from .dashboard import Dashboard, DashboardFilters, build_dashboard
from .filters import DashboardFilter
from .models import Project

EXPORT_COLUMNS = (
    _("Programmalijn"),
    _("Nummer"),
    _("Project"),
    _("Algehele status"),
    _("Behaald"),
    _("In behandeling"),
    _("Niet behaald"),
    _("Onbekend"),
    _("Verlopen"),
    _("Dit kwartaal"),
    _("Laatste update"),
    _("Laatste vastgestelde rapportage"),
    _("Bestuurlijk opdrachtgever"),
    _("Ambtelijk opdrachtgever"),
    _("Ambtelijk opdrachtnemer"),
)


def _filters(request) -> tuple[DashboardFilter, DashboardFilters]:
    filterset = DashboardFilter(request.GET or None, queryset=Project.objects.none())
    if filterset.is_bound and filterset.form.is_valid():
        data = filterset.form.cleaned_data
        return filterset, DashboardFilters(
            theme=data.get("theme"),
            lead_municipality=data.get("lead_municipality"),
            overall_status=data.get("overall_status") or "",
            overdue_only=bool(data.get("overdue_only")),
            as_of=data.get("as_of"),
        )
    return filterset, DashboardFilters()


def _panels(request, filters):
    """The panels other apps registered, each rendered with its own template and context."""
    return [
        {
            "panel": panel,
            "html": render_to_string(
                panel.template, in_region(request.region, panel.context, request, filters), request
            ),
        }
        for panel in registry.panels()
    ]


def dashboard(request):
    filterset, filters = _filters(request)
    data = build_dashboard(filters=filters)
    export = request.GET.get("export")
    refused = filterset.is_bound and not filterset.form.is_valid()
    if refused and export:
        # An export of other filters than were asked for would mislead: show the message instead.
        context = {"dashboard": data, "filter": filterset, "panels": _panels(request, filters)}
        return render(request, "programme/dashboard.html", context, status=400)
    if export in (CSV, XLSX):
        return _export_table(data, export)
    context = {"dashboard": data, "filter": filterset, "panels": _panels(request, filters)}
    if export == "pdf":
        try:
            _html, pdf = render_to_pdf(
                "programme/pdf/dashboard.html",
                {**context, "printed_on": timezone.localdate(), "region": request.region},
            )
        except PdfRenderError as error:
            messages.error(request, str(error))
        else:
            response = HttpResponse(pdf, content_type="application/pdf")
            response["Content-Disposition"] = (
                f'inline; filename="programmadashboard-{data.today:%Y-%m-%d}.pdf"'
            )
            return response
    return render(request, "programme/dashboard.html", context)


def _export_table(data: Dashboard, export_format: str) -> HttpResponse:
    rows = [
        [
            f"{block.theme.code} {block.theme.name}",
            row.project.code,
            row.project.name,
            row.overall_status_label,
            row.counts["achieved"],
            row.counts["in_progress"],
            row.counts["not_achieved"],
            row.counts["unknown"],
            len(row.overdue),
            len(row.due_this_quarter),
            timezone.localdate(row.last_update) if row.last_update else None,
            row.last_adopted_report,
            row.administrative_sponsor,
            row.official_sponsor,
            row.contractor,
        ]
        for block in data.themes
        for row in block.projects
    ]
    return export_response(
        export_format,
        EXPORT_COLUMNS,
        rows,
        title=_("Programmadashboard"),
        filename=f"programmadashboard-{data.today:%Y-%m-%d}",
    )
