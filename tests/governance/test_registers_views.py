"""The registers of /bestuur/: who sits where on a date, the decisions register, council views,
and the timeline, as the demo users see them with the ZHZ fixtures (seeds 000, 001, 002, 004)."""

import datetime
import io

from django.contrib.auth.models import User
from django.core.management import call_command
from django.urls import reverse

import pytest
from openpyxl import load_workbook

from demo.services import demo_accounts_ensure
from governance.constants import CouncilViewStatus, DecisionOutcome, Role
from governance.models import Body, CouncilView, Decision
from tests.governance.factories import (
    BodyFactory,
    DecisionFactory,
    MunicipalityFactory,
    PersonFactory,
    RegionFactory,
    UserFactory,
)
from tests.governance.register_factories import (
    CouncilViewFactory,
    MembershipFactory,
    OrganisationFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def zhz(db, settings):
    # The demo accounts get a password; a fast hasher keeps the test quick.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    call_command(
        "loaddata", "fixtures/zhz_governance.json", "fixtures/zhz_procurement.json", verbosity=0
    )
    demo_accounts_ensure(password="demo")


def login(client, username):
    client.force_login(User.objects.get(username=username))


def user_in(role, region=None):
    """A user with `role` whose person works in `region` (else the factories' default one)."""
    user = UserFactory(role=role)
    PersonFactory(user=user, **({"region": region} if region is not None else {}))
    return user


def text(response) -> str:
    """The page as read: dates in tables keep together with non-breaking spaces."""
    return response.content.decode().replace("\u00a0", " ")


# --- The seed facts, as the demo users see them ---------------------------------------------


@pytest.mark.parametrize("username", ["adviseur", "adviseur2", "griffie", "nmt", "beheer"])
def test_every_demo_user_sees_the_registers_and_the_nav(client, zhz, username):
    login(client, username)
    for name in ("overview", "decision_list", "council_view_list", "timeline"):
        response = client.get(reverse(f"registers:{name}"))
        assert response.status_code == 200, name
    page = text(client.get(reverse("registers:overview")))
    assert 'href="/bestuur/"' in page and 'href="/inkoop/"' in page


def test_register_shows_the_dated_decisions_with_their_references(client, zhz):
    login(client, "adviseur")
    page = text(client.get(reverse("registers:decision_list")))
    for fact in [
        "30 januari 2020",
        "Concept bestuursopdracht governance jeugdhulp",
        "5 maart 2020",
        "Afschaffen financiële solidariteit",
        "Middelen naar de voorkant",
        "Aangehouden",  # budget maxima and 'nee, tenzij' were held over
        "10 november 2020",
        "RIS 2629403",
        "RIS 2629440",
        "10 december 2020",
        "Vaststelling inkoopkader jeugdhulp 2022 e.v.",
        "Opzegging van de overeenkomst tussen de SOJ en de SJT per 31 december 2021",
        "11 februari 2021",
        "Integratie van de Serviceorganisatie Jeugd in de Dienst Gezondheid &amp; Jeugd",
        "Ontvangen: Dordrecht",  # the council views of each municipality
    ]:
        assert fact in page, fact


def test_decision_page_shows_dordrechts_council_view_and_the_boards_reply(client, zhz):
    login(client, "griffie")
    page = text(
        client.get(reverse("registers:decision_detail", args=["ab-2020-12-10-inkoopkader"]))
    )
    assert "RIS 2629403" in page
    assert "Kostenbeheersing" in page  # in the view and in the board's reply
    assert "10 november 2020" in page
    # Griffie Dordrecht edits Dordrecht's view.
    assert (
        reverse("registers:council_view_edit", args=["ab-2020-12-10-inkoopkader", "GM0505"]) in page
    )


