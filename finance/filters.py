from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

import django_filters

from .constants import BudgetKind
from .models import Allocation, Budget, DistributionKey


class YearFilter(django_filters.NumberFilter):
    field_class = forms.IntegerField


YEAR_MESSAGE = _("Vul een jaartal in, bijvoorbeeld 2023.")


class BudgetFilter(django_filters.FilterSet):
    year = YearFilter(
        label=_("Jaar"),
        min_value=2000,
        max_value=2100,
        error_messages={
            "invalid": YEAR_MESSAGE,
            "min_value": YEAR_MESSAGE,
            "max_value": YEAR_MESSAGE,
        },
    )
    kind = django_filters.ChoiceFilter(label=_("Soort"), choices=BudgetKind.choices)

    class Meta:
        model = Budget
        fields = ["year", "kind"]


class DistributionKeyFilter(django_filters.FilterSet):
    name = django_filters.CharFilter(label=_("Naam of bron"), method="filter_name", max_length=200)
    complete = django_filters.ChoiceFilter(
        label=_("Som van de aandelen"),
        choices=(("ja", _("precies 100%")), ("nee", _("niet 100%"))),
        method="filter_complete",
    )

    class Meta:
        model = DistributionKey
        fields = ["name", "complete"]

    def filter_name(self, queryset, name, value):
        return queryset.filter(Q(name__icontains=value) | Q(source__icontains=value))

    def filter_complete(self, queryset, name, value):
        # `share_total` is annotated by the selector.
        if value == "ja":
            return queryset.filter(share_total=100)
        return queryset.exclude(share_total=100)


class AllocationFilter(django_filters.FilterSet):
    key = django_filters.ModelChoiceFilter(
        label=_("Verdeelsleutel"), queryset=DistributionKey.objects.order_by("name")
    )

    class Meta:
        model = Allocation
        fields = ["key"]
