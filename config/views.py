"""The home page: what the signed-in person works on, by role."""

from django.shortcuts import redirect
from django.views.generic import TemplateView

from governance.constants import Role
from governance.permissions import person_of, user_roles
from governance.selectors import decisions_recent
from programme.models import Project
from programme.selectors import projects_current, projects_worked_on_by


class HomeView(TemplateView):
    template_name = "home.html"

    def get(self, request, *args, **kwargs):
        # The dashboard is the Netwerk MT's home page.
        if user_roles(request.user) == {Role.NETWORK_MT}:
            return redirect("programme:dashboard")
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        roles = user_roles(user)
        person = person_of(user)
        context["person"] = person
        context["roles"] = [Role(role).label for role in sorted(roles)]
        if Role.POLICY_ADVISER in roles:
            context["my_projects"] = (
                projects_worked_on_by(person) if person else Project.objects.none()
            )
        if Role.NETWORK_MT in roles or Role.FUNCTIONAL_ADMIN in roles:
            context["all_projects"] = projects_current()
        if Role.GRIFFIE in roles:
            context["recent_decisions"] = decisions_recent(limit=10)
        return context
