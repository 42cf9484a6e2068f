"""The users' journeys end to end in headless Chromium, with screenshots kept as artefacts."""

import shutil
import subprocess

import pytest

from tests.browser.conftest import ARTIFACTS, log_in, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

REMARK = "Prototype opgeleverd"


def pdf_text(pdf: bytes) -> str:
    """The text of a PDF as poppler's pdftotext reads it (installed with poppler-utils)."""
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) ontbreekt")
    result = subprocess.run(["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True)
    return result.stdout.decode()


def test_adviser_updates_an_effort_and_reports_and_the_network_adopts(
    browser, live_server, zhz_demo
):
    adviser = browser.new_context(base_url=live_server.url, locale="nl-NL")
    page = adviser.new_page()
    log_in(page, "adviseur")
    page.get_by_role("link", name="Projecten").click()
    page.get_by_role("link", name="Beter begroten en monitoren").click()
    page.wait_for_url("**/programma/projecten/2.1.2/")
    screenshot(page, "journey-1-project")

    # Inline edit (htmx): the first effort becomes Behaald with a remark.
    page.get_by_role("link", name="Wijzigen inspanning 1", exact=True).click()
    page.get_by_label("Status", exact=True).select_option(label="Behaald")
    page.get_by_label("Opmerking", exact=True).fill(
        "Prototype opgeleverd aan Gorinchem en Sliedrecht"
    )
    page.get_by_role("button", name="Opslaan").click()
    row = page.locator("tr", has_text=REMARK)
    row.wait_for()
    assert "Behaald" in row.inner_text()
    screenshot(page, "journey-2-effort-saved")

    page.get_by_role("button", name="Nieuwe rapportage opstellen").click()
    page.wait_for_url("**/programma/rapportages/*/")
    page.get_by_role("button", name="Indienen").click()
    page.get_by_text("De rapportage is ingediend.").wait_for()
    report_url = page.url
    screenshot(page, "journey-3-report-submitted")
    adviser.close()

    network = browser.new_context(base_url=live_server.url, locale="nl-NL")
    page = network.new_page()
    log_in(page, "nmt")
    page.get_by_role("link", name="Naar het programmadashboard").click()
    page.wait_for_url("**/programma/")
    screenshot(page, "journey-4-dashboard")
    page.goto(report_url)
    page.get_by_role("button", name="Vaststellen").click()
    page.get_by_text("Deze rapportage is vastgesteld en verandert niet meer.").wait_for()
    screenshot(page, "journey-5-report-adopted")
    response = network.request.get(report_url + "pdf/")
    assert response.status == 200
    pdf = response.body()
    assert pdf.startswith(b"%PDF-")
    network.close()
    (ARTIFACTS / "journey-report.pdf").write_bytes(pdf)
    text = " ".join(pdf_text(pdf).split())
    assert "Voortgangsrapportage" in text
    assert "Prototype opgeleverd" in text
    assert "vastgesteld" in text


def test_effort_status_can_be_edited_by_keyboard_alone(page, zhz_demo):
    log_in(page, "adviseur")
    page.goto("/programma/projecten/2.1.2/")
    link = page.get_by_role("link", name="Wijzigen inspanning 1", exact=True)
    for _ in range(200):
        page.keyboard.press("Tab")
        if link.evaluate("element => element === document.activeElement"):
            break
    else:
        pytest.fail("The edit link of effort 1 is not reachable by Tab")
    page.keyboard.press("Enter")
    status = page.get_by_label("Status", exact=True)
    status.wait_for()
    status.focus()
    page.keyboard.press("ArrowDown")  # Onbekend → Behaald
    page.keyboard.press("Tab")  # to the remark
    page.keyboard.type("Met het toetsenbord")
    page.keyboard.press("Tab")  # to Opslaan
    page.keyboard.press("Enter")
    page.locator("tr", has_text="Met het toetsenbord").wait_for()
    screenshot(page, "keyboard-effort-saved")


def test_griffie_issues_a_letter_and_downloads_its_pdf(browser, live_server, zhz_demo):
    """The griffie writes; her colleague approves (four eyes), looks at the final PDF on the
    confirmation page and confirms the issue."""
    context = browser.new_context(base_url=live_server.url, locale="nl-NL")
    page = context.new_page()
    log_in(page, "griffie")
    page.get_by_role("link", name="Brieven", exact=True).first.click()
    page.goto("/brieven/nieuw/")
    page.locator("[name=subject]").fill("Voortgang Werk voor de Jeugd")
    page.locator("[name=date]").fill("2024-11-01")
    page.get_by_label("Ja", exact=True).check()
    page.get_by_role("button", name="Aanmaken en verder schrijven").click()
    page.wait_for_url("**/bewerken/")
    letter_url = page.url.removesuffix("bewerken/")
    # The profile of Dordrecht gave the header its repeating fields.
    assert page.locator("[name=pillar]").input_value() == "Sociale Leefomgeving"
    for index, editor in enumerate(page.locator("[data-richtext-editor]").all()):
        editor.fill(f"Tekst van onderdeel {index + 1}.")
    screenshot(page, "journey-griffie-1-editor")
    page.get_by_role("button", name="Opslaan", exact=True).click()
    page.goto(letter_url)
    page.get_by_text("Een ander (vier ogen) leest hem en meldt hem gereed.").wait_for()
    assert page.get_by_role("button", name="Gereed melden").count() == 0
    context.close()

    context = browser.new_context(base_url=live_server.url, locale="nl-NL")
    page = context.new_page()
    log_in(page, "griffie2")
    page.goto(letter_url)
    page.get_by_role("button", name="Gereed melden").click()
    page.get_by_text("De brief is gereed gemeld.").wait_for()
    page.get_by_role("link", name="Verzenden…").click()
    page.wait_for_url("**/verzenden/bevestigen/")
    page.locator("iframe.pdf-preview").wait_for()
    screenshot(page, "journey-griffie-2-confirm")
    preview = context.request.get(letter_url + "voorbeeld.pdf?gemeente=GM0505")
    assert preview.status == 200
    assert "NOG NIET VERZONDEN" in pdf_text(preview.body()).upper()
    page.get_by_label("verzend de brief definitief").check()
    page.get_by_role("button", name="Definitief verzenden").click()
    page.get_by_text("PDF gemaakt en opgeslagen").first.wait_for()
    screenshot(page, "journey-griffie-3-issued")
    response = context.request.get(letter_url + "pdf/GM0505/")
    assert response.status == 200
    pdf = response.body()
    (ARTIFACTS / "journey-letter.pdf").write_bytes(pdf)
    text = " ".join(pdf_text(pdf).split())
    assert "Voortgang Werk voor de Jeugd" in text
    assert "Dordrecht" in text
    assert "Pijler Sociale Leefomgeving" in text
    assert "NOG NIET VERZONDEN" not in text.upper()
    context.close()


def test_not_achieved_asks_a_reason_and_the_network_sees_it_behind_the_red_mark(
    browser, live_server, zhz_demo
):
    adviser = browser.new_context(base_url=live_server.url, locale="nl-NL")
    page = adviser.new_page()
    log_in(page, "adviseur")
    page.goto("/programma/projecten/2.1.2/")
    page.get_by_role("link", name="Wijzigen inspanning 1", exact=True).click()
    page.get_by_label("Status", exact=True).select_option(label="Niet behaald")
    page.get_by_role("button", name="Opslaan").click()
    page.get_by_text("Bij de status 'Niet behaald' hoort een reden").wait_for()
    page.get_by_label("Opmerking", exact=True).fill("Geen data van de aanbieders ontvangen")
    page.get_by_role("button", name="Opslaan").click()
    page.locator("tr", has_text="Geen data van de aanbieders ontvangen").wait_for()
    adviser.close()

    network = browser.new_context(base_url=live_server.url, locale="nl-NL")
    page = network.new_page()
    log_in(page, "nmt")
    page.get_by_role("link", name="Naar het programmadashboard").click()
    page.wait_for_url("**/programma/")
    reason = page.get_by_text("“Geen data van de aanbieders ontvangen”").first
    assert not reason.is_visible()  # closed until asked
    page.get_by_text("1 niet behaald: waarom?").click()
    reason.wait_for()
    screenshot(page, "reason-behind-red")
    network.close()
