"""What every edit form shares: the hidden edit version it was loaded at (no lost updates)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import VERSION_FIELD

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
