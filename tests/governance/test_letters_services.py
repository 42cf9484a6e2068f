"""Composing, the workflow, issuing (once, all or nothing), corrections and regional letters."""

import datetime
import hashlib
from unittest import mock

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.storage import default_storage

import pytest

from core.locking import StaleEditError
from core.pdf import PdfRenderError
from governance.constants import Role
from governance.letters import services
from governance.letters.constants import LetterKind, LetterStatus
from governance.letters.workflow import ALLOWED_TRANSITIONS, can_transition
from governance.models import Letter, LetterBlock, LetterPdf
from tests.governance.factories import DecisionFactory, MunicipalityFactory, RegionFactory
from tests.governance.letter_factories import (
    FAKE_DATA,
    QUESTIONS_2024,
    LetterFactory,
    LetterTemplateFactory,
    regional_letter,
    register_fake_block,
    section_of,
    user_with_role,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def region():
    return RegionFactory(slug="zhz", name="Zuid-Holland Zuid")


@pytest.fixture
def dordrecht(region):
    return MunicipalityFactory(region=region, name="Dordrecht", cbs_code="GM0505")


@pytest.fixture
def griffie(dordrecht):
    return user_with_role(Role.GRIFFIE, municipality=dordrecht)


@pytest.fixture
def fake_block(monkeypatch):
    register_fake_block(monkeypatch)


def _header(**overrides):
    return {
        "date": datetime.date(2024, 11, 1),
        "subject": "Knoppen jeugdhulp",
        "is_public": True,
        **overrides,
    }


# --- Workflow map ---------------------------------------------------------------------------


def test_workflow_is_concept_gereed_verzonden_and_issued_is_final():
    assert can_transition(LetterStatus.DRAFT, LetterStatus.APPROVED)
    assert can_transition(LetterStatus.APPROVED, LetterStatus.ISSUED)
    assert can_transition(LetterStatus.APPROVED, LetterStatus.DRAFT)
    assert not can_transition(LetterStatus.DRAFT, LetterStatus.ISSUED)
    assert ALLOWED_TRANSITIONS[LetterStatus.ISSUED] == frozenset()


# --- Composing ------------------------------------------------------------------------------


def test_create_makes_a_section_per_question_of_the_template(griffie, dordrecht):
    template = LetterTemplateFactory(questions=QUESTIONS_2024)
    letter = services.letter_create(
        user=griffie,
        kind=LetterKind.MUNICIPAL,
        template=template,
        municipality=dordrecht,
        **_header(),
    )
    headings = [section.question.text for section in letter.sections.order_by("question__order")]
    assert headings[0] == "Hoe zijn de bevoegdheden rond dit onderwerp verdeeld?"
    assert len(headings) == 6
    assert letter.status == LetterStatus.DRAFT and letter.region == dordrecht.region
    assert letter.history.first().history_user == griffie


def test_griffie_cannot_create_a_letter_for_another_municipality(griffie, region):
    other = MunicipalityFactory(region=region, name="Gorinchem")
    with pytest.raises(PermissionDenied):
        services.letter_create(
            user=griffie,
            kind=LetterKind.MUNICIPAL,
            template=LetterTemplateFactory(),
            municipality=other,
            **_header(),
        )
    assert not Letter.objects.exists()


def test_update_saves_header_texts_and_decisions_and_counts_the_version(griffie, dordrecht):
    letter = LetterFactory(municipality=dordrecht)
    decision = DecisionFactory(body__region=dordrecht.region, reference="RIS 2629403")
    section = section_of(letter, 1)
    services.letter_update(
        letter=letter,
        user=griffie,
        edit_version=1,
        header={"subject": "Nieuw onderwerp", "portfolio_holder": "Bram Voorbeeldt"},
        section_texts={section.pk: "Aanleiding."},
        decisions=[decision],
    )
    letter.refresh_from_db()
    assert (letter.subject, letter.portfolio_holder, letter.edit_version) == (
        "Nieuw onderwerp",
        "Bram Voorbeeldt",
        2,
    )
    assert list(letter.related_decisions.all()) == [decision]
    assert section_of(letter, 1).text == "<p>Aanleiding.</p>"  # stored as clean HTML
    assert "RIS 2629403" in letter.history.first().history_change_reason


def test_a_stale_save_is_refused_and_changes_nothing(griffie, dordrecht):
    letter = LetterFactory(municipality=dordrecht, subject="Eerste")
    services.letter_update(
        letter=letter, user=griffie, edit_version=1, header={"subject": "Tweede"}, section_texts={}
    )
    with pytest.raises(StaleEditError) as stale:
        services.letter_update(
            letter=letter,
            user=griffie,
            edit_version=1,
            header={"subject": "Derde"},
            section_texts={},
        )
    assert stale.value.current.subject == "Tweede"
    letter.refresh_from_db()
    assert letter.subject == "Tweede"


def test_blocks_are_added_moved_and_removed(griffie, dordrecht, fake_block):
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
        block_type="table",
        params={"title": "Besparingen", "table": "Maatregel;2025\nTaskforce;611.000"},
        edit_version=2,
    )
    assert first.params == {"share": "1"}  # as typed, validated again at every build
    services.letter_block_move(block=second, user=griffie, edit_version=3, direction=-1)
    assert list(section.blocks.order_by("order").values_list("pk", flat=True)) == [
        second.pk,
        first.pk,
    ]
    services.letter_block_remove(block=second, user=griffie, edit_version=4)
    assert list(section.blocks.values_list("pk", flat=True)) == [first.pk]


