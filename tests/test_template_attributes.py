"""Templates write htmx's attributes in their valid HTML form (`data-hx-*`), never `hx-*`."""

import re
from pathlib import Path

from django.conf import settings

import pytest

BARE_HTMX = re.compile(r"\shx-[a-z-]+=")


def test_no_template_uses_a_bare_htmx_attribute():
    templates = Path(settings.BASE_DIR) / "templates"
    offending = [
        f"{path.relative_to(templates)}:{number}"
        for path in sorted(templates.rglob("*.html"))
        for number, line in enumerate(path.read_text().splitlines(), start=1)
        if BARE_HTMX.search(line)
    ]
    assert not offending, f"use data-hx-… (valid HTML) in {offending}"


@pytest.mark.django_db
def test_every_page_names_an_icon_that_exists(client):
    from django.contrib.staticfiles import finders

    page = client.get("/accounts/login/").content.decode()
    assert 'rel="icon" href="/static/favicon.svg"' in page
    assert finders.find("favicon.svg")
