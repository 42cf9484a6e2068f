"""Lists of keys and allocations, and the shares of one allocation (also its CSV/XLSX export).

On the page amounts are Dutch ('€ 70.426,92'); in an export the `value_…` methods give the
numbers themselves, which `core.exports` writes as number cells (XLSX) or with a decimal comma
for Dutch Excel (CSV: 70426,92), like `manage.py allocate`.
"""

from decimal import Decimal

from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

import django_tables2 as tables

from core.formatting import format_amount, format_euro, format_percentage

from .models import Allocation, DistributionKey

NUMBER = {"td": {"class": "number"}, "th": {"class": "number"}, "tf": {"class": "number"}}


def key_sum_html(total: Decimal) -> str:
    """'100,01% (flag: niet 100%: verschil +0,01 procentpunt)'; a complete key just '100,00%'."""
    if total == 100:
        return format_percentage(total)
    difference = total - 100
    sign = "+" if difference > 0 else "−"
    return format_html(
        '{} <span class="flag" title="{}">{} {}{}</span>',
        format_percentage(total),
        _("De aandelen tellen niet op tot 100%."),
        _("niet 100%: verschil"),
        sign,
        format_percentage(abs(difference)).removesuffix("%") + " " + str(_("procentpunt")),
    )


class DistributionKeyTable(tables.Table):
    name = tables.Column(
        verbose_name=_("Verdeelsleutel"), linkify=("finance:key_detail", {"slug": tables.A("slug")})
    )
    source = tables.Column(verbose_name=_("Bron"))
    valid_from = tables.DateColumn(verbose_name=_("Geldig vanaf"), format="j F Y", default="–")
    valid_until = tables.DateColumn(
        verbose_name=_("Geldig tot en met"), format="j F Y", default="–"
    )
    share_count = tables.Column(verbose_name=_("Gemeenten"), attrs=NUMBER)
    share_total = tables.Column(verbose_name=_("Som van de aandelen"), attrs=NUMBER)

    class Meta:
        model = DistributionKey
        fields = ("name", "source", "valid_from", "valid_until", "share_count", "share_total")
        order_by = ("name",)
        attrs = {"class": "utrecht-table table"}
        empty_text = _("Er zijn nog geen verdeelsleutels.")

    def render_share_total(self, value):
        return key_sum_html(value)

    def value_share_total(self, value):
        # A sum of percentages, kept to their two decimals (SQLite's sum has more).
        return value.quantize(Decimal("0.01"))


class AllocationTable(tables.Table):
    created = tables.DateTimeColumn(verbose_name=_("Datum"), format="j F Y")
    label = tables.Column(
        verbose_name=_("Omschrijving"),
        linkify=("finance:allocation_detail", {"pk": tables.A("pk")}),
    )
    key = tables.Column(verbose_name=_("Verdeelsleutel"), accessor="key__name")
    amount = tables.Column(verbose_name=_("Bedrag"), attrs=NUMBER)
    key_sum = tables.Column(verbose_name=_("Som van de sleutel"), attrs=NUMBER)
    created_by = tables.Column(verbose_name=_("Door"), default="–", orderable=False)

    class Meta:
        model = Allocation
        fields = ("created", "label", "key", "amount", "key_sum", "created_by")
        order_by = ("-created",)
        attrs = {"class": "utrecht-table table"}
        empty_text = _("Er zijn nog geen bedragen verdeeld.")

    def render_amount(self, value):
        return format_euro(value, cents=True)

    def value_amount(self, value):
        return value

    def render_key_sum(self, value):
        return key_sum_html(value)

    def value_key_sum(self, value):
        return value

    def render_created_by(self, value):
        person = getattr(value, "person", None)
        return person.name if person else value.get_username()


class AllocationShareTable(tables.Table):
    """One row per municipality (`selectors.AllocationRow`), totals in the footer."""

    municipality = tables.Column(
        verbose_name=_("Gemeente"),
        accessor="share__municipality__name",
        orderable=False,
        footer=lambda table: table.footer_for("municipality"),
    )
    cbs_code = tables.Column(
        verbose_name=_("CBS-code"), accessor="share__municipality__cbs_code", orderable=False
    )
    percentage = tables.Column(
        verbose_name=_("Aandeel (%)"),
        accessor="share__percentage",
        attrs=NUMBER,
        orderable=False,
        footer=lambda table: table.footer_for("percentage"),
    )
    amount = tables.Column(
        verbose_name=_("Bedrag (€)"),
        accessor="share__amount",
        attrs=NUMBER,
        orderable=False,
        footer=lambda table: table.footer_for("amount"),
    )
    plain_amount = tables.Column(
        verbose_name=_("Bij gewone afronding (€)"),
        attrs=NUMBER,
        orderable=False,
        footer=lambda table: table.footer_for("plain_amount"),
    )
    difference = tables.Column(
        verbose_name=_("Verschil (€)"),
        attrs=NUMBER,
        orderable=False,
        footer=lambda table: table.footer_for("difference"),
    )
    statement = tables.TemplateColumn(
        verbose_name=_("Opgave"),
        template_name="finance/_statement_link.html",
        exclude_from_export=True,
        orderable=False,
    )

    class Meta:
        attrs = {"class": "utrecht-table table money"}
        row_attrs = {"class": lambda record: "is-highlight" if record.highlight else ""}

    def __init__(self, *args, summary=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.summary = summary

    def footer_for(self, column: str):
        """The total row under the shares (shown on the page, not in the CSV)."""
        summary = self.summary
        if summary is None:
            return ""
        if column == "municipality":
            return _("Totaal")
        if column == "percentage":
            # Plain here: whether the key sums to 100% is flagged above the table.
            return format_percentage(summary.key_sum.total)
        total = {
            "amount": summary.total,
            "plain_amount": summary.plain_total,
            "difference": summary.difference_total,
        }[column]
        return format_amount(total, cents=True)

    def render_percentage(self, value):
        return format_percentage(value)

    def render_amount(self, value):
        return format_amount(value, cents=True)

    def render_plain_amount(self, value):
        return format_amount(value, cents=True)

    def render_difference(self, value):
        return format_amount(value, cents=True)

    def value_percentage(self, value):
        return value

    def value_amount(self, value):
        return value

    def value_plain_amount(self, value):
        return value

    def value_difference(self, value):
        return value
