"""Signing in with the municipality's account, through a real OpenID Connect provider on
127.0.0.1 (tests/oidc_provider), driven in Chromium."""

import pytest

from governance.accounts.services import roles_set
from governance.constants import Role
from governance.models import IdentityProvider, Person
from tests.browser.conftest import screenshot
from tests.browser.oidc_provider import (
    REGION_CLIENT_ID,
    REGION_CLIENT_SECRET,
    configure_installation,
    start_provider,
    stop_provider,
)
from tests.governance.factories import BodyFactory, DecisionFactory, RegionFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ACCOUNTS = {
    "nina": {"email": "nina@noord.example", "name": "Nina Nieuw", "given_name": "Nina"},
    "anna": {"email": "anna@noord.example", "name": "Anna Adviseur"},
}


@pytest.fixture
def regions():
    north = RegionFactory(slug="noord", name="Regio Noord")
    south = RegionFactory(slug="zuid", name="Regio Zuid")
    DecisionFactory(body=BodyFactory(region=north), title="Besluit over Noord")
    DecisionFactory(body=BodyFactory(region=south), title="Besluit over Zuid", slug="zuid-besluit")
    return north, south


@pytest.fixture
def provider(live_server, settings, regions):
    local = start_provider(live_server.url, ACCOUNTS)
    configure_installation(settings, local, OIDC_CREATE_USERS_REGION="noord")
    yield local
    stop_provider(local)


def sign_in_at_provider(page, login: str) -> None:
    """The provider's own pages: its login form, then its consent (only the first time)."""
    page.locator("input[name=login]").fill(login)
    page.locator("input[name=password]").fill("geheim")
    page.get_by_role("button", name="Sign-in").click()
    page.get_by_role("button", name="Continue").click()


def test_first_login_creates_the_account_and_the_given_role_opens_its_home(page, provider):
    page.goto("/accounts/login/")
    page.get_by_role("link", name="Inloggen met uw gemeenteaccount").click()
    sign_in_at_provider(page, "nina")
    # Known now, but without a role: a Dutch page, no session.
    page.get_by_role("heading", name="Inloggen niet gelukt").wait_for()
    assert page.get_by_text("u hebt nog geen rol").is_visible()
    screenshot(page, "oidc-geen-rol")
    person = Person.objects.select_related("user", "region").get(email="nina@noord.example")
    assert person.region.slug == "noord" and person.name == "Nina Nieuw"
    assert not person.user.has_usable_password()

    # The region's administrator gives the role; the provider still knows the person.
    roles_set(person.user, [Role.GRIFFIE])
    page.goto("/accounts/login/")
    page.get_by_role("link", name="Inloggen met uw gemeenteaccount").click()
    page.get_by_role("heading", name="Recente besluiten").wait_for()
    assert page.get_by_role("cell", name="Besluit over Noord").is_visible()
    assert "Besluit over Zuid" not in page.content()
    screenshot(page, "oidc-griffie-start")

    # The other region's data does not exist for this user.
    response = page.goto("/bestuur/besluiten/zuid-besluit/")
    assert response.status == 404

    # Logging out ends the provider's session too: it asks for the login again afterwards.
    page.goto("/")
    page.get_by_role("button", name="Uitloggen").click()
    page.get_by_role("button", name="Yes, sign me out").click()
    page.wait_for_url("**/accounts/login/**")
    assert page.get_by_role("heading", name="Inloggen").is_visible()
    assert page.goto("/").url.split("?")[0].endswith("/accounts/login/")
    page.get_by_role("link", name="Inloggen met uw gemeenteaccount").click()
    page.locator("input[name=login]").wait_for()


def test_an_account_of_another_region_is_refused_by_a_regions_own_provider(page, provider, regions):
    north, south = regions
    UserFactory(role=Role.POLICY_ADVISER, region=north, username="anna", email="anna@noord.example")
    IdentityProvider.objects.create(
        region=south,
        name="Gemeenteaccount Zuid",
        issuer=provider.issuer,
        client_id=REGION_CLIENT_ID,
        client_secret=REGION_CLIENT_SECRET,
    )
    page.goto("/accounts/login/")
    # Two providers now: the installation's and the region's own.
    assert page.get_by_role("link", name="Gemeenteaccount", exact=True).is_visible()
    page.get_by_role("link", name="Gemeenteaccount Zuid").click()
    sign_in_at_provider(page, "anna")
    page.get_by_role("heading", name="Inloggen niet gelukt").wait_for()
    assert page.get_by_text("hoort bij een andere regio").is_visible()
    assert page.goto("/").url.split("?")[0].endswith("/accounts/login/")
    # Through the installation's provider the same account signs in, in its own region.
    page.goto("/accounts/login/")
    page.get_by_role("link", name="Gemeenteaccount", exact=True).click()
    # The provider knows the person already; this application's client asks consent once.
    page.get_by_role("button", name="Continue").click()
    page.get_by_role("button", name="Uitloggen").wait_for()
    assert page.get_by_role("heading", name="Mijn projecten").is_visible()


def test_with_local_login_off_the_login_page_offers_only_the_provider(page, provider, settings):
    settings.LOCAL_LOGIN_ENABLED = False
    page.goto("/accounts/login/")
    assert page.get_by_role("link", name="Inloggen met uw gemeenteaccount").is_visible()
    assert page.get_by_label("Wachtwoord").count() == 0
    assert page.get_by_label("Gebruikersnaam").count() == 0
    screenshot(page, "oidc-alleen-provider")
