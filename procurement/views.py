"""Procurement pages of /inkoop/: framework, segments, providers, norms; the risk signals."""

from functools import wraps

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from django_filters.views import FilterView
from django_tables2 import SingleTableMixin

from core.charts import DEFAULT_COLOUR, Series, grouped_bars
from core.fragments import cached_fragment
from core.locking import StaleEditError
from core.registry import in_region
from core.views import ListPageMixin

from . import selectors
from .filters import NormFilter, ProviderFilter
from .forms import FinancialsImportForm, RiskThresholdFormSet, RiskYearForm
from .models import Provider
from .permissions import procurement_permissions
from .risk import selectors as risk_selectors
from .risk import services as risk_services
from .risk.csv_import import COLUMNS, CsvImportError
from .risk.signals import DEFINITIONS
from .tables import NormTable, ProviderTable


def permission_required(action: str):
    """Declare on a view which action of procurement_permissions() it needs; 403 otherwise."""

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if not getattr(procurement_permissions(request.user), action):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapper

    return decorator


class BadFilterStatusMixin:
    """A filter form with invalid input answers 400 and shows its Dutch error messages."""

    def render_to_response(self, context, **kwargs):
        response = super().render_to_response(context, **kwargs)
        filterset = context.get("filter")
        if filterset is not None and filterset.is_bound and not filterset.is_valid():
            response.status_code = 400
        return response


# --- Framework, segments, providers, norms --------------------------------------------------


def overview(request):
    """The framework with its principles, core values, phases and procedures; ?kader= picks one."""
    frameworks = list(selectors.frameworks_all())
    slug = request.GET.get("kader")
    if slug:
        framework = next((item for item in frameworks if item.slug == slug), None)
        if framework is None:
            raise Http404(_("Inkoopkader niet gevonden."))
    else:
        framework = selectors.framework_default(frameworks, today=timezone.localdate())
    context = {
        "framework": framework and selectors.framework_with_parts(framework),
        "frameworks": frameworks,
        "today": timezone.localdate(),
        "permissions": procurement_permissions(request.user),
    }
    return render(request, "procurement/overview.html", context)


def segment_list(request):
    segments = list(selectors.segments_for_list())
    periods = []
    for segment in segments:
        if not periods or periods[-1][0] != segment.framework:
            periods.append((segment.framework, []))
        periods[-1][1].append(segment)
    context = {"periods": periods, "permissions": procurement_permissions(request.user)}
    return render(request, "procurement/segment_list.html", context)


def segment_detail(request, framework_slug, code):
    segment = selectors.segment_for_detail(framework_slug=framework_slug, code=code)
    if segment is None:
        raise Http404(_("Segment niet gevonden."))
    context = {"segment": segment, "permissions": procurement_permissions(request.user)}
    return render(request, "procurement/segment_detail.html", context)


class ProviderListView(BadFilterStatusMixin, ListPageMixin, SingleTableMixin, FilterView):
    table_class = ProviderTable
    filterset_class = ProviderFilter
    template_name = "procurement/provider_list.html"
    table_pagination = {"per_page": 25}
    export_formats = ("csv", "xlsx")
    export_name = "jeugdhulpaanbieders"
    cached_table_data = staticmethod(selectors.provider_list_data)
    filter_template = "core/_filter_form.html"

    def get_queryset(self):
        return selectors.providers_for_list()

    def get_filterset_kwargs(self, filterset_class):
        kwargs = super().get_filterset_kwargs(filterset_class)
        kwargs["segments"] = selectors.segments_of_region()
        return kwargs

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["permissions"] = procurement_permissions(self.request.user)
        return context


def provider_detail(request, slug):
    provider = selectors.provider_for_detail(
        slug=slug,
    )
    if provider is None:
        raise Http404(_("Aanbieder niet gevonden."))
    context = {"provider": provider, "permissions": procurement_permissions(request.user)}
    return render(request, "procurement/provider_detail.html", context)


class NormListView(BadFilterStatusMixin, ListPageMixin, SingleTableMixin, FilterView):
    table_class = NormTable
    filterset_class = NormFilter
    template_name = "procurement/norm_list.html"
    table_pagination = {"per_page": 50}
    export_formats = ("csv", "xlsx")
    export_name = "normenkader"

    def get_queryset(self):
        return selectors.norms_for_list()

    def get_filterset_kwargs(self, filterset_class):
        kwargs = super().get_filterset_kwargs(filterset_class)
        kwargs["segments"] = selectors.segments_of_region()
        return kwargs

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["permissions"] = procurement_permissions(self.request.user)
        return context


# --- Risk signals: Netwerk MT Jeugd and functional administrators ---------------------------


@permission_required("view_risk")
def risk_dashboard(request):
    form = RiskYearForm(request.GET or None, years=risk_selectors.financial_years_available())
    year = form.cleaned_data["jaar"] if form.is_bound and form.is_valid() else None
    context = {
        "form": form,
        # The data behind the providers' part, built only where something reads it (in the
        # request's region): the page shows that part as a cached fragment (core.fragments).
        "dashboard": SimpleLazyObject(
            lambda: in_region(request.region, risk_selectors.risk_dashboard, year=year)
        ),
        "providers_html": cached_fragment(
            "procurement.risk_providers",
            vary_on=(request.get_full_path(),),  # the address holds the chosen year
            data=risk_selectors.risk_dashboard_data(),
            render=lambda: _risk_providers_html(risk_selectors.risk_dashboard(year=year)),
        ),
        "permissions": procurement_permissions(request.user),
    }
    status = 400 if form.is_bound and not form.is_valid() else 200
    return render(request, "procurement/risk_dashboard.html", context, status=status)


