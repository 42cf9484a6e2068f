"""Security headers, content security policy and login lock-out."""

from django.urls import reverse

import pytest

from tests.governance.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_security_headers_on_every_page(client):
    response = client.get(reverse("login"))
    policy = response["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
    assert "frame-ancestors 'none'" in policy
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "camera=()" in response["Permissions-Policy"]


def test_login_is_locked_after_repeated_failures_for_that_username_and_address(client):
    UserFactory(username="adviseur", password="demo")
    for _ in range(5):
        client.post(reverse("login"), {"username": "adviseur", "password": "fout"})
    locked = client.post(reverse("login"), {"username": "adviseur", "password": "demo"})
    assert locked.status_code == 429
    assert "Tijdelijk geblokkeerd" in locked.content.decode()
    # Another address may still log in as that user.
    other = client.post(
        reverse("login"), {"username": "adviseur", "password": "demo"}, REMOTE_ADDR="10.0.0.9"
    )
    assert other.status_code == 302


def test_production_settings_are_secure(settings):
    from django.core.management import call_command

    # `make test` runs `check --deploy --fail-level WARNING` with production values; here the
    # settings that make those values hold are pinned.
    assert settings.SESSION_COOKIE_HTTPONLY
    assert settings.SECURE_CONTENT_TYPE_NOSNIFF
    call_command("check")


def test_an_overlong_username_is_a_form_error_not_a_crash(client):
    response = client.post(reverse("login"), {"username": "x" * 100_000, "password": "x"})
    assert response.status_code == 200
    assert "Zorg dat deze waarde niet meer dan 150 tekens bevat" in response.content.decode()
