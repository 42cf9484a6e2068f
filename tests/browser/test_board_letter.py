"""A board's letter in Chromium: the secretary of the Dagelijks Bestuur (demo account
`secretaris`) sends the fixtures' letter 002 to the ten colleges; the background job makes the
ten PDFs, each with the board's letterhead, "Geacht college," and the three signatories, and
every addressed griffie gets an e-mail with the link to its PDF."""

import io
import zipfile

from django.core import mail
from django.core.management import call_command

import pytest

from core.scope import all_regions
from governance.letters.constants import LetterStatus
from governance.models import Letter
from tests.browser.conftest import ARTIFACTS, log_in, screenshot
from tests.browser.test_journeys import pdf_text
from tests.tasks import run_queued_tasks

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LETTER_002 = "8e51a2c4-3d7b-4f0e-a9c2-202100000002"
SUBJECT = "Stand van zaken inkoopproces Jeugdhulp 2022 en implementatie adviezen AEF"


def test_the_secretariat_issues_002_to_the_ten_colleges(browser, live_server, zhz_demo):
    call_command("issue_fixture_letters", verbosity=0)
    with all_regions():
        letter = Letter.objects.get(public_id=LETTER_002)
    context = browser.new_context(base_url=live_server.url, locale="nl-NL")
    page = context.new_page()
    log_in(page, "secretaris")
    page.goto("/brieven/")
    page.get_by_role("link", name=SUBJECT).first.click()
    page.wait_for_url(f"**/brieven/{letter.pk}/")
    detail = page.content()
    # Before issue the page shows who signs, from the board's memberships on the letter's date.
    for text in (
        "Geacht college,",
        "De voorzitter,",
        "Jan Proefhout",
        "De secretaris,",
        "Carla Testman",
        "De plv. secretaris,",
        "Erik Demooij",
    ):
        assert text in detail, text
    assert "Wat is de aanleiding" not in detail
    screenshot(page, "bestuursbrief-002")

    page.get_by_role("link", name="Verzenden…").click()
    page.wait_for_url("**/verzenden/bevestigen/")
    screenshot(page, "bestuursbrief-002-bevestigen")
    page.get_by_label("verzend de brief definitief").check()
    page.get_by_role("button", name="Definitief verzenden").click()
    # The batch is a background job: its page waits for the worker, which runs it here.
    page.wait_for_url("**/taken/*/")
    page.get_by_text("De brief wordt verzonden").first.wait_for()
    assert run_queued_tasks() >= 1
    run_queued_tasks()  # the e-mails the job queued
    page.reload()
    page.get_by_text("De brief is verzonden: 10 PDF’s gemaakt en opgeslagen.").first.wait_for()
    screenshot(page, "bestuursbrief-002-taak")
    with all_regions():
        letter.refresh_from_db()
        assert letter.status == LetterStatus.ISSUED
        assert letter.issued_by.username == "secretaris"
        assert letter.pdfs.count() == 10

    page.goto(f"/brieven/{letter.pk}/")
    assert page.content().count("✓ verzonden") == 10
    screenshot(page, "bestuursbrief-002-verzonden")
    archive = context.request.get(f"/brieven/{letter.pk}/zip/").body()
    with zipfile.ZipFile(io.BytesIO(archive)) as zipped:
        names = sorted(zipped.namelist())
        assert len(names) == 10
        pdfs = {name[:6]: zipped.read(name) for name in names}
    (ARTIFACTS / "bestuursbrief-002-GM0505.pdf").write_bytes(pdfs["GM0505"])
    for cbs_code, pdf in pdfs.items():
        text = " ".join(pdf_text(pdf).split())
        assert "Dagelijks Bestuur Dienst Gezondheid & Jeugd" in text, cbs_code
        assert "Aan het college van burgemeester en wethouders van de gemeente" in text
        assert "Geacht college," in text
        assert "Inkoopproces Jeugdhulp 2022" in text and "Tenslotte" in text
        for signatory in (
            "De voorzitter, Jan Proefhout",
            "De secretaris, Carla Testman",
            "De plv. secretaris, Erik Demooij",
        ):
            assert signatory in text, (cbs_code, signatory)
        assert "Wat is de aanleiding" not in text and "Portefeuillehouder" not in text
    context.close()

    # The griffie of Dordrecht (the demo accounts griffie and griffie2) gets the link to its PDF.
    dordrecht = [
        m
        for m in mail.outbox
        if m.to[0] in ("griffie@demo.example.org", "griffie2@demo.example.org")
    ]
    assert len(dordrecht) == 2
    assert all(f"/brieven/{letter.pk}/pdf/GM0505/" in m.body for m in dordrecht)
    assert all(m.subject.startswith("Brief van Dagelijks Bestuur") for m in dordrecht)
