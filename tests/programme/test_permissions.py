"""The permission matrix: role × relation to the project × action."""

import pytest

from governance.constants import Role
from programme.permissions import project_permissions
from tests.governance.factories import PersonFactory, UserFactory
from tests.programme.factories import ProjectFactory

pytestmark = pytest.mark.django_db

ACTIONS = (
    "view",
    "edit",
    "edit_plan",
    "edit_triangle",
    "draft_report",
    "submit_report",
    "adopt_report",
)

# (role, relation to the project) -> the actions allowed
MATRIX = {
    (Role.POLICY_ADVISER, "contractor"): {
        "view",
        "edit",
        "edit_plan",
        "draft_report",
        "submit_report",
    },
    (Role.POLICY_ADVISER, "team"): {"view", "edit", "edit_plan", "draft_report", "submit_report"},
    (Role.POLICY_ADVISER, "other"): {"view"},
    (Role.GRIFFIE, "other"): {"view"},
    (Role.GRIFFIE, "contractor"): {"view"},  # the project role counts only for advisers
    (Role.NETWORK_MT, "other"): {
        "view",
        "edit",
        "edit_plan",
        "edit_triangle",
        "draft_report",
        "adopt_report",
    },
    (Role.FUNCTIONAL_ADMIN, "other"): {
        "view",
        "edit",
        "edit_plan",
        "edit_triangle",
        "draft_report",
        "submit_report",
    },
    (None, "other"): {"view"},
}


def _user_related(role, relation, project):
    user = UserFactory(role=role)
    person = PersonFactory(user=user)
    if relation == "contractor":
        project.contractor = person
        project.save()
    elif relation == "team":
        project.team.add(person)
    return user


@pytest.mark.parametrize(("role", "relation"), list(MATRIX))
def test_permission_matrix(role, relation):
    project = ProjectFactory()
    user = _user_related(role, relation, project)
    permissions = project_permissions(user, project)
    allowed = {action for action in ACTIONS if getattr(permissions, action)}
    assert allowed == MATRIX[(role, relation)]


def test_anonymous_may_do_nothing():
    from django.contrib.auth.models import AnonymousUser

    permissions = project_permissions(AnonymousUser(), ProjectFactory())
    assert not any(getattr(permissions, action) for action in ACTIONS)
