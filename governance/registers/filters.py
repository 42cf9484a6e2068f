from django import forms
from django.utils.translation import gettext_lazy as _

import django_filters

from governance.constants import CouncilViewStatus, DecisionOutcome
from governance.models import Body, CouncilView, Decision, Municipality

from .selectors import decision_search_q, decision_years, overdue_q


class DecisionFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label=_("Zoeken"),
        method="search",
        max_length=200,
        widget=forms.TextInput(attrs={"type": "search"}),
        help_text=_("In titel, toelichting, kenmerk, orgaan en zienswijzen."),
    )
    body = django_filters.ModelChoiceFilter(
        label=_("Orgaan"),
        queryset=Body.objects.none(),
        empty_label=_("Alle organen"),
        error_messages={"invalid_choice": _("Kies een orgaan uit de lijst.")},
    )
    year = django_filters.ChoiceFilter(
        label=_("Jaar"),
        choices=[],
        empty_label=_("Alle jaren"),
        method="filter_year",
        error_messages={"invalid_choice": _("Kies een jaar uit de lijst.")},
    )
    outcome = django_filters.ChoiceFilter(
        label=_("Uitkomst"),
        choices=DecisionOutcome.choices,
        empty_label=_("Alle uitkomsten"),
        error_messages={"invalid_choice": _("Kies een uitkomst uit de lijst.")},
    )

    class Meta:
        model = Decision
        fields = ["q", "body", "year", "outcome"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["body"].queryset = Body.objects.order_by("name")
        self.filters["year"].extra["choices"] = [
            (str(year), str(year)) for year in decision_years()
        ]

    def search(self, queryset, name, value):
        return queryset.filter(decision_search_q(value.strip())) if value.strip() else queryset

    def filter_year(self, queryset, name, value):
        return queryset.filter(date__year=int(value))


class CouncilViewFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(
        label=_("Status"),
        choices=CouncilViewStatus.choices,
        empty_label=_("Alle statussen"),
        error_messages={"invalid_choice": _("Kies een status uit de lijst.")},
    )
    municipality = django_filters.ModelChoiceFilter(
        label=_("Gemeente"),
        queryset=Municipality.objects.none(),
        empty_label=_("Alle gemeenten"),
        error_messages={"invalid_choice": _("Kies een gemeente uit de lijst.")},
    )
    overdue = django_filters.BooleanFilter(
        label=_("Alleen te laat"),
        method="filter_overdue",
        widget=forms.CheckboxInput,
    )

    class Meta:
        model = CouncilView
        fields = ["status", "municipality", "overdue"]

    def __init__(self, *args, today=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.today = today
        self.filters["municipality"].queryset = Municipality.objects.order_by("name")

    def filter_overdue(self, queryset, name, value):
        return queryset.filter(overdue_q(self.today)) if value else queryset
