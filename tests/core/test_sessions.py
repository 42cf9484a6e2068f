"""Sessions end when idle and after a maximum lifetime (core/sessions.py)."""

import time

from django.urls import reverse

import pytest

from core.sessions import LAST_SEEN_AT, SIGNED_IN_AT
from tests.governance.factories import UserFactory

pytestmark = pytest.mark.django_db

HELP = "/hulp/"  # a page every signed-in user may see, with or without a region


@pytest.fixture(autouse=True)
def _fast_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def _signed_in(client, *, signed_in_ago: int, seen_ago: int):
    client.force_login(UserFactory())
    now = int(time.time())
    session = client.session
    session[SIGNED_IN_AT] = now - signed_in_ago
    session[LAST_SEEN_AT] = now - seen_ago
    session.save()


def _asks_to_sign_in(response):
    return response.status_code == 302 and response["Location"].startswith(reverse("login"))


def test_signing_in_through_the_form_starts_both_clocks(client):
    UserFactory(username="adviseur", password="demo")
    before = int(time.time())
    client.post(reverse("login"), {"username": "adviseur", "password": "demo"})
    session = client.session
    assert session[SIGNED_IN_AT] >= before
    assert session[LAST_SEEN_AT] >= before


def test_an_active_session_stays_and_is_seen_again(client):
    _signed_in(client, signed_in_ago=3600, seen_ago=120)
    assert client.get(HELP).status_code == 200
    assert int(time.time()) - client.session[LAST_SEEN_AT] < 5


def test_the_last_seen_time_is_written_at_most_once_a_minute(client):
    _signed_in(client, signed_in_ago=3600, seen_ago=10)
    seen = client.session[LAST_SEEN_AT]
    assert client.get(HELP).status_code == 200
    assert client.session[LAST_SEEN_AT] == seen


def test_an_idle_session_ends_with_a_dutch_message(client):
    _signed_in(client, signed_in_ago=2 * 3600, seen_ago=61 * 60)
    response = client.get(HELP)
    assert _asks_to_sign_in(response)
    page = client.get(response["Location"])
    assert "Uw sessie is verlopen. Log opnieuw in." in page.content.decode()
    # Signed out for good: the next request asks again, without the message.
    assert _asks_to_sign_in(client.get(HELP))


def test_the_idle_time_is_settable(client, settings):
    settings.SESSION_IDLE_MINUTES = 5
    _signed_in(client, signed_in_ago=600, seen_ago=6 * 60)
    assert _asks_to_sign_in(client.get(HELP))


def test_a_session_ends_after_its_maximum_however_active(client):
    _signed_in(client, signed_in_ago=10 * 3600 + 1, seen_ago=30)
    assert _asks_to_sign_in(client.get(HELP))


def test_the_maximum_is_settable(client, settings):
    settings.SESSION_MAX_HOURS = 1
    _signed_in(client, signed_in_ago=3601, seen_ago=30)
    assert _asks_to_sign_in(client.get(HELP))


def test_the_cookie_does_not_outlive_the_maximum(settings):
    assert settings.SESSION_COOKIE_AGE == settings.SESSION_MAX_HOURS * 3600 == 10 * 3600
    assert settings.SESSION_IDLE_MINUTES == 60


def test_a_session_from_before_the_rule_gets_its_start_now(client):
    client.force_login(UserFactory())
    session = client.session
    del session[SIGNED_IN_AT]
    del session[LAST_SEEN_AT]
    session.save()
    assert client.get(HELP).status_code == 200
    assert int(time.time()) - client.session[SIGNED_IN_AT] < 5
