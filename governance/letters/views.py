"""Staff pages for council letters: list, compose, edit, blocks, workflow, preview, downloads."""

import io
import os
import zipfile

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from django_filters.views import FilterView
from django_tables2 import SingleTableMixin

from core.locking import StaleEditError
from core.views import ListPageMixin
from governance.models import LetterBlock

from . import selectors, services
from .blocks import block_type_choices, block_type_of, block_view
from .constants import WOO_INFORMATION_CATEGORY
from .document import preview_asset_base, printed_letter, render_letter_html
from .filters import LetterFilter
from .forms import BlockChoiceForm, LetterCreateForm, LetterHeaderForm, SectionForm
from .permissions import letter_permissions, may_create_letters
from .tables import LetterTable


class LetterListView(ListPageMixin, SingleTableMixin, FilterView):
    table_class = LetterTable
    filterset_class = LetterFilter
    template_name = "governance/letters/letter_list.html"
    paginate_by = 25
    export_formats = ()  # letters are read and downloaded one by one

    def get_queryset(self):
        return selectors.letters_for_list(user=self.request.user)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["may_create"] = may_create_letters(self.request.user)
        return context


def _letter_or_404(request, pk):
    letter = selectors.letter_for_detail(pk=pk, user=request.user)
    if letter is None:
        raise Http404(_("Brief niet gevonden."))
    return letter


def _error_text(error: ValidationError) -> str:
    return " ".join(error.messages)


def _add_errors(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, field_errors in error.message_dict.items():
            form.add_error(field if field in form.fields else None, field_errors)
    else:
        form.add_error(None, error.messages)


@require_http_methods(["GET", "POST"])
def letter_create(request):
    if not may_create_letters(request.user):
        raise PermissionDenied
    form = LetterCreateForm(request.POST or None, user=request.user)
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            person = getattr(request.user, "person", None)
            try:
                letter = services.letter_create(
                    user=request.user,
                    kind=data["kind"],
                    template=data["template"],
                    municipality=data["municipality"],
                    addressees=data.get("addressees") or (),
                    date=data["date"],
                    subject=data["subject"],
                    case_number=data["case_number"],
                    author=person.name if person else "",
                )
            except ValidationError as error:
                _add_errors(form, error)
            else:
                messages.success(request, _("De brief is aangemaakt als concept."))
                return redirect("letters:letter_edit", pk=letter.pk)
        return render(request, "governance/letters/letter_create.html", {"form": form}, status=422)
    return render(request, "governance/letters/letter_create.html", {"form": form})


def _display_municipality(letter, request=None):
    """The municipality whose copy a page shows: ?gemeente=<CBS code>, else the first."""
    addressees = letter.addressee_list()
    code = request.GET.get("gemeente") if request is not None else None
    if code:
        for municipality in addressees:
            if municipality.cbs_code == code:
                return municipality
        raise Http404(_("Deze brief gaat niet naar die gemeente."))
    return addressees[0] if addressees else None


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
    }
    return render(request, "governance/letters/letter_detail.html", context)


def _editor_context(request, letter, form, section_forms, stale=None):
    municipality = _display_municipality(letter)
    sections, number = [], 0
    for section in letter.sections.all():
        blocks = []
        for block in section.blocks.all():
            number += 1
            blocks.append(block_view(block, municipality, number=number))
        sections.append((section, section_forms[section.pk], blocks))
    return {
        "letter": letter,
        "form": form,
        "sections": sections,
        "block_types": block_type_choices(),
        "permissions": letter_permissions(request.user, letter),
        "stale": stale,
    }


def _section_forms(letter, data=None):
    return {
        section.pk: SectionForm(data, prefix=f"sectie-{section.pk}", initial={"text": section.text})
        for section in letter.sections.all()
    }


def _stale_differences(current, form, section_forms) -> list[tuple[str, str]]:
    """Where the saved letter now differs from what this person submitted."""
    differences = []
    for name in form.cleaned_data:
        if name in services.HEADER_FIELDS:
            saved = getattr(current, name)
            if saved != form.cleaned_data[name]:
                label = current._meta.get_field(name).verbose_name
                differences.append((str(label).capitalize(), str(saved or "–")))
    for section in current.sections.select_related("question"):
        section_form = section_forms.get(section.pk)
        if section_form is not None and section_form.cleaned_data.get("text") != section.text:
            differences.append((section.question.text, section.text or "–"))
    return differences


