"""The workbook page of the functional administrator: template, export, upload, preview, apply.

Every view works in the user's own region (`request.region`): the export holds that region's
rows only, and a workbook naming another region is refused before anything is read into it.
"""

import functools

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from core.exports import CONTENT_TYPES

from . import jobs, services, uploads
from .forms import WorkbookUploadForm
from .permissions import can_use_workbook

TEMPLATE = "governance/workbook/index.html"
FORMAT_PARAMETER = "formaat"


def workbook_permission(view):
    """Functional administrators and the platform administrator, in a region; 403 otherwise."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        if not can_use_workbook(request.user) or getattr(request, "region", None) is None:
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper


def _format(request) -> str:
    return services.ZIP if request.GET.get(FORMAT_PARAMETER) == services.ZIP else services.XLSX


def _download(content: bytes, file_format: str, name: str) -> HttpResponse:
    response = HttpResponse(content, content_type=CONTENT_TYPES[file_format])
    response["Content-Disposition"] = f'attachment; filename="{name}.{file_format}"'
    return response


def _page(request, *, form=None, result=None, token="", status=200):
    context = {
        "form": form or WorkbookUploadForm(),
        "result": result,
        "plan": result.plan if result else None,
        "token": token,
        "region": request.region,
        "summary": services.plan_summary(result.plan) if result else "",
        "max_size": services.MAX_UPLOAD_BYTES,
    }
    return render(request, TEMPLATE, context, status=status)


@workbook_permission
@require_http_methods(["GET", "POST"])
def workbook_index(request):
    """The page; a POST uploads a workbook and shows what applying it would do."""
    if request.method == "GET":
        return _page(request)
    form = WorkbookUploadForm(request.POST, request.FILES)
    if not form.is_valid():
        return _page(request, form=form, status=422)
    upload = form.cleaned_data["file"]
    raw = upload.read(services.MAX_UPLOAD_BYTES + 1)
    result = services.workbook_import(raw=raw, user=request.user, region=request.region)
    if not result.plan.ok:
        return _page(request, form=form, result=result, status=422)
    token = ""
    if result.plan.has_changes:
        token = uploads.upload_keep(request, raw=raw, filename=upload.name or "")
    return _page(request, result=result, token=token)


@workbook_permission
@require_POST
def workbook_apply(request):
    """Apply the workbook whose preview the user confirmed: a background job reads the kept
    bytes again and applies them; the user goes to its page."""
    token = request.POST.get("token", "")
    kept = uploads.upload_load(request, token)
    if kept is None:
        messages.error(
            request,
            _("Er is geen werkmap om toe te passen (verlopen of al toegepast); upload opnieuw."),
        )
        return redirect("workbook:index")
    raw, filename = kept
    try:
        job = jobs.workbook_import_enqueue(
            raw=raw, filename=filename, user=request.user, region=request.region
        )
    except ValidationError as error:  # the limit per user: the preview stays to apply later
        messages.error(request, " ".join(error.messages))
        return redirect("workbook:index")
    uploads.upload_discard(request)
    messages.success(
        request,
        _(
            "De werkmap wordt toegepast; deze pagina toont per werkblad hoe ver het is en "
            "daarna wat er is gewijzigd."
        ),
    )
    return redirect("jobs:job_detail", pk=job.pk)


@workbook_permission
@require_GET
def workbook_template(request):
    """The empty workbook with its explanation sheet, to fill in by hand."""
    file_format = _format(request)
    return _download(
        services.workbook_template(file_format=file_format), file_format, "werkmap-sjabloon"
    )


@workbook_permission
@require_GET
def workbook_export(request):
    """The user's region as a workbook."""
    file_format = _format(request)
    content = services.workbook_export(region=request.region, file_format=file_format)
    return _download(content, file_format, f"werkmap-{slugify(request.region.slug)}")
