"""A proposal of the joint arrangement's board, created under /bestuur/ and sent to the councils."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

import pytest

from governance.constants import BodyKind, CouncilViewStatus, DecisionOutcome, Role
from governance.models import CouncilView, Decision
from governance.registers import services
from tests.governance.factories import (
    BodyFactory,
    MunicipalityFactory,
    PersonFactory,
    RegionFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

D = datetime.date


def _user(role):
    user = UserFactory(role=role)
    PersonFactory(user=user)
    return user


@pytest.fixture
def nmt():
    return _user(Role.NETWORK_MT)


@pytest.fixture
def board():
    return BodyFactory(slug="ab", abbreviation="AB", kind=BodyKind.GENERAL_BOARD)


def test_a_proposal_is_created_and_then_goes_to_the_councils(board, nmt):
    for name in ("Dordrecht", "Gorinchem"):
        MunicipalityFactory(name=name)
    proposal = services.proposal_create(
        body=board, user=nmt, date=D(2024, 7, 4), title="Ontwerpbegroting 2025"
    )
    assert (proposal.outcome, proposal.slug) == (
        DecisionOutcome.PROPOSED,
        "ab-2024-07-04-ontwerpbegroting-2025",
    )
    assert proposal.history.first().history_user == nmt
    again = services.proposal_create(
        body=board, user=nmt, date=D(2024, 7, 4), title="Ontwerpbegroting 2025"
    )
    assert again.slug == "ab-2024-07-04-ontwerpbegroting-2025-2"
    views = services.proposal_send_to_councils(decision=proposal, sent_on=D(2024, 7, 5), user=nmt)
    assert {view.status for view in views} == {CouncilViewStatus.AWAITED}
    assert len(views) == 2


def test_only_a_board_proposes_and_only_who_may(board, nmt):
    network = BodyFactory(kind=BodyKind.MANAGEMENT_NETWORK, abbreviation="NMT")
    with pytest.raises(ValidationError):
        services.proposal_create(body=network, user=nmt, date=D(2024, 1, 1), title="X")
    with pytest.raises(ValidationError):
        services.proposal_create(body=board, user=nmt, date=D(2024, 1, 1), title="  ")
    with pytest.raises(PermissionDenied):
        services.proposal_create(
            body=board, user=_user(Role.GRIFFIE), date=D(2024, 1, 1), title="X"
        )
    assert not Decision.objects.exists()


@pytest.mark.parametrize(
    ("role", "expected"),
    [(Role.NETWORK_MT, 200), (Role.FUNCTIONAL_ADMIN, 200), (Role.GRIFFIE, 403)],
)
def test_who_may_open_the_proposal_form(client, board, role, expected):
    client.force_login(_user(role))
    url = reverse("registers:proposal_create")
    assert client.get(url).status_code == expected
    assert client.post(url, {}).status_code == (422 if expected == 200 else 403)


def test_the_form_offers_only_the_own_regions_boards_and_refuses_bad_input(client, board, nmt):
    foreign = BodyFactory(region=RegionFactory(), name="Vreemd bestuur", slug="vreemd")
    client.force_login(nmt)
    url = reverse("registers:proposal_create")
    assert "Vreemd bestuur" not in client.get(url).content.decode()
    refused = client.post(url, {"body": foreign.pk, "date": "2024-07-04", "title": "X"})
    assert refused.status_code == 422
    assert "Kies het algemeen of het dagelijks bestuur." in refused.content.decode()
    bad = client.post(url, {"body": board.pk, "date": "4 juli", "title": ""})
    assert bad.status_code == 422
    assert "Geef het voorstel een titel." in bad.content.decode()
    assert not Decision.objects.exists()
    ok = client.post(url, {"body": board.pk, "date": "04-07-2024", "title": "Begroting"})
    assert ok.status_code == 302
    proposal = Decision.objects.get()
    assert ok["Location"] == reverse("registers:decision_detail", args=[proposal.slug])
    assert not CouncilView.objects.exists()  # sending is the next step, on its page
