"""The publication of issued public letters, without login (Woo: actieve openbaarmaking).

Only letters that are issued *and* marked openbaar appear; every other letter is a 404 here.
Published letters are public by nature, so these pages show those of every region.
"""

from itertools import groupby

from django.contrib.auth.decorators import login_not_required
from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_GET

from core.scope import crosses_regions

from . import selectors
from .constants import WOO_DOCUMENT_TYPE, WOO_INFORMATION_CATEGORY
from .views import pdf_response


@login_not_required
@crosses_regions
@require_GET
def public_letter_list(request):
    documents = list(selectors.public_documents())
    years = [
        (year, list(items))
        for year, items in groupby(documents, key=lambda document: document.letter.date.year)
    ]
    context = {
        "years": years,
        "woo_category": WOO_INFORMATION_CATEGORY,
        "document_type": WOO_DOCUMENT_TYPE,
    }
    return render(request, "public/letter_list.html", context)


def _document_or_404(public_id, cbs_code):
    document = selectors.public_document(public_id=public_id, cbs_code=cbs_code)
    if document is None:
        raise Http404
    return document


@login_not_required
@crosses_regions
@require_GET
def public_letter_detail(request, public_id, cbs_code):
    document = _document_or_404(public_id, cbs_code)
    request.theme_region = document.letter.region  # the page wears the letter's region's theme
    replacement = document.letter.replacement()
    if replacement is not None and not (replacement.is_issued and replacement.is_public):
        replacement = None
    context = {
        "document": document,
        "letter": document.letter,
        "replacement": replacement,
        "woo_category": WOO_INFORMATION_CATEGORY,
        "document_type": WOO_DOCUMENT_TYPE,
    }
    return render(request, "public/letter_detail.html", context)


@login_not_required
@crosses_regions
@require_GET
def public_letter_pdf(request, public_id, cbs_code):
    return pdf_response(_document_or_404(public_id, cbs_code))
