"""Who may do what with a project: decided here, and only here.

- Everyone signed in reads every project and its reports.
- The project's contractor (ambtelijk opdrachtnemer) and team members, Netwerk MT Jeugd members and
  functional administrators edit the project's status and its efforts, and draft reports.
- The same people edit the plan: efforts (add, reorder, remove while unreported), sub-goals and
  the project's duration.
- The sponsor triangle and the team are set by Netwerk MT Jeugd members and functional
  administrators: who carries a project out is decided above the project, not by its members.
- The contractor and team submit a report; a Netwerk MT Jeugd member adopts it.
"""

from dataclasses import dataclass

from django.contrib.auth.models import AnonymousUser, User

from governance.constants import Role
from governance.permissions import person_of, user_roles

from .models import Project


@dataclass(frozen=True)
class ProjectPermissions:
    view: bool = False
    edit: bool = False
    edit_plan: bool = False
    edit_triangle: bool = False
    draft_report: bool = False
    submit_report: bool = False
    adopt_report: bool = False


def is_project_member(user: User | AnonymousUser, project: Project) -> bool:
    """Contractor or team member. Uses `project.team_ids` when the selector prefetched it."""
    person = person_of(user)
    if person is None:
        return False
    if project.contractor_id == person.pk:
        return True
    team_ids = getattr(project, "team_ids", None)
    if team_ids is None:
        return project.team.filter(pk=person.pk).exists()
    return person.pk in team_ids


def project_permissions(user: User | AnonymousUser, project: Project) -> ProjectPermissions:
    if not user.is_authenticated:
        return ProjectPermissions()
    roles = user_roles(user)
    network_mt = Role.NETWORK_MT in roles
    admin = Role.FUNCTIONAL_ADMIN in roles
    member = Role.POLICY_ADVISER in roles and is_project_member(user, project)
    edit = member or network_mt or admin
    return ProjectPermissions(
        view=True,
        edit=edit,
        edit_plan=edit,
        edit_triangle=network_mt or admin,
        draft_report=edit,
        submit_report=member or admin,
        adopt_report=network_mt,
    )


def may_read_programme(user: User | AnonymousUser) -> bool:
    """A programme's page (its projects and their outcomes) is read by everyone signed in."""
    return user.is_authenticated
