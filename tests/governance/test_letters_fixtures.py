"""fixtures/zhz_letters.json: the letter templates, the letter of 20 April 2021 (seed 000), the
letter of 2024 on the four knobs (seed 004, its savings table a live block in the middle of its
text), the board's letter to the ten colleges (seed 002), and `issue_fixture_letters`, which
stores the issued letters' PDFs as issuing would have."""

import io
import shutil
import subprocess
from pathlib import Path

from django.core import serializers
from django.core.management import call_command
from django.urls import reverse

import pikepdf
import pytest

from governance.letters.constants import LetterStatus
from governance.models import (
    Letter,
    LetterBlock,
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
LETTER_2024 = "4b0e2d9a-6c1f-4d7e-8a34-202400000004"
LETTER_002 = "8e51a2c4-3d7b-4f0e-a9c2-202100000002"


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
    assert texts[0].startswith("<p>In deze brief informeren wij u over de regionale en lokale")
    assert "<h3>Voortgang inkoopkader jeugdhulp 2022 e.v.</h3>" in texts[1]
    assert "<li>Segment 7 – Jeugdhulp op School</li></ul>" in texts[1]
    assert '<a href="https://youtu.be/CW_JC9YCy-I" rel="noopener noreferrer">' in texts[1]
    assert texts[3] == "<p>Niet van toepassing.</p>"


def test_the_letter_of_2024_as_in_the_seed(zhz):
    letter = Letter.objects.get_by_natural_key(LETTER_2024)
    assert letter.municipality.name == "Dordrecht"
    assert letter.template.slug == "raadsinformatiebrief-2024"
    assert letter.status == LetterStatus.ISSUED and letter.is_public
    assert (letter.portfolio_holder, letter.author, letter.responsible) == (
        "Bram Voorbeeldt",
        "Noor Memostra",
        "Loes Stuurman",
    )
    sections = list(letter.sections.order_by("question__order"))
    assert [s.question.order for s in sections] == [1, 2, 3, 4, 5, 6]
    texts = [section.text for section in sections]
    assert texts[0].startswith("<p>De gemeenteraad heeft een kaderstellende en controlerende")
    # The four knobs as a numbered list, then each as a subheading with its own subheadings.
    assert (
        "<ol><li>De toegang.</li><li>Het aanbod.</li><li>De vraag.</li>"
        "<li>Rechtmatigheid en handhaving.</li></ol>"
    ) in texts[2]
    assert "<h3>4. Rechtmatigheid en handhaving</h3>" in texts[2]
    assert "<h4>Huisartsen en GI's</h4>" in texts[2]
    # The savings table is the section's block, placed between two paragraphs.
    assert "besparingen voor jeugdhulp opgenomen:</p><p>[[blok 1]]</p><p>Zodra" in texts[4]
    (block,) = sections[4].blocks.all()
    assert block.block_type == "savings"
    assert block.snapshot["GM0505"]["footer"] == ["Totaal", "1.298.000", "2.262.000"]


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) ontbreekt")
def test_the_pdf_of_2024_reads_like_the_seed(zhz, tmp_path):
    call_command("issue_fixture_letters", verbosity=0)
    document = LetterPdf.objects.get(letter__public_id=LETTER_2024)
    path = tmp_path / "004.pdf"
    path.write_bytes(document.file.read())
    text = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    lines = [" ".join(line.split()) for line in text.splitlines() if line.strip()]
    assert "Hoe zijn de bevoegdheden rond dit onderwerp verdeeld?" in lines
    assert "1. De toegang." in lines and "4. Rechtmatigheid en handhaving." in lines
    # The table stands where the text placed it, with the seed's rows and totals.
    start = lines.index("Welke kosten zijn verbonden aan het proces?")
    table = lines.index("Besparingen (netto-effect) in euro's 2025 structureel")
    after = next(i for i, line in enumerate(lines) if line.startswith("Zodra het regionale"))
    assert start < table < after
    assert lines[table + 1 : table + 5] == [
        "Taskforce passende zorg 611.000 1.387.000",
        "Jeugdhulp naar voren (incl. POH) 500.000 500.000",
        "Aanpak fraude in de zorg 187.000 375.000",
        "Totaal 1.298.000 2.262.000",
    ]
    assert "Visie sociaal domein Dordrecht 2030." in lines


