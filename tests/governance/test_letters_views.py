"""The letter pages as people use them: list and filters, compose and edit, bad input, blocks,
the workflow buttons, downloads, a regional letter, and the public publication."""

import io
import zipfile
from unittest import mock

from django.core.cache import cache
from django.urls import reverse

import pytest

from core.models import BackgroundJob
from core.pdf import PdfRenderError
from governance.constants import Role
from governance.letters import services
from governance.letters.constants import LetterStatus
from governance.letters.richtext import html_to_markup
from governance.models import Letter, LetterBlock, LetterPdf
from tests.governance.factories import DecisionFactory, MunicipalityFactory, RegionFactory
from tests.governance.letter_factories import (
    LetterFactory,
    LetterTemplateFactory,
    regional_letter,
    register_fake_block,
    section_of,
    user_with_role,
)
from tests.tasks import run_queued_tasks

pytestmark = pytest.mark.django_db

# What the confirmation page posts with "Definitief verzenden".
CONFIRMED = {"bevestigd": "ja"}


@pytest.fixture
def region():
    return RegionFactory(slug="zhz", name="Zuid-Holland Zuid")


@pytest.fixture
def dordrecht(region):
    return MunicipalityFactory(region=region, name="Dordrecht", cbs_code="GM0505")


@pytest.fixture
def gorinchem(region):
    return MunicipalityFactory(region=region, name="Gorinchem", cbs_code="GM0512")


@pytest.fixture
def griffie(dordrecht):
    return user_with_role(Role.GRIFFIE, municipality=dordrecht)


@pytest.fixture
def fake_block(monkeypatch):
    register_fake_block(monkeypatch)


def _edit_data(letter, **overrides):
    """What the editor posts for a letter as it is, changed by `overrides`."""
    data = {
        "edit_version": letter.edit_version,
        "date": letter.date.isoformat(),
        "case_number": letter.case_number,
        "subject": letter.subject,
        "meeting": "",
        "portfolio_holder": "",
        "budget_programme": "",
        "pillar": "",
        "core_team": "",
        "author": letter.author,
        "email": letter.email,
        "responsible": "",
        "is_public": "ja",
        "signature": "",
    }
    for section in letter.sections.all():
        # The plain field (no JavaScript) shows the stored HTML in the simple markup.
        data[f"sectie-{section.pk}-text"] = html_to_markup(section.text)
    data.update(overrides)
    return data


def _issue(letter, user):
    services.letter_approve(letter=letter, user=user)
    return services.letter_issue(letter=letter, user=user)


# --- The list -------------------------------------------------------------------------------


def test_every_role_finds_letters_in_the_navigation(client, dordrecht):
    for role in Role:
        user = user_with_role(role, municipality=dordrecht)
        client.force_login(user)
        response = client.get(reverse("letters:letter_list"))
        assert response.status_code == 200, role
        assert '<a href="/brieven/" aria-current="page">Brieven</a>' in response.content.decode()


def test_griffie_sees_the_own_letters_and_public_issued_ones_only(
    client, griffie, dordrecht, gorinchem
):
    LetterFactory(municipality=dordrecht, subject="Eigen concept")
    LetterFactory(municipality=gorinchem, subject="Concept Gorinchem")
    LetterFactory(municipality=gorinchem, subject="Verzonden Gorinchem", issued=True)
    LetterFactory(
        municipality=gorinchem,
        subject="Besloten Gorinchem",
        issued=True,
        is_public=False,
        woo_ground="privacy",
    )
    client.force_login(griffie)
    content = client.get(reverse("letters:letter_list")).content.decode()
    assert "Eigen concept" in content and "Verzonden Gorinchem" in content
    assert "Concept Gorinchem" not in content and "Besloten Gorinchem" not in content
    assert "Nieuwe brief" in content


def test_the_cached_list_is_each_griffies_own(client, griffie, dordrecht, gorinchem):
    """The table is kept rendered per set of visible letters: the griffie of Gorinchem, at the
    same address right after the one of Dordrecht, sees Gorinchem's concept and not Dordrecht's;
    a renamed letter shows on the next load."""
    own = LetterFactory(municipality=dordrecht, subject="Eigen concept")
    LetterFactory(municipality=gorinchem, subject="Concept Gorinchem")
    url = reverse("letters:letter_list")
    client.force_login(griffie)
    assert "Eigen concept" in client.get(url).content.decode()
    client.force_login(user_with_role(Role.GRIFFIE, municipality=gorinchem))
    content = client.get(url).content.decode()
    assert "Concept Gorinchem" in content and "Eigen concept" not in content
    client.force_login(griffie)
    own.subject = "Eigen concept, herzien"
    own.save()
    content = client.get(url).content.decode()
    assert "Eigen concept, herzien" in content and "Concept Gorinchem" not in content


