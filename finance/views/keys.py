"""Distribution keys: the list, one key with its shares, uploading a new key."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from django_filters.views import FilterView
from django_tables2 import SingleTableMixin

from core.formatting import format_percentage
from core.views import ListPageMixin
from finance import selectors, services
from finance.filters import DistributionKeyFilter
from finance.forms import DistributionKeyUploadForm
from finance.permissions import finance_permissions
from finance.tables import DistributionKeyTable

from .common import _apply_errors, permission_required


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


key_list = DistributionKeyListView.as_view()
