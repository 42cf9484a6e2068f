from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

import django_tables2 as tables

from governance.constants import Role


def role_labels(user) -> str:
    return ", ".join(
        str(Role(group.name).label) for group in user.groups.all() if group.name in Role.values
    )


class UserTable(tables.Table):
    username = tables.Column(
        verbose_name=_("Gebruikersnaam"),
        linkify=lambda record: reverse("accounts:user_detail", args=[record.pk]),
    )
    name = tables.Column(
        verbose_name=_("Persoon"), accessor="person__name", order_by="person__name", default="–"
    )
    roles = tables.Column(verbose_name=_("Rol"), accessor="pk", orderable=False, empty_values=())
    place = tables.Column(
        verbose_name=_("Gemeente of organisatie"), accessor="pk", orderable=False, empty_values=()
    )
    is_active = tables.BooleanColumn(verbose_name=_("Actief"), yesno=(_("ja"), _("nee")))
    last_login = tables.DateTimeColumn(
        verbose_name=_("Laatst ingelogd"), format="j F Y", default="–"
    )
    notes = tables.Column(verbose_name=_("Let op"), accessor="pk", orderable=False, empty_values=())

    class Meta:
        attrs = {"class": "utrecht-table table"}
        fields = ("username", "name", "roles", "place", "is_active", "last_login", "notes")
        order_by = ("username",)
        empty_text = _("Geen gebruikers gevonden.")

    def render_roles(self, record):
        return role_labels(record) or "–"

    def render_place(self, record):
        person = getattr(record, "person", None)
        place = person and (person.municipality or person.organisation)
        return str(place) if place else "–"

    def render_notes(self, record):
        person = getattr(record, "person", None)
        notes = []
        if person is None:
            notes.append(_("geen persoon, dus geen regio"))
        names = {group.name for group in record.groups.all()}
        if record.in_network_mt and Role.NETWORK_MT not in names:
            notes.append(_("lid van het Netwerk MT zonder de rol netwerk-mt"))
        if not record.has_usable_password() and record.last_login is None:
            notes.append(_("uitgenodigd, nog geen wachtwoord"))
        return format_html("{}", "; ".join(str(note) for note in notes)) if notes else ""
