"""The dashboard's body (its charts and tables), rendered once while what it shows is unchanged.

The Netwerk MT opens the dashboard many times around a meeting and everyone in a region sees the
same body for the same filters, so it is a cached fragment (`core.fragments`): it varies on the
filters and the day (overdue and "this quarter" move with it), and its data are the region's
projects, efforts, progress reports, people, themes and municipalities. The filter's form is kept
beside it under the same fingerprint. The panels other apps add are fragments of their own,
fingerprinted in the same query. The body holds nothing of the user.
"""

from __future__ import annotations

from datetime import date

from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from core.fragments import cached_fragment
from governance.models import Municipality, Person

from .dashboard import DashboardFilters, build_dashboard
from .models import Effort, ProgressReport, Project, Theme

BODY_TEMPLATE = "programme/_dashboard_body.html"
FILTER_TEMPLATE = "core/_filter_form.html"


def body_data() -> tuple:
    """What the body (and the filter's choices) show, as querysets of the active region."""
    return (
        Project.objects.all(),
        Effort.objects.all(),
        ProgressReport.objects.all(),
        Person.objects.all(),
        Theme.objects.all(),
        Municipality.objects.all(),
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


def dashboard_body(
    *, filters: DashboardFilters, today: date, address: str, stamp: tuple
) -> SafeString:
    """The rendered body for these filters (and the page's address, as for a list's table):
    from the cache, or built, rendered and kept. `stamp` is the fingerprint of `body_data()`."""
    return cached_fragment(
        "programme.dashboard_body",
        vary_on=(*body_varies_on(filters, today), address, *stamp),
        data=(),
        render=lambda: render_to_string(
            BODY_TEMPLATE, {"dashboard": build_dashboard(filters=filters)}
        ),
    )


def dashboard_filter_form(filterset, *, address: str, stamp: tuple) -> SafeString:
    """The filter's form with its choices and the request's values and errors (a GET form,
    without a token): the same for everyone at this address while the body's data hold."""
    return cached_fragment(
        "programme.dashboard_filter",
        vary_on=(address, *stamp),
        data=(),
        render=lambda: render_to_string(
            FILTER_TEMPLATE,
            {
                "filter": filterset,
                "submit_label": _("Toon"),
                "clear_url": reverse("programme:dashboard"),
            },
        ),
    )
