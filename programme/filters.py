from django.db.models import Q
from django.utils.translation import gettext_lazy as _

import django_filters

from governance.models import Municipality, Person

from .constants import ProjectStatus
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
            Q(projects_as_administrative_sponsor__isnull=False)
            | Q(projects_as_official_sponsor__isnull=False)
            | Q(projects_as_contractor__isnull=False)
        ).distinct(),
        method="filter_sponsor",
    )
    overdue = django_filters.BooleanFilter(
        label=_("Met verlopen inspanningen"),
        method="filter_overdue",
        widget=django_filters.widgets.BooleanWidget(),
    )

    class Meta:
        model = Project
        fields = ["theme", "overall_status", "lead_municipality", "sponsor", "overdue"]

    def __init__(self, *args, region=None, **kwargs):
        super().__init__(*args, **kwargs)
        if region is not None:
            self.filters["theme"].queryset = Theme.objects.filter(
                programme__region=region
            ).order_by("programme__starts_on", "code")
            self.filters["lead_municipality"].queryset = Municipality.objects.filter(
                region=region, valid_until__isnull=True
            )

    def filter_sponsor(self, queryset, name, person):
        return queryset.filter(
            Q(administrative_sponsor=person) | Q(official_sponsor=person) | Q(contractor=person)
        )

    def filter_overdue(self, queryset, name, value):
        # `overdue_count` is annotated by the selector.
        if value is None:
            return queryset
        return queryset.filter(overdue_count__gt=0) if value else queryset.filter(overdue_count=0)
