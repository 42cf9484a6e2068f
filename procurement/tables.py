from django.template.defaultfilters import date as date_filter
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

import django_tables2 as tables

from .models import Norm, Provider


def period(valid_from, valid_until) -> str:
    start = date_filter(valid_from, "j F Y")
    return (
        f"{start} – {date_filter(valid_until, 'j F Y')}" if valid_until else f"{_('vanaf')} {start}"
    )


class ProviderTable(tables.Table):
    name = tables.Column(
        verbose_name=_("Aanbieder"),
        linkify=lambda record: reverse("procurement:provider_detail", args=[record.slug]),
    )
    legal_form = tables.Column(verbose_name=_("Rechtsvorm"))
    has_supervisory_board = tables.BooleanColumn(
        verbose_name=_("Raad van toezicht"), yesno=(_("ja"), _("nee")), null=True, default="?"
    )
    contracts = tables.Column(
        verbose_name=_("Contracten (segment, periode)"),
        accessor="pk",
        orderable=False,
        empty_values=(),
    )
    contract_count = tables.Column(verbose_name=_("Aantal"), attrs={"td": {"class": "number"}})

    class Meta:
        model = Provider
        fields = ("name", "legal_form", "has_supervisory_board", "contracts", "contract_count")
        order_by = ("name",)
        attrs = {"class": "utrecht-table table"}
        empty_text = _("Geen aanbieders gevonden met deze filters.")

    def render_name(self, record, value):
        if record.is_demo:
            return format_html('{} <span class="flag">{}</span>', value, _("demo"))
        return value

    def render_contracts(self, record):
        # From the prefetched contracts: no query per row.
        contracts = list(record.contracts.all())
        if not contracts:
            return "–"
        return format_html_join(
            mark_safe("<br>"),
            '<abbr title="{}">{}</abbr> ({})',
            (
                (
                    contract.segment.name,
                    contract.segment.code,
                    period(contract.valid_from, contract.valid_until),
                )
                for contract in contracts
            ),
        )

    def value_name(self, record):
        return record.name

    def value_legal_form(self, record):
        return record.get_legal_form_display()

    def value_contracts(self, record):
        return "; ".join(
            f"{contract.segment.code} ({period(contract.valid_from, contract.valid_until)})"
            for contract in record.contracts.all()
        )


class NormTable(tables.Table):
    segment = tables.Column(
        verbose_name=_("Segment"), accessor="segment", order_by=("segment__order",), default="–"
    )
    product_category = tables.Column(verbose_name=_("Productcategorie"), default="–")
    product_code = tables.Column(verbose_name=_("Productcode"), default="–")
    description = tables.Column(verbose_name=_("Norm"))
    max_duration_months = tables.Column(
        verbose_name=_("Max. duur (maanden)"), default="–", attrs={"td": {"class": "number"}}
    )
    max_hours_per_month = tables.Column(
        verbose_name=_("Max. uur per maand"), default="–", attrs={"td": {"class": "number"}}
    )

    class Meta:
        model = Norm
        fields = (
            "segment",
            "product_category",
            "product_code",
            "description",
            "max_duration_months",
            "max_hours_per_month",
        )
        attrs = {"class": "utrecht-table table"}
        empty_text = _("Geen normen gevonden met deze filters.")

    def render_segment(self, record):
        segment = record.segment
        return format_html(
            '<a href="{}">{} {}</a> <span class="small">({} e.v.)</span>',
            reverse("procurement:segment_detail", args=[segment.framework.slug, segment.code]),
            segment.code,
            segment.name,
            segment.framework.valid_from.year,
        )

    def render_max_hours_per_month(self, value):
        return str(value).replace(".", ",")

    def value_max_hours_per_month(self, value):
        return value

    def value_segment(self, record):
        return str(record.segment) if record.segment else ""