@pytest.mark.parametrize(
    ("block_type", "params", "field"),
    [
        ("onbekend", {}, "block_type"),
        ("fake", {"share": "999"}, "share"),
        ("fake", {"share": "veel"}, "share"),
        ("table", {"title": "Leeg", "table": "alleen een kopregel"}, "table"),
    ],
)
def test_a_bad_block_is_refused_with_a_dutch_message(
    griffie, dordrecht, fake_block, block_type, params, field
):
    letter = LetterFactory(municipality=dordrecht)
    with pytest.raises(ValidationError) as error:
        services.letter_block_add(
            letter=letter,
            user=griffie,
            section=section_of(letter, 1),
            block_type=block_type,
            params=params,
            edit_version=1,
        )
    assert field in error.value.message_dict
    assert not LetterBlock.objects.exists()
    letter.refresh_from_db()
    assert letter.edit_version == 1


def test_an_adviser_drafts_but_cannot_approve(dordrecht):
    adviser = user_with_role(Role.POLICY_ADVISER, municipality=dordrecht)
    letter = LetterFactory(municipality=dordrecht, created_by=adviser)
    services.letter_update(
        letter=letter, user=adviser, edit_version=1, header={"pillar": "Sociaal"}, section_texts={}
    )
    with pytest.raises(PermissionDenied):
        services.letter_approve(letter=letter, user=adviser)
    letter.refresh_from_db()
    assert letter.status == LetterStatus.DRAFT


# --- Issuing --------------------------------------------------------------------------------


def _approved(letter, user):
    return services.letter_approve(letter=letter, user=user)


def test_issue_stores_the_pdf_with_its_hash_issuer_and_time(griffie, dordrecht, fake_block):
    letter = LetterFactory(municipality=dordrecht)
    services.letter_block_add(
        letter=letter,
        user=griffie,
        section=section_of(letter, 2),
        block_type="fake",
        params={"share": "2"},
        edit_version=1,
    )
    _approved(letter, griffie)
    issued = services.letter_issue(letter=letter, user=griffie)
    assert issued.status == LetterStatus.ISSUED
    assert issued.issued_by == griffie and issued.issued_at is not None
    document = LetterPdf.objects.get(letter=letter)
    content = document.file.read()
    assert content.startswith(b"%PDF-")
    assert document.sha256 == hashlib.sha256(content).hexdigest()
    assert document.size == len(content)
    assert document.file.name.startswith(f"brieven/{issued.issued_at.year}/GM0505-")
    block = LetterBlock.objects.get()
    assert block.snapshot["GM0505"]["rows"][0]["cells"] == ["Dordrecht", 200]


