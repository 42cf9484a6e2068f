"""The dashboard's body (its charts and tables), rendered once while what it shows is unchanged.

The Netwerk MT opens the dashboard many times around a meeting and everyone in a region sees the
same body for the same filters, so it is a cached fragment (`core.fragments`): it varies on the
filters and the day (overdue and "this quarter" move with it), and its data are the region's
projects, efforts, progress reports, people and themes. The panels other apps add are not part
of it. The body holds nothing of the user.
"""

from __future__ import annotations

from datetime import date

from django.template.loader import render_to_string
from django.utils.safestring import SafeString

from core.fragments import cached_fragment
from governance.models import Person

from .dashboard import DashboardFilters, build_dashboard
from .models import Effort, ProgressReport, Project, Theme

BODY_TEMPLATE = "programme/_dashboard_body.html"


def body_data() -> tuple:
    """What the body shows, as querysets of the active region."""
    return (
        Project.objects.all(),
        Effort.objects.all(),
        ProgressReport.objects.all(),
        Person.objects.all(),
        Theme.objects.all(),
    )


def body_varies_on(filters: DashboardFilters, today: date) -> tuple:
    return (
        today.isoformat(),
        filters.theme.pk if filters.theme else "",
        filters.lead_municipality.pk if filters.lead_municipality else "",
        filters.overall_status,
        int(filters.overdue_only),
        filters.as_of.isoformat() if filters.as_of else "",
    )


def dashboard_body(*, filters: DashboardFilters, today: date, address: str) -> SafeString:
    """The rendered body for these filters (and the page's address, as for a list's table):
    from the cache, or built, rendered and kept."""
    return cached_fragment(
        "programme.dashboard_body",
        vary_on=(*body_varies_on(filters, today), address),
        data=body_data(),
        render=lambda: render_to_string(
            BODY_TEMPLATE, {"dashboard": build_dashboard(filters=filters)}
        ),
    )
