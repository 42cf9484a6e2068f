"""Rich text in letter sections through the pages and into the PDF: what the editor and the plain
field store, hostile HTML on screen and in the PDF (also when written past the forms), blocks
in the middle of a text, bad input, the savings block, and texts from before the editor."""

import importlib
import io
import shutil
import subprocess

from django.urls import reverse

import pikepdf
import pytest

from core.scope import region_scope
from finance.extensions import build_savings_block
from governance.constants import Role
from governance.letters import services
from governance.letters.document import printed_letter, render_letter_html
from governance.letters.selectors import letter_for_print
from governance.models import LetterPdf, LetterSection
from tests.finance.factories import SavingsMeasureFactory
from tests.governance.factories import MunicipalityFactory, RegionFactory
from tests.governance.letter_factories import (
    QUESTIONS_2024,
    LetterFactory,
    LetterTemplateFactory,
    register_fake_block,
    section_of,
    user_with_role,
)
from tests.governance.test_letters_richtext import _assert_clean as assert_clean

pytestmark = pytest.mark.django_db

HOSTILE = (
    '<p onclick="alert(1)" style="color:red;background:url(https://evil.example/bg.png)">'
    'Gewone tekst<img src="https://evil.example/pixel.png" onerror="alert(2)"></p>'
    "<script>alert(3)</script><style>p { background: url(https://evil.example/x.png) }</style>"
    '<p><a href="javascript:alert(4)">klik</a> en <a href="https://example.org/">goed</a></p>'
    '<iframe src="https://evil.example/frame"></iframe><svg onload="alert(5)"></svg>'
    '<p><a href="data:text/html;base64,PHNjcmlwdD4=">data</a> '
    '<a href="/beheer/">intern</a> <a href="mailto:griffie@example.org">mail</a></p>'
)
FORBIDDEN = ("alert", "evil.example", "javascript:", "onclick", "onerror", "onload", "<img",
             "<iframe", "<svg", "<script", "style=", "data:text")  # fmt: skip


@pytest.fixture
def dordrecht():
    region = RegionFactory(slug="zhz")
    return MunicipalityFactory(region=region, name="Dordrecht", cbs_code="GM0505")


@pytest.fixture
def griffie(dordrecht):
    return user_with_role(Role.GRIFFIE, municipality=dordrecht)


@pytest.fixture
def letter(dordrecht):
    return LetterFactory(
        municipality=dordrecht,
        template=LetterTemplateFactory(questions=QUESTIONS_2024, valid_from="2024-01-01"),
        portfolio_holder="Bram Voorbeeldt",
        responsible="Loes Stuurman",
    )


def _post(client, letter, texts: dict[int, tuple[str, str]], **extra):
    """Post the editor with texts per question order as (text, format)."""
    data = {
        "edit_version": letter.edit_version,
        "date": letter.date.isoformat(),
        "case_number": letter.case_number,
        "subject": letter.subject,
        "author": letter.author,
        "email": letter.email,
        "is_public": "ja",
    }
    for section in letter.sections.select_related("question"):
        text, text_format = texts.get(section.question.order, ("", "markup"))
        data[f"sectie-{section.pk}-text"] = text
        data[f"sectie-{section.pk}-text_format"] = text_format
    data.update(extra)
    return client.post(reverse("letters:letter_edit", args=[letter.pk]), data)


def _pdf_text(pdf: bytes) -> str:
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) ontbreekt")
    return subprocess.run(
        ["pdftotext", "-layout", "-", "-"], input=pdf, capture_output=True, check=True
    ).stdout.decode()


def _assert_no_hostile(content: str):
    for needle in FORBIDDEN:
        assert needle not in content, needle


