"""The council-view permission matrix: role × whose municipality × action (governance/registers)."""

from django.contrib.auth.models import AnonymousUser

import pytest

from governance.constants import Role
from governance.registers.permissions import can_send_to_councils, council_view_permissions
from tests.governance.factories import MunicipalityFactory, PersonFactory, UserFactory
from tests.governance.register_factories import CouncilViewFactory

pytestmark = pytest.mark.django_db

ACTIONS = ("view", "edit", "send")

# (role, the council view is of the user's own municipality?) -> the actions allowed
MATRIX = {
    (Role.NETWORK_MT, "own"): {"view", "edit", "send"},
    (Role.NETWORK_MT, "other"): {"view", "edit", "send"},
    (Role.FUNCTIONAL_ADMIN, "own"): {"view", "edit", "send"},
    (Role.FUNCTIONAL_ADMIN, "other"): {"view", "edit", "send"},
    (Role.GRIFFIE, "own"): {"view", "edit"},
    (Role.GRIFFIE, "other"): {"view"},
    (Role.POLICY_ADVISER, "own"): {"view"},
    (Role.POLICY_ADVISER, "other"): {"view"},
    (None, "own"): {"view"},
    (None, "other"): {"view"},
}


def allowed(user, council_view):
    permissions = council_view_permissions(user, council_view)
    return {
        action
        for action, granted in (
            ("view", permissions.view),
            ("edit", permissions.edit),
            ("send", can_send_to_councils(user)),
        )
        if granted
    }


@pytest.mark.parametrize(("role", "whose"), list(MATRIX))
def test_council_view_permission_matrix(role, whose):
    own = MunicipalityFactory(name="Dordrecht")
    council_view = CouncilViewFactory(
        municipality=own if whose == "own" else MunicipalityFactory(name="Gorinchem")
    )
    user = UserFactory(role=role)
    PersonFactory(user=user, municipality=own)
    assert allowed(user, council_view) == MATRIX[(role, whose)]


def test_griffie_without_a_person_edits_nothing():
    user = UserFactory(role=Role.GRIFFIE)
    assert allowed(user, CouncilViewFactory()) == {"view"}


def test_anonymous_may_do_nothing():
    assert allowed(AnonymousUser(), CouncilViewFactory()) == set()