@pytest.mark.parametrize(
    ("query", "expected", "absent"),
    [
        ({"q": "2629440"}, "governanceonderzoek AEF", "Middelen naar de voorkant"),
        ({"q": "kostenbeheersing"}, "Vaststelling inkoopkader", "Middelen naar de voorkant"),
        ({"year": "2021"}, "Integratie van de Serviceorganisatie", "Middelen naar de voorkant"),
        ({"outcome": "held_over"}, "nee, tenzij", "Middelen naar de voorkant"),
    ],
)
def test_register_filters(client, zhz, query, expected, absent):
    login(client, "nmt")
    response = client.get(reverse("registers:decision_list"), query)
    assert response.status_code == 200
    assert expected in text(response)
    assert absent not in text(response)


def test_register_filters_on_body(client, zhz):
    login(client, "nmt")
    council = Body.objects.get(slug="raad-dordrecht")
    response = client.get(reverse("registers:decision_list"), {"body": council.pk})
    assert list(response.context["table"].data) == list(
        Decision.objects.filter(body=council).order_by("-date", "title")
    )


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"year": "abc"}, "Kies een jaar uit de lijst."),
        ({"outcome": "gewonnen"}, "Kies een uitkomst uit de lijst."),
        ({"body": "999999"}, "Kies een orgaan uit de lijst."),
        ({"q": "x" * 201}, "200"),
    ],
)
def test_bad_filter_input_is_400_with_a_dutch_message(client, zhz, query, message):
    login(client, "nmt")
    response = client.get(reverse("registers:decision_list"), query)
    assert response.status_code == 400
    assert message in text(response)


def test_export_of_the_register(client, zhz):
    login(client, "adviseur")
    response = client.get(reverse("registers:decision_list"), {"_export": "csv"})
    assert response.status_code == 200
    content = response.content.decode("utf-8-sig")
    assert "RIS 2629403" in content and "<" not in content
    assert content.splitlines()[0].startswith("Datum;Orgaan;Besluit;")
    response = client.get(reverse("registers:council_view_list"), {"_export": "xlsx"})
    sheet = load_workbook(io.BytesIO(response.content)).active
    header = [cell.value for cell in sheet[1]]
    deadlines = [row[header.index("Uiterste datum")] for row in sheet.iter_rows(min_row=2)]
    assert deadlines and all(cell.is_date or cell.value is None for cell in deadlines)


def test_who_sits_where_today_and_in_2018(client, zhz):
    login(client, "adviseur")
    page = text(client.get(reverse("registers:overview")))
    assert "telt de regio 10 gemeenten" in page
    assert "Portefeuillehoudersoverleg Jeugd ZHZ" in page and "Loes Stuurman" in page
    assert "Dienst Gezondheid &amp; Jeugd Zuid-Holland Zuid" in page
    assert "Serviceorganisatie Jeugd ZHZ" in page and "Cluster Gezond en Veilig Opgroeien" in page
    # Before the mergers of 1 January 2019 the region had 17 municipalities, and the memberships
    # of the demo data (from 2022) were not there yet.
    page = text(client.get(reverse("registers:overview"), {"op": "2018-06-01"}))
    assert "telt de regio 17 gemeenten" in page and "Binnenmaas" in page
    assert "Loes Stuurman" not in page
    assert "Op deze datum zijn er geen lidmaatschappen vastgelegd." in page


def test_a_bad_date_is_400_with_a_dutch_message(client, zhz):
    login(client, "adviseur")
    response = client.get(reverse("registers:overview"), {"op": "31-02-2020"})
    assert response.status_code == 400
    assert "Vul een bestaande datum in" in text(response)


