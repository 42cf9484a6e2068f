"""The plan is edited where it is read: the adviser adds an effort on the project page."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import log_in, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_adviser_adds_an_effort_and_sees_the_period_its_target_was_read_as(page, zhz_demo):
    log_in(page, "adviseur")
    page.goto("/programma/projecten/2.1.2/")
    page.get_by_text("Inspanning toevoegen", exact=True).first.click()
    form = page.locator("form[action$='/inspanningen/nieuw/']")
    form.get_by_label("Inspanning", exact=True).fill("Monitor met de raden bespreken")
    form.get_by_label("Afgesproken tijdsdoel").fill("Q3 2026")
    form.get_by_role("button", name="Inspanning toevoegen").click()
    page.get_by_text("De inspanning is toegevoegd.").wait_for()
    row = page.locator("tr", has_text="Monitor met de raden bespreken")
    assert "Q3 2026" in row.inner_text()
    assert "gelezen als 1 juli 2026 – 30 september 2026" in row.inner_text()
    screenshot(page, "plan-effort-added")


def test_adviser_changes_a_target_inline_and_sees_the_new_period(page, zhz_demo):
    log_in(page, "adviseur")
    page.goto("/programma/projecten/2.1.2/")
    row = page.locator("tr[id^='inspanning-']").first
    row.locator("summary", has_text="Plan").click()
    row.get_by_role("link", name="Tekst en tijdsdoel").click()
    target = page.locator("tr.editing").get_by_label("Afgesproken tijdsdoel")
    target.fill("eind 2026")
    page.locator("tr.editing").get_by_role("button", name="Opslaan").click()
    page.locator("tr", has_text="gelezen als 1 oktober 2026 – 31 december 2026").wait_for()
    expect(page.locator("tr.editing")).to_have_count(0)  # the row came back in place (htmx)
