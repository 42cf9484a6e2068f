from django.contrib.auth.models import User
from django.core.management import call_command

import pytest

from demo.services import demo_accounts_ensure


@pytest.fixture
def zhz(db, settings):
    """The ZHZ reference fixtures (governance and procurement) and the demo accounts."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    call_command(
        "loaddata", "fixtures/zhz_governance.json", "fixtures/zhz_procurement.json", verbosity=0
    )
    demo_accounts_ensure(password="demo")


@pytest.fixture
def login(client):
    def login_as(username):
        client.force_login(User.objects.get(username=username))
        return client

    return login_as
