"""Dated documents and events on the timeline (what is not a decision), kept by functional
administrators in the browser, with the AEF report and the SJT milestone in the fixtures."""

import datetime

from django.core.management import call_command
from django.urls import reverse

import pytest

from governance.constants import Role, TimelineEntryKind
from governance.models import Region, TimelineEntry
from tests.governance.factories import RegionFactory, UserFactory, default_region

pytestmark = pytest.mark.django_db


@pytest.fixture
def zhz():
    call_command("loaddata", "fixtures/zhz_governance.json", verbosity=0)
    return Region.objects.get(slug="zhz")


def test_the_fixtures_date_the_aef_report_and_the_sjt_contracts(zhz):
    entries = {entry.title: entry for entry in TimelineEntry.objects.filter(region=zhz)}
    aef = entries["Adviesrapport governance jeugdhulp van AEF"]
    assert (aef.date, aef.kind) == (datetime.date(2020, 9, 23), TimelineEntryKind.DOCUMENT)
    sjt = entries["SJT gecontracteerd door elke gemeente per 1 januari 2022"]
    assert (sjt.date, sjt.kind) == (datetime.date(2022, 1, 1), TimelineEntryKind.EVENT)


def test_the_timeline_shows_them_among_the_decisions(client, zhz):
    client.force_login(UserFactory(role=Role.GRIFFIE, region=zhz))
    response = client.get(reverse("registers:timeline"))
    content = response.content.decode()
    assert "Adviesrapport governance jeugdhulp van AEF" in content
    assert "SJT gecontracteerd door elke gemeente per 1 januari 2022" in content
    assert content.index("Adviesrapport governance jeugdhulp van AEF") < content.index(
        "SJT gecontracteerd door elke gemeente"
    )
    assert "Document of gebeurtenis" in content  # the filter's choice


def _admin(region):
    return UserFactory(role=Role.FUNCTIONAL_ADMIN, region=region)


def test_a_functional_administrator_adds_one_in_the_browser(client):
    region = default_region()
    client.force_login(_admin(region))
    url = reverse("admin:governance_timelineentry_add")
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            "slug": "testregio-sjt-lokaal",
            "region": region.pk,
            "date": "01-01-2022",
            "kind": TimelineEntryKind.EVENT,
            "title": "SJT lokaal gecontracteerd",
            "description": "",
            "reference": "",
            "link": "",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    entry = TimelineEntry.objects.get(slug="testregio-sjt-lokaal")
    assert entry.date == datetime.date(2022, 1, 1)
    assert entry.history.first().history_user is not None


def test_bad_input_gets_a_dutch_message_and_changes_nothing(client):
    region = default_region()
    client.force_login(_admin(region))
    response = client.post(
        reverse("admin:governance_timelineentry_add"),
        {"slug": "x", "region": region.pk, "date": "31-02-2022", "kind": "event", "title": ""},
    )
    assert response.status_code == 200
    content = response.content.decode()
    assert "Dit veld is verplicht." in content
    assert "Voer een geldige datum in." in content
    assert not TimelineEntry.objects.exists()


def test_other_roles_do_not_edit_them_and_other_regions_do_not_see_them(client):
    region = default_region()
    other = RegionFactory()
    TimelineEntry.objects.create(region=other, slug="ander", date="2020-01-01", title="Ander")
    client.force_login(UserFactory(role=Role.POLICY_ADVISER, region=region))
    assert client.get(reverse("admin:governance_timelineentry_add")).status_code in (302, 403)
    assert "Ander" not in client.get(reverse("registers:timeline")).content.decode()


def test_the_timeline_offers_functional_administrators_to_add_one(client):
    region = default_region()
    add = reverse("admin:governance_timelineentry_add")
    client.force_login(_admin(region))
    assert add in client.get(reverse("registers:timeline")).content.decode()
    client.force_login(UserFactory(role=Role.GRIFFIE, region=region))
    assert add not in client.get(reverse("registers:timeline")).content.decode()
