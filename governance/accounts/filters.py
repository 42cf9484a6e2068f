from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

import django_filters

from governance.constants import Role


class UserFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label=_("Zoeken"),
        method="search",
        max_length=200,
        widget=forms.TextInput(attrs={"type": "search"}),
        help_text=_("In gebruikersnaam, naam en e-mailadres."),
    )
    role = django_filters.ChoiceFilter(
        label=_("Rol"),
        choices=Role.choices,
        empty_label=_("Alle rollen"),
        field_name="groups__name",
        error_messages={"invalid_choice": _("Kies een rol uit de lijst.")},
    )
    is_active = django_filters.ChoiceFilter(
        label=_("Actief"),
        choices=[("ja", _("Actief")), ("nee", _("Gedeactiveerd"))],
        empty_label=_("Alle"),
        method="filter_active",
        error_messages={"invalid_choice": _("Kies actief of gedeactiveerd.")},
    )

    def search(self, queryset, name, value):
        return queryset.filter(
            Q(username__icontains=value)
            | Q(person__name__icontains=value)
            | Q(email__icontains=value)
        )

    def filter_active(self, queryset, name, value):
        return queryset.filter(is_active=value == "ja")
