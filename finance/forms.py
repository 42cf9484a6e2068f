from django import forms
from django.utils.translation import gettext_lazy as _

from core.formatting import format_euro, format_percentage
from core.forms import VersionedFormMixin
from core.parsing import DATE_INPUT_FORMATS, ParseError, parse_amount
from governance.models import Region

from .constants import FundingKind, LineDirection
from .keyimport import parse_key_file
from .models import Budget, DistributionKey
from .selectors import (
    budget_line_choices_for,
    budgets_with_balance,
    keys_for_list,
    projects_for_lines,
)


class DutchAmountField(forms.Field):
    """An amount in euros as Dutch people type it (216.387 or 216387,50); see core.parsing."""

    widget = forms.TextInput
    max_length = 40

    def widget_attrs(self, widget):
        return {
            **super().widget_attrs(widget),
            "inputmode": "decimal",
            "autocomplete": "off",
            "maxlength": str(self.max_length),
        }

    def to_python(self, value):
        text = str(value).strip() if value is not None else ""
        if not text:
            return None
        if len(text) > self.max_length:
            raise forms.ValidationError(_("Dit is geen bedrag: te lang."), code="invalid")
        try:
            return parse_amount(text)
        except ParseError as error:
            raise forms.ValidationError(error.message, code="invalid") from None

    def prepare_value(self, value):
        # Show a stored amount the way it is typed back: 216387,50 (no thousands points).
        if value is None or isinstance(value, str):
            return value
        return f"{value:.2f}".replace(".", ",").removesuffix(",00")


class ProjectChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, project):
        return f"{project} ({project.programme.name})"


class BudgetChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, budget):
        return budget.title


class BudgetLineForm(forms.Form):
    """Add or change a line; `budget` decides the projects and budgets that can be chosen."""

    direction = forms.ChoiceField(
        label=_("Baten of lasten"),
        choices=LineDirection.choices,
        error_messages={"invalid_choice": _("Kies baten of lasten.")},
    )
    label = forms.CharField(label=_("Omschrijving"), max_length=300)
    amount = DutchAmountField(
        label=_("Bedrag (€)"),
        required=False,
        help_text=_("Bijvoorbeeld 151.600 of 28466,50. Leeg bij een pro-memorieregel."),
    )
    is_pro_memorie = forms.BooleanField(
        label=_("Pro memorie (PM)"),
        required=False,
        help_text=_("Bedrag nog niet bekend: de regel wordt getoond maar telt niet mee."),
    )
    project = ProjectChoiceField(
        label=_("Project"),
        queryset=None,
        required=False,
        error_messages={"invalid_choice": _("Kies een project uit de lijst.")},
    )
    carried_over_from = BudgetChoiceField(
        label=_("Overgeheveld saldo van"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "Voor een restantregel: het bedrag is de som van de saldi van deze begrotingen."
        ),
        error_messages={"invalid_choice": _("Kies alleen begrotingen uit de lijst.")},
    )
    order = forms.IntegerField(
        label=_("Volgnummer"),
        required=False,
        min_value=1,
        max_value=32767,
        help_text=_("Leeg: achteraan."),
        error_messages={"invalid": _("Vul een geheel getal in.")},
    )

    def __init__(self, *args, budget: Budget, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["project"].queryset = projects_for_lines()
        self.fields["carried_over_from"].queryset = budget_line_choices_for(budget)

    def clean(self):
        cleaned_data = super().clean()
        if "amount" in self.errors:
            return cleaned_data
        amount, pro_memorie = cleaned_data.get("amount"), cleaned_data.get("is_pro_memorie")
        if pro_memorie and amount is not None:
            self.add_error("amount", _("Een pro-memorieregel heeft geen bedrag."))
        elif not pro_memorie and amount is None:
            self.add_error("amount", _("Vul een bedrag in, of vink pro memorie aan."))
        if pro_memorie and cleaned_data.get("carried_over_from"):
            self.add_error(
                "carried_over_from",
                _("Een overgeheveld saldo is bekend; een pro-memorieregel kan het niet bevatten."),
            )
        return cleaned_data


class BudgetLineEditForm(VersionedFormMixin, BudgetLineForm):
    pass


class BudgetLineDeleteForm(VersionedFormMixin, forms.Form):
    pass


class KeyChoiceField(forms.ModelChoiceField):
    """A key with its source and, when its shares do not add up to 100%, a warning."""

    def label_from_instance(self, key):
        label = f"{key.name} ({key.source})"
        total = getattr(key, "share_total", None)
        if total is not None and total != 100:
            label += " – " + str(
                _("let op: telt op tot %(total)s") % {"total": format_percentage(total)}
            )
        return label


class BalanceChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, budget):
        balance = budget.balance
        owed = -balance
        what = _("te verhalen") if owed > 0 else _("terug te betalen")
        return (
            f"{budget.title}: {_('saldo')} {format_euro(balance)} → {what} {format_euro(abs(owed))}"
        )


