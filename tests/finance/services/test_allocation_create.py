"""allocation_create: exact to the cent, key sum kept, a deficit recovered as an amount owed."""

from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError

import pytest

from finance.models import Allocation
from finance.services import allocation_create
from governance.constants import Role
from tests.finance.factories import BudgetFactory, BudgetLineFactory, key_with_shares
from tests.governance.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_an_amount_is_apportioned_exactly_and_stored_with_key_sum_and_user(nmt, region):
    key = key_with_shares(["33.33", "33.33", "33.33"], region=region)
    allocation = allocation_create(user=nmt, key=key, amount=Decimal("100"))
    amounts = list(
        allocation.shares.order_by("municipality__name").values_list("amount", flat=True)
    )
    assert amounts == [Decimal("33.34"), Decimal("33.33"), Decimal("33.33")]
    assert sum(amounts) == Decimal("100.00")
    assert allocation.key_sum == Decimal("99.99")
    assert allocation.created_by == nmt
    assert allocation.label == "Verdeling van € 100"


def test_a_deficit_is_recovered_as_a_positive_amount_owed(nmt, region):
    key = key_with_shares(["60", "40"], region=region)
    budget = BudgetFactory(owner__region=region)
    BudgetLineFactory(budget=budget, income=True, amount=Decimal("100"))
    BudgetLineFactory(budget=budget, amount=Decimal("1100"))
    BudgetLineFactory(budget=budget, pro_memorie=True)  # never summed
    allocation = allocation_create(user=nmt, key=key, budget=budget)
    assert allocation.amount == Decimal("1000.00")
    assert allocation.budget == budget
    assert allocation.label == f"Saldo {budget.title}"
    assert sorted(allocation.shares.values_list("amount", flat=True)) == [
        Decimal("400.00"),
        Decimal("600.00"),
    ]


def test_a_surplus_is_paid_back_as_a_negative_amount(nmt, region):
    key = key_with_shares(["60", "40"], region=region)
    budget = BudgetFactory(owner__region=region)
    BudgetLineFactory(budget=budget, income=True, amount=Decimal("10"))
    allocation = allocation_create(user=nmt, key=key, budget=budget)
    assert allocation.amount == Decimal("-10.00")
    assert sum(allocation.shares.values_list("amount", flat=True)) == Decimal("-10.00")


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({}, "Kies een bedrag óf het saldo van een begroting."),
        ({"amount": Decimal("0")}, "Een bedrag van nul valt niet te verdelen."),
        ({"amount": Decimal("0.001")}, "hoogstens twee decimalen"),
    ],
)
def test_bad_input_changes_nothing(nmt, region, kwargs, message):
    key = key_with_shares(["100"], region=region)
    with pytest.raises(ValidationError) as error:
        allocation_create(user=nmt, key=key, **kwargs)
    assert message in " ".join(error.value.messages)
    assert not Allocation.objects.exists()


def test_a_zero_balance_and_an_empty_key_are_refused(nmt, region):
    empty_key = key_with_shares([], region=region)
    budget = BudgetFactory(owner__region=region)
    with pytest.raises(ValidationError, match="saldo van deze begroting is nul"):
        allocation_create(user=nmt, key=key_with_shares(["100"], region=region), budget=budget)
    with pytest.raises(ValidationError, match="geen aandelen"):
        allocation_create(user=nmt, key=empty_key, amount=Decimal("5"))
    assert not Allocation.objects.exists()


def test_only_editors_allocate(region):
    key = key_with_shares(["100"], region=region)
    with pytest.raises(PermissionDenied):
        allocation_create(user=UserFactory(role=Role.GRIFFIE), key=key, amount=Decimal("1"))
