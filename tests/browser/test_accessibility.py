"""axe-core on every main page of every role: no serious or critical violation."""

import pytest

from tests.browser.conftest import log_in, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

MAIN_PAGES = [
    "/",
    "/programma/",
    "/programma/projecten/",
    "/programma/agenda/ontwikkelagenda-2021/",
    "/programma/projecten/2.1.2/",
    "/programma/projecten/2.1.2/inspanningen/{effort}/",
    "/financien/",
    "/bestuur/",
    "/bestuur/tijdlijn/",
    "/inkoop/",
    "/brieven/",
    "/openbaar/brieven/",
    "/beheer/werkmap/",
]
ROLES = ["adviseur", "griffie", "nmt", "beheer"]


def _violations(page) -> list[str]:
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    return [
        f"{violation['id']} ({violation['impact']}): {violation['help']} – "
        + "; ".join(node["target"][0] for node in violation["nodes"][:3])
        for violation in results.response["violations"]
        if violation["impact"] in ("serious", "critical")
    ]


def test_login_page_is_accessible(page, zhz_demo):
    page.goto("/accounts/login/")
    assert _violations(page) == []


@pytest.mark.parametrize("username", ROLES)
def test_main_pages_have_no_serious_violations(page, zhz_demo, username):
    from programme.models import Effort

    effort = Effort.objects.filter(project__code="2.1.2", project__theme__isnull=False).first()
    log_in(page, username)
    page.wait_for_load_state()
    problems, checked = {}, 0
    for template in MAIN_PAGES:
        path = template.format(effort=effort.pk)
        response = page.goto(path)
        if response.status in (403, 404):
            continue  # not this role's page, or not built
        assert response.status == 200, path
        checked += 1
        found = _violations(page)
        if found:
            problems[path] = found
            screenshot(page, f"axe-{username}-{path.strip('/').replace('/', '-') or 'start'}")
    assert checked >= 4
    assert problems == {}
