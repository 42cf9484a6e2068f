from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

import django_tables2 as tables

from .models import Project


class ProjectTable(tables.Table):
    code = tables.Column(verbose_name=_("Nummer"), linkify=True, attrs={"td": {"class": "nowrap"}})
    name = tables.Column(verbose_name=_("Project"), linkify=True)
    theme = tables.Column(verbose_name=_("Programmalijn"), accessor="theme__name")
    lead_municipality = tables.Column(verbose_name=_("Trekkende gemeente"), default="–")
    contractor = tables.Column(verbose_name=_("Ambtelijk opdrachtnemer"), default="–")
    overall_status = tables.Column(verbose_name=_("Algehele status"))
    achieved_count = tables.Column(verbose_name=_("Behaald"), attrs={"td": {"class": "number"}})
    effort_count = tables.Column(verbose_name=_("Inspanningen"), attrs={"td": {"class": "number"}})
    overdue_count = tables.Column(verbose_name=_("Verlopen"), attrs={"td": {"class": "number"}})

    class Meta:
        model = Project
        fields = (
            "code",
            "name",
            "theme",
            "lead_municipality",
            "contractor",
            "overall_status",
            "achieved_count",
            "effort_count",
            "overdue_count",
        )
        order_by = ("code",)
        attrs = {"class": "utrecht-table table"}
        empty_text = _("Geen projecten gevonden met deze filters.")

    def render_overall_status(self, record, value):
        return format_html(
            '<span class="status status--{}">{}</span>', record.overall_status, value
        )

    def render_overdue_count(self, record, value):
        # The mark links to the project's efforts, where each overdue one says since when and why.
        if value:
            return format_html(
                '<a class="overdue" href="{}#efforts" title="{}">{}</a>',
                record.get_absolute_url(),
                _("Welke inspanningen verlopen zijn, sinds wanneer en waarom"),
                value,
            )
        return value

    def value_overdue_count(self, value):
        return value

    def value_overall_status(self, record, value):
        return record.get_overall_status_display()
