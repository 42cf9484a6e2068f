from django import forms
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

import django_filters

from core.parsing import DATE_INPUT_FORMATS
from governance.models import Municipality, Person

from .constants import ProjectStatus
from .history import history_range
from .models import Project, Theme


class ProjectFilter(django_filters.FilterSet):
    theme = django_filters.ModelChoiceFilter(
        label=_("Programmalijn"), queryset=Theme.objects.order_by("programme__starts_on", "code")
    )
    overall_status = django_filters.ChoiceFilter(
        label=_("Algehele status"), choices=ProjectStatus.choices
    )
    lead_municipality = django_filters.ModelChoiceFilter(
        label=_("Trekkende gemeente"),
        queryset=Municipality.objects.filter(valid_until__isnull=True),
    )
    sponsor = django_filters.ModelChoiceFilter(
        label=_("Opdrachtgever of -nemer"),
        queryset=Person.objects.filter(
            # One EXISTS per role rather than three joins made distinct over every column: half
            # the time in a large region. The person's region scope holds for their projects.
            Exists(Project._base_manager.filter(administrative_sponsor=OuterRef("pk")))
            | Exists(Project._base_manager.filter(official_sponsor=OuterRef("pk")))
            | Exists(Project._base_manager.filter(contractor=OuterRef("pk")))
        ),
        method="filter_sponsor",
    )
    # A choice rather than django-filter's BooleanWidget: that one offers "Onbekend" for no
    # filter and silently drops a value it does not know.
    overdue = django_filters.ChoiceFilter(
        label=_("Met verlopen inspanningen"),
        choices=[("true", _("Ja")), ("false", _("Nee"))],
        empty_label=_("Alle projecten"),
        method="filter_overdue",
        error_messages={"invalid_choice": _("Kies Ja, Nee of Alle projecten.")},
    )

    class Meta:
        model = Project
        fields = ["theme", "overall_status", "lead_municipality", "sponsor", "overdue"]

    def filter_sponsor(self, queryset, name, person):
        return queryset.filter(
            Q(administrative_sponsor=person) | Q(official_sponsor=person) | Q(contractor=person)
        )

    def filter_overdue(self, queryset, name, value):
        # `overdue_count` is annotated by the selector; an empty choice never reaches here.
        if value == "true":
            return queryset.filter(overdue_count__gt=0)
        return queryset.filter(overdue_count=0)


class DashboardFilterForm(forms.Form):
    def clean_as_of(self):
        as_of = self.cleaned_data.get("as_of")
        if as_of is None:
            return None
        known = history_range(today=timezone.localdate())
        if as_of not in known:
            raise forms.ValidationError(
                known.refusal(_("De stand op %(date)s") % {"date": date_format(as_of, "j F Y")})
            )
        return as_of


class DashboardFilter(django_filters.FilterSet):
    """The dashboard's filter form; the dashboard itself applies the cleaned values."""

    theme = django_filters.ModelChoiceFilter(
        label=_("Programmalijn"), queryset=Theme.objects.order_by("programme__starts_on", "code")
    )
    lead_municipality = django_filters.ModelChoiceFilter(
        label=_("Trekkende gemeente"),
        queryset=Municipality.objects.filter(valid_until__isnull=True),
    )
    overall_status = django_filters.ChoiceFilter(
        label=_("Algehele status"), choices=ProjectStatus.choices
    )
    overdue_only = django_filters.BooleanFilter(
        label=_("Alleen projecten met verlopen inspanningen"),
        method="keep",
        widget=forms.CheckboxInput,
    )
    as_of = django_filters.DateFilter(
        label=_("Stand op datum"),
        method="keep",
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        input_formats=DATE_INPUT_FORMATS,
        error_messages={"invalid": _("Vul een geldige datum in, bijvoorbeeld 31-03-2023.")},
    )

    class Meta:
        model = Project
        fields = ["theme", "lead_municipality", "overall_status", "overdue_only", "as_of"]
        form = DashboardFilterForm

    def keep(self, queryset, name, value):
        return queryset
