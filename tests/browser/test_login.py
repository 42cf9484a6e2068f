from urllib.parse import urlparse

import pytest

from tests.browser.conftest import give_second_factor, log_in, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_demo_adviser_logs_in_and_sees_their_projects(page, zhz_demo):
    log_in(page, "adviseur")
    page.wait_for_url("**/")
    assert page.get_by_role("heading", name="Mijn projecten").is_visible()
    assert page.get_by_role("cell", name="Beter begroten en monitoren").is_visible()
    screenshot(page, "adviseur-start")


@pytest.mark.parametrize("username", ["adviseur2", "griffie", "nmt", "beheer"])
def test_every_demo_account_logs_in(page, zhz_demo, username):
    log_in(page, username)
    page.wait_for_url("**/")
    assert page.get_by_role("button", name="Uitloggen").is_visible()
    screenshot(page, f"{username}-start")


def test_wrong_password_is_refused_in_dutch(page, zhz_demo):
    log_in(page, "adviseur", "verkeerd")
    assert page.get_by_text("Voer een juiste gebruikersnaam en wachtwoord in").is_visible()


def test_the_functional_administrator_sets_up_the_second_step_and_opens_the_admin(
    page, live_server, zhz_demo
):
    from django_otp.plugins.otp_totp.models import TOTPDevice

    # A new administrator has no app yet (the demo's own has a published key).
    TOTPDevice.objects.filter(user__username="beheer").delete()
    page.goto("/accounts/login/")
    page.get_by_label("Gebruikersnaam").fill("beheer")
    page.get_by_label("Wachtwoord").fill("demo")
    page.get_by_role("button", name="Inloggen").click()
    page.get_by_role("heading", name="Tweede stap").wait_for()
    assert page.get_by_role("img", name="QR-code").is_visible()
    screenshot(page, "tweede-stap-instellen")
    page.locator("#id_code").fill("000000")
    page.get_by_role("button", name="Bevestigen").click()
    assert page.get_by_text("Deze code klopt niet").is_visible()
    give_second_factor(page, "beheer")
    response = page.goto("/admin/")
    assert response.status == 200 and page.url.endswith("/admin/")
    assert page.get_by_text("Gegevens beheren").first.is_visible()
    # The next login, in a browser of its own, asks the code from the app set up now.
    context = page.context.browser.new_context(base_url=live_server.url, locale="nl-NL")
    again = context.new_page()
    log_in(again, "beheer")
    again.get_by_role("button", name="Uitloggen").wait_for()
    assert urlparse(again.url).path == "/"
    context.close()