def test_an_issued_letter_shows_the_data_of_the_moment_of_issue(griffie, dordrecht, fake_block):
    from governance.letters.blocks import block_view

    letter = LetterFactory(municipality=dordrecht)
    services.letter_block_add(
        letter=letter,
        user=griffie,
        section=section_of(letter, 2),
        block_type="fake",
        params={"share": "1"},
        edit_version=1,
    )
    block = LetterBlock.objects.get()
    assert block_view(block, dordrecht, number=1).rows[0].cells == ["Dordrecht", 100]
    _approved(letter, griffie)
    services.letter_issue(letter=letter, user=griffie)
    FAKE_DATA["amount"] = 7  # the live data change afterwards
    block.refresh_from_db()
    assert block_view(block, dordrecht, number=1).rows[0].cells == ["Dordrecht", 100]


def test_issuing_twice_is_impossible(griffie, dordrecht):
    letter = LetterFactory(municipality=dordrecht)
    _approved(letter, griffie)
    services.letter_issue(letter=letter, user=griffie)
    with pytest.raises(ValidationError, match="al verzonden"):
        services.letter_issue(letter=letter, user=griffie)
    assert LetterPdf.objects.count() == 1


def test_a_concept_cannot_be_issued_without_being_approved(griffie, dordrecht):
    letter = LetterFactory(municipality=dordrecht)
    with pytest.raises(ValidationError, match="gereed"):
        services.letter_issue(letter=letter, user=griffie)
    assert not LetterPdf.objects.exists()


def test_an_issued_letter_cannot_change(griffie, dordrecht, fake_block):
    letter = LetterFactory(municipality=dordrecht)
    _approved(letter, griffie)
    services.letter_issue(letter=letter, user=griffie)
    letter.refresh_from_db()
    with pytest.raises(ValidationError, match="kan niet meer worden gewijzigd"):
        services.letter_update(
            letter=letter,
            user=griffie,
            edit_version=letter.edit_version,
            header={"subject": "Anders"},
            section_texts={},
        )
    with pytest.raises(ValidationError):
        services.letter_block_add(
            letter=letter,
            user=griffie,
            section=section_of(letter, 1),
            block_type="fake",
            params={"share": "1"},
            edit_version=letter.edit_version,
        )
    with pytest.raises(ValidationError):
        services.letter_reopen(letter=letter, user=griffie)
    with pytest.raises(ValidationError):
        services.letter_delete(letter=letter, user=griffie)
    with pytest.raises(ValidationError):  # the model refuses too
        letter.subject = "Anders"
        letter.full_clean()


def test_a_rendering_failure_leaves_the_letter_unissued_with_a_clear_message(griffie, dordrecht):
    letter = LetterFactory(municipality=dordrecht)
    _approved(letter, griffie)
    with (
        mock.patch("core.pdf.html_to_pdf", side_effect=PdfRenderError("kapot")),
        pytest.raises(ValidationError) as error,
    ):
        services.letter_issue(letter=letter, user=griffie)
    assert "De brief is niet verzonden" in error.value.messages[0]
    assert "Er is niets gewijzigd" in error.value.messages[0]
    letter.refresh_from_db()
    assert letter.status == LetterStatus.APPROVED
    assert letter.issued_at is None and letter.issued_by is None
    assert not LetterPdf.objects.exists()


def test_a_failure_after_some_pdfs_leaves_no_file_behind(griffie, region, settings):
    municipalities = [MunicipalityFactory(region=region, name=name) for name in ("Aa", "Bb", "Cc")]
    admin = user_with_role(Role.FUNCTIONAL_ADMIN, region=region)
    letter = regional_letter(municipalities=municipalities, status=LetterStatus.APPROVED)
    from core.pdf import html_to_pdf as real

    calls = []

    def third_fails(html, **kwargs):
        calls.append(1)
        if len(calls) == 3:
            raise PdfRenderError("kapot")
        return real(html, **kwargs)

    with (
        mock.patch("core.pdf.html_to_pdf", side_effect=third_fails),
        pytest.raises(ValidationError, match="Cc"),
    ):
        services.letter_issue(letter=letter, user=admin)
    letter.refresh_from_db()
    assert letter.status == LetterStatus.APPROVED
    assert not LetterPdf.objects.exists()
    _dirs, files = default_storage.listdir(f"brieven/{datetime.date.today().year}")
    assert files == []


