from django.template.defaultfilters import date as date_filter
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

import django_tables2 as tables

from governance.constants import CouncilViewStatus
from governance.models import CouncilView, Decision

from .display import council_view_css, outcome_css

# The content security policy allows no inline style: dates and references keep together with
# non-breaking spaces ('nowrap' is the class app.css may give them).
NOWRAP = {"class": "nowrap"}


def unbroken(text) -> str:
    return str(text).replace(" ", "\u00a0") if text else text


class DecisionTable(tables.Table):
    date = tables.DateColumn(verbose_name=_("Datum"), format="j F Y", attrs={"td": NOWRAP})
    body = tables.Column(
        verbose_name=_("Orgaan"), accessor="body__abbreviation", order_by="body__abbreviation"
    )
    title = tables.Column(
        verbose_name=_("Besluit"),
        linkify=lambda record: reverse("registers:decision_detail", args=[record.slug]),
    )
    outcome = tables.Column(verbose_name=_("Uitkomst"))
    reference = tables.Column(verbose_name=_("Kenmerk"), default="–")
    council_views = tables.Column(
        verbose_name=_("Zienswijzen"), accessor="pk", orderable=False, empty_values=()
    )

    class Meta:
        model = Decision
        fields = ("date", "body", "title", "outcome", "reference", "council_views")
        order_by = ("-date", "title")
        attrs = {"class": "utrecht-table table"}
        empty_text = _("Geen besluiten gevonden met deze filters.")

    def render_date(self, value):
        return unbroken(date_filter(value, "j F Y"))

    def render_reference(self, value):
        return unbroken(value)

    def value_date(self, record):
        return record.date

    def value_reference(self, record):
        return record.reference

    def render_body(self, record):
        return format_html('<abbr title="{}">{}</abbr>', record.body.name, record.body.abbreviation)

    def render_outcome(self, record, value):
        return format_html(
            '<span class="status status--{}">{}</span>', outcome_css(record.outcome), value
        )

    def render_council_views(self, record):
        # From the prefetched views: no query per row. Received views and councils that gave
        # none are named; awaited ones are counted when there are many.
        groups = self._views_by_status(record)
        if not groups:
            return "–"
        parts = []
        for status, names in groups:
            shown = (
                _("%(count)d raden") % {"count": len(names)}
                if status == CouncilViewStatus.AWAITED and len(names) > 3
                else ", ".join(names)
            )
            parts.append(format_html("{}: {}", CouncilViewStatus(status).label, shown))
        if record.overdue_count:
            parts.append(
                format_html(
                    '<span class="overdue">{}</span>',
                    _("%(count)d te laat") % {"count": record.overdue_count},
                )
            )
        return format_html_join(" · ", "{}", ((part,) for part in parts))

    @staticmethod
    def _views_by_status(record) -> list[tuple[str, list[str]]]:
        names: dict[str, list[str]] = {}
        for view in record.council_views.all():
            names.setdefault(view.status, []).append(view.municipality.name)
        order = [CouncilViewStatus.RECEIVED, CouncilViewStatus.NONE, CouncilViewStatus.AWAITED]
        return [(status, names[status]) for status in order if status in names]

    def value_body(self, record):
        return record.body.abbreviation

    def value_outcome(self, record):
        return record.get_outcome_display()

    def value_council_views(self, record):
        return "; ".join(
            f"{view.municipality.name} ({view.get_status_display().lower()})"
            for view in record.council_views.all()
        )


class CouncilViewTable(tables.Table):
    municipality = tables.Column(verbose_name=_("Gemeente"), accessor="municipality__name")
    decision = tables.Column(
        verbose_name=_("Voorstel of besluit"),
        accessor="decision__title",
        linkify=lambda record: reverse("registers:decision_detail", args=[record.decision.slug]),
    )
    body = tables.Column(verbose_name=_("Orgaan"), accessor="decision__body__abbreviation")
    status = tables.Column(verbose_name=_("Status"), attrs={"td": NOWRAP})
    deadline = tables.DateColumn(
        verbose_name=_("Uiterste datum"), format="j F Y", default="–", attrs={"td": NOWRAP}
    )
    date = tables.DateColumn(
        verbose_name=_("Ontvangen op"), format="j F Y", default="–", attrs={"td": NOWRAP}
    )
    reference = tables.Column(verbose_name=_("Kenmerk"), default="–", attrs={"td": NOWRAP})

    class Meta:
        model = CouncilView
        fields = ("municipality", "decision", "body", "status", "deadline", "date", "reference")
        attrs = {"class": "utrecht-table table"}
        row_attrs = {"class": lambda record: "stale" if record.is_overdue else ""}
        empty_text = _("Geen zienswijzen gevonden met deze filters.")

    def render_status(self, record, value):
        if record.is_overdue:
            return format_html(
                '<span class="status status--delayed">{}</span> <span class="overdue">{}</span>',
                value,
                unbroken(_("te laat")),
            )
        return format_html(
            '<span class="status status--{}">{}</span>', council_view_css(record.status), value
        )

    def render_deadline(self, record, value):
        text = unbroken(date_filter(value, "j F Y"))
        return format_html('<span class="overdue">{}</span>', text) if record.is_overdue else text

    def render_date(self, value):
        return unbroken(date_filter(value, "j F Y"))

    def render_reference(self, value):
        return unbroken(value)

    def value_status(self, record):
        return record.get_status_display()

    def value_reference(self, record):
        return record.reference

    def value_deadline(self, record):
        return record.deadline

    def value_date(self, record):
        return record.date