BLOCK_ACTIONS = {"omhoog", "omlaag", "verwijderen", "toevoegen"}


def _block_action(request, letter):
    """The block button pressed in the editor, as (action, id), or None."""
    value = request.POST.get("blok_actie", "")
    action, _sep, ident = value.partition(":")
    if action not in BLOCK_ACTIONS or not ident.isdigit():
        return None
    return action, int(ident)


@require_http_methods(["GET", "POST"])
def letter_edit(request, pk):
    """Header, sections, related decisions and blocks of a concept, in one form.

    The block buttons (up, down, remove, add) submit the whole form, so text typed before
    pressing one is saved first and never lost.
    """
    letter = _letter_or_404(request, pk)
    permissions = letter_permissions(request.user, letter)
    if not letter.is_draft:
        messages.error(
            request,
            _("Alleen een concept kan worden bewerkt. Deze brief heeft de status '%(status)s'.")
            % {"status": letter.get_status_display().lower()},
        )
        return redirect(letter.get_absolute_url())
    if not permissions.edit:
        raise PermissionDenied
    template = "governance/letters/letter_edit.html"
    if request.method == "GET":
        form = LetterHeaderForm(instance=letter, user=request.user)
        return render(
            request, template, _editor_context(request, letter, form, _section_forms(letter))
        )

    form = LetterHeaderForm(request.POST, instance=letter, user=request.user)
    section_forms = _section_forms(letter, request.POST)
    valid = form.is_valid() & all(f.is_valid() for f in section_forms.values())
    if not valid:
        context = _editor_context(request, letter, form, section_forms)
        return render(request, template, context, status=422)
    try:
        letter = services.letter_update(
            letter=letter,
            user=request.user,
            edit_version=form.cleaned_data["edit_version"],
            header=form.header(),
            section_texts={pk: f.cleaned_data["text"] for pk, f in section_forms.items()},
            decisions=form.cleaned_data["related_decisions"],
            addressees=form.cleaned_data.get("addressees"),
        )
    except StaleEditError as stale:
        current = selectors.letter_for_detail(pk=letter.pk, user=request.user)
        differences = _stale_differences(current, form, section_forms)
        data = request.POST.copy()
        data["edit_version"] = str(current.edit_version)
        fresh = LetterHeaderForm(data, instance=current, user=request.user)
        fresh.is_valid()
        context = _editor_context(
            request, current, fresh, _section_forms(current, data), stale=differences
        )
        context["stale_user"] = stale.current
        return render(request, template, context, status=409)
    except ValidationError as error:
        _add_errors(form, error)
        return render(
            request, template, _editor_context(request, letter, form, section_forms), status=422
        )

    edit_url = reverse("letters:letter_edit", kwargs={"pk": letter.pk})
    action = _block_action(request, letter)
    if action is None:
        messages.success(request, _("De brief is opgeslagen."))
        if request.POST.get("voorbeeld"):
            return redirect("letters:letter_preview", pk=letter.pk)
        return redirect(edit_url)
    verb, ident = action
    if verb == "toevoegen":
        query = urlencode(
            {"section": ident, "block_type": request.POST.get(f"nieuw-blok-{ident}", "")}
        )
        return redirect(f"{reverse('letters:block_add', kwargs={'pk': letter.pk})}?{query}")
    block = get_object_or_404(LetterBlock, pk=ident, section__letter=letter)
    try:
        if verb == "verwijderen":
            services.letter_block_remove(
                block=block, user=request.user, edit_version=letter.edit_version
            )
            messages.success(request, _("De tekst is opgeslagen en het blok is verwijderd."))
        else:
            services.letter_block_move(
                block=block,
                user=request.user,
                edit_version=letter.edit_version,
                direction=-1 if verb == "omhoog" else 1,
            )
            messages.success(request, _("De tekst is opgeslagen en het blok is verplaatst."))
    except (ValidationError, StaleEditError) as error:
        messages.error(
            request,
            str(error) if isinstance(error, StaleEditError) else _error_text(error),
        )
    return redirect(f"{edit_url}#sectie-{block.section_id}")


