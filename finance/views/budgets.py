"""Budgets and their lines: the overview by year, one budget; adding, editing, deleting a line."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from django_filters.views import FilterView

from core.fragments import cached_fragment
from core.locking import StaleEditError
from core.views import page_export
from finance import selectors, services
from finance.exports import budget_lines_table
from finance.filters import BudgetFilter
from finance.forms import BudgetLineDeleteForm, BudgetLineEditForm, BudgetLineForm
from finance.permissions import finance_permissions

from .common import _apply_errors, permission_required


class BudgetOverviewView(FilterView):
    """`/financien/`: every budget by year, its lines, totals and balance; carry-over checks."""

    filterset_class = BudgetFilter
    template_name = "finance/index.html"

    def get_queryset(self):
        return selectors.budgets_for_overview()

    def get_context_data(self, **kwargs):
        """Everything under the filters is the same for everyone at this address: a cached
        fragment, built (and the budgets read) only when the cache does not have it."""
        context = super().get_context_data(**kwargs)
        context["permissions"] = finance_permissions(self.request.user)
        context["body"] = cached_fragment(
            "finance.overview",
            vary_on=(self.request.get_full_path(),),
            data=selectors.overview_data(),
            render=lambda: render_to_string(OVERVIEW_BODY, self._body_context()),
        )
        return context

    def _body_context(self) -> dict:
        budgets = list(self.object_list)
        return {
            "years": selectors.budgets_by_year(budgets),
            "budgets": budgets,
            "checks": selectors.carry_over_checks(budgets),
            "not_carried": selectors.balances_not_carried_over(budgets),
        }

    def render_to_response(self, context, **response_kwargs):
        download = page_export(
            self.request,
            filename="begrotingen",
            title=_("Begrotingsregels"),
            table=lambda: budget_lines_table(list(self.object_list)),
        )
        return download or super().render_to_response(context, **response_kwargs)


OVERVIEW_BODY = "finance/_overview_body.html"


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
    download = page_export(
        request,
        filename=f"begroting-{budget.slug}",
        title=_("Begrotingsregels"),
        table=lambda: budget_lines_table([budget]),
    )
    if download:
        return download
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


budget_overview = BudgetOverviewView.as_view()
