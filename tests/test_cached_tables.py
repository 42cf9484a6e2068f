"""List tables kept rendered (`cached_table_data`) show a change on the next load, stay in their
region, and so do their export files."""

import datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

import pytest

from governance.constants import Role
from tests.governance.factories import BodyFactory, DecisionFactory, RegionFactory, UserFactory
from tests.procurement.factories import (
    ContractFactory,
    FrameworkFactory,
    ProviderFactory,
    SegmentFactory,
)

pytestmark = pytest.mark.django_db

DECISIONS = reverse("registers:decision_list")
PROVIDERS = reverse("procurement:provider_list")


def _page(client, url, **query) -> str:
    response = client.get(url, query)
    assert response.status_code == 200
    return response.content.decode()


def _sign_in(client, role, region):
    client.force_login(UserFactory(role=role, region=region))


def test_a_renamed_decision_shows_on_the_next_load_and_in_the_export(client):
    region = RegionFactory()
    decision = DecisionFactory(body=BodyFactory(region=region), title="Inkoopkader vastgesteld")
    _sign_in(client, Role.GRIFFIE, region)
    assert "Inkoopkader vastgesteld" in _page(client, DECISIONS)
    decision.title = "Inkoopkader 2026 vastgesteld"
    decision.save()
    assert "Inkoopkader 2026 vastgesteld" in _page(client, DECISIONS)
    assert "Inkoopkader 2026 vastgesteld" in _page(client, DECISIONS, _export="csv")


def test_an_export_is_kept_until_its_rows_change_and_stays_in_its_region(client):
    here, elsewhere = RegionFactory(), RegionFactory()
    decision = DecisionFactory(body=BodyFactory(region=here), title="Begroting vastgesteld")
    DecisionFactory(body=BodyFactory(region=elsewhere), title="Elders vastgesteld")
    _sign_in(client, Role.GRIFFIE, here)
    with CaptureQueriesContext(connection) as written:
        first = _page(client, DECISIONS, _export="csv")
    with CaptureQueriesContext(connection) as kept:
        assert _page(client, DECISIONS, _export="csv") == first
    assert len(kept) < len(written)
    assert "Begroting vastgesteld" in first and "Elders vastgesteld" not in first
    decision.title = "Begroting 2027 vastgesteld"
    decision.save()
    assert "Begroting 2027 vastgesteld" in _page(client, DECISIONS, _export="csv")
    _sign_in(client, Role.GRIFFIE, elsewhere)
    other = _page(client, DECISIONS, _export="csv")
    assert "Elders vastgesteld" in other and "Begroting" not in other


def test_one_regions_decisions_table_never_reaches_another(client):
    here, elsewhere = RegionFactory(), RegionFactory()
    DecisionFactory(body=BodyFactory(region=here), title="Hier besloten")
    DecisionFactory(body=BodyFactory(region=elsewhere), title="Elders besloten")
    _sign_in(client, Role.GRIFFIE, here)
    assert "Hier besloten" in _page(client, DECISIONS)
    _sign_in(client, Role.GRIFFIE, elsewhere)
    page = _page(client, DECISIONS)
    assert "Elders besloten" in page and "Hier besloten" not in page


def test_a_providers_new_contract_shows_on_the_next_load_in_its_region_only(client):
    here, elsewhere = RegionFactory(), RegionFactory()
    provider = ProviderFactory(name="Horizon Jeugdzorg")
    segment = SegmentFactory(framework=FrameworkFactory(region=here), name="Verblijf")
    _sign_in(client, Role.NETWORK_MT, here)
    assert "Horizon Jeugdzorg" in _page(client, PROVIDERS)
    ContractFactory(provider=provider, segment=segment)
    assert 'title="Verblijf"' in _page(client, PROVIDERS)
    _sign_in(client, Role.NETWORK_MT, elsewhere)
    page = _page(client, PROVIDERS)
    assert "Horizon Jeugdzorg" in page and 'title="Verblijf"' not in page


def test_the_filters_choices_and_chosen_values_follow_the_data_and_the_address(client):
    """The filter's form is cached with the table: a new body is a choice on the next load, the
    chosen body stays selected for its own address, and a bad value keeps its message."""
    region = RegionFactory()
    DecisionFactory(body=BodyFactory(region=region, name="Algemeen Bestuur"))
    _sign_in(client, Role.GRIFFIE, region)
    assert "Portefeuillehoudersoverleg" not in _page(client, DECISIONS)
    body = BodyFactory(region=region, name="Portefeuillehoudersoverleg")
    assert "Portefeuillehoudersoverleg" in _page(client, DECISIONS)
    chosen = _page(client, DECISIONS, body=body.pk)
    assert f'<option value="{body.pk}" selected>Portefeuillehoudersoverleg' in chosen
    assert f'<option value="{body.pk}" selected>' not in _page(client, DECISIONS)
    response = client.get(DECISIONS, {"year": "banaan"})
    assert response.status_code == 400
    assert 'field-error">' in response.content.decode()


def test_a_kept_table_keeps_its_pages_apart_and_follows_a_new_row(client):
    """A kept table is paginated when it is rendered: each page (and a page number past the
    end, shown as the last page) is kept under its own address, and a new row moves the pages
    on the next load."""
    region = RegionFactory()
    body = BodyFactory(region=region)
    titles = {f"Besluit nummer {number:02}" for number in range(26)}
    for number, title in enumerate(sorted(titles)):
        DecisionFactory(body=body, title=title, date=datetime.date(2020, 1, 1 + number))
    _sign_in(client, Role.GRIFFIE, region)

    def shown(**query) -> set[str]:
        page = _page(client, DECISIONS, **query)
        return {title for title in titles if title in page}

    for _load in range(2):  # rendered, then from the cache
        first, second = shown(), shown(page=2)
        assert first | second == titles and not first & second
        assert len(first) == 25 and shown(page=999) == second
    titles.add("Besluit nummer 26")
    DecisionFactory(body=body, title="Besluit nummer 26", date=datetime.date(2019, 1, 1))
    assert shown() | shown(page=2) == titles and len(shown(page=2)) == 2
