from datetime import date

from django import forms
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from core.forms import VersionedFormMixin
from core.parsing import DATE_INPUT_FORMATS
from governance.constants import CouncilViewStatus

DATE_ERROR = _("Vul een bestaande datum in, bijvoorbeeld 10-11-2020.")


def date_field(label, **kwargs) -> forms.DateField:
    return forms.DateField(
        label=label,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        input_formats=DATE_INPUT_FORMATS,
        error_messages={"invalid": DATE_ERROR, "required": _("Vul een datum in.")},
        **kwargs,
    )


class AsOfForm(forms.Form):
    """The date on which the page shows who sits where (default: today)."""

    op = date_field(_("Stand op"), required=False)

    def day(self):
        if self.is_valid() and self.cleaned_data.get("op"):
            return self.cleaned_data["op"]
        return timezone.localdate()


class SendToCouncilsForm(forms.Form):
    sent_on = date_field(_("Verzonden aan de raden op"))


COUNCIL_VIEWS_FROM = date(2000, 1, 1)


class CouncilViewForm(VersionedFormMixin, forms.Form):
    status = forms.ChoiceField(
        label=_("Status"),
        choices=CouncilViewStatus.choices,
        error_messages={"invalid_choice": _("Kies een geldige status.")},
    )
    date = date_field(_("Ontvangen op"), required=False)
    reference = forms.CharField(
        label=_("Kenmerk"),
        required=False,
        max_length=100,
        help_text=_("Bijvoorbeeld een RIS-nummer."),
        error_messages={"max_length": _("Een kenmerk is hoogstens %(limit_value)d tekens.")},
    )
    summary = forms.CharField(
        label=_("Zienswijze"),
        required=False,
        max_length=10_000,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"max_length": _("De zienswijze is hoogstens %(limit_value)d tekens.")},
    )
    reply = forms.CharField(
        label=_("Gemotiveerde reactie van het bestuur"),
        required=False,
        max_length=10_000,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"max_length": _("De reactie is hoogstens %(limit_value)d tekens.")},
    )

    def clean_date(self):
        # A typo such as 0202 for 2020 is refused, not stored (a future date is refused too, by
        # the service).
        day = self.cleaned_data.get("date")
        if day is not None and day < COUNCIL_VIEWS_FROM:
            raise forms.ValidationError(
                _("De datum van ontvangst ligt vóór %(first)s: dat kan niet kloppen.")
                % {"first": date_format(COUNCIL_VIEWS_FROM, "j F Y")}
            )
        return day

    def clean(self):
        cleaned_data = super().clean()
        if (
            cleaned_data.get("status") == CouncilViewStatus.RECEIVED
            and not cleaned_data.get("date")
            and "date" not in self.errors
        ):
            self.add_error("date", _("Vul de datum in waarop de zienswijze is ontvangen."))
        return cleaned_data
