from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import VersionedFormMixin
from governance.models import RegionTheme

COLOUR_ERRORS = {
    "required": _("Kies een kleur."),
    "invalid": _("Een kleur is # gevolgd door zes hexadecimale tekens, zoals #33414e."),
}


class ColourInput(forms.TextInput):
    """A colour picker: HTML allows neither `maxlength` nor `required` on it (a colour input
    always has a value), so the attributes a CharField adds are left off."""

    input_type = "color"

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        for attribute in ("maxlength", "required"):
            context["widget"]["attrs"].pop(attribute, None)
        return context


def colour_field(label, help_text) -> forms.RegexField:
    return forms.RegexField(
        label=label,
        regex=r"^#[0-9a-fA-F]{6}$",
        max_length=7,
        help_text=help_text,
        widget=ColourInput(),
        error_messages=COLOUR_ERRORS,
    )


class RegionThemeForm(VersionedFormMixin, forms.Form):
    display_name = forms.CharField(
        label=_("Naam in de kop"),
        max_length=100,
        required=False,
        help_text=RegionTheme._meta.get_field("display_name").help_text,
    )
    logo = forms.FileField(
        label=_("Logo (PNG, ten hoogste 200 kB)"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": "image/png"}),
        help_text=_("Wordt verkleind tot ten hoogste 600 bij 200 pixels."),
    )
    remove_logo = forms.BooleanField(label=_("Logo verwijderen"), required=False)
    logo_description = forms.CharField(
        label=_("Tekstalternatief van het logo"),
        max_length=200,
        required=False,
        help_text=RegionTheme._meta.get_field("logo_description").help_text,
    )
    primary = colour_field(
        _("Hoofdkleur"), _("De kop van de pagina, koppen en knoppen; ook als tekst op wit.")
    )
    primary_text = colour_field(_("Tekst op de hoofdkleur"), _("De tekst in de kop en op knoppen."))
    link = colour_field(_("Linkkleur"), _("Links op een witte pagina."))
    focus = colour_field(
        _("Focuskleur"), _("De rand om wat met het toetsenbord gekozen is, op wit.")
    )

    def add_service_error(self, error) -> None:
        for field, errors in error.message_dict.items():
            self.add_error(field if field in self.fields else None, errors)
