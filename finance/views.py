"""Staff views of money: budgets and their lines, keys, allocations, funding, savings.

Everyone signed in reads; editing is for the roles `finance.permissions` names, decided there
and declared here on each view. Invalid input answers 422 with the form and its Dutch messages,
a save over someone else's newer change 409; nothing is changed in either case.
"""

from functools import wraps

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods
from django.views.generic import TemplateView

from django_filters.views import FilterView
from django_tables2 import SingleTableMixin

from core.exports import XLSX
from core.formatting import format_euro, format_percentage
from core.locking import StaleEditError
from core.pdf import PdfRenderError
from core.views import ListPageMixin

from . import selectors, services
from .constants import FundingKind
from .filters import AllocationFilter, BudgetFilter, DistributionKeyFilter
from .forms import (
    AllocationForm,
    BudgetLineDeleteForm,
    BudgetLineEditForm,
    BudgetLineForm,
    DistributionKeyUploadForm,
    ProjectFundingForm,
)
from .pdf import allocation_statement, allocation_statement_pdf
from .permissions import finance_permissions
from .tables import AllocationShareTable, AllocationTable, DistributionKeyTable


def permission_required(action: str):
    """Refuse (403) unless the user may do `action` (a field of `FinancePermissions`)."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not getattr(finance_permissions(request.user), action):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


def _apply_errors(form, error: ValidationError) -> None:
    """Put a service's ValidationError on the form, by field where it names one."""
    if hasattr(error, "error_dict"):
        for field, field_errors in error.message_dict.items():
            form.add_error(field if field in form.fields else None, field_errors)
    else:
        form.add_error(None, error.messages)


# --- Budgets --------------------------------------------------------------------------------


class BudgetOverviewView(FilterView):
    """`/financien/`: every budget by year, its lines, totals and balance; carry-over checks."""

    filterset_class = BudgetFilter
    template_name = "finance/index.html"

    def get_queryset(self):
        return selectors.budgets_for_overview()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        budgets = list(self.object_list)
        context.update(
            years=selectors.budgets_by_year(budgets),
            budgets=budgets,
            checks=selectors.carry_over_checks(budgets),
            not_carried=selectors.balances_not_carried_over(budgets),
            permissions=finance_permissions(self.request.user),
        )
        return context


def _budget_or_404(request, slug):
    budget = selectors.budget_for_detail(
        slug=slug,
    )
    if budget is None:
        raise Http404(_("Begroting niet gevonden."))
    return budget


def _budget_context(request, budget, **extra):
    context = {
        "budget": budget,
        "budget_view": selectors.budget_view(budget),
        "checks": selectors.carry_over_checks([budget]),
        "changes": selectors.budget_line_changes(budget),
        "permissions": finance_permissions(request.user),
    }
    context.update(extra)
    return context


def budget_detail(request, slug):
    budget = _budget_or_404(request, slug)
    permissions = finance_permissions(request.user)
    form = None
    if permissions.edit_budget:
        form = BudgetLineForm(
            budget=budget,
        )
    return render(
        request, "finance/budget_detail.html", _budget_context(request, budget, form=form)
    )


@require_http_methods(["GET", "POST"])
@permission_required("edit_budget")
def budget_line_create(request, slug):
    budget = _budget_or_404(request, slug)
    if request.method == "GET":
        form = BudgetLineForm(budget=budget)
        return render(request, "finance/budget_line_form.html", {"budget": budget, "form": form})
    form = BudgetLineForm(request.POST, budget=budget)
    if form.is_valid():
        try:
            services.budget_line_create(user=request.user, budget=budget, **form.cleaned_data)
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            messages.success(request, _("De regel is toegevoegd."))
            return redirect("finance:budget_detail", slug=budget.slug)
    return render(
        request, "finance/budget_line_form.html", {"budget": budget, "form": form}, status=422
    )


def _line_initial(line):
    return {
        "direction": line.direction,
        "label": line.label,
        "amount": line.amount,
        "is_pro_memorie": line.is_pro_memorie,
        "project": line.project_id,
        "carried_over_from": [budget.pk for budget in line.carried_over_from.all()],
        "order": line.order,
        "edit_version": line.edit_version,
    }


@require_http_methods(["GET", "POST"])
@permission_required("edit_budget")
def budget_line_edit(request, slug, pk):
    budget = _budget_or_404(request, slug)
    line = get_object_or_404(budget.lines.all(), pk=pk)
    context = {"budget": budget, "line": line}
    if request.method == "GET":
        form = BudgetLineEditForm(initial=_line_initial(line), budget=budget)
        return render(request, "finance/budget_line_form.html", {**context, "form": form})
    form = BudgetLineEditForm(request.POST, budget=budget)
    if form.is_valid():
        try:
            services.budget_line_update(user=request.user, line=line, **form.cleaned_data)
        except StaleEditError as stale:
            # Offer the person's own input again, on top of the newer version they now see.
            fresh = BudgetLineEditForm(
                initial={
                    **form.cleaned_data,
                    "project": form.cleaned_data["project"],
                    "edit_version": stale.current.edit_version,
                },
                budget=budget,
            )
            return render(
                request,
                "finance/budget_line_form.html",
                {**context, "form": fresh, "stale": stale.current},
                status=409,
            )
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            messages.success(request, _("De regel is gewijzigd."))
            return redirect("finance:budget_detail", slug=budget.slug)
    return render(request, "finance/budget_line_form.html", {**context, "form": form}, status=422)


