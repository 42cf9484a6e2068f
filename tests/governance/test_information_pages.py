"""The public information pages: accessibility statement, privacy and contact, for everyone,
linked from every page's footer, kept by the platform administrator alone."""

from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

import pytest

from core.markup import simple_markup
from governance.constants import InformationPageKind, Role
from governance.models import InformationPage
from tests.governance.factories import UserFactory

pytestmark = pytest.mark.django_db

FOOTER_LINKS = ['href="/toegankelijkheid/"', 'href="/privacy/"', 'href="/contact/"']


@pytest.mark.parametrize("kind", InformationPageKind.values)
def test_every_page_is_public_and_has_its_starting_text(client, kind):
    response = client.get(reverse(f"information_{kind}"))
    assert response.status_code == 200
    page = response.content.decode()
    assert f"<h1>{InformationPage.objects.get(kind=kind).title}</h1>" in page
    assert all(link in page for link in FOOTER_LINKS)


def test_the_accessibility_statement_follows_the_model_statement(client):
    page = client.get(reverse("information_toegankelijkheid")).content.decode()
    for part in ("Status van deze verklaring", "EN 301 549", "WCAG", "Nationale ombudsman"):
        assert part in page
    assert '<a href="https://www.nationaleombudsman.nl" rel="nofollow">' in page


def test_the_footer_links_the_pages_on_public_and_staff_pages(client):
    for url in (reverse("login"), reverse("public_letters:letter_list")):
        page = client.get(url).content.decode()
        assert all(link in page for link in FOOTER_LINKS), url
    client.force_login(UserFactory(role=Role.NETWORK_MT))  # without a region: its 403 page
    page = client.get(reverse("home")).content.decode()
    assert all(link in page for link in FOOTER_LINKS)
    assert client.get(reverse("information_privacy")).status_code == 200


def test_the_markup_gives_headings_paragraphs_lists_and_links_and_nothing_else():
    html = simple_markup(
        "Eerste regel\ntweede regel\n\n## Kop\n- een\n- twee\n\nMail info@example.org "
        '<script>alert(1)</script><a href="javascript:x" onclick="y">z</a>'
    )
    assert "<p>Eerste regel<br>tweede regel</p>" in html
    assert "<h2>Kop</h2>" in html
    assert "<ul><li>een</li><li>twee</li></ul>" in html
    assert '<a href="mailto:info@example.org">info@example.org</a>' in html
    assert "<script" not in html and '<a href="javascript' not in html and 'onclick="' not in html
    assert "&lt;script&gt;" in html


def test_a_list_and_the_lines_after_it_stay_apart():
    html = simple_markup("- een\n- twee\nDaarna een zin.\n- drie")
    assert html == "<ul><li>een</li><li>twee</li></ul><p>Daarna een zin.</p><ul><li>drie</li></ul>"


def _admin_change(client, page, **data):
    url = reverse("admin:governance_informationpage_change", args=[page.pk])
    return client.post(url, {"title": page.title, "body": page.body, **data})


def test_only_the_platform_administrator_changes_the_text(client):
    page = InformationPage.objects.get(kind="contact")
    administrator = UserFactory(role=Role.FUNCTIONAL_ADMIN)
    client.force_login(administrator)
    _admin_change(client, page, body="Gewijzigd door beheer")
    page.refresh_from_db()
    assert page.body != "Gewijzigd door beheer"

    platform = User.objects.create_superuser("platform-test", password="x")
    superuser = Client()
    superuser.force_login(platform)
    response = _admin_change(superuser, page, body="Bel de servicedesk: 078 123 45 67")
    assert response.status_code == 302
    assert "Bel de servicedesk: 078 123 45 67" in Client().get("/contact/").content.decode()
    assert superuser.get(reverse("admin:governance_informationpage_add")).status_code == 403
