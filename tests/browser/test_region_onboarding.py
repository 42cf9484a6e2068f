"""A new region is brought in through the browser, from the platform administrator to its users.

The platform administrator creates the region with its first functional administrator; that
administrator accepts the e-mailed invitation, uploads the region's workbook (written by hand
from the template) in one upload, checks the preview and applies it; a user the workbook made
accepts their invitation and works in the new region only, beside the ZHZ demo region.
"""

import re

from django.core import mail

import pytest

from programme.models import Project
from tests.browser.conftest import log_in, screenshot
from tests.governance.workbook import handwritten
from tests.tasks import run_queued_tasks

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _accept_invitation(page, message, password: str) -> None:
    path = re.search(r"https?://[^/\s]+(/accounts/uitnodiging/\S+/)", message.body).group(1)
    page.goto(path)
    page.get_by_label("Nieuw wachtwoord", exact=True).fill(password)
    page.get_by_label("Nieuw wachtwoord bevestigen").fill(password)
    page.get_by_role("button", name="Wachtwoord instellen").click()
    page.wait_for_url("**/accounts/login/**")


def _sign_out(page) -> None:
    page.context.clear_cookies()


def test_a_new_region_is_brought_in_with_its_workbook(page, zhz_demo, tmp_path, settings):
    settings.SITE_URL = "http://testserver"  # the worker's invitations link here
    zhz_project = Project.objects.filter(programme__region__slug="zhz").first().name

    # The platform administrator creates the region and invites its first administrator.
    log_in(page, "platform")
    page.goto("/beheer/regios/nieuw/")
    page.get_by_label("Naam van de regio").fill(handwritten.REGION_NAME)
    page.get_by_label("Sleutel").fill(handwritten.REGION_SLUG)
    page.get_by_label("Naam van de functioneel beheerder").fill("P. Beheerder")
    page.get_by_label("Gebruikersnaam").fill("p.beheer")
    page.get_by_label("E-mailadres").fill("beheer@polderstreek.example")
    page.get_by_role("button", name="Regio aanmaken en uitnodigen").click()
    page.wait_for_load_state()
    [invitation] = [m for m in mail.outbox if m.to == ["beheer@polderstreek.example"]]
    _sign_out(page)

    # The administrator chooses a password and brings the region in with one upload.
    _accept_invitation(page, invitation, "Polder-Beheer-2026!")
    log_in(page, "p.beheer", "Polder-Beheer-2026!")
    page.get_by_role("link", name="Werkmap").first.click()
    workbook = tmp_path / "werkmap-polderstreek.xlsx"
    workbook.write_bytes(handwritten.workbook_bytes())
    page.get_by_label("Werkmap").set_input_files(str(workbook))
    page.get_by_role("button", name="Controleren").click()
    page.get_by_role("button", name="Toepassen").wait_for()
    preview = page.content()
    assert "als het uitkomt" in preview  # the unreadable time target, flagged and kept
    screenshot(page, "werkmap-controle")
    page.get_by_role("button", name="Toepassen").click()
    # Applying is a background job: its page waits for the worker, which runs it here.
    page.wait_for_url("**/taken/*/")
    page.get_by_text("De werkmap wordt toegepast").wait_for()
    assert run_queued_tasks() == 1
    page.reload()
    page.get_by_text("Werkmap toegepast in Polderstreek").wait_for()
    assert "1 nieuwe gebruiker kreeg een uitnodiging per e-mail." in page.content()
    screenshot(page, "werkmap-toegepast")
    _sign_out(page)

    # A user the workbook made accepts the invitation and sees the new region only.
    [adviser_mail] = [m for m in mail.outbox if m.to == ["c@craneveen.example"]]
    _accept_invitation(page, adviser_mail, "Polder-Adviseur-2026!")
    log_in(page, "c.adviseur", "Polder-Adviseur-2026!")
    page.goto("/programma/projecten/")
    projects = page.content()
    assert "Polderstreek Wijkteams Versterken" in projects
    assert zhz_project not in projects
    assert "Polderstreek" in page.locator("header").inner_text()
