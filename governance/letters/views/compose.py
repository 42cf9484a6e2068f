"""Composing a concept: the new-letter form and the editor (header, sections, decisions, and
the block buttons that save the text first), with its answer to a stale save.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from core.locking import StaleEditError
from governance.letters import selectors, services
from governance.letters.blocks import block_type_choices, block_view
from governance.letters.board import sending_bodies
from governance.letters.forms import (
    BoardLetterCreateForm,
    LetterCreateForm,
    LetterHeaderForm,
    SectionForm,
)
from governance.letters.permissions import (
    drafting_municipalities,
    letter_permissions,
    may_create_board_letters,
    may_create_letters,
)
from governance.letters.richtext import html_to_markup
from governance.models import LetterBlock

from .common import _add_errors, _display_municipality, _error_text, _letter_or_404


@require_http_methods(["GET", "POST"])
def letter_create(request):
    if not may_create_letters(request.user):
        raise PermissionDenied
    if not drafting_municipalities(request.user).exists():
        # A board's secretariat writes to the colleges only.
        return redirect("letters:board_letter_create")
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
                    is_public=data["is_public"],
                    woo_ground=data["woo_ground"],
                )
            except ValidationError as error:
                _add_errors(form, error)
            else:
                messages.success(request, _("De brief is aangemaakt als concept."))
                return redirect("letters:letter_edit", pk=letter.pk)
        return render(request, "governance/letters/letter_create.html", {"form": form}, status=422)
    return render(request, "governance/letters/letter_create.html", {"form": form})


@require_http_methods(["GET", "POST"])
def board_letter_create(request):
    """A new letter of a board to the colleges, by the board's secretariat."""
    if not may_create_board_letters(request.user):
        raise PermissionDenied
    template = "governance/letters/board_letter_create.html"
    form = BoardLetterCreateForm(
        request.POST or None, user=request.user, bodies=sending_bodies(request.user)
    )
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                letter = services.board_letter_create(
                    user=request.user,
                    sender_body=data["sender_body"],
                    template=data["template"],
                    addressees=data["addressees"],
                    **form.header(),
                )
            except ValidationError as error:
                _add_errors(form, error)
            else:
                messages.success(request, _("De brief is aangemaakt als concept."))
                return redirect("letters:letter_edit", pk=letter.pk)
        return render(request, template, {"form": form}, status=422)
    return render(request, template, {"form": form})


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
        section.pk: SectionForm(data, prefix=f"sectie-{section.pk}", stored=section.text)
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
            differences.append((section.question.text, html_to_markup(section.text) or "–"))
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
            decisions=form.cleaned_data.get("related_decisions"),
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
