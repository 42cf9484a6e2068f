"""The programme dashboard page and its exports (PDF for the meeting, CSV and XLSX tables)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from core.exports import CSV, XLSX, download_response, export_bytes
from core.fragments import cached_fragment, cached_value, fingerprints
from core.jobs import JobOutcome, job_enqueue
from core.pdf import PdfRenderError, render_to_pdf
from core.registry import in_region, registry

from .dashboard import Dashboard, DashboardFilters, build_dashboard
from .dashboard_cache import body_data, body_varies_on, dashboard_body, dashboard_filter_form
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


DASHBOARD_PDF_JOB = "programme.dashboard_pdf"


def _filters(query: QueryDict) -> tuple[DashboardFilter, DashboardFilters]:
    filterset = DashboardFilter(query or None, queryset=Project.objects.none())
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


def _panels(region, filters, request=None, stamps=None):
    """The panels other apps registered, each rendered with its own template and context; on
    the page, a panel that names its data is a cached fragment for the page's address, with
    its fingerprint from `stamps` (by panel key)."""

    def render(panel):
        context = in_region(region, panel.context, request, filters)
        return render_to_string(panel.template, context, request)

    def html(panel):
        if request is None or panel.data is None:
            return render(panel)
        return cached_fragment(
            f"programme.dashboard_panel.{panel.key}",
            vary_on=(request.get_full_path(), *stamps[panel.key]),
            data=(),
            render=lambda: render(panel),
        )

    return [{"panel": panel, "html": html(panel)} for panel in registry.panels()]


def _page_stamps() -> tuple[tuple, dict[str, tuple]]:
    """The fingerprints of the body's data and of each cached panel's, in one query."""
    cached = [panel for panel in registry.panels() if panel.data is not None]
    body, *panels = fingerprints(body_data(), *(panel.data() for panel in cached))
    return body, {panel.key: stamp for panel, stamp in zip(cached, panels, strict=True)}


@require_http_methods(["GET", "POST"])
def dashboard(request):
    """The dashboard with the filters of the query string. `?export=csv|xlsx` downloads its
    tables; a POST with `export=pdf` (the button "PDF voor het overleg") queues the PDF, since
    it starts work rather than reads a page."""
    filterset, filters = _filters(request.GET)
    wants_pdf = request.method == "POST" and request.POST.get("export") == "pdf"
    export = "pdf" if wants_pdf else request.GET.get("export")
    refused = filterset.is_bound and not filterset.form.is_valid()
    if export and not refused:
        if export in (CSV, XLSX):
            return _export_table(filters, export)
        if wants_pdf:
            return _enqueue_pdf(request, build_dashboard(filters=filters))
    today = timezone.localdate()
    address = request.get_full_path()
    stamp, panel_stamps = _page_stamps()
    context = {
        # The data behind the body, built only where something reads it (in the request's
        # region, wherever that is): the page shows the rendered body, which is cached
        # (programme/dashboard_cache.py).
        "dashboard": SimpleLazyObject(
            lambda: in_region(request.region, build_dashboard, filters=filters)
        ),
        "as_of": filters.as_of,
        "today": today,
        "dashboard_body": dashboard_body(
            filters=filters, today=today, address=address, stamp=stamp
        ),
        "filter": filterset,
        "filter_html": dashboard_filter_form(filterset, address=address, stamp=stamp),
        "panels": _panels(request.region, filters, request, panel_stamps),
    }
    # An export of other filters than were asked for would mislead: show the message instead.
    status = 400 if refused and export else 200
    return render(request, "programme/dashboard.html", context, status=status)


def _enqueue_pdf(request, data: Dashboard):
    """The PDF for the meeting is made by the background worker: dozens of projects take longer
    than a web request should, and several at once would starve the web workers."""
    query = request.GET.copy()
    title = _("Programmadashboard als PDF, stand op %(date)s") % {"date": f"{data.today:%d-%m-%Y}"}
    try:
        job = job_enqueue(
            kind=DASHBOARD_PDF_JOB,
            user=request.user,
            region=request.region,
            title=title,
            params={"query": query.urlencode()},
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(f"{request.path}?{query.urlencode()}" if query else request.path)
    return redirect("jobs:job_detail", pk=job.pk)


def dashboard_pdf_job(job, progress) -> JobOutcome:
    """The background job: the dashboard as the person filtered it, printed for the meeting."""
    filterset, filters = _filters(QueryDict(job.params.get("query", "")))
    data = build_dashboard(filters=filters)
    progress(1, 2)
    context = {
        "dashboard": data,
        "filter": filterset,
        "panels": _panels(job.region, filters),
        "printed_on": timezone.localdate(),
        "region": job.region,
    }
    try:
        _html, pdf = render_to_pdf("programme/pdf/dashboard.html", context)
    except PdfRenderError as error:
        raise ValidationError(str(error)) from error
    progress(2, 2)
    return JobOutcome(
        content=pdf,
        filename=f"programmadashboard-{data.today:%Y-%m-%d}.pdf",
        content_type="application/pdf",
    )


def _export_table(filters: DashboardFilters, export_format: str) -> HttpResponse:
    """The dashboard's table as a file, kept as its body is: the same rows, the same file."""
    content = cached_value(
        "programme.dashboard.export",
        vary_on=(export_format, *body_varies_on(filters, timezone.localdate())),
        data=body_data(),
        compute=lambda: _table_bytes(build_dashboard(filters=filters), export_format),
    )
    filename = f"programmadashboard-{filters.day():%Y-%m-%d}.{export_format}"
    return download_response(content, export_format, filename)


def _table_bytes(data: Dashboard, export_format: str) -> bytes:
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
    return export_bytes(export_format, EXPORT_COLUMNS, rows, title=_("Programmadashboard"))
