"""Adding, changing and deleting budget lines: validated, versioned, recorded in history."""

from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError

import pytest

from core.locking import StaleEditError
from finance.constants import LineDirection
from finance.models import BudgetLine
from finance.services import (
    budget_line_create,
    budget_line_delete,
    budget_line_update,
)
from governance.constants import Role
from tests.finance.factories import BudgetFactory, BudgetLineFactory
from tests.governance.factories import UserFactory
from tests.programme.factories import ProjectFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def budget(region):
    return BudgetFactory(owner__region=region, year=2023)


def _line(**overrides):
    data = {
        "direction": LineDirection.COST,
        "label": "Onderzoek",
        "amount": Decimal("90000"),
        "is_pro_memorie": False,
    }
    data.update(overrides)
    return data


def test_create_puts_the_line_last_and_records_who(nmt, budget):
    BudgetLineFactory(budget=budget, order=4)
    line = budget_line_create(user=nmt, budget=budget, **_line())
    assert line.order == 5 and line.edit_version == 1
    record = line.history.get()
    assert record.history_user == nmt and record.history_type == "+"


def test_a_line_carries_over_the_balances_of_several_earlier_budgets(nmt, budget, region):
    owner = budget.owner
    earlier = [BudgetFactory(owner=owner, year=year, realisation=True) for year in (2021, 2022)]
    line = budget_line_create(
        user=nmt,
        budget=budget,
        **_line(direction=LineDirection.INCOME, label="Restant", amount=Decimal("213")),
        carried_over_from=earlier,
    )
    assert set(line.carried_over_from.all()) == set(earlier)
    assert "Overgeheveld saldo van" in line.history.get().history_change_reason


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"amount": None}, "amount", "Vul een bedrag in, of vink pro memorie aan."),
        ({"is_pro_memorie": True}, "amount", "Een pro-memorieregel heeft geen bedrag."),
    ],
)
def test_amount_or_pro_memorie(nmt, budget, overrides, field, message):
    with pytest.raises(ValidationError) as error:
        budget_line_create(user=nmt, budget=budget, **_line(**overrides))
    assert error.value.message_dict[field] == [message]
    assert not BudgetLine.objects.exists()


def test_only_earlier_budgets_of_the_same_owner_carry_over(nmt, budget):
    later = BudgetFactory(owner=budget.owner, year=2024)
    other_owner = BudgetFactory(year=2020)
    for source in (later, other_owner, budget):
        with pytest.raises(ValidationError, match="eerder jaar van dezelfde eigenaar"):
            budget_line_create(user=nmt, budget=budget, **_line(), carried_over_from=[source])
    assert not BudgetLine.objects.exists()


def test_a_project_of_another_region_is_refused(nmt, budget):
    with pytest.raises(ValidationError, match="project van dezelfde regio"):
        budget_line_create(user=nmt, budget=budget, **_line(), project=ProjectFactory())


def test_update_with_the_version_read(nmt, budget):
    line = BudgetLineFactory(budget=budget, amount=Decimal("10"))
    line = budget_line_update(user=nmt, line=line, edit_version=1, **_line(amount=Decimal("20")))
    assert (line.amount, line.edit_version) == (Decimal("20"), 2)
    assert line.history.order_by("-history_date").first().history_user == nmt


def test_a_stale_update_is_refused_with_the_newer_line(nmt, budget):
    line = BudgetLineFactory(budget=budget, amount=Decimal("10"))
    budget_line_update(user=nmt, line=line, edit_version=1, **_line(amount=Decimal("20")))
    with pytest.raises(StaleEditError) as stale:
        budget_line_update(user=nmt, line=line, edit_version=1, **_line(amount=Decimal("30")))
    assert stale.value.current.amount == Decimal("20")
    line.refresh_from_db()
    assert line.amount == Decimal("20")


def test_an_order_already_taken_is_refused(nmt, budget):
    BudgetLineFactory(budget=budget, order=1)
    line = BudgetLineFactory(budget=budget, order=2)
    with pytest.raises(ValidationError, match="Volgnummer 1 is in deze begroting al in gebruik"):
        budget_line_update(user=nmt, line=line, edit_version=1, **_line(), order=1)


def test_delete_is_recorded_and_checks_the_version(nmt, budget):
    line = BudgetLineFactory(budget=budget)
    with pytest.raises(StaleEditError):
        budget_line_delete(user=nmt, line=line, edit_version=7)
    budget_line_delete(user=nmt, line=line, edit_version=1)
    assert not BudgetLine.objects.exists()
    record = BudgetLine.history.get(history_type="-")
    assert record.history_user == nmt


def test_readers_may_not_change_lines(budget):
    reader = UserFactory(role=Role.POLICY_ADVISER)
    line = BudgetLineFactory(budget=budget)
    with pytest.raises(PermissionDenied):
        budget_line_create(user=reader, budget=budget, **_line())
    with pytest.raises(PermissionDenied):
        budget_line_update(user=reader, line=line, edit_version=1, **_line())
    with pytest.raises(PermissionDenied):
        budget_line_delete(user=reader, line=line, edit_version=1)