@require_http_methods(["GET", "POST"])
def block_add(request, pk):
    """Choose the section and kind of a new block, then fill in the kind's own form."""
    letter = _letter_or_404(request, pk)
    if not letter.is_draft or not letter_permissions(request.user, letter).edit:
        raise PermissionDenied
    template = "governance/letters/block_add.html"
    data = request.POST if request.method == "POST" else request.GET.copy()
    if request.method == "GET":
        data.setdefault("edit_version", str(letter.edit_version))
    choice = BlockChoiceForm(data, letter=letter)
    context = {"letter": letter, "choice": choice, "params": None}
    if not choice.is_valid():
        return render(request, template, context, status=422)
    block_type = block_type_of(choice.cleaned_data["block_type"])
    context["block_type"] = block_type
    if request.method == "GET":
        context["params"] = block_type.form_class(prefix="params")
        return render(request, template, context)
    params = block_type.form_class(request.POST, prefix="params")
    context["params"] = params
    if not params.is_valid():
        return render(request, template, context, status=422)
    section = choice.cleaned_data["section"]
    try:
        services.letter_block_add(
            letter=letter,
            user=request.user,
            section=section,
            block_type=choice.cleaned_data["block_type"],
            params={name: params[name].value() for name in params.fields},
            edit_version=choice.cleaned_data["edit_version"],
        )
    except StaleEditError:
        choice.add_error(
            None,
            _(
                "Niet toegevoegd: de brief is intussen gewijzigd. Bekijk de brief en voeg het "
                "blok opnieuw toe."
            ),
        )
        return render(request, template, context, status=409)
    except ValidationError as error:
        _add_errors(params, error)
        return render(request, template, context, status=422)
    messages.success(
        request, _("Het blok '%(label)s' is toegevoegd.") % {"label": block_type.label}
    )
    return redirect(
        f"{reverse('letters:letter_edit', kwargs={'pk': letter.pk})}#sectie-{section.pk}"
    )


LETTER_ACTIONS = {
    "gereed-melden": (services.letter_approve, _("De brief is gereed gemeld.")),
    "terug-naar-concept": (services.letter_reopen, _("De brief is teruggezet naar concept.")),
    "verzenden": (services.letter_issue, None),
    "corrigeren": (services.letter_correct, None),
    "verwijderen": (services.letter_delete, None),
}


@require_POST
def letter_action(request, pk, action):
    letter = _letter_or_404(request, pk)
    if action not in LETTER_ACTIONS:
        raise Http404
    service, success = LETTER_ACTIONS[action]
    try:
        result = service(letter=letter, user=request.user)
    except ValidationError as error:
        messages.error(request, _error_text(error))
        return redirect(letter.get_absolute_url())
    if action == "verwijderen":
        messages.success(
            request, _("Het concept '%(subject)s' is verwijderd.") % {"subject": letter.subject}
        )
        return redirect("letters:letter_list")
    if action == "corrigeren":
        messages.success(
            request,
            _(
                "Versie %(version)d is aangemaakt als concept; zij vervangt versie %(old)d na "
                "verzending."
            )
            % {"version": result.version, "old": letter.version},
        )
        return redirect("letters:letter_edit", pk=result.pk)
    if action == "verzenden":
        count = len(result.addressee_list())  # issuing is all or nothing: one PDF each
        messages.success(
            request,
            _("De brief is verzonden: %(count)d PDF('s) gemaakt en opgeslagen.") % {"count": count},
        )
    else:
        messages.success(request, success)
    return redirect(result.get_absolute_url())


@require_GET
def letter_preview(request, pk):
    """The print HTML itself, with its stylesheet and fonts served from STATIC_URL."""
    letter = _letter_or_404(request, pk)
    municipality = _display_municipality(letter, request)
    if municipality is None:
        raise Http404(_("Deze brief heeft nog geen geadresseerde."))
    printed = printed_letter(letter, municipality, asset_base=preview_asset_base())
    return HttpResponse(render_letter_html(printed))


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
