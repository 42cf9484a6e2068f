"""Sending a proposal to the councils, and recording a council's view (governance/registers)."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError

import pytest

from core.locking import StaleEditError
from governance.constants import CouncilViewStatus, DecisionOutcome, Role
from governance.models import CouncilView
from governance.registers import services
from tests.governance.factories import (
    BodyFactory,
    DecisionFactory,
    MunicipalityFactory,
    PersonFactory,
    RegionFactory,
    UserFactory,
)
from tests.governance.register_factories import CouncilViewFactory

pytestmark = pytest.mark.django_db

SENT_ON = datetime.date(2024, 4, 15)


@pytest.fixture
def region():
    region = RegionFactory()
    for name in ("Dordrecht", "Gorinchem", "Sliedrecht"):
        MunicipalityFactory(region=region, name=name)
    # Merged away before the proposal: gets no council view.
    MunicipalityFactory(region=region, name="Binnenmaas", valid_until=datetime.date(2018, 12, 31))
    # Formed after the proposal was sent: gets none either.
    MunicipalityFactory(region=region, name="Nieuwegem", valid_from=datetime.date(2025, 1, 1))
    # Another region's municipality.
    MunicipalityFactory(name="Elders")
    return region


@pytest.fixture
def proposal(region):
    return DecisionFactory(
        body=BodyFactory(region=region),
        outcome=DecisionOutcome.PROPOSED,
        date=datetime.date(2024, 7, 4),
        title="Ontwerpbegroting 2025",
    )


@pytest.fixture
def nmt():
    return UserFactory(role=Role.NETWORK_MT)


def test_one_awaited_view_per_municipality_due_in_twelve_weeks(proposal, nmt):
    created = services.proposal_send_to_councils(decision=proposal, sent_on=SENT_ON, user=nmt)
    assert sorted(view.municipality.name for view in created) == [
        "Dordrecht",
        "Gorinchem",
        "Sliedrecht",
    ]
    for view in created:
        assert view.status == CouncilViewStatus.AWAITED
        assert view.deadline == datetime.date(2024, 7, 8) == SENT_ON + datetime.timedelta(weeks=12)
        assert view.history.first().history_user == nmt


def test_sending_again_adds_only_the_missing_councils(proposal, nmt, region):
    services.proposal_send_to_councils(decision=proposal, sent_on=SENT_ON, user=nmt)
    with pytest.raises(ValidationError, match="al ontvangen"):
        services.proposal_send_to_councils(decision=proposal, sent_on=SENT_ON, user=nmt)
    MunicipalityFactory(region=region, name="Zwijndrecht")
    created = services.proposal_send_to_councils(decision=proposal, sent_on=SENT_ON, user=nmt)
    assert [view.municipality.name for view in created] == ["Zwijndrecht"]
    assert proposal.council_views.count() == 4


@pytest.mark.parametrize("outcome", [DecisionOutcome.ADOPTED, DecisionOutcome.HELD_OVER])
def test_only_a_proposal_goes_to_the_councils(proposal, nmt, outcome):
    proposal.outcome = outcome
    proposal.save()
    with pytest.raises(ValidationError, match="Alleen een voorstel"):
        services.proposal_send_to_councils(decision=proposal, sent_on=SENT_ON, user=nmt)
    assert not CouncilView.objects.exists()


@pytest.mark.parametrize("role", [Role.GRIFFIE, Role.POLICY_ADVISER, None])
def test_others_may_not_send(proposal, role):
    with pytest.raises(PermissionDenied):
        services.proposal_send_to_councils(
            decision=proposal, sent_on=SENT_ON, user=UserFactory(role=role)
        )
    assert not CouncilView.objects.exists()


def _update(view, user, **overrides):
    data = {
        "status": CouncilViewStatus.RECEIVED,
        "received_on": datetime.date(2024, 6, 1),
        "reference": "RIS 2700001",
        "summary": "Zienswijze",
        "reply": "Reactie",
        "edit_version": view.edit_version,
    }
    data.update(overrides)
    return services.council_view_update(council_view=view, user=user, **data)


def test_griffie_records_the_view_of_its_own_council():
    view = CouncilViewFactory()
    griffie = UserFactory(role=Role.GRIFFIE)
    PersonFactory(user=griffie, municipality=view.municipality)
    updated = _update(view, griffie)
    assert (updated.status, updated.reference, updated.reply) == (
        "received",
        "RIS 2700001",
        "Reactie",
    )
    assert updated.history.first().history_user == griffie


def test_griffie_of_another_municipality_is_refused():
    view = CouncilViewFactory()
    griffie = UserFactory(role=Role.GRIFFIE)
    PersonFactory(user=griffie, municipality=MunicipalityFactory())
    with pytest.raises(PermissionDenied):
        _update(view, griffie)


def test_received_needs_a_date_and_not_in_the_future():
    view = CouncilViewFactory()
    nmt = UserFactory(role=Role.NETWORK_MT)
    with pytest.raises(ValidationError) as missing:
        _update(view, nmt, received_on=None)
    assert "Vul de datum in" in str(missing.value)
    with pytest.raises(ValidationError) as future:
        _update(view, nmt, received_on=datetime.date(2999, 1, 1))
    assert "toekomst" in str(future.value)
    view.refresh_from_db()
    assert view.status == CouncilViewStatus.AWAITED


def test_a_stale_save_is_refused_with_the_newer_value():
    view = CouncilViewFactory()
    first, second = UserFactory(role=Role.NETWORK_MT), UserFactory(role=Role.FUNCTIONAL_ADMIN)
    loaded = view.edit_version
    _update(view, first, summary="Eerst", edit_version=loaded)
    with pytest.raises(StaleEditError) as stale:
        _update(view, second, summary="Later", edit_version=loaded)
    assert stale.value.current.summary == "Eerst"
    view.refresh_from_db()
    assert view.summary == "Eerst"
