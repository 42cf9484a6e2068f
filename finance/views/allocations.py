"""Allocations: the list, allocating an amount with a key, one allocation (and its export),
the PDF statement of one municipality's share, and all statements as a ZIP (a background job).
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST
from django.views.generic import TemplateView

from django_filters.views import FilterView
from django_tables2 import SingleTableMixin

from core.exports import XLSX
from core.formatting import format_euro
from core.jobs import job_enqueue
from core.pdf import PdfRenderError
from core.views import ListPageMixin
from finance import selectors, services
from finance.filters import AllocationFilter
from finance.forms import AllocationForm
from finance.jobs import ALLOCATION_STATEMENTS_JOB
from finance.pdf import allocation_statement, allocation_statement_pdf
from finance.permissions import finance_permissions
from finance.tables import AllocationShareTable, AllocationTable

from .common import _apply_errors, permission_required


class AllocationListView(ListPageMixin, SingleTableMixin, FilterView):
    table_class = AllocationTable
    filterset_class = AllocationFilter
    template_name = "finance/allocation_list.html"
    table_pagination = {"per_page": 25}
    export_name = "verdelingen"
    dataset_kwargs = {"title": "Verdelingen"}
    cached_table_data = staticmethod(selectors.allocation_list_data)
    filter_template = "core/_filter_form.html"

    def get_queryset(self):
        return selectors.allocations_for_list()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["permissions"] = finance_permissions(self.request.user)
        return context


@require_http_methods(["GET", "POST"])
@permission_required("allocate")
def allocation_create(request):
    if request.method == "GET":
        initial = {}
        if request.GET.get("begroting"):
            budget = selectors.budgets_with_balance().filter(slug=request.GET["begroting"])
            initial["budget"] = budget.first()
        form = AllocationForm(initial=initial)
        return render(request, "finance/allocation_form.html", {"form": form})
    form = AllocationForm(request.POST)
    if form.is_valid():
        try:
            allocation = services.allocation_create(
                user=request.user,
                key=form.cleaned_data["key"],
                amount=form.cleaned_data["amount"],
                budget=form.cleaned_data["budget"],
                label=form.cleaned_data["label"],
            )
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            messages.success(
                request,
                _("%(amount)s is verdeeld over de gemeenten.")
                % {"amount": format_euro(allocation.amount, cents=True)},
            )
            return redirect("finance:allocation_detail", pk=allocation.pk)
    return render(request, "finance/allocation_form.html", {"form": form}, status=422)


class AllocationDetailView(ListPageMixin, SingleTableMixin, TemplateView):
    """One allocation: each municipality's share, the plain-rounding comparison, the total."""

    table_class = AllocationShareTable
    template_name = "finance/allocation_detail.html"
    table_pagination = False

    def dispatch(self, request, *args, **kwargs):
        self.allocation = selectors.allocation_for_detail(
            pk=kwargs["pk"],
        )
        if self.allocation is None:
            raise Http404(_("Verdeling niet gevonden."))
        self.summary = selectors.allocation_summary(self.allocation)
        return super().dispatch(request, *args, **kwargs)

    def get_table_data(self):
        return self.summary.rows

    def get_table_kwargs(self):
        return {"summary": self.summary}

    def get_export_filename(self, export_format):
        return f"verdeling-{self.allocation.pk}-{self.allocation.key.slug}.{export_format}"

    def get_dataset_kwargs(self):
        return {"title": _("Verdeling")}

    def create_export(self, export_format):
        exporter = self.export_class(
            export_format=export_format,
            table=self.get_table(**self.get_table_kwargs()),
            exclude_columns=self.exclude_columns,
            dataset_kwargs=self.get_dataset_kwargs(),
        )
        if export_format == XLSX:
            # The spreadsheet is for people: it ends with the total. The CSV stays data only.
            summary = self.summary
            exporter.rows.append(
                [
                    _("Totaal"),
                    "",
                    summary.key_sum.total,
                    summary.total,
                    summary.plain_total,
                    summary.difference_total,
                ]
            )
        return exporter.response(filename=self.get_export_filename(export_format))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            allocation=self.allocation,
            summary=self.summary,
            permissions=finance_permissions(self.request.user),
        )
        return context


def allocation_statement_view(request, pk, cbs_code):
    allocation = selectors.allocation_for_detail(
        pk=pk,
    )
    if allocation is None:
        raise Http404(_("Verdeling niet gevonden."))
    share = next(
        (s for s in allocation.shares.all() if s.municipality.cbs_code == cbs_code.upper()), None
    )
    if share is None:
        raise Http404(_("Deze gemeente heeft geen aandeel in deze verdeling."))
    statement = allocation_statement(allocation, share.municipality)
    try:
        _html, pdf = allocation_statement_pdf(statement)
    except PdfRenderError as error:
        messages.error(request, str(error))
        return redirect("finance:allocation_detail", pk=allocation.pk)
    response = HttpResponse(pdf, content_type="application/pdf")
    filename = f"verdeling-{allocation.pk}-{share.municipality.cbs_code}.pdf"
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


@require_POST
def allocation_statements(request, pk):
    """Queue the ZIP of every municipality's statement and follow its progress."""
    allocation = selectors.allocation_for_detail(pk=pk)
    if allocation is None:
        raise Http404(_("Verdeling niet gevonden."))
    try:
        job = job_enqueue(
            kind=ALLOCATION_STATEMENTS_JOB,
            user=request.user,
            region=request.region,
            title=_("Verklaringen van de verdeling ‘%(label)s’ (ZIP)")
            % {"label": allocation.label},
            params={"allocation": allocation.pk},
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("finance:allocation_detail", pk=allocation.pk)
    return redirect("jobs:job_detail", pk=job.pk)


allocation_list = AllocationListView.as_view()
allocation_detail = AllocationDetailView.as_view()
