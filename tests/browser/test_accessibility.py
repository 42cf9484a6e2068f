"""axe-core on every main page of every role, and on the public pages: no violation of any impact.

Every role opens the pages of the main menu; the roles that edit (Netwerk MT, functional and
platform administrator) also open the detail and edit pages below them, a form shown with its
errors, the dashboards with their charts, the finance, procurement and job pages. The platform
administrator first opens its cross-region pages (choosing a region, a new region). A page a role
may not see (403) is passed over; every other page must answer 200.
"""

import pytest

from tests.browser.conftest import log_in, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PUBLIC_PAGES = [
    "/accounts/login/",
    "/toegankelijkheid/",
    "/privacy/",
    "/contact/",
    "/openbaar/brieven/",
]
MAIN_PAGES = [
    "/",
    "/programma/",
    "/programma/projecten/",
    "/financien/",
    "/bestuur/",
    "/inkoop/",
    "/brieven/",
    "/hulp/",
]
DEEP_PAGES = [
    "/programma/agenda/ontwikkelagenda-2021/",
    "/programma/projecten/2.1.2/",
    "/programma/projecten/2.1.2/inspanningen/{effort}/",
    "/bestuur/tijdlijn/",
    "/bestuur/besluiten/",
    "/bestuur/besluiten/{decision}/",
    "/bestuur/organen/ab-dgj/",
    "/financien/begrotingen/nmt-voorlopige-begroting-2023/",
    "/financien/verdeelsleutels/",
    "/financien/verdelingen/{allocation}/",
    "/inkoop/segmenten/",
    "/inkoop/aanbieders/",
    "/inkoop/signalen/",
    "/taken/",
    "/beheer/werkmap/",
]
# A letter in draft, opened by the griffie that writes it.
LETTER_PAGES = ["/brieven/{letter}/", "/brieven/{letter}/bewerken/"]
# A form shown with its errors: the key upload, sent empty.
FORM_WITH_ERRORS = "/financien/verdeelsleutels/nieuw/"
PLATFORM_PAGES = ["/regio/", "/beheer/regios/nieuw/"]
ROLES = {
    "adviseur": MAIN_PAGES,
    "griffie": MAIN_PAGES + LETTER_PAGES,
    "nmt": MAIN_PAGES + DEEP_PAGES,
    "beheer": MAIN_PAGES + DEEP_PAGES,
    "platform": MAIN_PAGES,
}


@pytest.fixture
def samples(zhz_demo):
    import datetime
    from decimal import Decimal

    from django.contrib.auth.models import User

    from finance.models import DistributionKey
    from finance.services import allocation_create
    from governance.letters.constants import LetterKind
    from governance.letters.permissions import drafting_municipalities
    from governance.letters.services.compose import letter_create
    from governance.models import Decision, LetterTemplate
    from programme.models import Effort

    nmt = User.objects.get(username="nmt")
    griffie = User.objects.get(username="griffie")
    draft = letter_create(
        user=griffie,
        kind=LetterKind.MUNICIPAL,
        template=LetterTemplate.objects.first(),
        municipality=drafting_municipalities(griffie).first(),
        date=datetime.date(2024, 5, 1),
        subject="Concept",
        is_public=True,
    )
    key = DistributionKey.objects.get(slug="meicirculaire-2021")
    return {
        "effort": Effort.objects.filter(project__code="2.1.2", project__theme__isnull=False)
        .first()
        .pk,
        "decision": Decision.objects.exclude(slug="").first().slug,
        "allocation": allocation_create(user=nmt, key=key, amount=Decimal("216387")).pk,
        "letter": draft.pk,
    }


def _violations(page) -> list[str]:
    from axe_playwright_python.sync_playwright import Axe

    # Every rule axe has for WCAG 2.2 AA, with the target size (2.5.8), which axe leaves off.
    results = Axe().run(
        page, options={"resultTypes": ["violations"], "rules": {"target-size": {"enabled": True}}}
    )
    return [
        f"{violation['id']} ({violation['impact']}): {violation['help']} – "
        + "; ".join(node["target"][0] for node in violation["nodes"][:3])
        for violation in results.response["violations"]
    ]


def _check(page, paths, samples, who) -> dict[str, list[str]]:
    problems = {}
    for template in paths:
        path = template.format(**samples)
        response = page.goto(path)
        if response.status == 403:
            continue  # not this role's page
        assert response.status == 200, (who, path, response.status)
        found = _violations(page)
        if found:
            problems[path] = found
            screenshot(page, f"axe-{who}-{path.strip('/').replace('/', '-') or 'start'}")
    return problems


def test_public_pages_have_no_violations(page, samples):
    from django.core.management import call_command

    call_command("issue_fixture_letters", verbosity=0)
    problems = _check(page, PUBLIC_PAGES, samples, "anoniem")
    # A published letter, as the public list links to it.
    page.goto("/openbaar/brieven/")
    letter = page.locator("main a[href^='/openbaar/brieven/'][href$='/']").first.get_attribute(
        "href"
    )
    problems |= _check(page, [letter], samples, "anoniem")
    assert problems == {}


def test_main_pages_of_every_role_have_no_violations(browser, live_server, samples):
    # One test for all roles, so that the reference data is loaded once.
    problems = {}
    for username, paths in ROLES.items():
        context = browser.new_context(base_url=live_server.url, locale="nl-NL")
        page = context.new_page()
        log_in(page, username)
        if username == "platform":
            problems |= _check(page, PLATFORM_PAGES, samples, username)
            page.goto("/regio/")
            page.locator("#id_region").select_option(index=1)
            page.get_by_role("button", name="Kiezen").click()
            page.wait_for_load_state()
        problems |= {
            f"{username} {path}": found
            for path, found in _check(page, paths, samples, username).items()
        }
        if username == "nmt":
            page.goto(FORM_WITH_ERRORS)
            page.locator("main form[method=post] [type=submit]").first.click()
            page.wait_for_load_state()
            if found := _violations(page):
                problems[f"nmt {FORM_WITH_ERRORS} (met fouten)"] = found
                screenshot(page, "axe-nmt-form-errors")
        context.close()
    assert problems == {}
