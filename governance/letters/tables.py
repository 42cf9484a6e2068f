from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

import django_tables2 as tables

from governance.models import Letter


class LetterTable(tables.Table):
    date = tables.DateColumn(
        verbose_name=_("Datum"), format="j F Y", attrs={"td": {"class": "nowrap"}}
    )
    subject = tables.Column(verbose_name=_("Betreft"), linkify=True)
    addressee = tables.Column(
        verbose_name=_("Aan de gemeenteraad van"), accessor="municipality__name", empty_values=()
    )
    template = tables.Column(verbose_name=_("Sjabloon"), accessor="template__version")
    version = tables.Column(verbose_name=_("Versie"), attrs={"td": {"class": "number"}})
    status = tables.Column(verbose_name=_("Status"))
    is_public = tables.Column(verbose_name=_("Openbaar"))

    class Meta:
        model = Letter
        fields = ("date", "subject", "addressee", "template", "version", "status", "is_public")
        order_by = ("-date",)
        attrs = {"class": "utrecht-table table"}
        empty_text = _("Geen brieven gevonden met deze filters.")

    def render_addressee(self, record):
        if record.is_regional:
            count = getattr(record, "addressee_count", None)
            return ngettext(
                "Regionaal: %(count)d gemeente", "Regionaal: %(count)d gemeenten", count or 0
            ) % {"count": count or 0}
        return record.municipality.name

    def order_addressee(self, queryset, is_descending):
        return queryset.order_by(("-" if is_descending else "") + "municipality__name"), True

    def render_template(self, record):
        return f"{record.template.name} {record.template.valid_from:%Y}"

    def render_is_public(self, value):
        return _("ja") if value else _("nee")

    def render_status(self, record, value):
        return format_html('<span class="status status--letter-{}">{}</span>', record.status, value)