def test_the_cached_list_of_one_region_never_reaches_another(client, griffie, dordrecht):
    LetterFactory(municipality=dordrecht, subject="Eigen concept", issued=True)
    url = reverse("letters:letter_list")
    client.force_login(griffie)
    assert "Eigen concept" in client.get(url).content.decode()
    elsewhere = MunicipalityFactory(region=RegionFactory(), name="Elders")
    LetterFactory(municipality=elsewhere, subject="Brief van elders", issued=True)
    client.force_login(user_with_role(Role.GRIFFIE, municipality=elsewhere))
    content = client.get(url).content.decode()
    assert "Brief van elders" in content and "Eigen concept" not in content


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"status": "issued"}, {"Verzonden 2021"}),
        ({"year": "2024"}, {"Concept 2024"}),
        ({"subject": "verzonden"}, {"Verzonden 2021"}),
        ({"municipality": "gorinchem"}, {"Regionaal"}),
    ],
)
def test_the_list_filters(client, region, dordrecht, gorinchem, query, expected):
    admin = user_with_role(Role.FUNCTIONAL_ADMIN, region=region)
    LetterFactory(municipality=dordrecht, subject="Verzonden 2021", issued=True)
    LetterFactory(municipality=dordrecht, subject="Concept 2024", date="2024-11-01")
    regional_letter(municipalities=[gorinchem], subject="Regionaal", date="2022-01-01")
    if query.get("municipality") == "gorinchem":
        query = {"municipality": gorinchem.pk}
    client.force_login(admin)
    response = client.get(reverse("letters:letter_list"), query)
    shown = {letter.subject for letter in response.context["table"].data}
    assert shown == expected


def test_a_bad_year_is_a_dutch_filter_error(client, griffie):
    client.force_login(griffie)
    response = client.get(reverse("letters:letter_list"), {"year": "twintig"})
    assert "Vul een jaartal in" in response.content.decode()


def test_the_list_does_not_query_per_row(
    client, griffie, dordrecht, gorinchem, django_assert_num_queries, django_assert_max_num_queries
):
    """Session, user, roles, person, municipality, region (2 for the filter and the scope), count,
    the table's fingerprint, page of letters (with addressee counts), filter choices."""
    client.force_login(griffie)
    LetterFactory.create_batch(2, municipality=dordrecht)
    regional_letter(municipalities=[dordrecht, gorinchem])
    url = reverse("letters:letter_list")
    client.get(url)  # warm caches
    cache.clear()  # the table built, not read from the cache
    with django_assert_max_num_queries(12) as small:
        client.get(url)
    LetterFactory.create_batch(20, municipality=dordrecht)
    regional_letter(municipalities=[dordrecht, gorinchem])
    cache.clear()
    with django_assert_num_queries(len(small.captured_queries)):
        client.get(url)


@pytest.mark.parametrize("page", ["abc", "-1", "999"])
def test_a_page_number_that_is_not_there_shows_a_page_of_the_list(client, griffie, dordrecht, page):
    """As on the other lists: the nearest page, never a 404 for a typed address."""
    LetterFactory(municipality=dordrecht, subject="Stand van de jeugdhulp")
    client.force_login(griffie)
    response = client.get(reverse("letters:letter_list"), {"page": page})
    assert response.status_code == 200
    assert "Stand van de jeugdhulp" in response.content.decode()


# --- Another municipality's draft does not exist for a griffie ------------------------------


@pytest.mark.parametrize(
    ("name", "method"),
    [
        ("letters:letter_detail", "get"),
        ("letters:letter_edit", "get"),
        ("letters:letter_edit", "post"),
        ("letters:letter_preview", "get"),
        ("letters:block_add", "get"),
        ("letters:letter_zip", "get"),
    ],
)
def test_another_municipality_s_draft_is_404_to_a_griffie(client, griffie, gorinchem, name, method):
    letter = LetterFactory(municipality=gorinchem, subject="Niet van jou")
    client.force_login(griffie)
    response = getattr(client, method)(reverse(name, args=[letter.pk]))
    assert response.status_code == 404
    letter.refresh_from_db()
    assert letter.subject == "Niet van jou"


@pytest.mark.parametrize("action", ["gereed-melden", "verzenden", "verwijderen", "corrigeren"])
def test_actions_on_another_municipality_s_draft_are_404(client, griffie, gorinchem, action):
    letter = LetterFactory(municipality=gorinchem)
    client.force_login(griffie)
    response = client.post(reverse("letters:letter_action", args=[letter.pk, action]))
    assert response.status_code == 404
    assert Letter.objects.get().status == LetterStatus.DRAFT