def test_a_broken_block_stops_the_issue(griffie, dordrecht, fake_block, monkeypatch):
    letter = LetterFactory(municipality=dordrecht)
    services.letter_block_add(
        letter=letter,
        user=griffie,
        section=section_of(letter, 2),
        block_type="fake",
        params={"share": "1"},
        edit_version=1,
    )
    _approved(letter, griffie)
    from core.registry import registry

    monkeypatch.delitem(registry.letter_blocks, "fake")  # e.g. the app was removed
    with pytest.raises(ValidationError, match="Onbekend soort blok"):
        services.letter_issue(letter=letter, user=griffie)
    letter.refresh_from_db()
    assert letter.status == LetterStatus.APPROVED


# --- Corrections ----------------------------------------------------------------------------


def test_a_correction_is_a_new_concept_that_replaces_the_issued_letter(
    griffie, dordrecht, fake_block
):
    letter = LetterFactory(municipality=dordrecht, subject="Origineel")
    decision = DecisionFactory(body__region=dordrecht.region)
    letter.related_decisions.add(decision)
    section = section_of(letter, 1)
    section.text = "Tekst van versie 1"
    section.save()
    services.letter_block_add(
        letter=letter,
        user=griffie,
        section=section,
        block_type="fake",
        params={"share": "1"},
        edit_version=1,
    )
    _approved(letter, griffie)
    services.letter_issue(letter=letter, user=griffie)

    correction = services.letter_correct(letter=letter, user=griffie)
    assert correction.status == LetterStatus.DRAFT
    assert (correction.version, correction.replaces, correction.subject) == (2, letter, "Origineel")
    assert section_of(correction, 1).text == "Tekst van versie 1"
    assert list(correction.related_decisions.all()) == [decision]
    copied = LetterBlock.objects.get(section__letter=correction)
    assert copied.snapshot is None and copied.params == {"share": "1"}
    letter.refresh_from_db()
    assert letter.status == LetterStatus.ISSUED and letter.replacement() == correction
    with pytest.raises(ValidationError, match="al een correctie"):
        services.letter_correct(letter=letter, user=griffie)


def test_only_an_issued_letter_can_be_corrected(griffie, dordrecht):
    with pytest.raises(ValidationError):
        services.letter_correct(letter=LetterFactory(municipality=dordrecht), user=griffie)


# --- Regional letters -----------------------------------------------------------------------


def test_a_regional_letter_gives_one_pdf_per_council_each_with_its_own_row(region, fake_block):
    municipalities = [MunicipalityFactory(region=region, name=name) for name in ("Aa", "Bb")]
    adviser = user_with_role(Role.POLICY_ADVISER, municipality=municipalities[0])
    admin = user_with_role(Role.FUNCTIONAL_ADMIN, region=region)
    letter = services.letter_create(
        user=adviser,
        kind=LetterKind.REGIONAL,
        template=LetterTemplateFactory(),
        addressees=municipalities,
        **_header(),
    )
    services.letter_block_add(
        letter=letter,
        user=adviser,
        section=section_of(letter, 2),
        block_type="fake",
        params={"share": "1"},
        edit_version=1,
    )
    with pytest.raises(PermissionDenied):
        services.letter_approve(letter=letter, user=adviser)
    _approved(letter, admin)
    services.letter_issue(letter=letter, user=admin)
    assert sorted(LetterPdf.objects.values_list("municipality__name", flat=True)) == ["Aa", "Bb"]
    snapshot = LetterBlock.objects.get().snapshot
    for municipality in municipalities:
        own = [row for row in snapshot[municipality.cbs_code]["rows"] if row["highlight"]]
        assert [row["cells"][0] for row in own] == [municipality.name]


def test_regional_addressees_must_share_a_region(region):
    admin = user_with_role(Role.FUNCTIONAL_ADMIN, region=region)
    here = MunicipalityFactory(region=region)
    elsewhere = MunicipalityFactory(region=RegionFactory())
    with pytest.raises(ValidationError):
        services.letter_create(
            user=admin,
            kind=LetterKind.REGIONAL,
            template=LetterTemplateFactory(),
            addressees=[here, elsewhere],
            **_header(),
        )
