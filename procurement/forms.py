from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import STALE_FORM_MESSAGE, DutchDecimalField, VersionedFormMixin
from core.tabular import human_size

from .constants import SignalKind
from .risk.csv_import import MAX_BYTES


class RiskYearForm(forms.Form):
    """The financial year the risk dashboard shows (default: each provider's latest)."""

    jaar = forms.TypedChoiceField(
        label=_("Boekjaar"),
        required=False,
        coerce=int,
        empty_value=None,
        error_messages={"invalid_choice": _("Kies een boekjaar uit de lijst.")},
    )

    def __init__(self, *args, years=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["jaar"].choices = [("", _("Laatste jaar per aanbieder"))] + [
            (str(year), str(year)) for year in years
        ]


class RiskThresholdForm(VersionedFormMixin, forms.Form):
    kind = forms.ChoiceField(
        choices=SignalKind.choices,
        widget=forms.HiddenInput,
        error_messages={"invalid_choice": STALE_FORM_MESSAGE, "required": STALE_FORM_MESSAGE},
    )
    value = DutchDecimalField(
        label=_("Drempel"),
        places=2,
        min_value=Decimal(0),
        max_value=Decimal("999999999999.99"),
        error_messages={
            "required": _("Vul een drempel in."),
            "min_value": _("Een drempel kan niet negatief zijn."),
            "max_value": _("Dat getal is te groot."),
        },
    )
    is_active = forms.BooleanField(label=_("Actief"), required=False)


class BaseRiskThresholdFormSet(forms.BaseFormSet):
    def clean(self):
        super().clean()
        kinds = [form.cleaned_data.get("kind") for form in self.forms if form.cleaned_data]
        if len(kinds) != len(set(kinds)):
            raise forms.ValidationError(STALE_FORM_MESSAGE)


RiskThresholdFormSet = forms.formset_factory(
    RiskThresholdForm,
    formset=BaseRiskThresholdFormSet,
    extra=0,
    max_num=len(SignalKind.choices),
    validate_max=True,
)


class FinancialsImportForm(forms.Form):
    file = forms.FileField(
        label=_("CSV- of Excel-bestand"),
        help_text=_(
            "Kolommen: aanbieder;jaar;omzet;bedrijfsresultaat;dividend;fte;personeelskosten;"
            "totale_kosten. Bedragen zoals 1.250.000,00; dividend mag leeg (geen uitkering)."
        ),
        error_messages={
            "required": _("Kies een CSV- of Excel-bestand."),
            "empty": _("Het bestand is leeg."),
            "invalid": _("Kies een CSV- of Excel-bestand."),
        },
    )
    source = forms.CharField(
        label=_("Bron"),
        required=False,
        max_length=200,
        help_text=_("Bijvoorbeeld ‘Jaarverantwoordingen 2023’."),
        error_messages={"max_length": _("De bron is hoogstens %(limit_value)d tekens.")},
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_BYTES:  # before a byte is read
            raise forms.ValidationError(
                _("Het bestand is groter dan %(size)s; splits het in delen.")
                % {"size": human_size(MAX_BYTES)}
            )
        if not upload.name.lower().endswith((".csv", ".txt", ".xlsx")):
            raise forms.ValidationError(_("Kies een CSV- of Excel-bestand (.csv of .xlsx)."))
        return upload
