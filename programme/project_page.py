"""The project page's body, rendered once while what it shows is unchanged.

A project's page is opened by its team, its sponsors and the Netwerk MT, far more often than it
changes, and with 150 efforts rendering it is most of its cost. Its body (everything under the
page's heading) is a cached fragment (`core.fragments`). It varies on the project, its address,
the day (the overdue efforts and today's date in the forms move with it) and the user's
permissions, which decide the forms and buttons; its forms carry the request's CSRF token in
place of the placeholder they were rendered with. Its data are the region's projects (the
project, where it comes from and continues), programmes, themes, municipalities and people
(names), and this project's sub-goals, efforts, deliveries and progress reports. Its list of
changes comes from the history, which only grows with a save or a deletion of one of those.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from datetime import date

from django.db.models import QuerySet
from django.utils.safestring import SafeString

from core.fragments import cached_fragment
from governance.models import Municipality, Person

from .models import Effort, EffortDelivery, Programme, ProgressReport, Project, SubGoal, Theme

BODY_TEMPLATE = "programme/_project_body.html"


def body_data(project: Project) -> tuple[QuerySet, ...]:
    """What the body shows, as querysets of the active region."""
    return (
        Project.objects.all(),
        Programme.objects.all(),
        Theme.objects.all(),
        Municipality.objects.all(),
        Person.objects.all(),
        SubGoal.objects.filter(project=project),
        Effort.objects.filter(project=project),
        EffortDelivery.objects.filter(effort__project=project),
        ProgressReport.objects.filter(project=project),
    )


def project_body(
    request, project: Project, *, permissions, today: date, render: Callable[[], str]
) -> SafeString:
    """The rendered body for this user's permissions: from the cache, or rendered by
    `render()` (with `core.fragments.CSRF_PLACEHOLDER` as its CSRF token) and kept."""
    return cached_fragment(
        "programme.project_body",
        vary_on=(
            project.pk,
            request.get_full_path(),
            today.isoformat(),
            *dataclasses.astuple(permissions),
        ),
        data=body_data(project),
        render=render,
        request=request,
    )