def test_memberships_follow_their_dates(client):
    body = BodyFactory(name="Portefeuillehoudersoverleg", abbreviation="PFO")
    MembershipFactory(
        body=body,
        person__name="Oud Lid",
        valid_from=datetime.date(2018, 1, 1),
        valid_until=datetime.date(2021, 12, 31),
    )
    MembershipFactory(body=body, person__name="Nieuw Lid", valid_from=datetime.date(2022, 1, 1))
    client.force_login(user_in(Role.POLICY_ADVISER, body.region))
    on_2020 = text(client.get(reverse("registers:overview"), {"op": "2020-06-01"}))
    assert "Oud Lid" in on_2020 and "Nieuw Lid" not in on_2020
    last_day = text(client.get(reverse("registers:overview"), {"op": "31-12-2021"}))
    assert "Oud Lid" in last_day and "Nieuw Lid" not in last_day
    today = text(client.get(reverse("registers:overview")))
    assert "Nieuw Lid" in today and "Oud Lid" not in today


def test_timeline_is_built_from_the_data(client, zhz):
    login(client, "adviseur")
    page = text(client.get(reverse("registers:timeline")))
    for fact in [
        # Municipality validity and mergers.
        "1 januari 2019",
        "Hoeksche Waard ontstaat uit Binnenmaas, Cromstrijen, Korendijk, Oud-Beijerland en "
        "Strijen.",
        "Molenlanden ontstaat uit Giessenlanden en Molenwaard.",
        "Leerdam en Zederik gaan de regio uit.",
        "De regio telt daarna 10 gemeenten (was 17).",
        # Decisions, with what they say.
        "De financiële solidariteit is vanaf 2023 volledig afgebouwd.",
        "Vanaf 2022 is de contractering van de SJT niet meer gemandateerd aan de SOJ",
        "Integratie van de Serviceorganisatie Jeugd in de Dienst Gezondheid &amp; Jeugd",
        "RIS 2629440",
        # Organisations ending.
        "31 december 2020",
        "Regionaal aanjaagteam jeugd opgeheven",
        # Procurement's events: contracts signed before 1 October 2021, the 2026 merge.
        "Fase 3 ‘Inkoopproces: selectie en contractering’ afgerond",
        "Segmenten 1 en 5 gaan over in segment 1+5 Hoogspecialistisch en crisis",
    ]:
        assert fact in page, fact
    assert (
        page.index("1 januari 2019")
        < page.index("30 januari 2020")
        < page.index("11 februari 2021")
    )


def test_timeline_follows_the_data_not_a_text(client):
    region = RegionFactory()
    OrganisationFactory(
        region=region,
        name="Oude Dienst",
        ended_on=datetime.date(2023, 6, 30),
        merged_into=OrganisationFactory(region=region, name="Nieuwe Dienst"),
    )
    client.force_login(user_in(Role.GRIFFIE, region))
    page = text(client.get(reverse("registers:timeline"), {"soort": "organisation"}))
    assert "30 juni 2023" in page and "Oude Dienst gaat op in Nieuwe Dienst" in page
    assert (
        text(client.get(reverse("registers:timeline"), {"soort": "decision"})).count("Oude Dienst")
        == 0
    )


def test_timeline_with_a_bad_kind_is_400(client):
    client.force_login(user_in(Role.GRIFFIE))
    response = client.get(reverse("registers:timeline"), {"soort": "alles"})
    assert response.status_code == 400
    assert "Kies een soort uit de lijst." in text(response)


def test_another_regions_decision_does_not_exist_for_a_user(client):
    own, other = RegionFactory(), RegionFactory()
    user = UserFactory(role=Role.NETWORK_MT)
    PersonFactory(user=user, municipality=MunicipalityFactory(region=own))
    decision = DecisionFactory(body=BodyFactory(region=other))
    client.force_login(user)
    assert client.get(reverse("registers:decision_detail", args=[decision.slug])).status_code == 404
    assert decision.title not in text(client.get(reverse("registers:decision_list")))


# --- Council views on a proposal ------------------------------------------------------------


@pytest.fixture
def proposal(zhz):
    return Decision.objects.create(
        body=Body.objects.get(slug="ab-dgj"),
        slug="ab-ontwerpbegroting",
        date=datetime.date(2024, 7, 4),
        title="Ontwerpbegroting 2025",
        outcome=DecisionOutcome.PROPOSED,
    )