@require_http_methods(["GET", "POST"])
@permission_required("edit_budget")
def budget_line_delete(request, slug, pk):
    budget = _budget_or_404(request, slug)
    line = get_object_or_404(budget.lines.all(), pk=pk)
    context = {"budget": budget, "line": line}
    if request.method == "GET":
        form = BudgetLineDeleteForm(initial={"edit_version": line.edit_version})
        return render(request, "finance/budget_line_delete.html", {**context, "form": form})
    form = BudgetLineDeleteForm(request.POST)
    if form.is_valid():
        try:
            services.budget_line_delete(
                user=request.user, line=line, edit_version=form.cleaned_data["edit_version"]
            )
        except StaleEditError as stale:
            form = BudgetLineDeleteForm(initial={"edit_version": stale.current.edit_version})
            return render(
                request,
                "finance/budget_line_delete.html",
                {**context, "form": form, "stale": stale.current},
                status=409,
            )
        messages.success(request, _("De regel '%(label)s' is verwijderd.") % {"label": line.label})
        return redirect("finance:budget_detail", slug=budget.slug)
    return render(request, "finance/budget_line_delete.html", {**context, "form": form}, status=422)


# --- Distribution keys ----------------------------------------------------------------------


class DistributionKeyListView(ListPageMixin, SingleTableMixin, FilterView):
    table_class = DistributionKeyTable
    filterset_class = DistributionKeyFilter
    template_name = "finance/key_list.html"
    # Paginated by the table only (a paginate_by here would count the rows a second time).
    table_pagination = {"per_page": 50}
    export_name = "verdeelsleutels"
    dataset_kwargs = {"title": "Verdeelsleutels"}

    def get_queryset(self):
        return selectors.keys_for_list()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["permissions"] = finance_permissions(self.request.user)
        return context


def key_detail(request, slug):
    key = selectors.key_for_detail(
        slug=slug,
    )
    if key is None:
        raise Http404(_("Verdeelsleutel niet gevonden."))
    context = {
        "key": key,
        "key_sum": selectors.KeySum(key.share_total),
        "permissions": finance_permissions(request.user),
    }
    return render(request, "finance/key_detail.html", context)


@require_http_methods(["GET", "POST"])
@permission_required("add_key")
def key_upload(request):
    if request.method == "GET":
        form = DistributionKeyUploadForm(region=request.region)
        return render(request, "finance/key_upload.html", {"form": form})
    form = DistributionKeyUploadForm(request.POST, request.FILES, region=request.region)
    if form.is_valid():
        try:
            key = services.distribution_key_create(
                user=request.user,
                region=form.cleaned_data["region"],
                name=form.cleaned_data["name"],
                source=form.cleaned_data["source"],
                valid_from=form.cleaned_data["valid_from"],
                valid_until=form.cleaned_data["valid_until"],
                shares=form.shares,
            )
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            total = sum(percentage for _municipality, percentage in form.shares)
            messages.success(
                request,
                _(
                    "Verdeelsleutel '%(name)s' is opgeslagen met %(count)d gemeenten "
                    "(samen %(total)s)."
                )
                % {"name": key.name, "count": len(form.shares), "total": format_percentage(total)},
            )
            return redirect("finance:key_detail", slug=key.slug)
    return render(request, "finance/key_upload.html", {"form": form}, status=422)


# --- Allocations ----------------------------------------------------------------------------


class AllocationListView(ListPageMixin, SingleTableMixin, FilterView):
    table_class = AllocationTable
    filterset_class = AllocationFilter
    template_name = "finance/allocation_list.html"
    table_pagination = {"per_page": 25}
    export_name = "verdelingen"
    dataset_kwargs = {"title": "Verdelingen"}

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
            exporter.dataset.append(
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


# --- Funding matrix -------------------------------------------------------------------------


def funding_matrix(request):
    context = {
        "rows": selectors.funding_matrix(),
        "kinds": FundingKind.choices,
        "permissions": finance_permissions(request.user),
    }
    return render(request, "finance/funding_matrix.html", context)


def _funding_initial(project):
    initial = {"edit_version": project.edit_version}
    for source in project.funding_sources.all():
        initial[source.kind] = True
        initial[f"{source.kind}_note"] = source.note
    return initial


@require_http_methods(["GET", "POST"])
@permission_required("edit_funding")
def funding_edit(request, slug):
    project = selectors.project_for_funding(
        slug=slug,
    )
    if project is None:
        raise Http404(_("Project niet gevonden."))
    context = {"project": project}
    if request.method == "GET":
        form = ProjectFundingForm(initial=_funding_initial(project))
        return render(request, "finance/funding_form.html", {**context, "form": form})
    form = ProjectFundingForm(request.POST)
    if form.is_valid():
        try:
            services.project_funding_set(
                user=request.user,
                project=project,
                sources=form.sources(),
                edit_version=form.cleaned_data["edit_version"],
            )
        except StaleEditError:
            current = selectors.project_for_funding(slug=slug)
            fresh = ProjectFundingForm(
                initial={**form.cleaned_data, "edit_version": current.edit_version}
            )
            return render(
                request,
                "finance/funding_form.html",
                {
                    "project": current,
                    "form": fresh,
                    "stale": selectors.funding_row(current),
                },
                status=409,
            )
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            messages.success(
                request,
                _("De financiering van %(project)s is bijgewerkt.") % {"project": project},
            )
            return redirect(f"{reverse('finance:funding_matrix')}#project-{project.slug}")
    return render(request, "finance/funding_form.html", {**context, "form": form}, status=422)


# --- Savings measures -----------------------------------------------------------------------


def savings(request):
    context = {"municipalities": selectors.savings_overview()}
    return render(request, "finance/savings.html", context)


budget_overview = BudgetOverviewView.as_view()
key_list = DistributionKeyListView.as_view()
allocation_list = AllocationListView.as_view()
allocation_detail = AllocationDetailView.as_view()
