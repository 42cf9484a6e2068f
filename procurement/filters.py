from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

import django_filters

from .constants import LegalForm
from .models import Norm, ProductCategory, Provider, Segment


class SegmentChoiceFilter(django_filters.ModelChoiceFilter):
    """Segments named with their contract period: '4a Specialistisch… (2022 e.v.)'."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("queryset", Segment.objects.none())
        kwargs.setdefault("empty_label", _("Alle segmenten"))
        kwargs.setdefault("error_messages", {"invalid_choice": _("Kies een segment uit de lijst.")})
        super().__init__(*args, **kwargs)

    @property
    def field(self):
        field = super().field
        field.label_from_instance = lambda segment: (
            f"{segment.code} {segment.name} ({segment.framework.valid_from:%Y} e.v.)"
        )
        return field


class ProviderFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label=_("Zoeken"),
        method="search",
        max_length=200,
        widget=forms.TextInput(attrs={"type": "search"}),
        help_text=_("Naam, sleutel of KvK-nummer."),
    )
    segment = SegmentChoiceFilter(label=_("Segment"), method="filter_segment")
    legal_form = django_filters.ChoiceFilter(
        label=_("Rechtsvorm"),
        choices=LegalForm.choices,
        empty_label=_("Alle rechtsvormen"),
        error_messages={"invalid_choice": _("Kies een rechtsvorm uit de lijst.")},
    )

    class Meta:
        model = Provider
        fields = ["q", "segment", "legal_form"]

    def __init__(self, *args, segments=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["segment"].queryset = (
            segments if segments is not None else Segment.objects.none()
        )

    def search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(
            Q(name__icontains=value) | Q(slug__icontains=value) | Q(kvk_number=value)
        )

    def filter_segment(self, queryset, name, segment):
        return queryset.filter(contracts__segment=segment).distinct()


class NormFilter(django_filters.FilterSet):
    segment = SegmentChoiceFilter(label=_("Segment"))
    product_category = django_filters.ModelChoiceFilter(
        label=_("Productcategorie"),
        queryset=ProductCategory.objects.order_by("code"),
        to_field_name="code",
        empty_label=_("Alle productcategorieën"),
        error_messages={"invalid_choice": _("Kies een productcategorie uit de lijst.")},
    )

    class Meta:
        model = Norm
        fields = ["segment", "product_category"]

    def __init__(self, *args, segments=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["segment"].queryset = (
            segments if segments is not None else Segment.objects.none()
        )