def test_netwerk_mt_reads_an_issued_public_letter_but_no_concept(client, dordrecht):
    nmt = user_with_role(Role.NETWORK_MT, municipality=dordrecht)
    issued = LetterFactory(municipality=dordrecht, issued=True, subject="Openbaar")
    draft = LetterFactory(municipality=dordrecht)
    client.force_login(nmt)
    assert client.get(issued.get_absolute_url()).status_code == 200
    assert client.get(draft.get_absolute_url()).status_code == 404
    assert client.get(reverse("letters:letter_create")).status_code == 403


# --- Composing and bad input ----------------------------------------------------------------


def test_griffie_composes_a_letter(client, griffie, dordrecht):
    template = LetterTemplateFactory()
    client.force_login(griffie)
    form = client.get(reverse("letters:letter_create"))
    assert form.status_code == 200
    response = client.post(
        reverse("letters:letter_create"),
        {
            "kind": "municipal",
            "municipality": dordrecht.pk,
            "template": template.pk,
            "date": "2024-11-01",
            "subject": "De vier knoppen",
            "case_number": "",
            "is_public": "ja",
        },
    )
    letter = Letter.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("letters:letter_edit", args=[letter.pk])
    assert (letter.subject, letter.municipality, letter.status) == (
        "De vier knoppen",
        dordrecht,
        LetterStatus.DRAFT,
    )
    assert letter.author == griffie.person.name
    assert letter.sections.count() == 5


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"subject": ""}, "Vul in wat de brief betreft (het onderwerp)."),
        ({"date": "31-02-2021"}, "Vul een bestaande datum in, bijvoorbeeld 20-04-2021."),
        ({"date": "2021-02-31"}, "Vul een bestaande datum in, bijvoorbeeld 20-04-2021."),
        ({"municipality": ""}, "Kies de gemeente waaraan de brief gaat."),
        (
            {"kind": "regional", "municipality": ""},
            "Kies minstens één gemeente voor de regionale brief.",
        ),
    ],
)
def test_a_bad_new_letter_gets_a_dutch_error_and_creates_nothing(
    client, griffie, dordrecht, overrides, message
):
    template = LetterTemplateFactory()
    client.force_login(griffie)
    data = {
        "kind": "municipal",
        "municipality": dordrecht.pk,
        "template": template.pk,
        "date": "2024-11-01",
        "subject": "Onderwerp",
        **overrides,
    }
    response = client.post(reverse("letters:letter_create"), data)
    assert response.status_code == 422
    assert message in response.content.decode()
    assert not Letter.objects.exists()


def test_the_editor_saves_and_the_page_shows_the_text_escaped(client, griffie, dordrecht):
    letter = LetterFactory(municipality=dordrecht)
    decision = DecisionFactory(
        body__region=dordrecht.region, title="Inkoopkader", reference="RIS 2629403"
    )
    first = section_of(letter, 1)
    client.force_login(griffie)
    assert client.get(reverse("letters:letter_edit", args=[letter.pk])).status_code == 200
    data = _edit_data(
        letter,
        pillar="Sociale Leefomgeving",
        related_decisions=[decision.pk],
        **{f"sectie-{first.pk}-text": "<b>Vet</b> & <script>x()</script>\n- punt één"},
    )
    response = client.post(reverse("letters:letter_edit", args=[letter.pk]), data)
    assert response.status_code == 302
    letter.refresh_from_db()
    assert letter.pillar == "Sociale Leefomgeving" and letter.edit_version == 2
    page = client.get(letter.get_absolute_url()).content.decode()
    assert "&lt;b&gt;Vet&lt;/b&gt; &amp; &lt;script&gt;x()&lt;/script&gt;" in page
    assert "<script>x()" not in page
    assert "<li>punt één</li>" in page
    assert "Inkoopkader – RIS 2629403" in page


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"subject": ""}, "Vul in wat de brief betreft (het onderwerp)."),
        ({"email": "geen-adres"}, "Vul een geldig e-mailadres in"),
        ({"date": "31-02-2021"}, "Vul een bestaande datum in, bijvoorbeeld 20-04-2021."),
        ({"edit_version": ""}, "Het formulier is onvolledig of verouderd"),
        ({"related_decisions": ["999999"]}, "Kies besluiten uit het besluitenregister."),
    ],
)
def test_bad_input_in_the_editor_gets_a_dutch_error_and_changes_nothing(
    client, griffie, dordrecht, overrides, message
):
    letter = LetterFactory(municipality=dordrecht, subject="Origineel")
    client.force_login(griffie)
    data = _edit_data(letter, pillar="Gewijzigd", **overrides)
    response = client.post(reverse("letters:letter_edit", args=[letter.pk]), data)
    assert response.status_code == 422
    assert message in response.content.decode()
    letter.refresh_from_db()
    assert (letter.subject, letter.pillar, letter.edit_version) == ("Origineel", "", 1)


