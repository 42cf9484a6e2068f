"""/inkoop/: the framework, segments and their lineage, phases, providers and their contracts,
norms — as the demo users see them with the ZHZ fixtures (seeds 000, 002, 004)."""

from django.urls import reverse

import pytest

from governance.constants import Role
from tests.governance.factories import (
    MunicipalityFactory,
    PersonFactory,
    RegionFactory,
    UserFactory,
)
from tests.procurement.factories import (
    ContractFactory,
    FrameworkFactory,
    NormFactory,
    ProductCategoryFactory,
    ProviderFactory,
    SegmentFactory,
)

pytestmark = pytest.mark.django_db


def text(response) -> str:
    return response.content.decode()


def member(role):
    """A user with `role` and a person in the factories' default region, where the rows are."""
    user = UserFactory(role=role)
    PersonFactory(user=user)
    return user


@pytest.mark.parametrize("username", ["adviseur", "adviseur2", "griffie", "nmt", "beheer"])
def test_every_demo_user_reads_procurement(zhz, login, username):
    client = login(username)
    for name in ("overview", "segment_list", "provider_list", "norm_list"):
        assert client.get(reverse(f"procurement:{name}")).status_code == 200, name


def test_overview_shows_the_framework_principles_core_values_phases_and_procedures(zhz, login):
    page = text(login("adviseur").get(reverse("procurement:overview")))
    for fact in [
        "Inkoopkader jeugdhulp 2022 e.v.",
        "10 december 2020",  # adopted by the AB
        "Kostenbeheersing",
        "uit de zienswijzen",  # principles added through the councils' views
        "Lokaal waar het kan, regionaal waar nodig.",
        "Ieder kind volgt onderwijs.",  # one of the six core values
        "Fase 3: Inkoopproces: selectie en contractering",
        "afgerond op 30 september 2021",  # contracts signed before 1 October 2021
        "Fase 4: Overgangsproces",
        "Innovatiedialoog",
        "Vereenvoudigde SAS-procedure",
        "Afgewezen",  # European tender and Open House
    ]:
        assert fact in page, fact
    assert page.count("uit de zienswijzen") == 5


def test_the_2026_contract_period_can_be_chosen(zhz, login):
    client = login("adviseur")
    page = text(client.get(reverse("procurement:overview"), {"kader": "contractperiode-2026"}))
    assert "Inkoopkader jeugdhulp – contractperiode 2026 e.v." in page
    assert "segmenten 1 (hoogspecialistisch) en 5 (crisis) worden samengevoegd" in page
    assert client.get(reverse("procurement:overview"), {"kader": "bestaat-niet"}).status_code == 404


def test_segments_1_to_7_with_4a_and_4b_and_the_2026_merge(zhz, login):
    page = text(login("griffie").get(reverse("procurement:segment_list")))
    for code, name in [
        ("1", "Hoog specialistisch"),
        ("2", "Wonen"),
        ("3", "Dagbesteding, dagbehandeling en BSO+"),
        ("4a", "Specialistisch/veelvoorkomend algemeen"),
        ("4b", "Specialistisch/veelvoorkomend individueel"),
        ("5", "Crisis"),
        ("6", "Gecertificeerde Instellingen (GI)"),
        ("7", "Jeugdhulp op School"),
    ]:
        assert f"Segment {code} – {name}" in page, code
    assert "Segment 1+5 – Hoogspecialistisch en crisis" in page
    assert page.count("Gaat over in") == 2  # segments 1 and 5
    assert "vanaf 1 januari 2026" in page
    assert "Komt voort uit" in page
    assert "Geen p*q" in page  # segment 4a: no price × quantity billing