def test_nmt_sends_a_proposal_to_the_ten_councils(client, proposal):
    login(client, "nmt")
    response = client.post(
        reverse("registers:decision_send", args=[proposal.slug]), {"sent_on": "2024-04-15"}
    )
    assert response.status_code == 302
    views = proposal.council_views.select_related("municipality")
    assert views.count() == 10  # the current municipalities, not the 17 of before 2019
    assert {view.deadline for view in views} == {datetime.date(2024, 7, 8)}
    page = text(client.get(response["Location"]))
    assert "naar 10 gemeenteraden gestuurd" in page and "8 juli 2024" in page
    # The AB meets on 4 July, before the twelve weeks are over: a warning, not a refusal.
    assert "twaalf weken" in page


@pytest.mark.parametrize("username", ["adviseur", "griffie"])
def test_others_may_not_send_to_the_councils(client, proposal, username):
    login(client, username)
    response = client.post(
        reverse("registers:decision_send", args=[proposal.slug]), {"sent_on": "2024-04-15"}
    )
    assert response.status_code == 403
    assert not proposal.council_views.exists()


@pytest.mark.parametrize(
    ("data", "message"),
    [({"sent_on": "15-13-2024"}, "Vul een bestaande datum in"), ({}, "Vul een datum in.")],
)
def test_sending_with_a_bad_date_is_422_and_changes_nothing(client, proposal, data, message):
    login(client, "nmt")
    response = client.post(reverse("registers:decision_send", args=[proposal.slug]), data)
    assert response.status_code == 422
    assert message in text(response)
    assert not proposal.council_views.exists()


def test_an_adopted_decision_does_not_go_to_the_councils(client, proposal):
    proposal.outcome = DecisionOutcome.ADOPTED
    proposal.save()
    login(client, "nmt")
    page = text(client.get(reverse("registers:decision_detail", args=[proposal.slug])))
    assert "Naar de raden sturen" not in page
    response = client.post(
        reverse("registers:decision_send", args=[proposal.slug]), {"sent_on": "2024-04-15"}
    )
    assert response.status_code == 422
    assert "Alleen een voorstel (uitkomst ‘Voorgesteld’) gaat voor zienswijzen naar de raden." in (
        text(response)
    )
    assert not proposal.council_views.exists()


def test_overdue_councils_stand_out(client, proposal):
    CouncilView.objects.create(
        municipality=proposal.body.region.municipalities.get(name="Gorinchem"),
        decision=proposal,
        status=CouncilViewStatus.AWAITED,
        deadline=datetime.date(2024, 7, 8),
    )
    CouncilView.objects.create(
        municipality=proposal.body.region.municipalities.get(name="Sliedrecht"),
        decision=proposal,
        status=CouncilViewStatus.RECEIVED,
        deadline=datetime.date(2024, 7, 8),
        date=datetime.date(2024, 6, 20),
    )
    login(client, "adviseur")
    page = text(client.get(reverse("registers:decision_detail", args=[proposal.slug])))
    assert "1 raad te laat" in page
    assert '<span class="overdue">te laat</span>' in page
    listing = client.get(reverse("registers:council_view_list"), {"overdue": "on"})
    assert [view.municipality.name for view in listing.context["table"].data] == ["Gorinchem"]
    assert "te laat" in text(listing)
    assert "Ontwerpbegroting 2025" in text(client.get(reverse("registers:overview")))


def _edit_url(decision, cbs_code):
    return reverse("registers:council_view_edit", args=[decision.slug, cbs_code])


@pytest.fixture
def awaited(proposal):
    return CouncilView.objects.create(
        municipality=proposal.body.region.municipalities.get(cbs_code="GM0505"),
        decision=proposal,
        status=CouncilViewStatus.AWAITED,
        deadline=datetime.date(2024, 7, 8),
    )


