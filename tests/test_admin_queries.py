"""No admin change list queries per row: with the ZHZ data, no statement repeats row by row.

A list that follows a foreign key in a column without `list_select_related` (or counts per row)
runs the same statement once per row with another id: an N+1, 138 queries for the budget lines
before. The test reduces every statement to its shape (numbers and strings replaced) and fails
on any shape that runs more than a few times for one page.
"""

import re
from collections import Counter

from django.contrib import admin
from django.contrib.auth.models import User
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

import pytest

pytestmark = pytest.mark.django_db

# A statement may repeat this often on one page (the session, the user, permissions, the scope);
# a per-row statement repeats once per row, and the ZHZ lists have dozens of rows.
MAX_REPEATS = 3

_STRING = re.compile(r"'(?:[^']|'')*'")
_NUMBER = re.compile(r"\b\d+(?:\.\d+)?\b")
_LIST = re.compile(r"\((?:\s*\?\s*,)*\s*\?\s*\)")


def statement_shape(sql: str) -> str:
    """The statement with its values taken out: `... WHERE id = 7` and `= 8` are one shape."""
    shape = _NUMBER.sub("?", _STRING.sub("?", sql))
    return _LIST.sub("(?)", shape)


def test_the_shape_of_a_statement_ignores_its_values():
    assert statement_shape("SELECT a FROM t WHERE id = 7") == statement_shape(
        "SELECT a FROM t WHERE id = 12"
    )
    assert statement_shape("WHERE name = 'Dordrecht' AND x IN (1, 2, 3)") == (
        "WHERE name = ? AND x IN (?)"
    )
    assert statement_shape("SELECT a FROM t") != statement_shape("SELECT b FROM t")


@pytest.fixture
def _zhz():
    call_command("load_reference_data", verbosity=0)
    call_command("demo_accounts", verbosity=0)
    call_command("issue_fixture_letters", verbosity=0)


def _changelists():
    for model in admin.site._registry:
        if model._meta.app_label in ("governance", "procurement", "programme", "finance", "core"):
            yield model


@pytest.mark.parametrize("username", ["beheer", "platform"])
def test_no_change_list_queries_per_row(_zhz, username):
    client = Client()
    client.force_login(User.objects.get(username=username))
    problems, opened = [], 0
    for model in _changelists():
        url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        if response.status_code != 200:
            continue  # a list this role may not see
        opened += 1
        repeated = Counter(statement_shape(query["sql"]) for query in queries.captured_queries)
        worst, times = repeated.most_common(1)[0]
        if times > MAX_REPEATS:
            problems.append(f"{url}: {times}× {worst[:160]}")
    assert opened >= 20
    assert not problems, "\n".join(problems)