def test_a_stale_edit_is_refused_showing_the_newer_value(client, griffie, dordrecht):
    letter = LetterFactory(municipality=dordrecht, subject="Origineel")
    services.letter_update(
        letter=letter,
        user=griffie,
        edit_version=1,
        header={"subject": "Door een ander"},
        section_texts={},
    )
    client.force_login(griffie)
    data = _edit_data(letter, subject="Mijn versie", edit_version=1)
    response = client.post(reverse("letters:letter_edit", args=[letter.pk]), data)
    assert response.status_code == 409
    content = response.content.decode()
    assert "iemand anders heeft deze brief intussen gewijzigd" in content
    assert "Door een ander" in content and 'value="Mijn versie"' in content
    letter.refresh_from_db()
    assert letter.subject == "Door een ander"


def test_an_issued_letter_cannot_be_edited(client, griffie, dordrecht):
    letter = LetterFactory(municipality=dordrecht, issued=True, subject="Verzonden")
    client.force_login(griffie)
    response = client.post(
        reverse("letters:letter_edit", args=[letter.pk]), _edit_data(letter, subject="Anders")
    )
    assert response.status_code == 302
    letter.refresh_from_db()
    assert letter.subject == "Verzonden"


# --- Blocks in the editor -------------------------------------------------------------------


def test_adding_a_block_saves_the_text_first_then_asks_its_parameters(
    client, griffie, dordrecht, fake_block
):
    letter = LetterFactory(municipality=dordrecht)
    section = section_of(letter, 2)
    client.force_login(griffie)
    data = _edit_data(
        letter,
        blok_actie=f"toevoegen:{section.pk}",
        **{f"sectie-{section.pk}-text": "Getypt vóór het blok", f"nieuw-blok-{section.pk}": "fake"},
    )
    response = client.post(reverse("letters:letter_edit", args=[letter.pk]), data)
    assert response.status_code == 302
    assert section_of(letter, 2).text == "<p>Getypt vóór het blok</p>"
    page = client.get(response["Location"])
    assert page.status_code == 200
    assert "Aandeel" in page.content.decode()
    url = reverse("letters:block_add", args=[letter.pk])
    bad = client.post(
        url, {"section": section.pk, "block_type": "fake", "edit_version": 2, "params-share": "500"}
    )
    assert bad.status_code == 422
    assert "Een aandeel is hoogstens 100." in bad.content.decode()
    assert not LetterBlock.objects.exists()
    good = client.post(
        url, {"section": section.pk, "block_type": "fake", "edit_version": 2, "params-share": "3"}
    )
    assert good.status_code == 302
    block = LetterBlock.objects.get()
    assert (block.section, block.block_type, block.params) == (section, "fake", {"share": "3"})


def test_an_unknown_block_type_is_refused(client, griffie, dordrecht):
    letter = LetterFactory(municipality=dordrecht)
    client.force_login(griffie)
    url = reverse("letters:block_add", args=[letter.pk])
    response = client.get(url, {"section": section_of(letter, 1).pk, "block_type": "bestaat-niet"})
    assert response.status_code == 422
    assert "Kies een bestaand soort blok." in response.content.decode()
    response = client.post(
        url, {"section": section_of(letter, 1).pk, "block_type": "bestaat-niet", "edit_version": 1}
    )
    assert response.status_code == 422
    assert not LetterBlock.objects.exists()


def test_blocks_are_moved_and_removed_from_the_editor(client, griffie, dordrecht, fake_block):
    letter = LetterFactory(municipality=dordrecht)
    section = section_of(letter, 2)
    first = services.letter_block_add(
        letter=letter,
        user=griffie,
        section=section,
        block_type="fake",
        params={"share": "1"},
        edit_version=1,
    )
    second = services.letter_block_add(
        letter=letter,
        user=griffie,
        section=section,
        block_type="fake",
        params={"share": "2"},
        edit_version=2,
    )
    letter.refresh_from_db()
    client.force_login(griffie)
    url = reverse("letters:letter_edit", args=[letter.pk])
    client.post(url, _edit_data(letter, blok_actie=f"omhoog:{second.pk}"))
    assert list(section.blocks.order_by("order").values_list("pk", flat=True)) == [
        second.pk,
        first.pk,
    ]
    letter.refresh_from_db()
    client.post(url, _edit_data(letter, blok_actie=f"verwijderen:{first.pk}"))
    assert list(section.blocks.values_list("pk", flat=True)) == [second.pk]


