"""A programme's week in one journey: the adviser adds an effort with target "Q3 2026" and sets
another to "Niet behaald" (a reason is asked); the Netwerk MT member sees the reason behind the
red mark, sends a report back with a reason, and the adviser finds it on her home page and in
her mail (Django's locmem outbox, which the live server shares with the test; the worker's queue
is run by the test)."""

import pytest

from tests.browser.conftest import log_in, screenshot
from tests.tasks import run_queued_tasks

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

RED_REASON = "Geen data van de aanbieders ontvangen"
RETURN_REASON = "Vul bij inspanning 1 aan wanneer de data wel komen"


def test_a_report_sent_back_with_a_reason_reaches_the_adviser(
    browser, live_server, zhz_demo, mailoutbox
):
    adviser = browser.new_context(base_url=live_server.url, locale="nl-NL")
    page = adviser.new_page()
    log_in(page, "adviseur")
    page.goto("/programma/projecten/2.1.2/")
    page.get_by_text("Inspanning toevoegen", exact=True).first.click()
    form = page.locator("form[action$='/inspanningen/nieuw/']")
    form.get_by_label("Inspanning", exact=True).fill("Monitor met de raden bespreken")
    form.get_by_label("Afgesproken tijdsdoel").fill("Q3 2026")
    form.get_by_role("button", name="Inspanning toevoegen").click()
    page.get_by_text("De inspanning is toegevoegd.").wait_for()
    added = page.locator("tr", has_text="Monitor met de raden bespreken")
    assert "gelezen als 1 juli 2026 – 30 september 2026" in added.inner_text()

    page.get_by_role("link", name="Wijzigen inspanning 1", exact=True).click()
    page.get_by_label("Status", exact=True).select_option(label="Niet behaald")
    page.get_by_role("button", name="Opslaan").click()  # without a reason: asked for one
    page.get_by_text("Bij de status 'Niet behaald' hoort een reden").wait_for()
    page.get_by_label("Opmerking", exact=True).fill(RED_REASON)
    page.get_by_role("button", name="Opslaan").click()
    page.locator("tr", has_text=RED_REASON).wait_for()
    page.get_by_role("button", name="Nieuwe rapportage opstellen").click()
    page.wait_for_url("**/programma/rapportages/*/")
    page.get_by_role("button", name="Indienen").click()
    page.get_by_text("De rapportage is ingediend.").wait_for()
    adviser.close()
    run_queued_tasks()
    assert [mail.to for mail in mailoutbox] == [["nmt@demo.example.org"]]
    mailoutbox.clear()

    network = browser.new_context(base_url=live_server.url, locale="nl-NL")
    page = network.new_page()
    log_in(page, "nmt")
    red = page.locator('[data-queue="red-projects"]')
    red.get_by_text(RED_REASON).wait_for()  # the reason behind the red mark, on the home page
    screenshot(page, "queues-1-network-home")
    page.get_by_role("link", name="Naar het programmadashboard").click()
    page.wait_for_url("**/programma/")
    reason = page.get_by_text(f"“{RED_REASON}”").first
    page.get_by_text("1 niet behaald: waarom?").click()
    reason.wait_for()
    page.go_back()
    page.locator('[data-queue="reports-to-adopt"]').get_by_role("link").first.click()
    page.wait_for_url("**/programma/rapportages/*/")
    page.get_by_label("Reden", exact=False).fill(RETURN_REASON)
    page.get_by_role("button", name="Terugsturen", exact=True).click()
    page.get_by_text("de opsteller krijgt de reden").wait_for()
    screenshot(page, "queues-2-report-sent-back")
    network.close()

    run_queued_tasks()
    [mail] = mailoutbox
    assert mail.to == ["adviseur@demo.example.org"]
    assert RETURN_REASON in mail.body
    assert "/programma/rapportages/" in mail.body

    adviser = browser.new_context(base_url=live_server.url, locale="nl-NL")
    page = adviser.new_page()
    log_in(page, "adviseur")
    drafts = page.locator('[data-queue="my-draft-reports"]')
    drafts.get_by_text(RETURN_REASON).wait_for()
    screenshot(page, "queues-3-adviser-home")
    drafts.get_by_role("link").first.click()
    page.wait_for_url("**/programma/rapportages/*/")
    page.get_by_text(RETURN_REASON).wait_for()
    adviser.close()