def test_segment_page_shows_contracts_and_norms(zhz, login):
    page = text(
        login("nmt").get(
            reverse("procurement:segment_detail", args=["contractperiode-2026", "1+5"])
        )
    )
    assert "Komt voort uit" in page and "Hoog specialistisch" in page and "Crisis" in page
    page = text(
        login("nmt").get(reverse("procurement:segment_detail", args=["inkoopkader-2022", "1"]))
    )
    assert "Stichting Demo Jeugd en Gezin" in page and "DEMO-2022-001" in page
    assert "Gaat over in" in page
    missing = login("nmt").get(
        reverse("procurement:segment_detail", args=["inkoopkader-2022", "9"])
    )
    assert missing.status_code == 404


def test_providers_with_their_contracts_per_segment_and_period(zhz, login):
    client = login("adviseur")
    page = text(client.get(reverse("procurement:provider_list")))
    assert "Demo Jeugdhulp Noord B.V." in page and "demo" in page
    assert "1 januari 2022 – 31 december 2025" in page
    detail = text(
        client.get(reverse("procurement:provider_detail", args=["demo-crisisopvang-zuid"]))
    )
    assert "1 Hoog specialistisch" in detail and "5 Crisis" in detail
    assert "DEMO-2022-007" in detail
    # An adviser is not offered the risk page.
    assert reverse("procurement:risk_provider", args=["demo-crisisopvang-zuid"]) not in detail


def test_provider_filters(db, client):
    segment = SegmentFactory(code="4a", name="Specialistisch algemeen")
    ContractFactory(provider=ProviderFactory(name="Met Contract"), segment=segment)
    ProviderFactory(name="Zonder Contract")
    client.force_login(member(Role.POLICY_ADVISER))
    table = client.get(reverse("procurement:provider_list"), {"segment": segment.pk}).context[
        "table"
    ]
    assert [provider.name for provider in table.data] == ["Met Contract"]
    table = client.get(reverse("procurement:provider_list"), {"q": "zonder"}).context["table"]
    assert [provider.name for provider in table.data] == ["Zonder Contract"]


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"segment": "abc"}, "Kies een segment uit de lijst."),
        ({"legal_form": "nv"}, "Kies een rechtsvorm uit de lijst."),
    ],
)
def test_bad_provider_filters_are_400(db, client, query, message):
    client.force_login(member(Role.POLICY_ADVISER))
    response = client.get(reverse("procurement:provider_list"), query)
    assert response.status_code == 400
    assert message in text(response)


def test_norms_per_segment_or_product_category(db, client):
    segment = SegmentFactory(code="4b", name="Individueel")
    NormFactory(segment=segment, description="Behandeling hoogstens 12 maanden")
    NormFactory(
        segment=None,
        product_category=ProductCategoryFactory(code="45", name="Jeugdhulp ambulant"),
        description="Ambulant hoogstens 8 uur per maand",
        max_hours_per_month="8.0",
    )
    client.force_login(member(Role.GRIFFIE))
    page = text(client.get(reverse("procurement:norm_list")))
    assert "Behandeling hoogstens 12 maanden" in page and "Ambulant hoogstens 8 uur" in page
    assert "8,0" in page
    by_category = client.get(reverse("procurement:norm_list"), {"product_category": "45"})
    assert [norm.description for norm in by_category.context["table"].data] == [
        "Ambulant hoogstens 8 uur per maand"
    ]
    assert client.get(reverse("procurement:norm_list"), {"segment": "x"}).status_code == 400


def test_another_regions_contracts_are_not_shown(db, client):
    user = UserFactory(role=Role.POLICY_ADVISER)
    PersonFactory(user=user, municipality=MunicipalityFactory())
    provider = ProviderFactory(name="Landelijke Aanbieder")
    ContractFactory(provider=provider, reference="HIER-1", segment__framework=FrameworkFactory())
    ContractFactory(
        provider=provider,
        reference="ELDERS-1",
        segment__framework=FrameworkFactory(region=RegionFactory()),
    )
    client.force_login(user)
    page = text(client.get(reverse("procurement:provider_detail", args=[provider.slug])))
    assert "Landelijke Aanbieder" in page and "HIER-1" in page and "ELDERS-1" not in page
