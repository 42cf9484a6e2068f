"""The funding matrix of projects × funding kinds, and editing one project's funding."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from core.locking import StaleEditError
from core.views import page_export
from finance import selectors, services
from finance.constants import FundingKind
from finance.exports import funding_table
from finance.forms import ProjectFundingForm
from finance.permissions import finance_permissions

from .common import _apply_errors, permission_required


def funding_matrix(request):
    rows = selectors.funding_matrix()
    download = page_export(
        request,
        filename="financieringsmatrix",
        title=_("Financieringsmatrix"),
        table=lambda: funding_table(rows),
    )
    if download:
        return download
    context = {
        "rows": rows,
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
