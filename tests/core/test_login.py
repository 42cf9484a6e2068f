"""Login behind a proxy: the client address, the lock-outs, the password change (core/login.py)."""

from django.test import RequestFactory
from django.urls import reverse

import pytest

from core.login import client_ip_address
from tests.governance.factories import UserFactory

PROXY = "10.0.0.2"  # the reverse proxy: every request reaches the app from here


@pytest.fixture(autouse=True)
def _fast_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def behind_one_proxy(settings):
    settings.TRUSTED_PROXY_COUNT = 1


def _request(forwarded=None, remote=PROXY):
    meta = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        meta["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **meta)


# --- the client address -------------------------------------------------------------------------


def test_without_trusted_proxies_the_header_is_ignored(settings):
    settings.TRUSTED_PROXY_COUNT = 0
    assert client_ip_address(_request("203.0.113.5")) == PROXY


@pytest.mark.parametrize(
    ("proxies", "forwarded", "client"),
    [
        (1, "203.0.113.5", "203.0.113.5"),
        # What the client wrote itself (left) is not trusted; the proxy appended the truth.
        (1, "198.51.100.1, 203.0.113.5", "203.0.113.5"),
        (2, "198.51.100.1, 203.0.113.5, 10.0.0.1", "203.0.113.5"),
        (1, "203.0.113.5:51234", "203.0.113.5"),
        (1, "[2001:db8::7]:443", "2001:db8::7"),
        (1, "2001:db8::7", "2001:db8::7"),
        # Fewer entries than proxies, or no address: the request bypassed the proxies.
        (2, "203.0.113.5", PROXY),
        (1, "", PROXY),
        (1, "unknown", PROXY),
        (1, "203.0.113.5, <script>", PROXY),
    ],
)
def test_the_client_is_read_from_the_right_of_x_forwarded_for(settings, proxies, forwarded, client):
    settings.TRUSTED_PROXY_COUNT = proxies
    assert client_ip_address(_request(forwarded)) == client


# --- lock-outs through the login form -------------------------------------------------------------


def _login(client, username, password, address):
    return client.post(
        reverse("login"),
        {"username": username, "password": password},
        REMOTE_ADDR=PROXY,
        HTTP_X_FORWARDED_FOR=address,
    )


@pytest.mark.django_db
def test_five_failures_lock_the_username_from_that_client_only(client, behind_one_proxy):
    UserFactory(username="adviseur", password="demo")
    for attempt in range(5):
        response = _login(client, "adviseur", "fout", "203.0.113.5")
        assert response.status_code == (429 if attempt == 4 else 200)
    locked = _login(client, "adviseur", "demo", "203.0.113.5")
    assert locked.status_code == 429
    assert "Tijdelijk geblokkeerd" in locked.content.decode()
    assert "15 minuten geblokkeerd" in locked.content.decode()
    # The same user from another client, through the same proxy, is not locked out.
    assert _login(client, "adviseur", "demo", "198.51.100.7").status_code == 302


@pytest.mark.django_db
def test_a_forged_header_does_not_escape_the_lockout(client, behind_one_proxy):
    UserFactory(username="adviseur", password="demo")
    for attempt in range(5):
        _login(client, "adviseur", "fout", f"192.0.2.{attempt}, 203.0.113.5")
    assert _login(client, "adviseur", "demo", "192.0.2.99, 203.0.113.5").status_code == 429


@pytest.mark.django_db
def test_failures_across_usernames_lock_the_address(client, settings, behind_one_proxy):
    settings.AXES_ADDRESS_FAILURE_LIMIT = 20
    UserFactory(username="griffie", password="demo")
    # Four failures each for five usernames: no pair reaches five, the address reaches 20.
    for attempt in range(20):
        response = _login(client, f"raden{attempt % 5}", "fout", "203.0.113.9")
        assert response.status_code == (429 if attempt == 19 else 200), attempt
    locked = _login(client, "griffie", "demo", "203.0.113.9")
    assert locked.status_code == 429
    assert "Tijdelijk geblokkeerd" in locked.content.decode()
    assert _login(client, "griffie", "demo", "198.51.100.7").status_code == 302


@pytest.mark.django_db
def test_below_both_limits_a_login_succeeds(client, behind_one_proxy):
    UserFactory(username="griffie", password="demo")
    for attempt in range(4):
        _login(client, f"raden{attempt}", "fout", "203.0.113.9")
    assert _login(client, "griffie", "demo", "203.0.113.9").status_code == 302


# --- the password change -------------------------------------------------------------------------


def _change(client, old, new="een-nieuw-lang-wachtwoord-42", address="203.0.113.5"):
    return client.post(
        reverse("password_change"),
        {"old_password": old, "new_password1": new, "new_password2": new},
        REMOTE_ADDR=PROXY,
        HTTP_X_FORWARDED_FOR=address,
    )


@pytest.mark.django_db
def test_the_password_change_still_works(client, behind_one_proxy):
    user = UserFactory(username="adviseur", password="demo")
    client.force_login(user)
    response = _change(client, "demo")
    assert response.status_code == 302
    assert response["Location"] == reverse("password_change_done")
    user.refresh_from_db()
    assert user.check_password("een-nieuw-lang-wachtwoord-42")


@pytest.mark.django_db
def test_wrong_old_passwords_count_as_failed_logins(client, behind_one_proxy):
    user = UserFactory(username="adviseur", password="demo")
    client.force_login(user)
    for _attempt in range(4):
        response = _change(client, "fout")
        assert response.status_code == 200
        assert "Uw oude wachtwoord is niet juist ingevoerd" in response.content.decode()
    locked = _change(client, "fout")
    assert locked.status_code == 429
    assert "Tijdelijk geblokkeerd" in locked.content.decode()
    # Locked now: the right old password is refused too, and so is a login from there.
    assert _change(client, "demo").status_code == 429
    user.refresh_from_db()
    assert user.check_password("demo")
    client.logout()
    assert _login(client, "adviseur", "demo", "203.0.113.5").status_code == 429
    assert _login(client, "adviseur", "demo", "198.51.100.7").status_code == 302


@pytest.mark.django_db
def test_the_admin_password_change_is_throttled_too(client, behind_one_proxy):
    from governance.constants import Role
    from tests.governance.factories import PersonFactory

    user = UserFactory(username="beheer", password="demo", role=Role.FUNCTIONAL_ADMIN)
    PersonFactory(user=user)
    client.force_login(user)
    url = reverse("admin:password_change")
    wrong = {"old_password": "fout", "new_password1": "x-lang-42-y", "new_password2": "x-lang-42-y"}
    meta = {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": "203.0.113.5"}
    for _attempt in range(4):
        assert client.post(url, wrong, **meta).status_code == 200
    assert client.post(url, wrong, **meta).status_code == 429
