"""What the letter pages share: the letter the user may see (or 404), the municipality whose
copy a page shows, and a service's errors as a message or on a form.
"""

from django.core.exceptions import ValidationError
from django.http import Http404
from django.utils.translation import gettext as _

from governance.letters import selectors


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