# --- Workflow buttons -----------------------------------------------------------------------


def test_griffie_approves_issues_and_downloads(client, griffie, dordrecht):
    letter = LetterFactory(municipality=dordrecht)
    client.force_login(griffie)
    client.post(reverse("letters:letter_action", args=[letter.pk, "gereed-melden"]))
    response = client.post(
        reverse("letters:letter_action", args=[letter.pk, "verzenden"]), CONFIRMED, follow=True
    )
    content = response.content.decode()
    assert "De brief is verzonden: 1 PDF(&#x27;s) gemaakt en opgeslagen." in content
    assert "1 van 1 PDF gemaakt en opgeslagen" in content
    document = LetterPdf.objects.get()
    assert document.sha256 in content
    pdf = client.get(reverse("letters:letter_pdf", args=[letter.pk, "GM0505"]))
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    again = client.post(
        reverse("letters:letter_action", args=[letter.pk, "verzenden"]), CONFIRMED, follow=True
    )
    assert "al verzonden" in again.content.decode()
    assert LetterPdf.objects.count() == 1


def test_an_adviser_cannot_issue(client, dordrecht):
    adviser = user_with_role(Role.POLICY_ADVISER, municipality=dordrecht)
    letter = LetterFactory(municipality=dordrecht, approved=True)
    client.force_login(adviser)
    response = client.post(
        reverse("letters:letter_action", args=[letter.pk, "verzenden"]), CONFIRMED
    )
    assert response.status_code == 403
    assert not LetterPdf.objects.exists()


def test_a_rendering_failure_shows_a_dutch_message_and_leaves_the_letter(
    client, griffie, dordrecht
):
    letter = LetterFactory(municipality=dordrecht, approved=True)
    client.force_login(griffie)
    with mock.patch("core.pdf.html_to_pdf", side_effect=PdfRenderError("stuk")):
        response = client.post(
            reverse("letters:letter_action", args=[letter.pk, "verzenden"]), CONFIRMED, follow=True
        )
    assert (
        "De brief is niet verzonden: het maken van de PDF voor Dordrecht is mislukt."
        in response.content.decode()
    )
    letter.refresh_from_db()
    assert letter.status == LetterStatus.APPROVED
    assert not LetterPdf.objects.exists()


def test_a_correction_is_shown_on_both_letters(client, griffie, dordrecht):
    letter = LetterFactory(municipality=dordrecht, subject="Met fout")
    _issue(letter, griffie)
    client.force_login(griffie)
    response = client.post(reverse("letters:letter_action", args=[letter.pk, "corrigeren"]))
    correction = Letter.objects.get(replaces=letter)
    assert response["Location"] == reverse("letters:letter_edit", args=[correction.pk])
    assert "vervangt versie 1" in client.get(correction.get_absolute_url()).content.decode()
    assert (
        "Deze brief is gecorrigeerd: versie 2"
        in client.get(letter.get_absolute_url()).content.decode()
    )


def test_a_deleted_concept_goes_to_the_bin_and_comes_back(client, griffie, dordrecht):
    letter = LetterFactory(municipality=dordrecht, subject="Weggegooid")
    client.force_login(griffie)
    response = client.post(
        reverse("letters:letter_action", args=[letter.pk, "verwijderen"]), follow=True
    )
    assert "30 dagen in de prullenbak" in response.content.decode()
    letter.refresh_from_db()
    assert letter.is_deleted and letter.deleted_by == griffie
    assert client.get(letter.get_absolute_url()).status_code == 404
    assert "Weggegooid" not in client.get(reverse("letters:letter_list")).content.decode()
    bin_page = client.get(reverse("letters:letter_bin")).content.decode()
    assert "Weggegooid" in bin_page and "Terugzetten" in bin_page

    response = client.post(reverse("letters:letter_restore", args=[letter.pk]), follow=True)
    assert "is teruggezet uit de prullenbak" in response.content.decode()
    letter.refresh_from_db()
    assert not letter.is_deleted
    assert letter.history.first().history_change_reason == "Teruggezet uit de prullenbak"


def test_a_concept_deleted_over_30_days_ago_is_not_restored_and_is_purged(
    client, griffie, dordrecht
):
    import datetime

    from django.core.management import call_command
    from django.utils import timezone

    old = LetterFactory(
        municipality=dordrecht,
        subject="Oud",
        deleted_at=timezone.now() - datetime.timedelta(days=31),
    )
    recent = LetterFactory(
        municipality=dordrecht,
        subject="Recent",
        deleted_at=timezone.now() - datetime.timedelta(days=29),
    )
    client.force_login(griffie)
    response = client.post(reverse("letters:letter_restore", args=[old.pk]), follow=True)
    assert "langer dan 30 dagen geleden verwijderd" in response.content.decode()
    assert Letter.objects.get(pk=old.pk).is_deleted
    out = io.StringIO()
    call_command("purge_deleted_letters", stdout=out)
    assert "verwijderd uit de prullenbak (ouder dan 30 dagen): 1" in out.getvalue()
    assert list(Letter.objects.values_list("subject", flat=True)) == ["Recent"]
    assert recent.sections.exists()


