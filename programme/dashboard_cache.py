"""The dashboard's body (its charts and tables), rendered once while what it shows is unchanged.

Everyone in a region sees the same body for the same filters, and the Netwerk MT opens it many
times around a meeting, so each worker process keeps the rendered body in its cache. The key says
everything the body depends on: the region, the language, the day (overdue and "this quarter"
move with it), the filters, and a fingerprint of the data: for projects, efforts, progress
reports, people and themes of the region, how many there are and when one was last changed.
Every write through the application or the admin sets `updated`, and a deletion lowers the count,
so a changed row gives a new key; the old body is never read again and expires. Reading the
fingerprint costs five small aggregate queries instead of building and rendering the dashboard.

The body holds nothing of the user (no form, no token, no link that depends on a permission).
"""

from __future__ import annotations

from datetime import date

from django.core.cache import cache
from django.db.models import Count, Max
from django.template.loader import render_to_string
from django.utils.translation import get_language

from governance.models import Person

from .dashboard import Dashboard, DashboardFilters, build_dashboard
from .models import Effort, ProgressReport, Project, Theme

BODY_TEMPLATE = "programme/_dashboard_body.html"
CACHE_SECONDS = 15 * 60
FINGERPRINTED = (Project, Effort, ProgressReport, Person, Theme)


def data_fingerprint() -> tuple:
    """(count, last change) of each model the body shows, in the active region."""
    fingerprint = []
    for model in FINGERPRINTED:
        figures = model.objects.aggregate(count=Count("pk"), last=Max("updated"))
        last = figures["last"].isoformat() if figures["last"] else ""
        fingerprint.append(f"{figures['count']}@{last}")
    return tuple(fingerprint)


def _key(*, region_pk: int, filters: DashboardFilters, today: date) -> str:
    parts = (
        region_pk,
        get_language(),
        today.isoformat(),
        filters.theme.pk if filters.theme else "",
        filters.lead_municipality.pk if filters.lead_municipality else "",
        filters.overall_status,
        int(filters.overdue_only),
        filters.as_of.isoformat() if filters.as_of else "",
        *data_fingerprint(),
    )
    return "programme:dashboard-body:" + "|".join(str(part) for part in parts)


def dashboard_body(*, region_pk: int, filters: DashboardFilters, today: date) -> str:
    """The rendered body for these filters: from the cache, or built, rendered and kept."""
    key = _key(region_pk=region_pk, filters=filters, today=today)
    body = cache.get(key)
    if body is None:
        body = render_body(build_dashboard(filters=filters))
        cache.set(key, body, CACHE_SECONDS)
    return body


def render_body(dashboard: Dashboard) -> str:
    return render_to_string(BODY_TEMPLATE, {"dashboard": dashboard})
