from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.forms import VersionedFormMixin
from core.parsing import DATE_INPUT_FORMATS
from governance.models import Body, Letter, LetterProfile, LetterSection, Municipality

from .blocks import block_type_choices
from .constants import (
    BOARD_DEFAULT_CLOSING,
    BOARD_DEFAULT_SALUTATION,
    OPTIONAL_HEADER_FIELDS,
    PROFILE_DEFAULT_FIELDS,
    LetterKind,
    TemplateKind,
    WooGround,
)
from .permissions import addressable_municipalities, drafting_municipalities
from .profiles import carried_fields
from .richtext import as_html, html_to_markup, markup_to_html, sanitise
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


PUBLIC_CHOICES = (("ja", _("Ja")), ("nee", _("Nee")))


def public_field() -> forms.TypedChoiceField:
    """Openbaar: a choice the author makes, ja or nee; nothing is chosen beforehand."""
    return forms.TypedChoiceField(
        label=_("Openbaar"),
        choices=PUBLIC_CHOICES,
        coerce=lambda value: value == "ja",
        widget=forms.RadioSelect,
        help_text=_(
            "Een openbare brief wordt na verzending zonder inloggen gepubliceerd. Bij 'nee' "
            "kiest u de grond uit de Woo."
        ),
        error_messages={
            "required": _("Kies of de brief openbaar is: ja of nee."),
            "invalid_choice": _("Kies ja of nee."),
        },
    )


def woo_ground_field() -> forms.ChoiceField:
    return forms.ChoiceField(
        label=_("Reden niet openbaar (Woo)"),
        choices=(("", _("– kies een grond –")), *WooGround.choices),
        required=False,
        help_text=_("Alleen bij een brief die niet openbaar is: art. 5.1 Wet open overheid."),
        error_messages={"invalid_choice": _("Kies een grond uit de lijst.")},
    )


class PublicChoiceMixin:
    """A letter that is not public names its Woo ground; a public one has none."""

    def clean(self):
        cleaned_data = super().clean()
        is_public = cleaned_data.get("is_public")
        if is_public is True:
            cleaned_data["woo_ground"] = ""
        elif is_public is False and not cleaned_data.get("woo_ground"):
            self.add_error(
                "woo_ground", _("Kies waarom de brief niet openbaar is (een grond uit de Woo).")
            )
        return cleaned_data


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


# A board's letter starts on its own form (BoardLetterCreateForm).
COUNCIL_LETTER_KINDS = [(value, label) for value, label in LetterKind.choices if value != "board"]


class LetterCreateForm(PublicChoiceMixin, forms.Form):
    kind = forms.ChoiceField(
        label=_("Soort brief"),
        choices=COUNCIL_LETTER_KINDS,
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
    is_public = public_field()
    woo_ground = woo_ground_field()

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
        templates = letter_templates_current().filter(letter_kind=TemplateKind.COUNCIL)
        self.fields["template"].queryset = templates
        self.fields["template"].initial = templates.filter(valid_from__lte=today).first()

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


class LetterHeaderForm(PublicChoiceMixin, VersionedFormMixin, forms.ModelForm):
    """The header block, the related decisions and (regional letters) the addressees.

    A letter to one council shows the header fields that council's letter profile carries; a
    regional letter shows every field (each council's PDF prints its own profile's). The fields
    the template version requires say so.
    """

    date = date_field()
    is_public = public_field()
    woo_ground = woo_ground_field()
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
            "closing": forms.Textarea(attrs={"rows": 3}),
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
                addressable_municipalities(user, letter)
                .filter(region=letter.region)
                .order_by("name")
            )
            self.fields["addressees"].required = True
            self.fields["addressees"].error_messages["required"] = _(
                "Kies minstens één gemeente voor de regionale brief."
            )
        else:
            del self.fields["addressees"]
        if not self.is_bound:
            self.initial["related_decisions"] = [d.pk for d in letter.related_decisions.all()]
            self.initial["is_public"] = "ja" if letter.is_public else "nee"
            if letter.is_regional:
                self.initial["addressees"] = [m.pk for m in letter.addressees.all()]
        if letter.is_board_letter:
            # The body's letterhead and signatories: no municipal header fields, no decisions.
            self.fields["addressees"].label = _("Aan de colleges van B&W van")
            self.fields["salutation"].required = True
            self.fields["salutation"].error_messages["required"] = _(
                "Vul de aanhef in, bijvoorbeeld 'Geacht college,'."
            )
            for name in (*OPTIONAL_HEADER_FIELDS, "signature", "related_decisions"):
                if name != "case_number":
                    del self.fields[name]
            return
        del self.fields["salutation"]
        del self.fields["closing"]
        carried = carried_fields(letter.addressee_list())
        for name in OPTIONAL_HEADER_FIELDS:
            if name not in carried:
                del self.fields[name]
            elif name in letter.template.required_fields:
                self.fields[name].help_text = _("Verplicht om de brief gereed te melden.")

    def detail_fields(self):
        """The header fields after date, case number and subject, as the editor lays them out."""
        first = {"case_number"}
        return [
            self[name]
            for name in OPTIONAL_HEADER_FIELDS
            if name in self.fields and name not in first
        ]

    def _post_clean(self):
        # The service saves; the form only validates the fields. Letter.clean() (workflow,
        # immutability) runs in the service on the locked row.
        pass

    def header(self) -> dict:
        return {name: self.cleaned_data[name] for name in HEADER_FIELDS if name in self.fields}


class BodyChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.name


class BoardLetterCreateForm(PublicChoiceMixin, forms.Form):
    """A board's letter to the colleges: the sending body, the colleges (all by default), the
    date, subject, salutation and closing formula."""

    sender_body = BodyChoiceField(
        label=_("Afzender (bestuur)"),
        queryset=Body.objects.none(),
        empty_label=None,
        help_text=_("Zijn voorzitter en secretarissen op de datum van de brief ondertekenen."),
        error_messages={
            "required": _("Kies het bestuur dat de brief verstuurt."),
            "invalid_choice": _("Kies een bestuur uit de lijst."),
        },
    )
    template = forms.ModelChoiceField(
        label=_("Sjabloon"),
        queryset=letter_templates_current().none(),
        empty_label=None,
        error_messages={
            "required": _("Kies een sjabloon."),
            "invalid_choice": _("Kies een sjabloon uit de lijst."),
        },
    )
    addressees = MunicipalitiesField(
        label=_("Aan de colleges van B&W van"),
        queryset=Municipality.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "Niets gekozen: alle gemeenten van de regio. Elk college krijgt een eigen PDF."
        ),
        error_messages={"invalid_choice": _("Kies gemeenten uit de lijst.")},
    )
    date = date_field()
    subject = forms.CharField(
        label=_("Betreft"),
        max_length=300,
        error_messages={"required": _("Vul in wat de brief betreft (het onderwerp).")},
    )
    case_number = forms.CharField(label=_("Zaaknummer"), max_length=100, required=False)
    salutation = forms.CharField(
        label=_("Aanhef"),
        max_length=200,
        initial=BOARD_DEFAULT_SALUTATION,
        error_messages={"required": _("Vul de aanhef in, bijvoorbeeld 'Geacht college,'.")},
    )
    closing = forms.CharField(
        label=_("Slotformule"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=_("De groet en namens wie, één per regel."),
    )
    is_public = public_field()
    woo_ground = woo_ground_field()

    def __init__(self, *args, user, bodies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sender_body"].queryset = bodies
        self.fields["addressees"].queryset = Municipality.objects.filter(
            valid_until__isnull=True, region__in=bodies.values("region")
        ).order_by("name")
        templates = letter_templates_current().filter(letter_kind=TemplateKind.BOARD)
        self.fields["template"].queryset = templates
        today = timezone.localdate()
        self.fields["date"].initial = today
        self.fields["template"].initial = templates.filter(valid_from__lte=today).first()
        first = bodies.first()
        if first is not None:
            self.fields["closing"].initial = f"{BOARD_DEFAULT_CLOSING}\n{first.name}"

    def header(self) -> dict:
        names = ("date", "subject", "case_number", "salutation", "closing", "is_public")
        return {name: self.cleaned_data[name] for name in (*names, "woo_ground")}


# The cleaned HTML of a section may be this long; what is pasted (Word brings much markup that
# cleaning removes) may be longer.
SECTION_MAX_LENGTH = 50000
SECTION_MAX_INPUT = 400000


class SectionForm(forms.Form):
    """A section's text: HTML from the editor, or the simple markup typed without JavaScript
    (`text_format` says which; the editor's script sets it). Both are stored as clean HTML."""

    text = forms.CharField(
        label=_("Tekst"),
        required=False,
        max_length=SECTION_MAX_INPUT,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=LetterSection._meta.get_field("text").help_text,
        error_messages={
            "max_length": _(
                "Een onderdeel is hoogstens %(limit_value)d tekens (nu %(show_value)d)."
            )
        },
    )
    text_format = forms.ChoiceField(
        choices=(("markup", "markup"), ("html", "html")),
        required=False,
        widget=forms.HiddenInput,
        error_messages={"invalid_choice": _("Onbekende opmaak van de tekst.")},
    )

    def __init__(self, *args, stored: str = "", **kwargs):
        kwargs.setdefault("initial", {"text": html_to_markup(stored), "text_format": "markup"})
        super().__init__(*args, **kwargs)
        self.stored = stored

    def clean(self):
        cleaned_data = super().clean()
        if "text" not in cleaned_data:
            return cleaned_data
        text = cleaned_data["text"]
        cleaned = (
            sanitise(text) if cleaned_data.get("text_format") == "html" else (markup_to_html(text))
        )
        if len(cleaned) > SECTION_MAX_LENGTH:
            self.add_error(
                "text",
                _(
                    "Een onderdeel is hoogstens %(limit)d tekens met opmaak (nu %(count)d); "
                    "splits de tekst of laat een tabel weg."
                )
                % {"limit": SECTION_MAX_LENGTH, "count": len(cleaned)},
            )
        cleaned_data["text"] = cleaned
        return cleaned_data

    def editor_html(self) -> str:
        """What the editor starts with: the stored text, or what was just submitted."""
        if self.is_bound:
            raw = self.data.get(self.add_prefix("text"), "")
            if self.data.get(self.add_prefix("text_format")) == "html":
                return sanitise(raw)
            return markup_to_html(raw)
        return as_html(self.stored)

    def editor_markup(self) -> str:
        """What the plain field shows (no JavaScript): the simple markup."""
        if self.is_bound:
            raw = self.data.get(self.add_prefix("text"), "")
            if self.data.get(self.add_prefix("text_format")) == "html":
                return html_to_markup(sanitise(raw))
            return raw
        return html_to_markup(self.stored)


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


class LetterProfileForm(VersionedFormMixin, forms.ModelForm):
    """Which header fields a municipality's letters carry, and what a new letter starts with."""

    printed_fields = forms.MultipleChoiceField(
        label=_("Kopvelden op de brieven"),
        choices=(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "Datum, onderwerp (Betreft) en Openbaar staan altijd in de kop. Een veld zonder "
            "waarde wordt nooit afgedrukt."
        ),
        error_messages={"invalid_choice": _("Kies kopvelden uit de lijst.")},
    )

    class Meta:
        model = LetterProfile
        fields = ("printed_fields", *PROFILE_DEFAULT_FIELDS)
        error_messages = {
            "email": {
                "invalid": _("Vul een geldig e-mailadres in, bijvoorbeeld griffie@gemeente.nl.")
            },
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["printed_fields"].choices = [
            (name, str(Letter._meta.get_field(name).verbose_name).capitalize())
            for name in OPTIONAL_HEADER_FIELDS
        ]
        for name in PROFILE_DEFAULT_FIELDS:
            self.fields[name].help_text = _("Een nieuwe brief begint met deze waarde.")

    def _post_clean(self):
        # The service saves (and validates the row); the form only checks the fields.
        pass

    def profile_data(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}
