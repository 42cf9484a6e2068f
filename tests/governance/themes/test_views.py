"""The theme form of the region's functional administrator, and the stylesheet and logo views."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

import pytest

from governance.constants import Role
from governance.models import RegionTheme
from tests.governance.factories import RegionFactory, UserFactory, default_region

from .helpers import png

pytestmark = pytest.mark.django_db

EDIT = reverse("theme_admin:theme_edit")
GOOD = {
    "edit_version": 1,
    "display_name": "Jeugdregio Testland",
    "logo_description": "",
    "primary": "#1a5e3a",
    "primary_text": "#ffffff",
    "link": "#1a5e3a",
    "focus": "#1b1b1b",
}


@pytest.fixture
def region():
    return default_region()


@pytest.fixture
def admin_client(client, region):
    client.force_login(UserFactory(role=Role.FUNCTIONAL_ADMIN, region=region))
    return client


def _stylesheet(region):
    return reverse("themes:theme_stylesheet", args=[region.slug])


# --- The form -------------------------------------------------------------------------------


@pytest.mark.parametrize("role", [Role.POLICY_ADVISER, Role.GRIFFIE, Role.NETWORK_MT])
def test_other_roles_may_not_set_the_theme(client, region, role):
    client.force_login(UserFactory(role=role, region=region))
    assert client.get(EDIT).status_code == 403
    assert client.post(EDIT, GOOD).status_code == 403
    assert not RegionTheme.objects.exists()


def test_the_functional_administrator_sets_name_colours_and_logo(admin_client, region):
    logo = SimpleUploadedFile("logo.png", png(size=(1200, 300)), content_type="image/png")
    response = admin_client.post(EDIT, {**GOOD, "logo": logo}, follow=True)
    assert "De huisstijl van de regio is opgeslagen." in response.content.decode()
    theme = RegionTheme.objects.get(region=region)
    assert (theme.display_name, theme.primary, theme.edit_version) == (
        "Jeugdregio Testland",
        "#1a5e3a",
        1,
    )
    assert bytes(theme.logo).startswith(b"\x89PNG") and theme.has_logo
    # Re-encoded and scaled down to the box a header and letterhead need.
    import io

    from PIL import Image

    assert Image.open(io.BytesIO(bytes(theme.logo))).size == (600, 150)
    page = admin_client.get(reverse("home")).content.decode()
    assert f'href="{_stylesheet(region)}?v={theme.fingerprint}"' in page
    assert "Jeugdregio Testland" in page
    assert reverse("themes:theme_logo", args=[region.slug]) in page


def test_too_little_contrast_is_refused_naming_the_pair_and_changes_nothing(admin_client, region):
    admin_client.post(EDIT, GOOD)
    response = admin_client.post(
        EDIT, {**GOOD, "display_name": "Anders", "primary": "#ffbf47", "focus": "#dddddd"}
    )
    assert response.status_code == 422
    text = response.content.decode()
    assert "Te weinig contrast voor de tekst op de hoofdkleur (#ffffff op #ffbf47): 1,64:1" in text
    assert "de focuskleur op wit (#dddddd op #ffffff)" in text
    theme = RegionTheme.objects.get(region=region)
    assert (theme.display_name, theme.primary, theme.focus) == (
        "Jeugdregio Testland",
        "#1a5e3a",
        "#1b1b1b",
    )


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        (
            "logo.svg",
            b'<svg xmlns="http://www.w3.org/2000/svg"><script>x()</script></svg>',
            "Dit is geen leesbaar PNG-bestand.",
        ),
        ("logo.gif", b"GIF89a\x01\x00\x01\x00\x00\x00\x00;", "Dit is geen leesbaar PNG-bestand."),
        (
            "logo.png",
            b"\x89PNG\r\n\x1a\n" + b"\x00" * 300 * 1024,
            "Het logo is te groot: ten hoogste 200 kB.",
        ),
        ("logo.png", b"\x89PNG\r\n\x1a\nafgebroken", "Dit is geen leesbaar PNG-bestand."),
    ],
)
def test_a_logo_that_is_not_a_small_png_is_refused(admin_client, region, name, content, message):
    upload = SimpleUploadedFile(name, content, content_type="image/png")
    response = admin_client.post(EDIT, {**GOOD, "logo": upload})
    assert response.status_code == 422
    assert message in response.content.decode()
    assert not RegionTheme.objects.exists()


def test_a_jpeg_is_refused_as_not_png(admin_client):
    import io

    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (10, 10), "#000000").save(out, format="JPEG")
    upload = SimpleUploadedFile("logo.jpg", out.getvalue(), content_type="image/jpeg")
    response = admin_client.post(EDIT, {**GOOD, "logo": upload})
    assert response.status_code == 422
    assert "Het logo moet een PNG-bestand zijn." in response.content.decode()


def test_a_colour_that_is_not_hex_is_refused(admin_client):
    response = admin_client.post(EDIT, {**GOOD, "primary": "red; } body { display: none"})
    assert response.status_code == 422
    assert "Een kleur is # gevolgd door zes hexadecimale tekens" in response.content.decode()
    assert not RegionTheme.objects.exists()


def test_a_stale_form_is_refused(admin_client, region):
    admin_client.post(EDIT, GOOD)
    admin_client.post(EDIT, {**GOOD, "edit_version": 1, "display_name": "Eerste"})
    response = admin_client.post(EDIT, {**GOOD, "edit_version": 1, "display_name": "Tweede"})
    assert response.status_code == 409
    assert RegionTheme.objects.get(region=region).display_name == "Eerste"


def test_the_logo_can_be_removed(admin_client, region):
    logo = SimpleUploadedFile("logo.png", png(), content_type="image/png")
    admin_client.post(EDIT, {**GOOD, "logo": logo})
    admin_client.post(EDIT, {**GOOD, "remove_logo": "on"})
    theme = RegionTheme.objects.get(region=region)
    assert not theme.has_logo and bytes(theme.logo) == b""


# --- The stylesheet and the logo ------------------------------------------------------------


def test_the_stylesheet_sets_the_regions_tokens_and_is_cacheable(client, region):
    RegionTheme.objects.create(region=region, primary="#1a5e3a", link="#1a5e3a")
    other = RegionFactory(slug="andere-regio", name="Andere regio")
    RegionTheme.objects.create(region=other, primary="#6a2c70")
    response = client.get(_stylesheet(region))  # anonymous: public pages wear it too
    assert response.status_code == 200
    assert response["Content-Type"] == "text/css; charset=utf-8"
    css = response.content.decode()
    assert "--jr-theme-primary: #1a5e3a;" in css and "#6a2c70" not in css
    assert response["Cache-Control"] == "public, max-age=86400"
    etag = response["ETag"]
    again = client.get(_stylesheet(region), headers={"If-None-Match": etag})
    assert again.status_code == 304
    assert "--jr-theme-primary: #6a2c70;" in client.get(_stylesheet(other)).content.decode()
    # A change is a new version: a new ETag.
    RegionTheme.objects.filter(region=region).update(primary="#005f73")
    changed = client.get(_stylesheet(region), headers={"If-None-Match": etag})
    assert changed.status_code == 200 and changed["ETag"] != etag


def _logo(region):
    return reverse("themes:theme_logo", args=[region.slug])


@pytest.mark.parametrize("address", [_stylesheet, _logo])
@pytest.mark.parametrize(
    "if_none_match",
    ["{etag}", "W/{etag}", '"ouder", {etag}', '"ouder",W/{etag} , "nog-ouder"', "*"],
)
def test_a_browser_holding_the_current_version_gets_a_304(client, region, address, if_none_match):
    RegionTheme.objects.create(region=region, logo=png(), logo_sha256="x" * 64)
    first = client.get(address(region))
    etag = first["ETag"]
    assert first.status_code == 200 and etag.startswith('"') and etag.endswith('"')
    again = client.get(address(region), headers={"If-None-Match": if_none_match.format(etag=etag)})
    assert again.status_code == 304
    assert again.content == b""
    assert (again["ETag"], again["Cache-Control"]) == (etag, "public, max-age=86400")


@pytest.mark.parametrize("address", [_stylesheet, _logo])
@pytest.mark.parametrize("if_none_match", ['"ouder"', 'W/"ouder", "nog-ouder"', "", "rommel"])
def test_a_browser_holding_another_version_or_none_gets_the_content(
    client, region, address, if_none_match
):
    RegionTheme.objects.create(region=region, logo=png(), logo_sha256="x" * 64)
    expected = client.get(address(region))
    response = client.get(address(region), headers={"If-None-Match": if_none_match})
    assert response.status_code == 200
    assert response.content == expected.content and response.content
    assert (response["ETag"], response["Cache-Control"]) == (
        expected["ETag"],
        "public, max-age=86400",
    )


def test_the_logos_304_keeps_its_content_security_policy(client, region):
    RegionTheme.objects.create(region=region, logo=png(), logo_sha256="x" * 64)
    etag = client.get(_logo(region))["ETag"]
    again = client.get(_logo(region), headers={"If-None-Match": etag})
    assert again.status_code == 304
    assert again["Content-Security-Policy"] == "default-src 'none'"


def test_a_region_without_theme_gets_the_default_and_an_unknown_one_404(client, region):
    response = client.get(_stylesheet(region))
    assert response.status_code == 200
    assert "--jr-theme-primary: #33414e;" in response.content.decode()
    assert client.get(reverse("themes:theme_stylesheet", args=["geen-regio"])).status_code == 404
    assert client.get(reverse("themes:theme_logo", args=[region.slug])).status_code == 404


def test_the_logo_is_served_as_png_only(client, region):
    data = png()
    RegionTheme.objects.create(region=region, logo=data, logo_sha256="x" * 64)
    response = client.get(reverse("themes:theme_logo", args=[region.slug]))
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response.content == data


def test_a_user_sees_their_own_regions_theme_only(client, region):
    other = RegionFactory(slug="andere-regio", name="Andere regio")
    RegionTheme.objects.create(region=region, display_name="Eigen huisstijl")
    RegionTheme.objects.create(region=other, display_name="Andere huisstijl")
    client.force_login(UserFactory(role=Role.POLICY_ADVISER, region=other))
    page = client.get(reverse("home")).content.decode()
    assert "Andere huisstijl" in page and "Eigen huisstijl" not in page
    assert _stylesheet(other) in page and _stylesheet(region) not in page