def test_an_adviser_cannot_rewrite_or_delete_another_municipality_s_draft(client, dordrecht):
    """The griffie's concept, seen by an adviser of another municipality in the region."""
    griffie = user_with_role(Role.GRIFFIE, municipality=dordrecht)
    adviser = user_with_role(
        Role.POLICY_ADVISER, municipality=MunicipalityFactory(region=dordrecht.region)
    )
    letter = LetterFactory(municipality=dordrecht, created_by=griffie, subject="Van de griffie")
    client.force_login(adviser)
    page = client.get(letter.get_absolute_url()).content.decode()
    assert "Bewerken" not in page and "Concept verwijderen" not in page
    assert client.get(reverse("letters:letter_edit", args=[letter.pk])).status_code == 403
    edit = client.post(
        reverse("letters:letter_edit", args=[letter.pk]),
        _edit_data(letter, subject="Herschreven", is_public="nee", woo_ground="privacy"),
    )
    assert edit.status_code == 403
    delete = client.post(reverse("letters:letter_action", args=[letter.pk, "verwijderen"]))
    assert delete.status_code == 403
    letter.refresh_from_db()
    assert (letter.subject, letter.is_public, letter.is_deleted) == ("Van de griffie", True, False)


def test_approving_your_own_letter_is_refused_with_a_dutch_message(client, griffie, dordrecht):
    letter = LetterFactory(municipality=dordrecht, created_by=griffie)
    client.force_login(griffie)
    page = client.get(letter.get_absolute_url()).content.decode()
    assert "Een ander (vier ogen) leest hem en meldt hem gereed." in page
    response = client.post(
        reverse("letters:letter_action", args=[letter.pk, "gereed-melden"]), follow=True
    )
    assert "U hebt deze brief zelf opgesteld en kunt hem daarom niet gereed melden" in (
        response.content.decode()
    )
    letter.refresh_from_db()
    assert letter.status == LetterStatus.DRAFT and letter.approved_by is None
    colleague = user_with_role(Role.GRIFFIE, municipality=dordrecht)
    client.force_login(colleague)
    client.post(reverse("letters:letter_action", args=[letter.pk, "gereed-melden"]))
    letter.refresh_from_db()
    assert letter.status == LetterStatus.APPROVED
    assert letter.approved_by == colleague and letter.approved_at is not None


def test_issuing_with_a_required_section_empty_is_refused_naming_it(client, griffie, dordrecht):
    template = LetterTemplateFactory(questions__required=True, required_fields=["pillar"])
    letter = LetterFactory(municipality=dordrecht, template=template, status="approved")
    for section in letter.sections.exclude(question__order=2):
        section.text = "Tekst."
        section.save()
    client.force_login(griffie)
    response = client.post(
        reverse("letters:letter_action", args=[letter.pk, "verzenden"]), CONFIRMED, follow=True
    )
    content = response.content.decode()
    assert "De brief is niet verzonden. Nog niet ingevuld: Pijler, het onderdeel" in content
    assert "Wat is de te delen informatie?" in content
    assert response.redirect_chain[-1][0] == reverse(
        "letters:letter_issue_confirm", args=[letter.pk]
    )
    letter.refresh_from_db()
    assert letter.status == LetterStatus.APPROVED and not LetterPdf.objects.exists()


def test_issuing_asks_confirmation_after_a_preview_of_the_final_pdf(client, griffie, dordrecht):
    letter = LetterFactory(municipality=dordrecht, approved=True, subject="Te bevestigen")
    client.force_login(griffie)
    detail = client.get(letter.get_absolute_url()).content.decode()
    confirm_url = reverse("letters:letter_issue_confirm", args=[letter.pk])
    assert confirm_url in detail
    # Without the confirmation nothing is sent.
    response = client.post(
        reverse("letters:letter_action", args=[letter.pk, "verzenden"]), follow=True
    )
    assert response.redirect_chain[-1][0] == confirm_url
    assert "Bekijk eerst de PDF en bevestig dan het verzenden." in response.content.decode()
    assert not LetterPdf.objects.exists()
    page = client.get(confirm_url)
    content = page.content.decode()
    pdf_url = reverse("letters:letter_draft_pdf", args=[letter.pk]) + "?gemeente=GM0505"
    assert page.status_code == 200 and pdf_url in content and "<iframe" in content
    assert "Definitief verzenden" in content and 'name="bevestigd"' in content
    preview = client.get(pdf_url)
    assert preview["Content-Type"] == "application/pdf"
    assert preview["X-Frame-Options"] == "SAMEORIGIN"
    assert preview.content.startswith(b"%PDF-")
    assert not LetterPdf.objects.exists()
    client.post(reverse("letters:letter_action", args=[letter.pk, "verzenden"]), CONFIRMED)
    letter.refresh_from_db()
    assert letter.is_issued and LetterPdf.objects.count() == 1


