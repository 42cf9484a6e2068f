"""Reading letters: the list, and one letter with its copies and stored PDFs."""

from dataclasses import astuple

from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from django_filters.views import FilterView
from django_tables2 import SingleTableMixin

from core.views import ListPageMixin
from governance.letters import selectors
from governance.letters.completeness import missing_for_issue
from governance.letters.constants import WOO_INFORMATION_CATEGORY
from governance.letters.document import printed_letter
from governance.letters.filters import LetterFilter
from governance.letters.permissions import (
    letter_permissions,
    letter_visibility,
    may_create_board_letters,
    may_create_letters,
    profile_municipalities,
)
from governance.letters.tables import LetterTable

from .common import _display_municipality, _letter_or_404


class LetterListView(ListPageMixin, SingleTableMixin, FilterView):
    table_class = LetterTable
    filterset_class = LetterFilter
    template_name = "governance/letters/letter_list.html"
    table_pagination = {"per_page": 25}
    export_name = "brieven"
    export_title = _("Brieven")
    cached_table_data = staticmethod(selectors.letter_list_data)
    filter_template = "core/_filter_form.html"

    def get_queryset(self):
        return selectors.letters_for_list(user=self.request.user)

    def cached_table_vary_on(self, table) -> tuple:
        # Which letters someone may see depends on who they are: the people who see the same
        # letters share the table, and nobody gets another's.
        return astuple(letter_visibility(self.request.user))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["may_create"] = may_create_letters(self.request.user)
        context["may_create_board"] = may_create_board_letters(self.request.user)
        context["keeps_profiles"] = profile_municipalities(self.request.user).exists()
        return context


@require_GET
def letter_detail(request, pk):
    letter = _letter_or_404(request, pk)
    municipality = _display_municipality(letter, request)
    addressees = letter.addressee_list()
    issued = {document.municipality_id: document for document in letter.pdfs.all()}
    context = {
        "letter": letter,
        "permissions": letter_permissions(request.user, letter),
        "document": printed_letter(letter, municipality) if municipality else None,
        "municipality": municipality,
        "copies": [(m, issued.get(m.pk)) for m in addressees],
        "issued_count": len(issued),
        "addressee_count": len(addressees),
        "replacement": letter.replacement(),
        "woo_category": WOO_INFORMATION_CATEGORY,
        "issue_progress": selectors.letter_issue_progress(letter),
        # What the template version still asks for, and whether this person wrote the letter
        # (four eyes: the author does not approve it).
        "missing": missing_for_issue(letter) if not letter.is_issued else [],
        "is_author": letter.created_by_id is not None and letter.created_by_id == request.user.pk,
    }
    return render(request, "governance/letters/letter_detail.html", context)
