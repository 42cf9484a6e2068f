"""The home page: what the signed-in person works on, and what waits for them, by role."""

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from core.fragments import cached_fragment, cached_value, fingerprints
from core.registry import WorkQueue, in_region, registry
from governance.constants import Role
from governance.models import Body, Decision
from governance.permissions import person_of, user_roles
from governance.selectors import decisions_recent
from programme.models import Programme, Project
from programme.selectors import project_list_data, projects_current, projects_worked_on_by


@dataclass(frozen=True)
class FilledQueue:
    queue: WorkQueue
    items: list


def work_queues(request, stamps: dict[str, tuple]) -> list[FilledQueue]:
    """Every registered work queue the user has, filled for the request's region; a queue that
    names its data is kept per user and day while those are unchanged (`stamps`, by
    `page_stamps`)."""
    region = getattr(request, "region", None)
    if region is None:
        return []
    user, today = request.user, timezone.localdate()

    def items(region, queue):
        if queue.data is None:
            return queue.items(region, user, today)
        return cached_value(
            f"work_queue.{queue.key}",
            vary_on=(user.pk, today.isoformat(), *stamps[f"queue.{queue.key}"]),
            data=(),
            compute=lambda: queue.items(region, user, today),
        )

    return [FilledQueue(queue, in_region(region, items, queue)) for queue in visible_queues(user)]


def visible_queues(user) -> list[WorkQueue]:
    return [queue for queue in registry.queues() if queue.visible(user)]


def page_stamps(request, parts: dict[str, Callable[[], Iterable]]) -> dict[str, tuple]:
    """The fingerprint of each cached part of the start page (its queues, its project tables),
    all in one query in the request's region."""
    region = getattr(request, "region", None)
    if region is None or not parts:
        return {}
    return in_region(
        region,
        lambda _region: dict(
            zip(parts, fingerprints(*(data() for data in parts.values())), strict=True)
        ),
    )


def project_table_data() -> tuple:
    """What a row of the start page's project tables shows (the programmes' order included)."""
    return (*project_list_data(), Programme.objects.all())


def recent_decisions_data() -> tuple:
    return (Decision.objects.all(), Body.objects.all())


def kept_part(name: str, template: str, context: dict, *, vary_on: tuple, stamp) -> str:
    """A part of the start page, kept while what it shows is unchanged (`stamp`); rendered as
    it is without one (no region)."""

    def render():
        return render_to_string(template, context)

    if stamp is None:
        return render()
    return cached_fragment(f"home.{name}", vary_on=(*vary_on, *stamp), data=(), render=render)


def project_table_html(name: str, projects, *, vary_on: tuple, stamp, empty_text) -> str:
    context = {"projects": projects, "empty_text": empty_text}
    return kept_part(name, "programme/_project_list.html", context, vary_on=vary_on, stamp=stamp)


class HomeView(TemplateView):
    template_name = "home.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        roles = user_roles(user)
        person = person_of(user)
        context["person"] = person
        context["roles"] = [Role(role).label for role in sorted(roles)]
        parts = {
            f"queue.{queue.key}": queue.data
            for queue in visible_queues(user)
            if queue.data is not None
        }
        if Role.POLICY_ADVISER in roles:
            parts["my_projects"] = project_table_data
        if Role.FUNCTIONAL_ADMIN in roles:
            parts["all_projects"] = project_table_data
        if Role.GRIFFIE in roles:
            parts["recent_decisions"] = recent_decisions_data
        stamps = page_stamps(self.request, parts)
        context["queues"] = work_queues(self.request, stamps)
        context["network_mt"] = Role.NETWORK_MT in roles
        if Role.POLICY_ADVISER in roles:
            context["my_projects"] = project_table_html(
                "my_projects",
                projects_worked_on_by(person) if person else Project.objects.none(),
                vary_on=(getattr(person, "pk", None),),
                stamp=stamps.get("my_projects"),
                empty_text=_("U bent nog niet aan een project gekoppeld."),
            )
        if Role.FUNCTIONAL_ADMIN in roles:
            context["all_projects"] = project_table_html(
                "all_projects",
                projects_current(),
                vary_on=(),
                stamp=stamps.get("all_projects"),
                empty_text=_("Er zijn nog geen projecten."),
            )
        if Role.GRIFFIE in roles:
            context["recent_decisions"] = kept_part(
                "recent_decisions",
                "governance/_recent_decisions.html",
                {"recent_decisions": decisions_recent(limit=10)},
                vary_on=(),
                stamp=stamps.get("recent_decisions"),
            )
        return context
