"""Browser tests: Playwright driving the system's Chromium against pytest-django's live server."""

import os
from pathlib import Path

from django.core.management import call_command

import pytest

CHROMIUM_PATH = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"

# Playwright's sync API runs an event loop in this thread; Django's ORM calls made by the test
# itself (not by the live server) are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_collection_modifyitems(config, items):
    if Path(CHROMIUM_PATH).exists():
        return
    if os.environ.get("REQUIRE_BROWSER") == "1":
        raise pytest.UsageError(f"Chromium niet gevonden op {CHROMIUM_PATH}, en REQUIRE_BROWSER=1.")
    skip = pytest.mark.skip(reason="Chromium ontbreekt; browsertests overgeslagen")
    for item in items:
        if "browser" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM_PATH,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(base_url=live_server.url, locale="nl-NL")
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def zhz_demo(transactional_db):
    """The ZHZ reference data and the demo accounts, as `make run` loads them."""
    call_command("load_reference_data", verbosity=0)
    call_command("demo_accounts", verbosity=0)


def screenshot(page, name: str) -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def log_in(page, username: str, password: str = "demo") -> None:
    """Log in as a person does; an administrator's second step is given with the app's code."""
    page.goto("/accounts/login/")
    page.get_by_label("Gebruikersnaam").fill(username)
    page.get_by_label("Wachtwoord").fill(password)
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_load_state()
    if "/accounts/tweede-stap/" in page.url:
        give_second_factor(page, username)


def totp_code(username: str) -> str:
    """The code the user's authenticator app shows now (the next one if this one was used)."""
    import time

    from django_otp.oath import TOTP
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.filter(user__username=username).order_by("-confirmed").first()
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time()
    if totp.t() <= device.last_t:
        totp.time += device.step
    return f"{totp.token():0{device.digits}d}"


def give_second_factor(page, username: str) -> None:
    """The second step: the code from the app; at the first login the app is set up first."""
    page.get_by_role("heading", name="Tweede stap").wait_for()
    page.locator("#id_code").fill(totp_code(username))
    page.get_by_role("button", name="Bevestigen").click()
    page.wait_for_load_state()
    saved = page.get_by_role("link", name="Ik heb de codes bewaard, ga verder")
    if saved.count():
        saved.click()
        page.wait_for_load_state()