def test_the_confirmation_page_is_refused_to_who_may_not_issue(client, dordrecht):
    adviser = user_with_role(Role.POLICY_ADVISER, municipality=dordrecht)
    letter = LetterFactory(municipality=dordrecht, approved=True)
    client.force_login(adviser)
    assert client.get(reverse("letters:letter_issue_confirm", args=[letter.pk])).status_code == 403


def test_openbaar_is_a_required_choice_and_nee_names_a_woo_ground(client, griffie, dordrecht):
    template = LetterTemplateFactory()
    client.force_login(griffie)
    data = {
        "kind": "municipal",
        "municipality": dordrecht.pk,
        "template": template.pk,
        "date": "2024-11-01",
        "subject": "Besloten",
    }
    form = client.get(reverse("letters:letter_create")).content.decode()
    assert 'value="ja" checked' not in form and 'value="nee" checked' not in form
    response = client.post(reverse("letters:letter_create"), data)
    assert response.status_code == 422
    assert "Kies of de brief openbaar is: ja of nee." in response.content.decode()
    response = client.post(reverse("letters:letter_create"), {**data, "is_public": "nee"})
    assert response.status_code == 422
    assert "Kies waarom de brief niet openbaar is" in response.content.decode()
    assert not Letter.objects.exists()
    client.post(
        reverse("letters:letter_create"), {**data, "is_public": "nee", "woo_ground": "privacy"}
    )
    letter = Letter.objects.get()
    assert (letter.is_public, letter.woo_ground) == (False, "privacy")
    html = client.get(reverse("letters:letter_preview", args=[letter.pk])).content.decode()
    assert "Nee – Eerbiediging van de persoonlijke levenssfeer (art. 5.1 lid 2 onder e Woo)" in html


def test_a_letter_is_copied_into_a_new_concept(client, griffie, dordrecht):
    decision = DecisionFactory(body__region=dordrecht.region)
    original = LetterFactory(
        municipality=dordrecht, issued=True, subject="Vorige brief", pillar="Sociaal"
    )
    original.related_decisions.add(decision)
    section = section_of(original, 1)
    section.text = "De aanleiding."
    section.save()
    client.force_login(griffie)
    response = client.post(reverse("letters:letter_action", args=[original.pk, "kopie-maken"]))
    copy = Letter.objects.exclude(pk=original.pk).get()
    assert response["Location"] == reverse("letters:letter_edit", args=[copy.pk])
    assert (copy.subject, copy.pillar, copy.status, copy.version) == (
        "Vorige brief",
        "Sociaal",
        LetterStatus.DRAFT,
        1,
    )
    assert copy.created_by == griffie and copy.replaces is None
    assert section_of(copy, 1).text == "De aanleiding."
    assert list(copy.related_decisions.all()) == [decision]
    original.refresh_from_db()
    assert original.is_issued


def test_an_unknown_action_is_404(client, griffie, dordrecht):
    letter = LetterFactory(municipality=dordrecht)
    client.force_login(griffie)
    assert (
        client.post(reverse("letters:letter_action", args=[letter.pk, "opblazen"])).status_code
        == 404
    )


# --- A regional letter ----------------------------------------------------------------------


