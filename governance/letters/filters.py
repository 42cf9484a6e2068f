from django.db.models import Q
from django.utils.translation import gettext_lazy as _

import django_filters

from governance.models import Letter, Municipality

from .constants import LetterStatus


class LetterFilter(django_filters.FilterSet):
    municipality = django_filters.ModelChoiceFilter(
        label=_("Gemeente"),
        queryset=Municipality.objects.filter(valid_until__isnull=True).order_by("name"),
        method="filter_municipality",
    )
    status = django_filters.ChoiceFilter(label=_("Status"), choices=LetterStatus.choices)
    year = django_filters.NumberFilter(
        label=_("Jaar"),
        field_name="date",
        lookup_expr="year",
        min_value=1900,
        max_value=2999,
    )
    subject = django_filters.CharFilter(
        label=_("Onderwerp"), field_name="subject", lookup_expr="icontains"
    )

    class Meta:
        model = Letter
        fields = ["municipality", "status", "year", "subject"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["year"].field.error_messages["invalid"] = _(
            "Vul een jaartal in, bijvoorbeeld 2021."
        )

    def filter_municipality(self, queryset, name, municipality):
        addressed = Letter.addressees.through.objects.filter(municipality=municipality)
        return queryset.filter(
            Q(municipality=municipality) | Q(pk__in=addressed.values("letter_id"))
        )
