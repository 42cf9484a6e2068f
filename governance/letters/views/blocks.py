"""Adding a live data block to a concept: choose section and kind, then the kind's own form."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from core.locking import StaleEditError
from governance.letters import services
from governance.letters.blocks import block_type_of
from governance.letters.forms import BlockChoiceForm
from governance.letters.permissions import letter_permissions

from .common import _add_errors, _letter_or_404


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
