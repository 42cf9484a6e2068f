from django import forms
from django.utils.translation import gettext_lazy as _

from core.tabular import human_size

from .services import MAX_UPLOAD_BYTES


class WorkbookUploadForm(forms.Form):
    file = forms.FileField(
        label=_("Werkmap"),
        help_text=_(
            "Een Excel-werkmap (.xlsx) zoals het sjabloon, of een ZIP-bestand met per werkblad een "
            "CSV-bestand. Hoogstens %(size)s."
        )
        % {"size": human_size(MAX_UPLOAD_BYTES)},
        error_messages={
            "required": _("Kies een werkmap (.xlsx) of een ZIP-bestand met CSV-bestanden."),
            "empty": _("Het bestand is leeg."),
            "invalid": _("Kies een werkmap (.xlsx) of een ZIP-bestand met CSV-bestanden."),
        },
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:  # before a byte is read
            raise forms.ValidationError(
                _("Het bestand is groter dan %(size)s; splits de werkmap in delen.")
                % {"size": human_size(MAX_UPLOAD_BYTES)}
            )
        return upload
