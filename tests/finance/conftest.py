from pathlib import Path

from django.core.management import call_command

import pytest

from demo.services import demo_accounts_ensure
from governance.constants import Role
from governance.models import Region
from tests.governance.factories import MunicipalityFactory, PersonFactory, UserFactory

FIXTURE_DIR = Path(__file__).resolve().parent.parent.parent / "fixtures"
FIXTURES = [
    str(FIXTURE_DIR / f"zhz_{name}.json")
    for name in ("governance", "procurement", "programme", "finance")
]
ROLES = (Role.POLICY_ADVISER, Role.GRIFFIE, Role.NETWORK_MT, Role.FUNCTIONAL_ADMIN)


@pytest.fixture
def zhz(db):
    """The ZHZ reference data and the demo accounts (adviseur, griffie, nmt, beheer …)."""
    call_command("loaddata", *FIXTURES, verbosity=0)
    demo_accounts_ensure(password="demo")
    return Region.objects.get_by_natural_key("zhz")


@pytest.fixture
def region(db):
    return Region.objects.create(slug="regio-test", name="Regio test")


@pytest.fixture
def user_with_role(region):
    """A user of `region` (through a person in one of its municipalities) with a role."""

    def make(role):
        user = UserFactory(role=role)
        PersonFactory(user=user, municipality=MunicipalityFactory(region=region))
        return user

    return make


@pytest.fixture
def nmt(user_with_role):
    return user_with_role(Role.NETWORK_MT)


@pytest.fixture
def griffie(user_with_role):
    return user_with_role(Role.GRIFFIE)
