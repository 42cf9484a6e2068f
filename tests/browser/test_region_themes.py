"""Two regions, two looks: each user's pages wear their own region's colours and logo, the
focus ring shows, and the functional administrator's refused colours change nothing."""

import pytest

from governance.constants import Role
from governance.models import Municipality, Person, RegionTheme
from tests.browser.conftest import log_in, screenshot
from tests.governance.factories import MunicipalityFactory, RegionFactory, UserFactory
from tests.governance.themes.helpers import png

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ZHZ_PRIMARY = "rgb(123, 30, 58)"  # #7b1e3a, the demo theme of ZHZ (fixtures/zhz_theme.json)
GREEN_PRIMARY = "rgb(26, 94, 58)"  # #1a5e3a


@pytest.fixture
def green_region(zhz_demo):
    region = RegionFactory(slug="groenland", name="Groenland")
    municipality = MunicipalityFactory(region=region, name="Groenstad")
    logo = png("#1a5e3a", size=(240, 80))
    RegionTheme.objects.create(
        region=region,
        display_name="Jeugdregio Groenland",
        primary="#1a5e3a",
        link="#1a5e3a",
        logo=logo,
        logo_sha256="0" * 64,
        logo_description="Logo van Groenland",
    )
    user = UserFactory(username="groen", role=Role.POLICY_ADVISER)
    Person.objects.create(
        region=region, municipality=municipality, user=user, slug="groen", name="Gea Groen"
    )
    return region


def _header(page) -> dict:
    return page.evaluate(
        """() => {
          const header = document.querySelector('.site-header');
          const logo = header.querySelector('img.brand__logo');
          return {
            background: getComputedStyle(header).backgroundColor,
            name: header.querySelector('.brand').innerText.trim(),
            logo: logo && logo.complete ? logo.naturalWidth : 0,
            alt: logo ? logo.alt : '',
            h1: getComputedStyle(document.querySelector('h1')).color,
          };
        }"""
    )


def test_two_regions_show_their_own_colours_and_logo(page, browser, live_server, green_region):
    log_in(page, "adviseur")
    page.goto("/")
    zhz = _header(page)
    assert zhz["background"] == ZHZ_PRIMARY and zhz["h1"] == ZHZ_PRIMARY
    assert zhz["name"] == "Jeugdregio Zuid-Holland Zuid"
    assert zhz["logo"] > 0 and zhz["alt"] == "Logo van de demo: ZHZ, jeugdregio"
    screenshot(page, "thema-zhz-start")

    # Focus: a dark ring of 3:1 or more on the page, the light one in the header.
    page.keyboard.press("Tab")  # the skip link
    page.keyboard.press("Tab")  # the brand link in the header
    outline = page.evaluate("() => getComputedStyle(document.activeElement).outlineColor")
    assert outline == "rgb(255, 255, 255)"

    other = browser.new_context(base_url=live_server.url, locale="nl-NL")
    green_page = other.new_page()
    log_in(green_page, "groen")
    green_page.goto("/")
    green = _header(green_page)
    assert green["background"] == GREEN_PRIMARY and green["h1"] == GREEN_PRIMARY
    assert green["name"] == "Jeugdregio Groenland"
    assert green["logo"] == 240 and green["alt"] == "Logo van Groenland"
    assert "Zuid-Holland Zuid" not in green_page.content()
    screenshot(green_page, "thema-groenland-start")
    other.close()


def test_the_administrator_is_refused_too_little_contrast(page, zhz_demo):
    log_in(page, "beheer")
    page.goto("/beheer/huisstijl/")
    page.locator("#id_primary").fill("#ffbf47")
    page.get_by_role("button", name="Opslaan").click()
    page.get_by_text("Te weinig contrast voor de tekst op de hoofdkleur").first.wait_for()
    screenshot(page, "thema-geweigerd")
    assert RegionTheme.objects.get(region__slug="zhz").primary == "#7b1e3a"
    assert Municipality.objects.filter(region__slug="zhz").exists()