class AllocationForm(forms.Form):
    key = KeyChoiceField(
        label=_("Verdeelsleutel"),
        queryset=None,
        empty_label=_("– kies een verdeelsleutel –"),
        error_messages={
            "required": _("Kies een verdeelsleutel."),
            "invalid_choice": _("Kies een verdeelsleutel uit de lijst."),
        },
    )
    amount = DutchAmountField(
        label=_("Bedrag (€)"),
        required=False,
        help_text=_(
            "Wat de gemeenten samen betalen, bijvoorbeeld 216.387 of 216387,50. Een negatief "
            "bedrag wordt aan de gemeenten terugbetaald."
        ),
    )
    budget = BalanceChoiceField(
        label=_("Of: het saldo van een begroting"),
        queryset=None,
        required=False,
        empty_label=_("– geen, ik vul een bedrag in –"),
        help_text=_(
            "Een tekort (negatief saldo) wordt op de gemeenten verhaald; een overschot wordt "
            "aan hen terugbetaald."
        ),
        error_messages={"invalid_choice": _("Kies een begroting uit de lijst.")},
    )
    label = forms.CharField(
        label=_("Omschrijving"),
        max_length=300,
        required=False,
        help_text=_("Leeg: 'Saldo …' of 'Verdeling van € …'."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["key"].queryset = keys_for_list()
        self.fields["budget"].queryset = budgets_with_balance()

    def clean(self):
        cleaned_data = super().clean()
        if {"amount", "budget"} & set(self.errors):
            return cleaned_data
        amount, budget = cleaned_data.get("amount"), cleaned_data.get("budget")
        if amount is not None and budget is not None:
            raise forms.ValidationError(
                _("Vul een bedrag in óf kies het saldo van een begroting, niet allebei.")
            )
        if amount is None and budget is None:
            self.add_error(
                "amount", _("Vul een bedrag in, of kies het saldo van een begroting hieronder.")
            )
        elif amount == 0:
            self.add_error("amount", _("Een bedrag van nul valt niet te verdelen."))
        key = cleaned_data.get("key")
        if key is not None and not key.share_count:
            self.add_error("key", _("Deze verdeelsleutel heeft nog geen aandelen."))
        return cleaned_data


class DistributionKeyUploadForm(forms.Form):
    name = forms.CharField(
        label=_("Naam"), max_length=200, help_text=_("Bijvoorbeeld 'meicirculaire 2024'.")
    )
    source = forms.CharField(
        label=_("Bron"),
        max_length=300,
        help_text=_("Het brondocument, bijvoorbeeld 'Meicirculaire gemeentefonds 2024'."),
    )
    valid_from = forms.DateField(
        label=_("Geldig vanaf"),
        required=False,
        input_formats=DATE_INPUT_FORMATS,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": _("Vul een geldige datum in, bijvoorbeeld 01-01-2024.")},
    )
    valid_until = forms.DateField(
        label=_("Geldig tot en met"),
        required=False,
        input_formats=DATE_INPUT_FORMATS,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": _("Vul een geldige datum in, bijvoorbeeld 31-12-2024.")},
    )
    file = forms.FileField(
        label=_("CSV- of Excel-bestand"),
        help_text=_(
            "Twee kolommen: gemeente (naam of CBS-code) en percentage (32,55 of 32.55); in CSV "
            "gescheiden door een puntkomma of komma. Een kopregel mag."
        ),
        error_messages={
            "required": _("Kies een CSV- of Excel-bestand."),
            "empty": _("Het bestand is leeg."),
            "invalid": _("Kies een CSV- of Excel-bestand."),
        },
    )
    region = forms.ModelChoiceField(
        label=_("Regio"),
        queryset=Region.objects.order_by("name"),
        error_messages={
            "required": _("Kies de regio."),
            "invalid_choice": _("Kies een regio uit de lijst."),
        },
    )

    def __init__(self, *args, region: Region, **kwargs):
        super().__init__(*args, **kwargs)
        self.shares = []
        # The key is the region's the person works in, not something to choose.
        self.fields["region"].queryset = Region.objects.filter(pk=region.pk)
        self.fields["region"].initial = region.pk
        self.fields["region"].disabled = True  # taken from the request, never from the POST
        self.fields["region"].widget = forms.HiddenInput()

    def clean(self):
        cleaned_data = super().clean()
        start, end = cleaned_data.get("valid_from"), cleaned_data.get("valid_until")
        if start and end and end < start:
            self.add_error("valid_until", _("De einddatum ligt vóór de begindatum."))
        region, name = cleaned_data.get("region"), cleaned_data.get("name")
        if (
            region
            and name
            and DistributionKey.objects.filter(region=region, name__iexact=name).exists()
        ):
            self.add_error("name", _("Deze regio heeft al een verdeelsleutel met deze naam."))
        upload = cleaned_data.get("file")
        if region is not None and upload is not None:
            parsed = parse_key_file(upload, region.municipalities.all())
            for error in parsed.errors:
                self.add_error("file", str(error))
            if parsed.errors:
                self.add_error(
                    None,
                    _("Er is niets opgeslagen: het bestand heeft %(count)d fout(en).")
                    % {"count": len(parsed.errors)},
                )
            else:
                self.shares = parsed.shares
        return cleaned_data


class ProjectFundingForm(VersionedFormMixin, forms.Form):
    """For each kind of funder: does it pay for the project, and a note on how.

    The version is the project's: its funding rows are part of it.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for kind, label in FundingKind.choices:
            self.fields[kind] = forms.BooleanField(label=label, required=False)
            self.fields[f"{kind}_note"] = forms.CharField(
                label=_("Toelichting"),
                required=False,
                max_length=300,
                error_messages={
                    "max_length": _(
                        "Een toelichting is hoogstens %(limit_value)d tekens (nu %(show_value)d)."
                    )
                },
            )

    def rows(self):
        """(checkbox, note) per kind, for the template."""
        return [(self[kind], self[f"{kind}_note"]) for kind in FundingKind.values]

    def clean(self):
        cleaned_data = super().clean()
        for kind in FundingKind.values:
            if cleaned_data.get(f"{kind}_note") and not cleaned_data.get(kind):
                self.add_error(
                    f"{kind}_note",
                    _("Vink de financier aan, of maak de toelichting leeg."),
                )
        return cleaned_data

    def sources(self) -> dict[str, str]:
        return {
            kind: self.cleaned_data.get(f"{kind}_note", "")
            for kind in FundingKind.values
            if self.cleaned_data.get(kind)
        }


class AllocationBlockForm(forms.Form):
    """The parameters of the 'allocation' letter block: a key and an amount."""

    key = KeyChoiceField(
        label=_("Verdeelsleutel"),
        queryset=DistributionKey.objects.none(),
        error_messages={
            "required": _("Kies een verdeelsleutel."),
            "invalid_choice": _("Kies een verdeelsleutel uit de lijst."),
        },
    )
    amount = DutchAmountField(
        label=_("Bedrag (€)"),
        help_text=_("Het bedrag dat over de gemeenten wordt verdeeld, bijvoorbeeld 216.387."),
        error_messages={"required": _("Vul het te verdelen bedrag in.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["key"].queryset = keys_for_list()

    def clean_amount(self):
        amount = self.cleaned_data["amount"]
        if amount == 0:
            raise forms.ValidationError(_("Een bedrag van nul valt niet te verdelen."))
        return amount


class SavingsBlockForm(forms.Form):
    """The parameters of the 'savings' letter block: its title and the structural column's."""

    title = forms.CharField(
        label=_("Titel van de tabel"),
        max_length=200,
        initial=_("Besparingen (netto-effect) in euro's"),
        error_messages={"required": _("Geef de tabel een titel.")},
    )
    structural_label = forms.CharField(
        label=_("Kop van de kolom met het structurele effect"),
        max_length=60,
        initial=_("structureel"),
        help_text=_("Bijvoorbeeld 'structureel' of 'vanaf 2026'."),
        error_messages={"required": _("Geef de kolom met het structurele effect een kop.")},
    )
