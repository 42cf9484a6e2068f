from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.forms import VersionedFormMixin
from core.parsing import DATE_INPUT_FORMATS

from .constants import (
    EFFORT_STATUSES_NEEDING_REASON,
    PROJECT_STATUSES_NEEDING_REASON,
    EffortStatus,
    ProjectStatus,
)
from .history import report_date_range
from .models import Effort
from .services import reason_required_message

REMARK_MAX_LENGTH = Effort._meta.get_field("remark").max_length


class EffortForm(VersionedFormMixin, forms.Form):
    status = forms.ChoiceField(
        label=_("Status"),
        choices=EffortStatus.choices,
        error_messages={"invalid_choice": _("Kies een van de vier statussen.")},
    )
    remark = forms.CharField(
        label=_("Opmerking"),
        required=False,
        max_length=REMARK_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={
            "max_length": _(
                "Een opmerking is hoogstens %(limit_value)d tekens (nu %(show_value)d)."
            )
        },
    )

    def clean(self):
        cleaned = super().clean()
        status = cleaned.get("status")
        if status in EFFORT_STATUSES_NEEDING_REASON and not cleaned.get("remark", "").strip():
            self.add_error("remark", reason_required_message(EffortStatus(status).label))
        return cleaned


class ProjectStatusForm(VersionedFormMixin, forms.Form):
    overall_status = forms.ChoiceField(
        label=_("Algehele status"),
        choices=ProjectStatus.choices,
        error_messages={"invalid_choice": _("Kies een geldige algehele status.")},
    )
    status_remarks = forms.CharField(
        label=_("Belangrijke opmerkingen over het proces"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={
            "max_length": _(
                "De opmerkingen zijn hoogstens %(limit_value)d tekens (nu %(show_value)d)."
            )
        },
    )

    def clean(self):
        cleaned = super().clean()
        status = cleaned.get("overall_status")
        if (
            status in PROJECT_STATUSES_NEEDING_REASON
            and not cleaned.get("status_remarks", "").strip()
        ):
            self.add_error("status_remarks", reason_required_message(ProjectStatus(status).label))
        return cleaned


class ProgressReportCreateForm(forms.Form):
    report_date = forms.DateField(
        label=_("Rapportagedatum"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": _("Vul een geldige datum in, bijvoorbeeld 31-03-2023.")},
        input_formats=DATE_INPUT_FORMATS,
    )

    def __init__(self, *args, project=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.project = project

    def clean_report_date(self):
        report_date = self.cleaned_data["report_date"]
        if self.project is not None:
            plausible = report_date_range(self.project, today=timezone.localdate())
            if report_date not in plausible:
                raise forms.ValidationError(plausible.refusal(_("De rapportagedatum")))
        return report_date


class EffortDeliveryForm(forms.Form):
    delivered_on = forms.DateField(
        label=_("Geleverd op"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={
            "invalid": _("Vul een geldige datum in, bijvoorbeeld 31-03-2023."),
            "required": _("Vul de datum van de levering in."),
        },
        input_formats=DATE_INPUT_FORMATS,
    )
    remark = forms.CharField(
        label=_("Opmerking"),
        required=False,
        max_length=REMARK_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={
            "max_length": _(
                "Een opmerking is hoogstens %(limit_value)d tekens (nu %(show_value)d)."
            )
        },
    )
