"""The workflow buttons of a letter (approve, reopen, issue, correct, copy, delete), one view for
all; the confirmation before issuing, with the final PDF to look at; the bin of deleted concepts
and restoring one. A regional letter is issued by a background job; its page (`/taken/<id>/`)
shows the progress."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from governance.letters import selectors, services
from governance.letters.completeness import missing_for_issue
from governance.letters.constants import DELETED_LETTER_DAYS
from governance.letters.permissions import letter_permissions

from .common import _error_text, _letter_or_404

LETTER_ACTIONS = {
    "gereed-melden": (services.letter_approve, _("De brief is gereed gemeld.")),
    "ter-goedkeuring": (services.letter_request_approval, None),
    "terug-naar-concept": (services.letter_reopen, _("De brief is teruggezet naar concept.")),
    "verzenden": (services.letter_issue, None),
    "corrigeren": (services.letter_correct, None),
    "kopie-maken": (services.letter_copy, None),
    "verwijderen": (services.letter_delete, None),
}

# What the confirmation page posts with "Definitief verzenden": without it nothing is sent.
CONFIRM_FIELD, CONFIRM_VALUE = "bevestigd", "ja"


@require_GET
def letter_issue_confirm(request, pk):
    """Before issuing: the final PDF of every addressed council to look at (marked as a preview
    until sent), and the button that sends it."""
    letter = _letter_or_404(request, pk)
    permissions = letter_permissions(request.user, letter)
    if letter.is_issued:
        messages.error(request, _("Deze brief is al verzonden."))
        return redirect(letter.get_absolute_url())
    if not permissions.issue:
        raise PermissionDenied
    context = {
        "letter": letter,
        "addressees": letter.addressee_list(),
        "missing": missing_for_issue(letter),
        "issue_progress": selectors.letter_issue_progress(letter),
        "confirm_field": CONFIRM_FIELD,
        "confirm_value": CONFIRM_VALUE,
    }
    return render(request, "governance/letters/letter_issue_confirm.html", context)


@require_GET
def letter_bin(request):
    """The bin: deleted concepts the user may restore, within DELETED_LETTER_DAYS days."""
    context = {
        "letters": selectors.letters_in_bin(user=request.user),
        "days": DELETED_LETTER_DAYS,
        "deadline": services.deletion_deadline(),
    }
    return render(request, "governance/letters/letter_bin.html", context)


@require_POST
def letter_restore(request, pk):
    letter = selectors.letter_in_bin(pk=pk, user=request.user)
    if letter is None:
        raise Http404(_("Deze brief staat niet in uw prullenbak."))
    try:
        services.letter_restore(letter=letter, user=request.user)
    except ValidationError as error:
        messages.error(request, _error_text(error))
        return redirect("letters:letter_bin")
    messages.success(
        request,
        _("Het concept '%(subject)s' is teruggezet uit de prullenbak.")
        % {"subject": letter.subject},
    )
    return redirect(letter.get_absolute_url())


@require_POST
def letter_action(request, pk, action):
    letter = _letter_or_404(request, pk)
    if action not in LETTER_ACTIONS:
        raise Http404
    service, success = LETTER_ACTIONS[action]
    if action == "verzenden" and request.POST.get(CONFIRM_FIELD) != CONFIRM_VALUE:
        # Issuing is final: only from the confirmation page, after looking at the PDF.
        messages.error(
            request,
            _("De brief is niet verzonden. Bekijk eerst de PDF en bevestig dan het verzenden."),
        )
        return redirect("letters:letter_issue_confirm", pk=letter.pk)
    if action == "verzenden" and len(letter.addressee_list()) > 1:
        # One PDF per council: rendered by a background job, its page shows the progress.
        service = services.letter_issue_enqueue
    try:
        result = service(letter=letter, user=request.user)
    except ValidationError as error:
        messages.error(request, _error_text(error))
        if action == "verzenden":
            return redirect("letters:letter_issue_confirm", pk=letter.pk)
        return redirect(letter.get_absolute_url())
    if service is services.letter_issue_enqueue:
        messages.success(
            request,
            _("De brief wordt verzonden: voor elke gemeente wordt een PDF gemaakt en opgeslagen."),
        )
        return redirect("jobs:job_detail", pk=result.issue_task_id)
    if action == "verwijderen":
        messages.success(
            request,
            _(
                "Het concept '%(subject)s' is verwijderd. Het staat %(days)d dagen in de "
                "prullenbak en kan daar worden teruggezet."
            )
            % {"subject": letter.subject, "days": DELETED_LETTER_DAYS},
        )
        return redirect("letters:letter_list")
    if action == "ter-goedkeuring":
        messages.success(
            request,
            _("Gevraagd om goedkeuring: %(count)d persoon of personen krijgen een e-mail.")
            % {"count": len(result)},
        )
        return redirect(letter.get_absolute_url())
    if action == "kopie-maken":
        messages.success(
            request,
            _("Er is een nieuw concept gemaakt als kopie van deze brief; pas het aan."),
        )
        return redirect("letters:letter_edit", pk=result.pk)
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
