from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.forms import VersionedFormMixin
from core.parsing import DATE_INPUT_FORMATS
from governance.models import Letter, LetterSection, Municipality

from .blocks import block_type_choices
from .constants import LetterKind
from .permissions import drafting_municipalities
from .selectors import decisions_for_letters, letter_templates_current
from .services import HEADER_FIELDS

DATE_ERROR = _("Vul een bestaande datum in, bijvoorbeeld 20-04-2021.")


def date_field(**kwargs) -> forms.DateField:
    return forms.DateField(
        label=_("Datum"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        input_formats=DATE_INPUT_FORMATS,
        error_messages={"invalid": DATE_ERROR, "required": _("Vul de datum van de brief in.")},
        **kwargs,
    )


class MunicipalityChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.name


class MunicipalitiesField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return obj.name


class DecisionsField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        reference = f" – {obj.reference}" if obj.reference else ""
        return f"{obj.title}{reference} ({obj.body.abbreviation}, {obj.date:%d-%m-%Y})"


class LetterCreateForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Soort brief"),
        choices=LetterKind.choices,
        initial=LetterKind.MUNICIPAL,
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": _("Kies een geldige soort brief.")},
    )
    municipality = MunicipalityChoiceField(
        label=_("Aan de gemeenteraad van"),
        queryset=Municipality.objects.none(),
        required=False,
        error_messages={"invalid_choice": _("Kies een gemeente uit de lijst.")},
    )
    addressees = MunicipalitiesField(
        label=_("Aan de gemeenteraden van (regionale brief)"),
        queryset=Municipality.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": _("Kies gemeenten uit de lijst.")},
    )
    template = forms.ModelChoiceField(
        label=_("Sjabloon (vragen)"),
        queryset=letter_templates_current(),
        empty_label=None,
        error_messages={
            "required": _("Kies een sjabloon."),
            "invalid_choice": _("Kies een sjabloon uit de lijst."),
        },
    )
    date = date_field()
    subject = forms.CharField(
        label=_("Betreft"),
        max_length=300,
        error_messages={"required": _("Vul in wat de brief betreft (het onderwerp).")},
    )
    case_number = forms.CharField(label=_("Zaaknummer"), max_length=100, required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        allowed = drafting_municipalities(user).order_by("name")
        self.fields["municipality"].queryset = allowed
        self.fields["addressees"].queryset = allowed
        if len(allowed) == 1:
            # One council to write to (a griffie): no choice of kind or addressees to make.
            self.fields["municipality"].initial = allowed[0]
            self.fields["kind"].widget = forms.HiddenInput()
            del self.fields["addressees"]
        else:
            self.fields["addressees"].help_text = _(
                "Alleen bij een regionale brief; elke gemeente krijgt een eigen PDF."
            )
        today = timezone.localdate()
        self.fields["date"].initial = today
        current = letter_templates_current().filter(valid_from__lte=today).first()
        self.fields["template"].initial = current

    def clean(self):
        cleaned_data = super().clean()
        kind = cleaned_data.get("kind")
        # A choice that was not in the list already has its own message.
        missing = {
            LetterKind.MUNICIPAL: ("municipality", _("Kies de gemeente waaraan de brief gaat.")),
            LetterKind.REGIONAL: (
                "addressees",
                _("Kies minstens één gemeente voor de regionale brief."),
            ),
        }.get(kind)
        if missing and not cleaned_data.get(missing[0]) and missing[0] not in self.errors:
            field, message = missing
            self.add_error(field if field in self.fields else None, message)
        return cleaned_data


class LetterHeaderForm(VersionedFormMixin, forms.ModelForm):
    """The header block, the related decisions and (regional letters) the addressees."""

    date = date_field()
    related_decisions = DecisionsField(
        label=_("Gerelateerde besluiten"),
        queryset=decisions_for_letters(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": _("Kies besluiten uit het besluitenregister.")},
    )
    addressees = MunicipalitiesField(
        label=_("Aan de gemeenteraden van"),
        queryset=Municipality.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": _("Kies gemeenten uit de lijst.")},
    )

    class Meta:
        model = Letter
        fields = HEADER_FIELDS
        widgets = {
            "signature": forms.Textarea(attrs={"rows": 3}),
        }
        error_messages = {
            "subject": {"required": _("Vul in wat de brief betreft (het onderwerp).")},
            "email": {
                "invalid": _("Vul een geldig e-mailadres in, bijvoorbeeld griffie@gemeente.nl.")
            },
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        letter = self.instance
        self.fields["related_decisions"].queryset = decisions_for_letters()
        if letter.is_regional:
            self.fields["addressees"].queryset = (
                drafting_municipalities(user).filter(region=letter.region).order_by("name")
            )
            self.fields["addressees"].required = True
            self.fields["addressees"].error_messages["required"] = _(
                "Kies minstens één gemeente voor de regionale brief."
            )
        else:
            del self.fields["addressees"]
        if not self.is_bound:
            self.initial["related_decisions"] = [d.pk for d in letter.related_decisions.all()]
            if letter.is_regional:
                self.initial["addressees"] = [m.pk for m in letter.addressees.all()]

    def _post_clean(self):
        # The service saves; the form only validates the fields. Letter.clean() (workflow,
        # immutability) runs in the service on the locked row.
        pass

    def header(self) -> dict:
        return {name: self.cleaned_data[name] for name in HEADER_FIELDS}


class SectionForm(forms.Form):
    text = forms.CharField(
        label=_("Tekst"),
        required=False,
        max_length=50000,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=LetterSection._meta.get_field("text").help_text,
        error_messages={
            "max_length": _(
                "Een onderdeel is hoogstens %(limit_value)d tekens (nu %(show_value)d)."
            )
        },
    )


class BlockChoiceForm(VersionedFormMixin, forms.Form):
    """Where a new block goes and what kind it is; its own form follows."""

    section = forms.ModelChoiceField(
        label=_("Onderdeel"),
        queryset=LetterSection.objects.none(),
        error_messages={
            "required": _("Kies het onderdeel waarin het blok komt."),
            "invalid_choice": _("Kies een onderdeel van deze brief."),
        },
    )
    block_type = forms.ChoiceField(
        label=_("Soort blok"),
        choices=(),
        error_messages={
            "required": _("Kies een soort blok."),
            "invalid_choice": _("Kies een bestaand soort blok."),
        },
    )

    def __init__(self, *args, letter, **kwargs):
        super().__init__(*args, **kwargs)
        sections = letter.sections.select_related("question").order_by("question__order")
        self.fields["section"].queryset = sections
        self.fields["section"].label_from_instance = lambda section: section.question.text
        self.fields["block_type"].choices = block_type_choices()
