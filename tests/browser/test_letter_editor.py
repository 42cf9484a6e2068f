"""The editor of letter sections in Chromium: the griffie writes the 2024 letter (seed 004) from
an empty letter, its lists and its savings table in place, a colleague approves and issues it,
and the PDF reads as the fixture's letter; hostile HTML pasted into a section reaches neither
the page nor the PDF; without JavaScript the section is a plain field in the simple markup."""

import io
import json
import subprocess
from pathlib import Path

from django.core.management import call_command

import pikepdf
import pytest

from core.scope import all_regions
from governance.models import Letter, LetterPdf, LetterSection
from tests.browser.conftest import ARTIFACTS, log_in, screenshot
from tests.browser.test_journeys import pdf_text

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

FIXTURE = Path(__file__).resolve().parents[2] / "fixtures" / "zhz_letters.json"
LETTER_2024 = "4b0e2d9a-6c1f-4d7e-8a34-202400000004"
SUBJECT = "Knoppen om jeugdhulp beschikbaar en betaalbaar te houden"


def _texts_of_004() -> dict[int, str]:
    """The sections of 004 as the fixture holds them: what the griffie pastes."""
    return {
        item["fields"]["question"][1]: item["fields"]["text"]
        for item in json.loads(FIXTURE.read_text(encoding="utf-8"))
        if item["model"] == "governance.lettersection" and item["fields"]["letter"] == [LETTER_2024]
    }


def _paste(page, index: int, html: str) -> None:
    """What pasting does in a contenteditable: the HTML goes in where the cursor is."""
    editor = page.locator("[data-richtext-editor]").nth(index)
    editor.click()
    page.evaluate("html => document.execCommand('insertHTML', false, html)", html)


def _lines(pdf: bytes) -> list[str]:
    """The PDF's lines as pdftotext lays them out (a table row on one line)."""
    pdf_text(pdf)  # skips the test when pdftotext is missing
    layout = subprocess.run(
        ["pdftotext", "-layout", "-", "-"], input=pdf, capture_output=True, check=True
    ).stdout.decode()
    return [" ".join(line.split()) for line in layout.splitlines() if line.strip()]


def _new_letter(page, *, subject: str) -> str:
    page.goto("/brieven/nieuw/")
    page.locator("[name=template]").select_option(
        label="Raadsinformatiebrief, versie 2 (vanaf 01-01-2024)"
    )
    page.locator("[name=subject]").fill(subject)
    page.locator("[name=date]").fill("2024-11-12")
    page.get_by_label("Ja", exact=True).check()
    page.get_by_role("button", name="Aanmaken en verder schrijven").click()
    page.wait_for_url("**/bewerken/")
    return page.url.removesuffix("bewerken/")


