"""The home page: what the signed-in person works on, and what waits for them, by role."""

from dataclasses import dataclass

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from core.fragments import cached_fragment, cached_value, fingerprints
from core.registry import WorkQueue, in_region, registry
from governance.constants import Role
from governance.permissions import person_of, user_roles
from governance.selectors import decisions_recent
from programme.models import Programme, Project
from programme.selectors import project_list_data, projects_current, projects_worked_on_by


@dataclass(frozen=True)
class FilledQueue:
    queue: WorkQueue
    items: list


def work_queues(request) -> list[FilledQueue]:
    """Every registered work queue the user has, filled for the request's region; a queue that
    names its data is kept per user and day while those are unchanged (the fingerprints of all
    of them in one query)."""
    region = getattr(request, "region", None)
    if region is None:
        return []
    user, today = request.user, timezone.localdate()
    queues = [queue for queue in registry.queues() if queue.visible(user)]
    cached = [queue for queue in queues if queue.data is not None]
    stamps = dict(
        zip(
            (queue.key for queue in cached),
            in_region(region, lambda _region: fingerprints(*(queue.data() for queue in cached))),
            strict=True,
        )
    )

    def items(region, queue):
        if queue.data is None:
            return queue.items(region, user, today)
        return cached_value(
            f"work_queue.{queue.key}",
            vary_on=(user.pk, today.isoformat(), *stamps[queue.key]),
            data=(),
            compute=lambda: queue.items(region, user, today),
        )

    return [FilledQueue(queue, in_region(region, items, queue)) for queue in queues]


def all_projects_html() -> str:
    """The functional administrator's list of every project, the same for each of them: kept
    while the projects (and what their rows show, the programmes' order included) are unchanged."""
    return cached_fragment(
        "home.all_projects",
        vary_on=(),
        data=(*project_list_data(), Programme.objects.all()),
        render=lambda: render_to_string(
            "programme/_project_list.html",
            {"projects": projects_current(), "empty_text": _("Er zijn nog geen projecten.")},
        ),
    )


class HomeView(TemplateView):
    template_name = "home.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        roles = user_roles(user)
        person = person_of(user)
        context["person"] = person
        context["roles"] = [Role(role).label for role in sorted(roles)]
        context["queues"] = work_queues(self.request)
        context["network_mt"] = Role.NETWORK_MT in roles
        if Role.POLICY_ADVISER in roles:
            context["my_projects"] = (
                projects_worked_on_by(person) if person else Project.objects.none()
            )
        if Role.FUNCTIONAL_ADMIN in roles:
            context["all_projects"] = all_projects_html()
        if Role.GRIFFIE in roles:
            context["recent_decisions"] = decisions_recent(limit=10)
        return context
