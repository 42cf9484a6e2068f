"""The printed letter: the HTML preview, a stored PDF, and all PDFs of a letter as one ZIP.

`pdf_response` is shared with the public pages (`governance.letters.public_views`).
"""

import io
import os
import zipfile

from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.clickjacking import xframe_options_sameorigin
from django.views.decorators.http import require_GET

from csp.constants import SELF
from csp.decorators import csp_replace

from core.pdf import PdfRenderError
from governance.letters.document import (
    preview_asset_base,
    printed_letter,
    render_letter_html,
    render_letter_pdf,
)

from .common import _display_municipality, _letter_or_404


@require_GET
def letter_preview(request, pk):
    """The print HTML itself, with its stylesheet and fonts served from STATIC_URL."""
    letter = _letter_or_404(request, pk)
    municipality = _display_municipality(letter, request)
    if municipality is None:
        raise Http404(_("Deze brief heeft nog geen geadresseerde."))
    printed = printed_letter(letter, municipality, asset_base=preview_asset_base())
    return HttpResponse(render_letter_html(printed))


@require_GET
@xframe_options_sameorigin  # shown in a frame of the confirmation page, and nowhere else
@csp_replace({"frame-ancestors": [SELF]})
def letter_draft_pdf(request, pk):
    """The PDF as it will be stored when the letter is sent (marked as a preview until then),
    for the addressed council of ?gemeente=; an issued letter's is the stored one."""
    letter = _letter_or_404(request, pk)
    municipality = _display_municipality(letter, request)
    if municipality is None:
        raise Http404(_("Deze brief heeft nog geen geadresseerde."))
    if letter.is_issued:
        return redirect("letters:letter_pdf", pk=letter.pk, cbs_code=municipality.cbs_code)
    try:
        _html, pdf = render_letter_pdf(printed_letter(letter, municipality))
    except PdfRenderError:
        return HttpResponse(
            _("De PDF kon niet worden gemaakt; probeer het later opnieuw."),
            status=503,
            content_type="text/plain; charset=utf-8",
        )
    name = f"voorbeeld-{municipality.cbs_code}-{slugify(letter.subject)[:60]}.pdf"
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{name}"'
    response["Cache-Control"] = "no-store"
    return response


def pdf_response(document, *, as_attachment=False) -> FileResponse:
    response = FileResponse(
        document.file.open("rb"),
        content_type="application/pdf",
        as_attachment=as_attachment,
        filename=os.path.basename(document.file.name),
    )
    response["ETag"] = f'"{document.sha256}"'
    return response


@require_GET
def letter_pdf(request, pk, cbs_code):
    letter = _letter_or_404(request, pk)
    document = next((d for d in letter.pdfs.all() if d.municipality.cbs_code == cbs_code), None)
    if document is None:
        raise Http404(_("Er is geen opgeslagen PDF van deze brief voor deze gemeente."))
    return pdf_response(document)


@require_GET
def letter_zip(request, pk):
    """All PDFs of an issued (regional) letter in one ZIP file."""
    letter = _letter_or_404(request, pk)
    documents = list(letter.pdfs.all())
    if not documents:
        raise Http404(_("Deze brief heeft nog geen opgeslagen PDF's."))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for document in documents:
            with document.file.open("rb") as handle:
                archive.writestr(os.path.basename(document.file.name), handle.read())
    name = f"brief-{letter.date:%Y-%m-%d}-{slugify(letter.subject)[:60]}-v{letter.version}.zip"
    response = HttpResponse(buffer.getvalue(), content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