def test_a_regional_letter_is_issued_to_each_council_and_zipped(
    client, region, dordrecht, gorinchem, fake_block
):
    admin = user_with_role(Role.FUNCTIONAL_ADMIN, region=region)
    letter = regional_letter(municipalities=[dordrecht, gorinchem], subject="Inkoop 2022")
    services.letter_block_add(
        letter=letter,
        user=admin,
        section=section_of(letter, 2),
        block_type="fake",
        params={"share": "1"},
        edit_version=1,
    )
    client.force_login(admin)
    page = client.get(letter.get_absolute_url()).content.decode()
    assert "Verzenden" not in page or "Verzenden…" not in page  # not yet approved
    client.post(reverse("letters:letter_action", args=[letter.pk, "gereed-melden"]))
    page = client.get(letter.get_absolute_url()).content.decode()
    assert "Verzenden…" in page and "0 van 2" in page
    response = client.post(
        reverse("letters:letter_action", args=[letter.pk, "verzenden"]), CONFIRMED, follow=True
    )
    job = BackgroundJob.objects.get()
    assert response.redirect_chain[-1][0] == reverse("jobs:job_detail", args=[job.pk])
    assert "De brief wordt verzonden" in response.content.decode()
    assert run_queued_tasks() == 1  # the background worker renders the PDFs
    job.refresh_from_db()
    assert job.status == "done", job.message
    assert job.message == "De brief is verzonden: 2 PDF’s gemaakt en opgeslagen."
    content = client.get(letter.get_absolute_url()).content.decode()
    assert "2 van 2 PDF’s gemaakt en opgeslagen" in content
    assert content.count("✓ verzonden") == 2
    archive = zipfile.ZipFile(
        io.BytesIO(client.get(reverse("letters:letter_zip", args=[letter.pk])).content)
    )
    names = sorted(archive.namelist())
    assert [name[:6] for name in names] == ["GM0505", "GM0512"]
    assert all(archive.read(name).startswith(b"%PDF-") for name in names)
    preview = client.get(
        reverse("letters:letter_preview", args=[letter.pk]), {"gemeente": "GM0512"}
    )
    html = preview.content.decode()
    assert 'class="sender__name">Gorinchem' in html
    assert '<tr class="highlight"><td>Gorinchem' in html
    assert (
        client.get(
            reverse("letters:letter_preview", args=[letter.pk]), {"gemeente": "GM9999"}
        ).status_code
        == 404
    )


# --- Publication ----------------------------------------------------------------------------


def test_an_issued_public_letter_is_published_without_login(client, griffie, dordrecht):
    public = LetterFactory(municipality=dordrecht, subject="Openbare brief", date="2021-04-20")
    secret = LetterFactory(
        municipality=dordrecht, subject="Besloten brief", is_public=False, woo_ground="privacy"
    )
    concept = LetterFactory(municipality=dordrecht, subject="Nog een concept")
    _issue(public, griffie)
    _issue(secret, griffie)
    listing = client.get(reverse("public_letters:letter_list"))
    content = listing.content.decode()
    assert listing.status_code == 200
    assert "Openbare brief" in content and "Gemeente Dordrecht" in content and "2021" in content
    assert "Besloten brief" not in content and "Nog een concept" not in content
    detail = client.get(reverse("public_letters:letter_detail", args=[public.public_id, "GM0505"]))
    text = detail.content.decode()
    for expected in (
        "Openbare brief",
        "Vergaderstukken decentrale overheden",
        "Raadsinformatiebrief",
        "Gemeente Dordrecht",
        "20 april 2021",
    ):
        assert expected in text
    pdf = client.get(reverse("public_letters:letter_pdf", args=[public.public_id, "GM0505"]))
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    for letter in (secret, concept):
        assert (
            client.get(
                reverse("public_letters:letter_detail", args=[letter.public_id, "GM0505"])
            ).status_code
            == 404
        )
        assert (
            client.get(
                reverse("public_letters:letter_pdf", args=[letter.public_id, "GM0505"])
            ).status_code
            == 404
        )


def test_the_public_list_is_by_year_newest_first(client, griffie, dordrecht):
    for subject, date in (("Oud", "2021-04-20"), ("Nieuw", "2024-11-01")):
        _issue(LetterFactory(municipality=dordrecht, subject=subject, date=date), griffie)
    content = client.get(reverse("public_letters:letter_list")).content.decode()
    assert (
        content.index('id="jaar-2024"')
        < content.index("Nieuw")
        < content.index('id="jaar-2021"')
        < content.index("Oud")
    )


def test_staff_letter_pages_still_need_login(client, dordrecht):
    letter = LetterFactory(municipality=dordrecht, issued=True)
    for url in (reverse("letters:letter_list"), letter.get_absolute_url()):
        response = client.get(url)
        assert response.status_code == 302 and "login" in response["Location"]


def test_the_bin_does_not_grow_in_queries_with_its_letters(client, griffie, dordrecht):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    client.force_login(griffie)
    counts = []
    for size in (1, 4):
        for _ in range(size - Letter.objects.exclude(deleted_at=None).count()):
            LetterFactory(municipality=dordrecht, created_by=griffie, deleted_at=timezone.now())
        with CaptureQueriesContext(connection) as queries:
            response = client.get(reverse("letters:letter_bin"))
        assert response.status_code == 200
        counts.append(len(queries))
    # Session, user, roles, person and region, then one query for the bin's letters.
    assert counts[0] == counts[1]
