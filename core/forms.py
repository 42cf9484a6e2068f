"""What every form shares: the hidden edit version it was loaded at (no lost updates), and
fields that read input by `core.parsing`, so a form reads numbers as an upload does.
"""

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import VERSION_FIELD
from .parsing import ParseError, parse_decimal

STALE_FORM_MESSAGE = _("Het formulier is onvolledig of verouderd; laad de pagina opnieuw.")


def edit_version_field() -> forms.IntegerField:
    return forms.IntegerField(
        widget=forms.HiddenInput,
        min_value=1,
        error_messages={
            "required": STALE_FORM_MESSAGE,
            "invalid": STALE_FORM_MESSAGE,
            "min_value": STALE_FORM_MESSAGE,
        },
    )


class VersionedFormMixin(forms.Form):
    """Adds the hidden `edit_version` a save passes to `core.services.model_update`.

    Put it first among the bases, before `forms.Form` or `forms.ModelForm`. A model form takes
    the version from its instance; other forms get it in `initial`, beside the values they show.
    """

    edit_version = edit_version_field()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        instance = getattr(self, "instance", None)
        if instance is not None and instance.pk is not None and VERSION_FIELD not in self.initial:
            self.initial[VERSION_FIELD] = getattr(instance, VERSION_FIELD)


class DutchDecimalField(forms.Field):
    """A number typed the Dutch way ('45.000', '12,5'; see `core.parsing`), as a Decimal.

    Django's localized DecimalField reads '45.000' as 45 with three decimals and refuses it; this
    field reads it as 45000, as the pages print it. `min_value` and `max_value` bound the value,
    with the messages `error_messages['min_value']` and `['max_value']`.
    """

    widget = forms.TextInput
    max_length = 40
    default_error_messages = {
        "min_value": _("Dit getal is te klein."),
        "max_value": _("Dit getal is te groot."),
        "too_long": _("Dit is geen getal: te lang."),
    }

    def __init__(self, *, places: int = 2, min_value=None, max_value=None, **kwargs):
        self.places, self.min_value, self.max_value = places, min_value, max_value
        super().__init__(**kwargs)

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
            raise forms.ValidationError(self.error_messages["too_long"], code="invalid")
        try:
            return parse_decimal(text, places=self.places)
        except ParseError as error:
            raise forms.ValidationError(error.message, code="invalid") from None

    def validate(self, value):
        super().validate(value)
        if value is None:
            return
        if self.min_value is not None and value < self.min_value:
            raise forms.ValidationError(self.error_messages["min_value"], code="min_value")
        if self.max_value is not None and value > self.max_value:
            raise forms.ValidationError(self.error_messages["max_value"], code="max_value")

    def prepare_value(self, value):
        # A stored number shown the way it is typed back: 45000 or 12,5 (no thousands points).
        if isinstance(value, Decimal):
            text = f"{value:f}"
            if "." in text:
                text = text.rstrip("0").rstrip(".")
            return text.replace(".", ",")
        return value