def _form(view, **overrides):
    data = {
        "status": "received",
        "date": "2024-06-20",
        "reference": "RIS 2700001",
        "summary": "De raad vraagt om een sluitende meerjarenraming.",
        "reply": "Het bestuur neemt dit mee.",
        "edit_version": view.edit_version,
    }
    data.update(overrides)
    return data


def test_griffie_records_its_own_councils_view(client, awaited):
    login(client, "griffie")  # griffie of Dordrecht
    assert client.get(_edit_url(awaited.decision, "GM0505")).status_code == 200
    response = client.post(_edit_url(awaited.decision, "GM0505"), _form(awaited))
    assert response.status_code == 302
    awaited.refresh_from_db()
    assert (awaited.status, awaited.reference) == ("received", "RIS 2700001")
    assert awaited.history.first().history_user.username == "griffie"


def test_griffie_may_not_edit_another_councils_view(client, awaited):
    other = CouncilView.objects.create(
        municipality=awaited.decision.body.region.municipalities.get(cbs_code="GM0512"),
        decision=awaited.decision,
        status=CouncilViewStatus.AWAITED,
    )
    login(client, "griffie")
    assert client.get(_edit_url(other.decision, "GM0512")).status_code == 403
    assert client.post(_edit_url(other.decision, "GM0512"), _form(other)).status_code == 403
    other.refresh_from_db()
    assert other.status == CouncilViewStatus.AWAITED


@pytest.mark.parametrize("username", ["adviseur", "adviseur2"])
def test_advisers_may_not_edit_council_views(client, awaited, username):
    login(client, username)
    assert client.post(_edit_url(awaited.decision, "GM0505"), _form(awaited)).status_code == 403


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"date": ""}, "Vul de datum in waarop de zienswijze is ontvangen."),
        ({"date": "30-02-2024"}, "Vul een bestaande datum in"),
        ({"status": "misschien"}, "Kies een geldige status."),
        ({"reference": "x" * 101}, "Een kenmerk is hoogstens 100 tekens."),
        ({"edit_version": ""}, "laad de pagina opnieuw"),
        ({"date": "2999-01-01"}, "De datum van ontvangst ligt in de toekomst."),
        ({"date": "0001-01-01"}, "De datum van ontvangst ligt vóór 1 januari 2000"),
    ],
)
def test_bad_input_is_422_with_a_dutch_message_and_changes_nothing(
    client, awaited, overrides, message
):
    login(client, "nmt")
    response = client.post(_edit_url(awaited.decision, "GM0505"), _form(awaited, **overrides))
    assert response.status_code == 422
    assert message in text(response)
    awaited.refresh_from_db()
    assert (awaited.status, awaited.reference, awaited.summary) == ("awaited", "", "")


def test_a_stale_save_is_409_showing_the_newer_view(client, awaited):
    loaded = _form(awaited)
    login(client, "beheer")
    client.post(_edit_url(awaited.decision, "GM0505"), {**loaded, "summary": "Door beheer"})
    login(client, "nmt")
    response = client.post(_edit_url(awaited.decision, "GM0505"), {**loaded, "summary": "Door nmt"})
    assert response.status_code == 409
    assert "iemand anders heeft deze zienswijze intussen gewijzigd" in text(response)
    assert "Door beheer" in text(response)
    awaited.refresh_from_db()
    assert awaited.summary == "Door beheer"


def test_unknown_council_view_is_404(client, awaited):
    login(client, "nmt")
    assert client.get(_edit_url(awaited.decision, "GM9999")).status_code == 404


def test_script_in_a_view_is_escaped(client, awaited):
    login(client, "nmt")
    client.post(
        _edit_url(awaited.decision, "GM0505"), _form(awaited, summary="<script>alert(1)</script>")
    )
    page = text(client.get(reverse("registers:decision_detail", args=[awaited.decision.slug])))
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_received_view_factory_trait():
    view = CouncilViewFactory(received=True)
    assert view.status == CouncilViewStatus.RECEIVED and view.date
