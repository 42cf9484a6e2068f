import pytest

from governance.constants import BodyKind, Role
from tests.governance.factories import (
    BodyFactory,
    MunicipalityFactory,
    PersonFactory,
    RegionFactory,
    UserFactory,
    default_region,
)


@pytest.fixture
def region():
    return default_region()


@pytest.fixture
def other_region():
    return RegionFactory(slug="andere-regio", name="Andere regio")


@pytest.fixture
def municipality(region):
    return MunicipalityFactory(region=region, name="Gemeente Noord")


@pytest.fixture
def administrator(region):
    user = UserFactory(
        role=Role.FUNCTIONAL_ADMIN, region=region, username="beheerder", email="b@example.org"
    )
    user.person.name = "Bea Beheer"
    user.person.save()
    return user


@pytest.fixture
def adviser(region, municipality):
    user = UserFactory(role=Role.POLICY_ADVISER, username="adviseur", email="a@example.org")
    PersonFactory(region=region, user=user, name="Ad Viseur", municipality=municipality)
    return user


@pytest.fixture
def stranger(other_region):
    """A user of the other region."""
    user = UserFactory(role=Role.POLICY_ADVISER, username="vreemde", email="v@example.org")
    PersonFactory(region=other_region, user=user, name="Vera Vreemd")
    return user


@pytest.fixture
def network_body(region):
    return BodyFactory(
        region=region, name="Netwerk MT", abbreviation="NMT", kind=BodyKind.MANAGEMENT_NETWORK
    )


@pytest.fixture
def superuser(region):
    return UserFactory(username="platform", is_superuser=True, is_staff=True)
