from datetime import date

from django import forms
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from core.forms import VersionedFormMixin
from core.parsing import DATE_INPUT_FORMATS
from governance.constants import BodyKind, CouncilViewStatus, MembershipRole
from governance.models import Body, Municipality, Person

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


class MembershipEditForm(VersionedFormMixin, forms.Form):
    """A membership's role, the municipality it is on behalf of, and its dates."""

    role = forms.ChoiceField(
        label=_("Rol"),
        choices=MembershipRole.choices,
        error_messages={
            "invalid_choice": _("Kies een geldige rol."),
            "required": _("Kies een rol."),
        },
    )
    municipality = forms.ModelChoiceField(
        label=_("Namens gemeente"),
        queryset=Municipality.objects.none(),
        required=False,
        empty_label=_("– geen –"),
        error_messages={"invalid_choice": _("Kies een gemeente uit de lijst.")},
    )
    valid_from = date_field(_("Lid vanaf"))
    valid_until = date_field(
        _("Lid tot en met"),
        required=False,
        help_text=_(
            "Leeg zolang het lidmaatschap loopt; vul de laatste dag in om het te beëindigen."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["municipality"].queryset = Municipality.objects.order_by("name")

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("valid_from"), cleaned.get("valid_until")
        if start and end and end < start:
            self.add_error(
                "valid_until", _("De einddatum ligt vóór de begindatum; kies een latere datum.")
            )
        return cleaned


class MembershipForm(MembershipEditForm):
    person = forms.ModelChoiceField(
        label=_("Persoon"),
        queryset=Person.objects.none(),
        error_messages={
            "invalid_choice": _("Kies een persoon uit de lijst."),
            "required": _("Kies een persoon."),
        },
    )
    field_order = ["person", "role", "municipality", "valid_from", "valid_until"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = Person.objects.order_by("name")
        # A new membership has no version yet.
        del self.fields["edit_version"]


class ProposalForm(forms.Form):
    """A new proposal of the joint arrangement's board, to send to the councils."""

    body = forms.ModelChoiceField(
        label=_("Van het bestuur"),
        queryset=Body.objects.none(),
        empty_label=None,
        error_messages={
            "invalid_choice": _("Kies het algemeen of het dagelijks bestuur."),
            "required": _("Kies het algemeen of het dagelijks bestuur."),
        },
    )
    date = date_field(_("Datum van het voorstel"))
    title = forms.CharField(
        label=_("Titel"),
        max_length=300,
        error_messages={
            "required": _("Geef het voorstel een titel."),
            "max_length": _("Een titel is hoogstens %(limit_value)d tekens."),
        },
    )
    summary = forms.CharField(
        label=_("Toelichting"),
        required=False,
        max_length=10_000,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"max_length": _("De toelichting is hoogstens %(limit_value)d tekens.")},
    )
    reference = forms.CharField(
        label=_("Kenmerk"),
        required=False,
        max_length=100,
        help_text=_("Bijvoorbeeld een RIS-nummer."),
        error_messages={"max_length": _("Een kenmerk is hoogstens %(limit_value)d tekens.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].queryset = Body.objects.filter(
            kind__in=(BodyKind.GENERAL_BOARD, BodyKind.EXECUTIVE_BOARD)
        ).order_by("kind", "name")
