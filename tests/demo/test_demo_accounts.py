from django.contrib.auth import authenticate
from django.core.management import call_command
from django.test import RequestFactory

import pytest

from demo.services import DEMO_ACCOUNTS
from governance.constants import Role
from tests.governance.factories import PersonFactory

pytestmark = pytest.mark.django_db


def test_demo_accounts_one_per_role_linked_to_their_person(capsys, settings):
    # Every account gets its password hashed twice: a fast hasher keeps the test quick.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    for account in DEMO_ACCOUNTS:
        if account.person_slug:
            PersonFactory(slug=account.person_slug)
    call_command("demo_accounts")
    call_command("demo_accounts")  # twice changes nothing
    printed = capsys.readouterr().out
    for account in DEMO_ACCOUNTS:
        request = RequestFactory().post("/accounts/login/")
        user = authenticate(request, username=account.username, password="demo")
        assert user is not None, account.username
        roles = [account.role] if account.role else []
        assert list(user.groups.values_list("name", flat=True)) == roles
        if account.person_slug:
            assert user.person.slug == account.person_slug
        administrator = account.role == Role.FUNCTIONAL_ADMIN or account.person_slug is None
        assert user.is_staff == administrator
        # Only the platform administrator is a superuser; a region's administrator is not.
        assert user.is_superuser == (account.role is None and account.person_slug is None)
        assert account.username in printed


def test_the_demo_administrators_have_an_app_with_the_published_key(capsys, settings):
    import base64

    from django.contrib.auth.models import User
    from django.core.management.base import CommandError

    from django_otp.plugins.otp_totp.models import TOTPDevice

    from demo.services import DEMO_TOTP_BASE32, DEMO_TOTP_KEY
    from governance.accounts.second_factor import second_factor_verify

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    call_command("demo_accounts")
    assert DEMO_TOTP_BASE32 in capsys.readouterr().out
    assert base64.b32encode(bytes.fromhex(DEMO_TOTP_KEY)).decode() == DEMO_TOTP_BASE32
    beheer = User.objects.get(username="beheer")
    call_command("demo_code", "beheer")
    code = capsys.readouterr().out.strip()
    assert second_factor_verify(user=beheer, code=code) == "totp"
    call_command("demo_code", "beheer")  # the code just used is not shown again
    assert capsys.readouterr().out.strip() != code

    # Never the code of anyone else's app.
    with pytest.raises(CommandError):
        call_command("demo_code", "griffie")
    TOTPDevice.objects.filter(user=beheer).update(key="00" * 20)
    with pytest.raises(CommandError):
        call_command("demo_code", "beheer")
