"""Hostile values posted to every staff form: a form error or a 4xx, never a 500, and no change."""

import re

from django.apps import apps
from django.contrib.auth.models import User
from django.db import connection, transaction
from django.test import Client
from django.urls import reverse

import pytest
from django_tables2 import SingleTableMixin

from tests.test_url_access import _kwargs, _routes, samples  # noqa: F401 (fixture)

pytestmark = pytest.mark.django_db
# SQLite (the demo database) has no integer range, so an out-of-range id overflows in the driver;
# PostgreSQL, which production runs on, turns it into "no such object".
only_on_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="alleen op PostgreSQL, zoals in productie"
)

HOSTILE = [
    "x" * 100_000,
    "<script>alert('xss')</script><img src=x onerror=alert(1)>",
    "\u202e\u0000\ufeff𝔘𝔫𝔦𝔠𝔬𝔡𝔢 ẞ ﷽",
    "-99999999999999999999999999.999",
    "99999999999999999999999999",
    "31-02-2023",
    "12,345.678.9%",
]
# Routes whose POST is an action without fields (they are covered by their own workflow tests).
ACTIONS = {
    "logout",
    "programme:report_action",
    "letters:letter_action",
    "finance:budget_line_delete",
}
# Forms of free text alone (a sub-goal is a sentence): any text is a valid one, so a hostile
# value may be saved; what counts is that it comes back escaped (`_post_free_text`).
FREE_TEXT_FORMS = {"programme:sub_goal_create"}
FIELD = re.compile(r'<(?:input|select|textarea)[^>]*\bname="([^"]+)"')


def _row_counts():
    return {
        model._meta.label: model._default_manager.count()
        for app in ("governance", "procurement", "programme", "finance")
        for model in apps.get_app_config(app).get_models()
        if model._meta.label != "procurement.ProviderRiskPageView"  # the GETs are logged, rightly
    }


@only_on_postgresql
@pytest.mark.parametrize("username", ["beheer", "nmt"])
def test_hostile_values_never_crash_and_change_nothing(samples, username):  # noqa: F811
    client = Client(raise_request_exception=False)
    client.force_login(User.objects.get(username=username))
    before = _row_counts()
    posted = 0
    for name, pattern in _routes():
        if name in ACTIONS:
            continue
        url = reverse(name, kwargs=_kwargs(name, pattern, samples))
        page = client.get(url)
        if page.status_code != 200 or "text/html" not in page.get("Content-Type", ""):
            continue
        fields = {
            field
            for field in FIELD.findall(page.content.decode())
            if field not in ("csrfmiddlewaretoken", "_export", "export")
        }
        if 'method="post"' not in page.content.decode().lower() or not fields:
            continue
        for value in HOSTILE:
            if name in FREE_TEXT_FORMS:
                posted += _post_free_text(client, url, fields, value)
                continue
            response = client.post(url, {field: value for field in fields})
            posted += 1
            assert response.status_code < 500, (url, value[:40], response.status_code)
            assert response.status_code != 302 or "login" in response.get("Location", ""), (
                url,
                value[:40],
                "a hostile post was accepted",
            )
    assert posted > 20
    assert _row_counts() == before


def _post_free_text(client, url, fields, value) -> int:
    """Post to a free-text form and undo it: never a 500, and what was saved shows escaped."""
    with transaction.atomic():
        response = client.post(url, {field: value for field in fields})
        assert response.status_code < 500, (url, value[:40], response.status_code)
        if response.status_code == 302:
            page = client.get(response["Location"]).content.decode()
            assert "<script>alert" not in page and "<img src=x" not in page, url
        transaction.set_rollback(True)
    return 1


# --- Query parameters of the lists, and uploads -------------------------------------------

HOSTILE_QUERIES = [
    {"per_page": "-1"},  # a 500 on seven lists before
    {"per_page": "0"},
    {"per_page": "99999999999999999999"},
    {"per_page": "x" * 1000},
    {"page": "-1"},
    {"_export": "yaml"},  # tablib formats the pages do not offer: 500s before
    {"_export": "ods"},
    {"_export": "xls"},
    {"_export": "latex"},
    {"_export": "\u0000"},
    {"_export": "csv", "per_page": "-1"},
    {"sort": "-nonsense", "per_page": "-5"},
]


@pytest.mark.parametrize("username", ["beheer", "nmt"])
def test_hostile_list_parameters_are_answered_with_a_page_or_a_400(samples, username):  # noqa: F811
    client = Client(raise_request_exception=False)
    client.force_login(User.objects.get(username=username))
    lists = 0
    for name, pattern in _routes():
        view_class = getattr(pattern.callback, "view_class", None)
        if not (view_class and issubclass(view_class, SingleTableMixin)):
            continue
        url = reverse(name, kwargs=_kwargs(name, pattern, samples))
        for query in HOSTILE_QUERIES:
            response = client.get(url, query)
            assert response.status_code < 500, (url, query, response.status_code)
            if "_export" in query and query["_export"] not in ("csv", "xlsx"):
                lists += response.status_code == 400
    assert lists >= 8 * 5  # every list refused every unoffered format


OVERLONG = b'Gemeente;Percentage\nDordrecht;"' + b"x" * 140_000 + b'"\n'


@pytest.mark.parametrize(
    ("route", "fields", "content"),
    [
        (
            "finance:key_upload",
            {"name": "meicirculaire 2030", "source": "Meicirculaire 2030"},
            OVERLONG,
        ),
        (
            "procurement:financials_import",
            {"source": "Jaarverantwoordingen"},
            OVERLONG.replace(
                b"Gemeente;Percentage",
                b"aanbieder;jaar;omzet;bedrijfsresultaat;dividend;fte;personeelskosten;"
                b"totale_kosten",
            ),
        ),
    ],
)
def test_an_overlong_csv_field_is_a_dutch_form_error(samples, route, fields, content):  # noqa: F811
    from django.core.files.uploadedfile import SimpleUploadedFile

    client = Client(raise_request_exception=False)
    client.force_login(User.objects.get(username="beheer"))
    before = _row_counts()
    upload = SimpleUploadedFile("bestand.csv", content, content_type="text/csv")
    response = client.post(reverse(route), {**fields, "file": upload})
    assert response.status_code == 422
    assert "Rij 2: een cel is langer dan 131.072 tekens." in response.content.decode()
    assert _row_counts() == before
