"""Every page is valid HTML: the Nu Html Checker (vnu) finds no error in any of them.

The HTML of every page a role can open (every URL of the URL conf, as every demo role and
anonymously, with the objects of `tests.test_url_access`), the error pages (403, 404) and forms
shown with their errors is written to a temporary folder and checked by vnu in one run (one JVM
start). The test fails with the errors per page; warnings are printed, not failed. The same
pages are checked for what the checker does not see (tests/page_structure.py): one <h1>, no
skipped heading level, landmarks, the skip link, captions and scopes on tables, and that every
id a label, a field's description (its error) or an in-page link points to exists.

vnu comes from the npm registry (tests/html_validator, installed by `make install-test`) and
needs Java 11 or later. Without them the test is skipped loudly, unless REQUIRE_BROWSER=1 (CI),
where it fails.
"""

import hashlib
import json
import os
import re
import shutil
import subprocess
from pathlib import Path

from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

import pytest

from tests.page_structure import structure_problems
from tests.test_url_access import _kwargs, _routes, samples  # noqa: F401 (fixture)

pytestmark = pytest.mark.django_db

VNU_JAR = (
    Path(__file__).resolve().parent
    / "html_validator"
    / "node_modules"
    / "vnu-jar"
    / "build"
    / "dist"
    / "vnu.jar"
)
ARTIFACTS = Path(__file__).resolve().parents[1] / "test-artifacts"
ROLES = ["adviseur", "griffie", "nmt", "beheer", "platform"]

# Forms posted with bad input, to check the page that shows their errors.
BAD_FORMS = [
    ("nmt", "finance:key_upload", {}, {}),
    ("nmt", "finance:budget_line_create", {"slug": "nmt-voorlopige-begroting-2023"}, {}),
    ("nmt", "programme:effort_create", {"code": "2.1.2"}, {"description": ""}),
    ("beheer", "accounts:user_invite", {}, {"email": "geen-adres"}),
]


def _java() -> str | None:
    java = shutil.which("java")
    if not java:
        return None
    version = subprocess.run([java, "-version"], capture_output=True, text=True).stderr
    match = re.search(r'version "(\d+)', version)
    return java if match and int(match.group(1)) >= 11 else None


@pytest.fixture
def vnu() -> list[str]:
    java = _java()
    if java and VNU_JAR.exists():
        return [java, "-Xss2m", "-jar", str(VNU_JAR)]
    missing = "Java ≥ 11" if not java else f"vnu.jar ({VNU_JAR}; make install-test)"
    if os.environ.get("REQUIRE_BROWSER") == "1":
        pytest.fail(f"{missing} ontbreekt, en REQUIRE_BROWSER=1.")
    pytest.skip(f"LET OP: {missing} ontbreekt; de HTML-controle is overgeslagen.")


def _is_document(response) -> bool:
    return response.get("Content-Type", "").startswith("text/html") and response.content.lstrip()[
        :15
    ].lower().startswith(b"<!doctype html")


def _collect_pages(samples) -> dict[str, bytes]:  # noqa: F811
    """Label → HTML of every distinct full page (htmx partials and downloads are not pages)."""
    clients = {"anoniem": Client()}
    for username in ROLES:
        clients[username] = Client()
        clients[username].force_login(User.objects.get(username=username))
    pages, seen = {}, set()

    def keep(label, response):
        if not _is_document(response):
            return
        digest = hashlib.sha256(response.content).digest()
        if digest not in seen:
            seen.add(digest)
            pages[label] = response.content

    for name, pattern in _routes():
        url = reverse(name, kwargs=_kwargs(name, pattern, samples))
        for who, client in clients.items():
            response = client.get(url)
            if response.status_code in (200, 403, 404):
                keep(f"{who} {response.status_code} {url}", response)
    keep("anoniem 404 /bestaat-niet/", clients["anoniem"].get("/bestaat-niet/"))
    for who, name, kwargs, data in BAD_FORMS:
        url = reverse(name, kwargs=kwargs)
        response = clients[who].post(url, data)
        assert response.status_code in (200, 400, 422), (url, response.status_code)
        keep(f"{who} POST {url}", response)
    return pages


def test_every_page_is_valid_html(samples, vnu, tmp_path, capsys):  # noqa: F811
    pages = _collect_pages(samples)
    assert len(pages) > 100
    files = {}
    for number, (label, html) in enumerate(pages.items()):
        path = tmp_path / f"page-{number:04d}.html"
        path.write_bytes(html)
        files[path.name] = label
    run = subprocess.run(
        [*vnu, "--format", "json", "--exit-zero-always", str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    messages = json.loads(run.stderr or run.stdout)["messages"]
    errors, warnings = {}, {}
    for message in messages:
        url = message.get("url", "")
        label = files.get(url.rsplit("/", 1)[-1], url)
        where = f"regel {message.get('lastLine', '?')}: {message['message']}"
        if message["type"] == "error" or message.get("subType") == "fatal":
            errors.setdefault(label, []).append(where)
        else:
            warnings.setdefault(label, []).append(where)
    with capsys.disabled():
        for label, found in warnings.items():
            print(f"\nvnu-waarschuwing, {label}: " + "; ".join(sorted(set(found))))
    for label, html in pages.items():
        # A letter's preview is the letter as printed, without the site around it.
        if found := structure_problems(html.decode(), full_page="/voorbeeld/" not in label):
            errors.setdefault(label, []).extend(found)
    report = json.dumps(errors, indent=1, ensure_ascii=False)
    if errors:
        ARTIFACTS.mkdir(exist_ok=True)
        (ARTIFACTS / "vnu-errors.json").write_text(report)
        shutil.copytree(tmp_path, ARTIFACTS / "html", dirs_exist_ok=True)
    assert errors == {}, report