def test_the_griffie_writes_004_and_a_colleague_issues_it(browser, live_server, zhz_demo):
    call_command("issue_fixture_letters", verbosity=0)
    texts = _texts_of_004()
    context = browser.new_context(base_url=live_server.url, locale="nl-NL")
    page = context.new_page()
    log_in(page, "griffie")
    letter_url = _new_letter(page, subject=SUBJECT)
    editors = page.locator("[data-richtext-editor]")
    assert editors.count() == 6
    assert page.locator("textarea[name$='-text']").first.is_hidden()
    for order, html in texts.items():
        _paste(page, order - 1, html)
    # The fifth section places its block in the middle: add the savings measures there.
    panel = page.locator("section.panel").filter(has_text="5. Welke kosten zijn verbonden")
    panel.locator("select[name^='nieuw-blok-']").select_option(label="Ombuigingen van de gemeente")
    panel.get_by_role("button", name="Opslaan en blok kiezen").click()
    page.wait_for_url("**/blokken/**")
    assert page.get_by_label("Titel van de tabel").input_value() == (
        "Besparingen (netto-effect) in euro's"
    )
    page.get_by_role("button", name="Blok toevoegen").click()
    page.get_by_text("Het blok 'Ombuigingen van de gemeente' is toegevoegd.").wait_for()
    # The block list names the placeholder; the text, saved before the block was added, has it.
    assert panel.locator("code.block-placeholder").inner_text() == "[[blok 1]]"
    assert "[[blok 1]]" in editors.nth(4).inner_text()
    # The seed's author, as the fixture letter names her (the header field the griffie fills).
    page.locator("[name=author]").fill("Noor Memostra")
    screenshot(page, "editor-004-1-written")
    page.get_by_role("button", name="Opslaan", exact=True).click()
    page.get_by_text("De brief is opgeslagen.").wait_for()

    # On screen: the lists and the table where the text has them.
    page.goto(letter_url)
    body = page.locator(".letter-page")
    assert body.locator("ol li").nth(0).inner_text() == "De toegang."
    assert body.locator("h3", has_text="4. Rechtmatigheid en handhaving").count() == 1
    costs = body.locator("#vraag-5")
    assert costs.locator("table").count() == 1
    assert costs.locator("tfoot").inner_text().split() == ["Totaal", "1.298.000", "2.262.000"]
    order = costs.evaluate(
        """section => Array.from(section.querySelectorAll('p, table')).map(e => e.tagName)"""
    )
    assert order.index("TABLE") == 1 and order[0] == "P" and order[2] == "P"
    screenshot(page, "editor-004-2-letter")
    context.close()

    context = browser.new_context(base_url=live_server.url, locale="nl-NL")
    page = context.new_page()
    log_in(page, "griffie2")
    page.goto(letter_url)
    page.get_by_role("button", name="Gereed melden").click()
    page.get_by_text("De brief is gereed gemeld.").wait_for()
    page.get_by_role("link", name="Verzenden…").click()
    page.wait_for_url("**/verzenden/bevestigen/")
    page.get_by_label("verzend de brief definitief").check()
    page.get_by_role("button", name="Definitief verzenden").click()
    page.get_by_text("PDF gemaakt en opgeslagen").first.wait_for()
    pdf = context.request.get(letter_url + "pdf/GM0505/").body()
    (ARTIFACTS / "editor-004.pdf").write_bytes(pdf)
    context.close()

    lines = _lines(pdf)
    table = lines.index("Besparingen (netto-effect) in euro's 2025 structureel")
    assert lines[table - 1].endswith("volgende besparingen voor jeugdhulp opgenomen:")
    assert lines[table + 1 : table + 5] == [
        "Taskforce passende zorg 611.000 1.387.000",
        "Jeugdhulp naar voren (incl. POH) 500.000 500.000",
        "Aanpak fraude in de zorg 187.000 375.000",
        "Totaal 1.298.000 2.262.000",
    ]
    assert "1. De toegang." in lines and "Visie sociaal domein Dordrecht 2030." in lines
    # It reads exactly as the letter of the fixtures, written from the seed.
    with all_regions():
        fixture_pdf = LetterPdf.objects.get(letter__public_id=LETTER_2024).file.read()
        letter = Letter.objects.exclude(public_id=LETTER_2024).get(subject=SUBJECT)
        assert (letter.created_by.username, letter.approved_by.username) == ("griffie", "griffie2")
    assert lines == _lines(fixture_pdf)


HOSTILE = (
    '<p onclick="alert(1)" style="background:url(https://evil.example/bg.png)">Gewone tekst'
    '<img src="https://evil.example/pixel.png" onerror="alert(2)"></p>'
    "<script>alert(3)</script><style>p{background:url(https://evil.example/x.png)}</style>"
    '<p><a href="javascript:alert(4)">klik</a> en <a href="https://example.org/">goed</a></p>'
    '<iframe src="https://evil.example/"></iframe>'
)