def _risk_providers_html(dashboard) -> str:
    """The providers by their signals and the thresholds: the same for everyone in the region."""
    threshold_lines = [
        (definition, dashboard.thresholds.get(kind)) for kind, definition in DEFINITIONS.items()
    ]
    return render_to_string(
        "procurement/_risk_providers.html",
        {"dashboard": dashboard, "threshold_lines": threshold_lines},
    )


FIGURE_SERIES = [
    Series("revenue", _("Omzet"), DEFAULT_COLOUR),
    Series("total_costs", _("Totale kosten"), "#7a8fa6"),
    Series("operating_result", _("Bedrijfsresultaat"), "#1a6b2f"),
    Series("dividend_paid", _("Dividend"), "#a4161a"),
]


@permission_required("view_risk")
def risk_provider(request, slug):
    provider = Provider.objects.filter(slug=slug).first()
    if provider is None:
        raise Http404(_("Aanbieder niet gevonden."))
    history = risk_selectors.provider_risk_history(provider)
    chart = None
    if history:
        chart = grouped_bars(
            title=_("Omzet, kosten, resultaat en dividend van %(name)s per jaar")
            % {"name": provider.name},
            groups=[
                (
                    str(row.financial_year.year),
                    {
                        series.key: getattr(row.financial_year, series.key)
                        for series in FIGURE_SERIES
                    },
                )
                for row in history
            ],
            series=FIGURE_SERIES,
        )
    risk_services.risk_page_view_record(provider=provider, user=request.user, region=request.region)
    figures, indicators = risk_selectors.figures_by_year(history)
    context = {
        "provider": provider,
        "history": history,
        "latest": history[-1] if history else None,
        "table_groups": [figures, indicators],
        "chart": chart,
        "permissions": procurement_permissions(request.user),
    }
    return render(request, "procurement/risk_provider.html", context)


@permission_required("manage_risk")
@require_http_methods(["GET", "POST"])
def risk_thresholds_edit(request):
    rows = {row.kind: row for row in risk_selectors.threshold_rows()}
    template = "procurement/risk_thresholds.html"
    if request.method == "GET":
        formset = RiskThresholdFormSet(initial=[_threshold_initial(row) for row in rows.values()])
        return render(request, template, _thresholds_context(request, formset, rows))
    formset = RiskThresholdFormSet(request.POST)
    if not formset.is_valid():
        return render(request, template, _thresholds_context(request, formset, rows), status=422)
    changes = [
        risk_services.ThresholdChange(
            kind=data["kind"],
            value=data["value"],
            is_active=data["is_active"],
            edit_version=data["edit_version"],
        )
        for data in formset.cleaned_data
    ]
    try:
        changed = risk_services.risk_thresholds_update(user=request.user, changes=changes)
    except StaleEditError as stale:
        messages.error(
            request,
            _(
                "Niet opgeslagen: iemand anders heeft de drempel ‘%(kind)s’ intussen gewijzigd. "
                "Hieronder staan de nieuwe waarden; pas ze zo nodig opnieuw aan."
            )
            % {"kind": stale.current.get_kind_display()},
        )
        fresh = {row.kind: row for row in risk_selectors.threshold_rows()}
        formset = RiskThresholdFormSet(initial=[_threshold_initial(row) for row in fresh.values()])
        return render(request, template, _thresholds_context(request, formset, fresh), status=409)
    except ValidationError as error:
        formset._non_form_errors = formset.error_class(error.messages)
        return render(request, template, _thresholds_context(request, formset, rows), status=422)
    messages.success(
        request,
        _("%(count)d drempel(s) bijgewerkt.") % {"count": len(changed)}
        if changed
        else _("Er is niets gewijzigd."),
    )
    return redirect("procurement:risk_thresholds")


def _threshold_initial(row):
    return {
        "kind": row.kind,
        "value": row.value,
        "is_active": row.is_active,
        "edit_version": row.edit_version,
    }


def _thresholds_context(request, formset, rows):
    lines = []
    for form in formset.forms:
        kind = form["kind"].value()
        row = rows.get(kind)
        lines.append({"form": form, "row": row, "definition": DEFINITIONS.get(kind)})
    return {
        "formset": formset,
        "lines": lines,
        "changes": risk_selectors.threshold_changes(limit=10),
        "permissions": procurement_permissions(request.user),
    }


@permission_required("manage_risk")
@require_http_methods(["GET", "POST"])
def financials_import(request):
    template = "procurement/financials_import.html"
    context = {"columns": list(COLUMNS), "permissions": procurement_permissions(request.user)}
    if request.method == "GET":
        context["form"] = FinancialsImportForm()
        return render(request, template, context)
    form = FinancialsImportForm(request.POST, request.FILES)
    context["form"] = form
    if not form.is_valid():
        return render(request, template, context, status=422)
    try:
        result = risk_services.provider_financials_import(
            raw=form.cleaned_data["file"].read(),
            filename=form.cleaned_data["file"].name,
            user=request.user,
            source=form.cleaned_data["source"],
        )
    except CsvImportError as error:
        context["row_errors"] = error.errors
        return render(request, template, context, status=422)
    messages.success(
        request,
        _("Geïmporteerd: %(created)d nieuwe en %(updated)d bijgewerkte jaren.")
        % {"created": result.created, "updated": result.updated},
    )
    return redirect("procurement:risk_dashboard")
