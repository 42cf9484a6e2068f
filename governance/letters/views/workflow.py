"""The workflow buttons of a letter (approve, reopen, issue, correct, delete), one view for all,
and the progress of a letter being issued in the background."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from governance.letters import selectors, services

from .common import _error_text, _letter_or_404

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
    if action == "verzenden" and len(letter.addressee_list()) > 1:
        # One PDF per council: rendered by a background task, the page shows its progress.
        service = services.letter_issue_enqueue
    try:
        result = service(letter=letter, user=request.user)
    except ValidationError as error:
        messages.error(request, _error_text(error))
        return redirect(letter.get_absolute_url())
    if service is services.letter_issue_enqueue:
        messages.success(
            request,
            _("De brief wordt verzonden: voor elke gemeente wordt een PDF gemaakt en opgeslagen."),
        )
        return redirect("letters:letter_issue_progress", pk=letter.pk)
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


def letter_issue_progress(request, pk):
    """The progress of a regional letter being issued: polled by htmx every two seconds while
    the task is queued or running (the fragment alone), and a page that reloads itself without
    JavaScript."""
    letter = _letter_or_404(request, pk)
    context = {
        "letter": letter,
        "progress": selectors.letter_issue_progress(letter),
        "addressee_count": len(letter.addressee_list()),
    }
    if request.htmx and not request.htmx.boosted:  # the poll; a boosted form lands on the page
        return render(request, "governance/letters/_issue_progress.html", context)
    return render(request, "governance/letters/letter_issue_progress.html", context)