def test_hostile_html_pasted_into_a_section_reaches_no_page_and_no_pdf(
    browser, live_server, zhz_demo
):
    context = browser.new_context(base_url=live_server.url, locale="nl-NL")
    page = context.new_page()
    remote = []
    page.on(
        "request", lambda request: remote.append(request.url) if "evil" in request.url else None
    )
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    log_in(page, "griffie")
    letter_url = _new_letter(page, subject="Brief met geplakte HTML")
    # Pasted as-is into the editor, and sent as the editor's HTML bypassing it too.
    _paste(page, 0, HOSTILE)
    page.locator("textarea[name$='-text']").nth(1).evaluate(
        "(field, html) => field.form.addEventListener('submit', () => { field.value = html; })",
        HOSTILE,
    )
    page.get_by_role("button", name="Opslaan", exact=True).click()
    page.get_by_text("De brief is opgeslagen.").wait_for()
    # What the author's own browser did with the paste before saving (the page's CSP allows
    # no remote image anyway) is not the question; from here on no page asks for anything.
    remote.clear()
    with all_regions():
        stored = list(
            LetterSection.objects.filter(letter__subject="Brief met geplakte HTML")
            .order_by("question__order")
            .values_list("text", flat=True)
        )
    for text in stored[:2]:
        assert "Gewone tekst" in text and 'href="https://example.org/"' in text
        for needle in ("alert", "evil", "javascript:", "onclick", "onerror", "style", "<img"):
            assert needle not in text, needle

    for url in (letter_url, letter_url + "bewerken/", letter_url + "voorbeeld/"):
        page.goto(url)
        html = page.content()
        for needle in ("alert(", "evil.example", "javascript:", "onclick=", "onerror="):
            assert needle not in html, (url, needle)
    assert page.locator("a[href='https://example.org/']").count() == 2
    pdf = context.request.get(letter_url + "voorbeeld.pdf?gemeente=GM0505").body()
    context.close()
    assert not remote and not dialogs
    text = " ".join(pdf_text(pdf).split())
    assert "Gewone tekst" in text and "klik en goed" in text
    for needle in ("alert", "evil", "javascript", "background"):
        assert needle not in text, needle
    with pikepdf.open(io.BytesIO(pdf)) as document:
        uris = [
            str(annotation.A.URI)
            for page_ in document.pages
            for annotation in page_.get("/Annots", [])
        ]
        assert uris == ["https://example.org/", "https://example.org/"]
        assert "/JavaScript" not in document.Root.get("/Names", {})
        assert "/OpenAction" not in document.Root


def test_without_javascript_the_section_is_a_plain_field_in_the_markup(
    browser, live_server, zhz_demo
):
    context = browser.new_context(
        base_url=live_server.url, locale="nl-NL", java_script_enabled=False
    )
    page = context.new_page()
    log_in(page, "griffie")
    letter_url = _new_letter(page, subject="Brief zonder editor")
    assert page.locator("[data-richtext-editor]").count() == 0
    field = page.locator("textarea[name$='-text']").first
    field.fill(
        "Inleiding met **vet**.\n\n- een\n- twee\n\n| Maatregel | 2025 |\n| Taskforce | 611.000 |"
    )
    page.get_by_role("button", name="Opslaan", exact=True).click()
    page.get_by_text("De brief is opgeslagen.").wait_for()
    # Shown back in the markup, and on the letter as formatted text.
    assert page.locator("textarea[name$='-text']").first.input_value() == (
        "Inleiding met **vet**.\n\n- een\n- twee\n\n| Maatregel | 2025 |\n| Taskforce | 611.000 |"
    )
    page.goto(letter_url)
    section = page.locator(".letter-page #vraag-1")
    assert section.locator("strong").inner_text() == "vet"
    assert section.locator("ul li").count() == 2
    assert section.locator("table td").all_inner_texts() == ["Taskforce", "611.000"]
    context.close()


def test_the_editor_and_a_rich_letter_have_no_serious_accessibility_violations(page, zhz_demo):
    from tests.browser.test_accessibility import _violations

    log_in(page, "griffie")
    _new_letter(page, subject="Brief voor de toegankelijkheid")
    page.reload()  # without the message of the creation (base.html's list of messages)
    page.locator("[data-richtext-editor]").first.wait_for()
    assert _violations(page) == []
    with all_regions():
        fixture_letter = Letter.objects.get(public_id=LETTER_2024)
    page.goto(f"/brieven/{fixture_letter.pk}/")
    assert _violations(page) == []