def test_the_editors_html_and_the_plain_markup_are_stored_as_clean_html(client, griffie, letter):
    client.force_login(griffie)
    response = _post(
        client,
        letter,
        {
            1: ("<p>Een <b>vette</b> alinea</p><ul><li>punt</li></ul>", "html"),
            2: ("Een *cursieve* regel.\n\n1. eerst\n2. dan", "markup"),
        },
    )
    assert response.status_code == 302
    assert section_of(letter, 1).text == (
        "<p>Een <strong>vette</strong> alinea</p><ul><li>punt</li></ul>"
    )
    assert section_of(letter, 2).text == (
        "<p>Een <em>cursieve</em> regel.</p><ol><li>eerst</li><li>dan</li></ol>"
    )
    # The editor page offers both: the markup in the field, the HTML for the editor.
    page = client.get(reverse("letters:letter_edit", args=[letter.pk])).content.decode()
    assert "Een *cursieve* regel.\n\n1. eerst\n2. dan</textarea>" in page
    assert 'data-richtext-html="&lt;p&gt;Een &lt;strong&gt;vette&lt;/strong&gt;' in page
    assert 'src="/static/vendor/pell/pell.min.js"' in page


def test_hostile_html_from_the_editor_is_stored_clean_and_shown_clean(client, griffie, letter):
    client.force_login(griffie)
    assert _post(client, letter, {1: (HOSTILE, "html"), 2: (HOSTILE, "markup")}).status_code == 302
    stored = section_of(letter, 1).text
    _assert_no_hostile(stored)
    assert_clean(stored)
    # Typed into the plain field, the same is text: shown as written, never a tag.
    typed = section_of(letter, 2).text
    assert "&lt;script&gt;alert(3)&lt;/script&gt;" in typed
    assert_clean(typed)
    LetterSection.objects.filter(pk=section_of(letter, 2).pk).update(text="")
    assert "Gewone tekst" in stored and '<a href="https://example.org/"' in stored
    assert '<a href="mailto:griffie@example.org"' in stored
    assert "klik" in stored and "intern" in stored  # the refused links keep their text
    for name in ("letters:letter_detail", "letters:letter_edit", "letters:letter_preview"):
        content = client.get(reverse(name, args=[letter.pk])).content.decode()
        for needle in ("alert(", "evil.example", "javascript:", "onclick=", "onerror="):
            assert needle not in content, (name, needle)


def test_hostile_html_written_past_the_forms_reaches_no_page_and_no_pdf(client, griffie, letter):
    """A row changed in the database directly (an import, a bug elsewhere): the text is cleaned
    again whenever it is shown or printed."""
    LetterSection.objects.filter(pk=section_of(letter, 1).pk).update(text=HOSTILE)
    html = render_letter_html(printed_letter(letter_for_print(pk=letter.pk), letter.municipality))
    _assert_no_hostile(html.split("</head>", 1)[1])
    assert "Gewone tekst" in html
    client.force_login(griffie)
    for name in ("letters:letter_detail", "letters:letter_preview"):
        content = client.get(reverse(name, args=[letter.pk])).content.decode()
        for needle in ("alert(", "evil.example", "javascript:", "onclick=", "onerror="):
            assert needle not in content, (name, needle)
    services.letter_approve(letter=letter, user=griffie)
    services.letter_issue(letter=letter, user=griffie)
    pdf = LetterPdf.objects.get(letter=letter).file.read()
    text = _pdf_text(pdf)
    assert "Gewone tekst" in text and "klik en goed" in text
    for needle in ("alert", "evil", "javascript", "background", "onerror"):
        assert needle not in text, needle
    with pikepdf.open(io.BytesIO(pdf)) as document:
        assert document.open_metadata()["pdfaid:part"] == "3"
        uris = [
            str(annotation.A.URI)
            for page in document.pages
            for annotation in page.get("/Annots", [])
        ]
        assert uris == ["https://example.org/", "mailto:griffie@example.org"]
        assert "/JavaScript" not in document.Root.get("/Names", {})
        assert "/OpenAction" not in document.Root and "/AA" not in document.Root
        for obj in document.objects:
            if isinstance(obj, pikepdf.Dictionary):
                assert obj.get("/S") != "/JavaScript"