def test_no_personal_address_of_the_seed_is_in_the_fixture():
    text = (FIXTURE_DIR / "zhz_letters.json").read_text(encoding="utf-8")
    assert "dordrecht.nl" not in text
    assert "Haksteeg" not in text and "Oosterhof" not in text


def _snapshot():
    return {
        model._meta.label: serializers.serialize("json", model.objects.order_by("pk"))
        for model in (LetterTemplate, LetterQuestion, Letter, LetterSection, LetterBlock)
    }


def test_loading_twice_changes_nothing_and_leaves_no_history(zhz):
    before = _snapshot()
    call_command("loaddata", FIXTURES[-1], verbosity=0)
    assert _snapshot() == before
    assert not Letter.history.exists()


def test_issue_fixture_letters_stores_the_pdfs_once(zhz, capsys):
    call_command("issue_fixture_letters")
    documents = list(LetterPdf.objects.order_by("letter__date"))
    assert [d.letter.subject for d in documents] == [
        "Regionale en lokale ontwikkelingen jeugdhulp",
        "Knoppen om jeugdhulp beschikbaar en betaalbaar te houden",
    ]
    assert {d.municipality.cbs_code for d in documents} == {"GM0505"}
    for document in documents:
        with pikepdf.open(io.BytesIO(document.file.read())) as pdf:
            assert pdf.open_metadata()["pdfaid:part"] == "3"
            assert pdf.open_metadata()["pdfaid:conformance"] == "A"
            assert "/StructTreeRoot" in pdf.Root
            assert str(pdf.docinfo["/Title"]) == document.letter.subject
            # 000's links: printable link annotations to web addresses, in the structure.
            for page in pdf.pages:
                for annotation in page.get("/Annots", []):
                    assert annotation.Subtype == "/Link" and int(annotation.F) & 4
                    assert str(annotation.A.URI).startswith("https://")
                    assert "/StructParent" in annotation
    call_command("issue_fixture_letters")
    call_command("loaddata", FIXTURES[-1], verbosity=0)  # `make run` loads the fixtures every time
    assert list(LetterPdf.objects.order_by("letter__date")) == documents
    assert set(Letter.objects.values_list("status", flat=True)) == {
        LetterStatus.ISSUED,
        LetterStatus.APPROVED,  # the board's letter 002 waits for its secretariat to send it
    }
    # The block's data are those of the issue, also after loading the fixtures again.
    assert LetterBlock.objects.get().snapshot["GM0505"]["rows"][0][0] == "Taskforce passende zorg"
    assert "2 PDF('s) gemaakt" in capsys.readouterr().out


def test_the_fixture_letter_is_published(zhz, client):
    call_command("issue_fixture_letters", verbosity=0)
    content = client.get(reverse("public_letters:letter_list")).content.decode()
    assert "Regionale en lokale ontwikkelingen jeugdhulp" in content
    assert "Knoppen om jeugdhulp beschikbaar en betaalbaar te houden" in content
    assert "Gemeente Dordrecht" in content


def test_the_fixture_letter_meets_its_template_and_the_demo_credits_four_eyes(zhz):
    from governance.letters.completeness import missing_for_issue
    from governance.letters.selectors import letter_for_print
    from governance.models import LetterProfile

    letter = letter_for_print(pk=Letter.objects.get(public_id=LETTER_2021).pk)
    assert letter.template.required_fields == ["portfolio_holder", "author", "responsible"]
    assert missing_for_issue(letter) == []
    assert (
        missing_for_issue(letter_for_print(pk=Letter.objects.get(public_id=LETTER_2024).pk)) == []
    )
    assert LetterProfile.objects.get(municipality__cbs_code="GM0505").defaults()["pillar"] == (
        "Sociale Leefomgeving"
    )
    call_command("demo_accounts", verbosity=0)
    for letter in Letter.objects.filter(kind="municipal"):
        assert (letter.created_by.username, letter.approved_by.username) == ("griffie", "griffie2")


