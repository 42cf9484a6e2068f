"""fixtures/zhz_letters.json: the two letter templates and the letter of 20 April 2021 (seed 000),
and `issue_fixture_letters`, which stores its PDF as issuing would have."""

import io
from pathlib import Path

from django.core import serializers
from django.core.management import call_command
from django.urls import reverse

import pikepdf
import pytest

from governance.letters.constants import LetterStatus
from governance.models import (
    Letter,
    LetterPdf,
    LetterQuestion,
    LetterSection,
    LetterTemplate,
)

pytestmark = pytest.mark.django_db

FIXTURE_DIR = Path(__file__).resolve().parents[2] / "fixtures"
FIXTURES = [
    str(FIXTURE_DIR / f"zhz_{name}.json")
    for name in ("governance", "procurement", "programme", "finance", "letters")
]
LETTER_2021 = "0d7c1b1e-5a3f-4c6e-9b21-202100053769"


@pytest.fixture
def zhz():
    call_command("loaddata", *FIXTURES, verbosity=0)


def test_the_templates_of_2021_and_2024(zhz):
    questions = {
        template.slug: list(template.questions.order_by("order").values_list("text", flat=True))
        for template in LetterTemplate.objects.all()
    }
    assert questions["raadsinformatiebrief-2021"] == [
        "Wat is de aanleiding om deze informatie kenbaar te maken?",
        "Wat is de te delen informatie?",
        "Hoe verder na deze raadsinformatiebrief?",
        "Welke kosten zijn verbonden aan het proces?",
        "Wat zijn de belangrijkste gerelateerde besluiten?",
    ]
    assert questions["raadsinformatiebrief-2024"] == [
        "Hoe zijn de bevoegdheden rond dit onderwerp verdeeld?",
        *questions["raadsinformatiebrief-2021"],
    ]
    listing = LetterQuestion.objects.filter(lists_decisions=True)
    assert sorted(q.template.slug for q in listing) == [
        "raadsinformatiebrief-2021",
        "raadsinformatiebrief-2024",
    ]


def test_the_letter_of_20_april_2021_as_in_the_seed(zhz):
    letter = Letter.objects.get_by_natural_key(LETTER_2021)
    assert letter.municipality.name == "Dordrecht"
    assert letter.status == LetterStatus.ISSUED and letter.is_public
    assert str(letter.date) == "2021-04-20"
    assert letter.case_number == "InProces BBV: 2021-0053769"
    assert letter.subject == "Regionale en lokale ontwikkelingen jeugdhulp"
    assert letter.meeting == ""
    assert letter.budget_programme == "Sociaal en Zorgzaam Dordrecht"
    assert letter.pillar == "Sociale Leefomgeving"
    assert letter.core_team == "Opgaven - Zorgzame Stad"
    assert letter.template.slug == "raadsinformatiebrief-2021"
    # The seed names real officials and a personal address; the demo uses fictional people.
    assert (letter.portfolio_holder, letter.author, letter.responsible) == (
        "Bram Voorbeeldt",
        "Noor Memostra",
        "Loes Stuurman",
    )
    assert letter.email == "griffie@example.org"
    assert sorted(letter.related_decisions.values_list("reference", flat=True)) == [
        "RIS 2572180",
        "RIS 2582671",
        "RIS 2629403",
        "RIS 2629440",
    ]
    texts = [section.text for section in letter.sections.order_by("question__order")]
    assert texts[0].startswith("In deze brief informeren wij u over de regionale en lokale")
    assert "- Segment 7 – Jeugdhulp op School" in texts[1]
    assert texts[3] == "Niet van toepassing."


def test_no_personal_address_of_the_seed_is_in_the_fixture():
    text = (FIXTURE_DIR / "zhz_letters.json").read_text(encoding="utf-8")
    assert "dordrecht.nl" not in text
    assert "Haksteeg" not in text and "Oosterhof" not in text


def _snapshot():
    return {
        model._meta.label: serializers.serialize("json", model.objects.order_by("pk"))
        for model in (LetterTemplate, LetterQuestion, Letter, LetterSection)
    }


def test_loading_twice_changes_nothing_and_leaves_no_history(zhz):
    before = _snapshot()
    call_command("loaddata", FIXTURES[-1], verbosity=0)
    assert _snapshot() == before
    assert not Letter.history.exists()


def test_issue_fixture_letters_stores_the_pdf_once(zhz, capsys):
    call_command("issue_fixture_letters")
    document = LetterPdf.objects.get()
    assert document.letter.subject == "Regionale en lokale ontwikkelingen jeugdhulp"
    assert document.municipality.cbs_code == "GM0505"
    with pikepdf.open(io.BytesIO(document.file.read())) as pdf:
        assert pdf.open_metadata()["pdfaid:part"] == "3"
        assert str(pdf.docinfo["/Title"]) == "Regionale en lokale ontwikkelingen jeugdhulp"
    call_command("issue_fixture_letters")
    call_command("loaddata", FIXTURES[-1], verbosity=0)  # `make run` loads the fixtures every time
    assert LetterPdf.objects.get() == document
    assert Letter.objects.get().status == LetterStatus.ISSUED
    assert "1 PDF('s) gemaakt" in capsys.readouterr().out


def test_the_fixture_letter_is_published(zhz, client):
    call_command("issue_fixture_letters", verbosity=0)
    content = client.get(reverse("public_letters:letter_list")).content.decode()
    assert "Regionale en lokale ontwikkelingen jeugdhulp" in content
    assert "Gemeente Dordrecht" in content


def test_the_fixture_letter_meets_its_template_and_the_demo_credits_four_eyes(zhz):
    from governance.letters.completeness import missing_for_issue
    from governance.letters.selectors import letter_for_print
    from governance.models import LetterProfile

    letter = letter_for_print(pk=Letter.objects.get(public_id=LETTER_2021).pk)
    assert letter.template.required_fields == ["portfolio_holder", "author", "responsible"]
    assert missing_for_issue(letter) == []
    assert LetterProfile.objects.get(municipality__cbs_code="GM0505").defaults()["pillar"] == (
        "Sociale Leefomgeving"
    )
    call_command("demo_accounts", verbosity=0)
    letter.refresh_from_db()
    assert (letter.created_by.username, letter.approved_by.username) == ("griffie", "griffie2")
