import pytest

from tests.browser.conftest import log_in, screenshot

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