def test_the_boards_letter_002_to_the_ten_colleges_as_in_the_seed(zhz):
    from governance.letters.board import board_signatories
    from governance.letters.completeness import missing_for_issue
    from governance.letters.selectors import letter_for_print

    letter = letter_for_print(pk=Letter.objects.get(public_id=LETTER_002).pk)
    assert letter.kind == "board" and letter.status == LetterStatus.APPROVED
    assert letter.sender_body.slug == "db-dgj" and letter.template.letter_kind == "board"
    assert letter.salutation == "Geacht college,"
    assert letter.closing.splitlines() == [
        "Met vriendelijke groet,",
        "Het dagelijks bestuur van de Dienst Gezondheid & Jeugd.",
    ]
    assert len(letter.addressee_list()) == 10
    assert missing_for_issue(letter) == []
    # The fixtures' fictional chair and secretaries sign, as on the date of the letter.
    assert [(s.function, s.name) for s in board_signatories(letter.sender_body, letter.date)] == [
        ("De voorzitter", "Jan Proefhout"),
        ("De secretaris", "Carla Testman"),
        ("De plv. secretaris", "Erik Demooij"),
    ]
    text, request = [section.text for section in letter.sections.order_by("question__order")]
    headings = [
        "Inkoopproces Jeugdhulp 2022",
        "Implementatie governance-adviezen AEF",
        "Tenslotte",
    ]
    for heading in headings:
        assert f"<h3>{heading}</h3>" in text
    for heading in ["Doelen en eisen", "Selectie en contractering", "Overgangsproces"]:
        assert f"<h4>{heading}</h4>" in text
    assert text.startswith("<p>Namens de Serviceorganisatie Jeugd ZHZ (SOJ) informeren wij u")
    assert request == (
        "<p>Wij verzoeken u deze brief ter informatie aan te bieden aan uw college en "
        "gemeenteraad.</p>"
    )


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) ontbreekt")
def test_the_pdf_of_002_reads_like_the_seed(zhz, tmp_path):
    from governance.letters.document import printed_letter, render_letter_pdf
    from governance.letters.selectors import letter_for_print

    letter = letter_for_print(pk=Letter.objects.get(public_id=LETTER_002).pk)
    sliedrecht = next(m for m in letter.addressee_list() if m.name == "Sliedrecht")
    _html, pdf = render_letter_pdf(printed_letter(letter, sliedrecht))
    path = tmp_path / "002.pdf"
    path.write_bytes(pdf)
    text = subprocess.run(
        ["pdftotext", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    flat = " ".join(text.split())
    for expected in (
        "Dienst Gezondheid & Jeugd Zuid-Holland Zuid",
        "Dagelijks Bestuur Dienst Gezondheid & Jeugd",
        "Aan het college van burgemeester en wethouders van de gemeente Sliedrecht",
        "Geacht college,",
        "Inkoopproces Jeugdhulp 2022",
        "Integratie SOJ binnen Dienst Gezondheid en Jeugd",
        "Wij verzoeken u deze brief ter informatie aan te bieden aan uw college en gemeenteraad.",
        "Met vriendelijke groet, Het dagelijks bestuur van de Dienst Gezondheid & Jeugd.",
        "De voorzitter, Jan Proefhout",
        "De secretaris, Carla Testman Directeur DG&J",
        "De plv. secretaris, Erik Demooij",
    ):
        assert expected in flat, expected
    for absent in (
        "Wat is de aanleiding",
        "Raadsinformatiebrief",
        "Portefeuillehouder",
        "Gemeente Sliedrecht",
    ):
        assert absent not in flat, absent
