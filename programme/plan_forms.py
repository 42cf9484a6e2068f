"""The forms of a project's plan: efforts, sub-goals, duration, sponsor triangle and team.

The choices (sub-goals, people) are the project's and the region's own: the querysets go
through the scoped managers, so another region's rows are neither offered nor accepted.
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import VersionedFormMixin
from core.parsing import DATE_INPUT_FORMATS
from governance.models import Person

from .constants import Recurrence
from .services.plan import DOWN, TEXT_MAX_LENGTH, TIME_TARGET_MAX_LENGTH, UP

TOO_LONG = _("Hoogstens %(limit_value)d tekens (nu %(show_value)d).")
INVALID_DATE = _("Vul een geldige datum in, bijvoorbeeld 31-12-2026.")
NOT_A_PERSON = _("Kies een persoon uit de lijst.")


def _text_field(label, required_message, rows=2) -> forms.CharField:
    return forms.CharField(
        label=label,
        max_length=TEXT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": rows}),
        error_messages={"required": required_message, "max_length": TOO_LONG},
    )


def _date_field(label) -> forms.DateField:
    return forms.DateField(
        label=label,
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        input_formats=DATE_INPUT_FORMATS,
        error_messages={"invalid": INVALID_DATE},
    )


def _person_field(label) -> forms.ModelChoiceField:
    return forms.ModelChoiceField(
        label=label,
        queryset=Person.objects.none(),
        required=False,
        empty_label=_("– niemand –"),
        error_messages={"invalid_choice": NOT_A_PERSON},
    )


class EffortPlanForm(forms.Form):
    text = _text_field(_("Inspanning"), _("Beschrijf de inspanning."))
    time_target = forms.CharField(
        label=_("Afgesproken tijdsdoel"),
        required=False,
        max_length=TIME_TARGET_MAX_LENGTH,
        help_text=_(
            "Zoals afgesproken, bijvoorbeeld 'Q3 2026', 'eind 2025' of 'voor de zomer 2026'. "
            "Naast de inspanning staat de periode waarin het gelezen is; 'per kwartaal' of "
            "'jaarlijks' maakt er een terugkerende inspanning van."
        ),
        error_messages={"max_length": TOO_LONG},
    )
    recurrence = forms.ChoiceField(
        label=_("Herhaling"),
        required=False,
        choices=Recurrence.choices,
        error_messages={"invalid_choice": _("Kies een geldige herhaling.")},
    )
    sub_goal = forms.ModelChoiceField(
        label=_("Subdoelstelling"),
        queryset=None,
        required=False,
        empty_label=_("– geen (overige inspanningen) –"),
        error_messages={"invalid_choice": _("Kies een subdoelstelling van dit project.")},
    )

    def __init__(self, *args, project, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sub_goal"].queryset = project.sub_goals.order_by("order")


class EffortPlanEditForm(VersionedFormMixin, EffortPlanForm):
    pass


class SubGoalForm(forms.Form):
    text = _text_field(_("Subdoelstelling"), _("Beschrijf de subdoelstelling."))


class SubGoalEditForm(VersionedFormMixin, SubGoalForm):
    pass


class MoveForm(VersionedFormMixin, forms.Form):
    direction = forms.ChoiceField(
        choices=[(UP, _("omhoog")), (DOWN, _("omlaag"))],
        error_messages={
            "required": _("Kies omhoog of omlaag."),
            "invalid_choice": _("Kies omhoog of omlaag."),
        },
    )


class RemoveForm(VersionedFormMixin, forms.Form):
    pass


class DurationForm(VersionedFormMixin, forms.Form):
    starts_on = _date_field(_("Looptijd vanaf"))
    ends_on = _date_field(_("Looptijd tot en met"))

    def clean(self):
        cleaned = super().clean()
        starts_on, ends_on = cleaned.get("starts_on"), cleaned.get("ends_on")
        if starts_on and ends_on and ends_on < starts_on:
            self.add_error(
                "ends_on", _("De einddatum ligt vóór de begindatum; kies een latere einddatum.")
            )
        return cleaned


class TriangleForm(VersionedFormMixin, forms.Form):
    administrative_sponsor = _person_field(_("Bestuurlijk opdrachtgever"))
    official_sponsor = _person_field(_("Ambtelijk opdrachtgever"))
    contractor = _person_field(_("Ambtelijk opdrachtnemer"))
    team = forms.ModelMultipleChoiceField(
        label=_("Projectteam"),
        queryset=Person.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
        help_text=_("Houd Ctrl (of Cmd) ingedrukt om meer personen te kiezen."),
        error_messages={
            "invalid_choice": NOT_A_PERSON,
            "invalid_pk_value": NOT_A_PERSON,
        },
    )

    PERSON_FIELDS = ("administrative_sponsor", "official_sponsor", "contractor", "team")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in self.PERSON_FIELDS:
            self.fields[name].queryset = Person.objects.order_by("name")
        # The four lists show the same people: read them once (validation uses the querysets).
        people = [(person.pk, str(person)) for person in Person.objects.order_by("name")]
        for name in self.PERSON_FIELDS:
            field = self.fields[name]
            empty = [("", field.empty_label)] if field.empty_label is not None else []
            field.widget.choices = empty + people


def triangle_initial(project) -> dict:
    return {
        "administrative_sponsor": project.administrative_sponsor_id,
        "official_sponsor": project.official_sponsor_id,
        "contractor": project.contractor_id,
        "team": [person.pk for person in project.team.all()],
        "edit_version": project.edit_version,
    }