def test_a_block_stands_where_the_text_places_it(griffie, letter, monkeypatch):
    register_fake_block(monkeypatch)
    section = section_of(letter, 5)
    section.text = "<p>Voor de tabel.</p><p>[[blok 1]]</p><p>Na de tabel.</p>"
    section.save()
    services.letter_block_add(
        letter=letter, user=griffie, section=section, block_type="fake",
        params={"share": "1"}, edit_version=letter.edit_version,
    )  # fmt: skip
    html = render_letter_html(printed_letter(letter_for_print(pk=letter.pk), letter.municipality))
    before, table, after = (
        html.index("Voor de tabel."),
        html.index("Verdeling nep"),
        html.index("Na de tabel."),
    )
    assert before < table < after
    assert "[[blok 1]]" not in html


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"text": "x" * 400001}, "Een onderdeel is hoogstens 400000 tekens"),
        ({"text": "<p>" + "a" * 50001 + "</p>", "text_format": "html"}, "tekens met opmaak"),
        ({"text": "tekst", "text_format": "word"}, "Onbekende opmaak van de tekst."),
    ],
)
def test_bad_section_input_gets_a_dutch_message_and_changes_nothing(
    client, griffie, letter, data, message
):
    client.force_login(griffie)
    section = section_of(letter, 1)
    response = _post(
        client,
        letter,
        {},
        **{f"sectie-{section.pk}-{name}": value for name, value in data.items()},
    )
    assert response.status_code == 422
    assert message in response.content.decode()
    section.refresh_from_db()
    assert section.text == ""
    letter.refresh_from_db()
    assert letter.edit_version == 1


def test_the_savings_block_shows_the_addressed_municipalitys_measures_only(dordrecht):
    other_region = MunicipalityFactory(region=RegionFactory(slug="elders"), name="Elders")
    for name, year, amount in (("Taskforce passende zorg", 2025, "611000"),
                               ("Taskforce passende zorg", None, "1387000"),
                               ("Aanpak fraude in de zorg", 2025, "187000"),
                               ("Aanpak fraude in de zorg", None, "375000")):  # fmt: skip
        SavingsMeasureFactory(municipality=dordrecht, name=name, year=year, amount=amount)
    SavingsMeasureFactory(municipality=other_region, name="Elders-maatregel", year=2025)
    params = {"title": "Besparingen (netto-effect) in euro's", "structural_label": "structureel"}
    with region_scope(dordrecht.region):
        data = build_savings_block(dordrecht.region, params, dordrecht)
        empty = build_savings_block(
            dordrecht.region, params, MunicipalityFactory(region=dordrecht.region, name="Leeg")
        )
    assert data["columns"] == ["Besparingen (netto-effect) in euro's", "2025", "structureel"]
    assert data["rows"] == [
        ["Taskforce passende zorg", "611.000", "1.387.000"],
        ["Aanpak fraude in de zorg", "187.000", "375.000"],
    ]
    assert data["footer"] == ["Totaal", "798.000", "1.762.000"]
    assert "Elders" not in str(data)
    assert empty["rows"] == [] and "Er zijn geen ombuigingen vastgelegd voor Leeg." in empty["note"]


def test_the_migration_turns_plain_texts_into_the_same_html():
    migration = importlib.import_module("governance.migrations.0012_section_text_html")
    assert migration.plain_to_html(
        "Aanleiding <b> & meer.\nTweede regel.\n\n## Kop\n- een\n- twee\n  vervolg\nNa."
    ) == (
        "<p>Aanleiding &lt;b&gt; &amp; meer.<br>Tweede regel.</p><h3>Kop</h3>"
        "<ul><li>een</li><li>twee vervolg</li></ul><p>Na.</p>"
    )
    assert migration.plain_to_html("<p>al HTML</p>") == "<p>al HTML</p>"
    assert migration.plain_to_html("") == ""


def test_a_placeholder_without_its_block_keeps_the_letter_from_approval(griffie, letter):
    from governance.letters.completeness import missing_for_issue

    for section in letter.sections.all():
        section.text = "<p>Tekst.</p>"
        section.save()
    section = section_of(letter, 5)
    section.text = "<p>Voor.</p><p>[[blok 2]]</p>"
    section.save()
    missing = missing_for_issue(letter_for_print(pk=letter.pk))
    assert missing == [
        "gegevensblok 2 dat 'Welke kosten zijn verbonden aan het proces?' noemt ([[blok 2]])"
    ]
