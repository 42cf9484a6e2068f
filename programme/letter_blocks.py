"""The programme's letter block: the progress of a programme line (theme) as a table.

Registered in `ProgrammeConfig.ready()`; a letter embeds it live while it is a concept and keeps
the data as they were at the moment of issue (see governance.letters).
"""

from django import forms
from django.db.models import Count, Q
from django.utils import dateformat, timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.registry import LetterBlockType, registry

from .constants import EffortStatus
from .models import Effort, Project, Theme

BLOCK_KEY = "programme_progress"
PER_PROJECT = "projects"
PER_EFFORT = "efforts"


class ThemeChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.programme.name} – {obj.code} {obj.name}"


class ThemeProgressForm(forms.Form):
    theme = ThemeChoiceField(
        label=gettext_lazy("Programmalijn"),
        queryset=Theme.objects.select_related("programme").order_by(
            "-programme__starts_on", "code"
        ),
        error_messages={
            "required": gettext_lazy("Kies een programmalijn."),
            "invalid_choice": gettext_lazy("Kies een bestaande programmalijn."),
        },
    )
    detail = forms.ChoiceField(
        label=gettext_lazy("Detail"),
        choices=[
            (PER_PROJECT, gettext_lazy("Per project: algehele status en inspanningen per status")),
            (PER_EFFORT, gettext_lazy("Per inspanning: status en afgesproken tijdsdoel")),
        ],
        initial=PER_PROJECT,
        error_messages={"invalid_choice": gettext_lazy("Kies per project of per inspanning.")},
    )


# Effort statuses in the order of the progress-report format of the plan (003, chapter 4).
STATUS_ORDER = (
    EffortStatus.ACHIEVED,
    EffortStatus.IN_PROGRESS,
    EffortStatus.NOT_ACHIEVED,
    EffortStatus.UNKNOWN,
)


def _projects_table(theme: Theme) -> dict:
    projects = (
        Project.objects.filter(theme=theme)
        .annotate(
            **{
                f"count_{status}": Count("efforts", filter=Q(efforts__status=status))
                for status in STATUS_ORDER
            },
            effort_total=Count("efforts"),
        )
        .order_by("code", "name")
    )
    rows = [
        {
            "cells": [
                str(project),
                project.get_overall_status_display(),
                *(getattr(project, f"count_{status}") for status in STATUS_ORDER),
                project.effort_total,
            ],
            "status": project.overall_status,
        }
        for project in projects
    ]
    return {
        "columns": [
            _("Project"),
            _("Algehele status"),
            *(str(status.label) for status in STATUS_ORDER),
            _("Inspanningen"),
        ],
        "rows": rows,
        "numeric_columns": [2, 3, 4, 5, 6],
        "status_column": 1,
    }


def _efforts_table(theme: Theme) -> dict:
    efforts = (
        Effort.objects.filter(project__theme=theme)
        .select_related("project")
        .order_by("project__code", "order")
    )
    rows = [
        {
            "cells": [
                str(effort.project),
                effort.text,
                effort.time_target or "–",
                effort.get_status_display(),
            ],
            "status": effort.status,
        }
        for effort in efforts
    ]
    return {
        "columns": [_("Project"), _("Inspanning"), _("Afgesproken tijdsdoel"), _("Status")],
        "rows": rows,
        "status_column": 3,
    }


def build_theme_progress(region, params: dict, municipality) -> dict:
    """The theme's projects with their overall status and effort counts per status, or its
    efforts one by one. The same for every municipality (the programme is regional)."""
    theme = params["theme"]
    with translation.override("nl"):
        table = (
            _efforts_table(theme) if params.get("detail") == PER_EFFORT else _projects_table(theme)
        )
        table["title"] = _("Voortgang programmalijn %(code)s %(name)s") % {
            "code": theme.code,
            "name": theme.name,
        }
        table["note"] = _("Stand van %(date)s, uit %(programme)s.") % {
            "date": dateformat.format(timezone.localdate(), "j F Y"),
            "programme": theme.programme.name,
        }
    return table


THEME_PROGRESS = LetterBlockType(
    key=BLOCK_KEY,
    label=gettext_lazy("Voortgang van een programmalijn"),
    form_class=ThemeProgressForm,
    build=build_theme_progress,
    template="governance/letters/blocks/table.html",
)


def register() -> None:
    if BLOCK_KEY not in registry.letter_blocks:
        registry.register_letter_block(THEME_PROGRESS)
