from decimal import Decimal

from django.core.exceptions import ValidationError

import pytest

from finance.models import DistributionKey, DistributionShare
from finance.services import distribution_key_create
from tests.finance.factories import DistributionKeyFactory
from tests.governance.factories import MunicipalityFactory

pytestmark = pytest.mark.django_db


def _create(user, region, shares, name="meicirculaire 2024"):
    return distribution_key_create(
        user=user,
        region=region,
        name=name,
        source="Meicirculaire 2024",
        valid_from=None,
        valid_until=None,
        shares=shares,
    )


def test_a_key_and_its_shares_are_saved_with_history(nmt, region):
    a, b = MunicipalityFactory(region=region), MunicipalityFactory(region=region)
    key = _create(nmt, region, [(a, Decimal("60")), (b, Decimal("40.01"))])
    assert key.slug == "meicirculaire-2024"
    assert key.shares.count() == 2
    assert key.history.get().history_user == nmt
    assert {record.history_user for record in DistributionShare.history.all()} == {nmt}


@pytest.mark.parametrize("problem", ["duplicate", "other region", "empty", "name taken"])
def test_all_or_nothing(nmt, region, problem):
    a = MunicipalityFactory(region=region)
    DistributionKeyFactory(region=region, name="bestaand")
    shares, name = [(a, Decimal("100"))], "nieuw"
    if problem == "duplicate":
        shares = [(a, Decimal("50")), (a, Decimal("50"))]
    elif problem == "other region":
        shares = [(MunicipalityFactory(), Decimal("100"))]
    elif problem == "empty":
        shares = []
    else:
        name = "Bestaand"
    with pytest.raises(ValidationError):
        _create(nmt, region, shares, name=name)
    assert list(DistributionKey.objects.values_list("name", flat=True)) == ["bestaand"]
    assert not DistributionShare.objects.exists()
