"""Signing in with an identity provider: which account the claims sign in to, the checks on the
ID token (against the real local provider's keys), and the second factor after a provider."""

import time

from django.contrib.auth.models import User
from django.core.exceptions import SuspiciousOperation
from django.urls import reverse

import jwt
import pytest
from cryptography.hazmat.primitives.asymmetric import rsa

from governance.accounts import oidc
from governance.accounts import second_factor as factor
from governance.constants import Role
from governance.models import ExternalIdentity, IdentityProvider, Person
from tests.browser.oidc_provider import (
    CLIENT_ID,
    configure_installation,
    start_provider,
    stop_provider,
)
from tests.governance.factories import UserFactory

pytestmark = pytest.mark.django_db

ISSUER = "https://login.gemeente.example"


def provider(**extra) -> oidc.Provider:
    return oidc.Provider(
        key="installatie",
        name="Gemeenteaccount",
        issuer=ISSUER,
        client_id=CLIENT_ID,
        client_secret="geheim",
        **extra,
    )


# --- Which account ------------------------------------------------------------------------


def test_the_subject_finds_the_account_before_the_email(adviser):
    other = UserFactory(username="ander", email="nieuw@example.org")
    ExternalIdentity.objects.create(user=adviser, issuer=ISSUER, subject="abc")
    user, reason = oidc.account_for_claims(
        provider=provider(), claims={"sub": "abc", "email": other.email}
    )
    assert user == adviser and reason == ""


def test_the_email_links_the_subject_on_first_login(adviser):
    user, _ = oidc.account_for_claims(
        provider=provider(), claims={"sub": "xyz", "email": "A@example.org"}
    )
    assert user == adviser
    assert ExternalIdentity.objects.get(issuer=ISSUER, subject="xyz").user == adviser


def test_an_unverified_email_links_nothing(adviser):
    user, reason = oidc.account_for_claims(
        provider=provider(),
        claims={"sub": "xyz", "email": "a@example.org", "email_verified": False},
    )
    assert user is None and reason == "unknown"


def test_an_unknown_person_gets_no_account_unless_the_region_allows(region):
    claims = {"sub": "n1", "email": "nina@example.org", "name": "Nina Nieuw"}
    assert oidc.account_for_claims(provider=provider(), claims=claims) == (None, "unknown")
    assert not User.objects.filter(email="nina@example.org").exists()
    user, reason = oidc.account_for_claims(
        provider=provider(create_users_region_id=region.pk), claims=claims
    )
    assert user is None and reason == "no_role"  # created, but without a role
    created = User.objects.get(email="nina@example.org")
    assert not created.has_usable_password() and not created.is_staff
    assert Person.objects.get(user=created).region == region


def test_the_group_claim_gives_the_role(region):
    user, reason = oidc.account_for_claims(
        provider=provider(create_users_region_id=region.pk, group_claim="groups"),
        claims={"sub": "n2", "email": "g@example.org", "groups": ["griffie", "onbekend"]},
    )
    assert reason == "" and set(user.groups.values_list("name", flat=True)) == {Role.GRIFFIE}


def test_a_regions_provider_refuses_another_regions_account(stranger, region):
    user, reason = oidc.account_for_claims(
        provider=provider(region_id=region.pk), claims={"sub": "s", "email": stranger.email}
    )
    assert user is None and reason == "wrong_region"


def test_a_deactivated_account_is_refused(adviser):
    adviser.is_active = False
    adviser.save()
    assert oidc.account_for_claims(
        provider=provider(), claims={"sub": "d", "email": adviser.email}
    ) == (None, "inactive")


def test_two_accounts_with_the_email_are_refused(adviser):
    UserFactory(username="dubbel", email="A@EXAMPLE.ORG")
    assert oidc.account_for_claims(
        provider=provider(), claims={"sub": "d", "email": adviser.email}
    ) == (None, "ambiguous")


@pytest.mark.parametrize(
    ("claims", "expected"),
    [
        ({"amr": ["pwd"]}, False),
        ({"amr": ["pwd", "otp"]}, True),
        ({"amr": "mfa"}, True),
        ({}, False),
        ({"acr": "urn:sterk"}, True),
        ({"acr": "urn:zwak"}, False),
    ],
)
def test_the_providers_second_factor_is_read_from_amr_and_acr(settings, claims, expected):
    settings.OIDC_MFA_ACR = ["urn:sterk"]
    assert oidc.provider_did_second_factor(claims) is expected


def test_the_login_page_lists_the_installation_and_the_regions_providers(client, settings, region):
    settings.OIDC_ISSUER, settings.OIDC_RP_CLIENT_ID = ISSUER, CLIENT_ID
    IdentityProvider.objects.create(
        region=region, name="Gemeenteaccount Testregio", issuer=ISSUER, client_id="r"
    )
    page = client.get(reverse("login")).content.decode()
    assert "?aanbieder=installatie" in page and "?aanbieder=testregio" in page
    assert "Gemeenteaccount Testregio" in page


def test_an_unknown_provider_and_an_empty_callback_go_back_to_the_login_page(client):
    response = client.get(reverse("oidc_start") + "?aanbieder=nergens")
    assert response.status_code == 302 and response.url == reverse("login")
    assert client.get(reverse("oidc_callback")).url == reverse("login")


def test_the_admin_form_never_shows_the_client_secret(admin_client, region):
    identity_provider = IdentityProvider.objects.create(
        region=region, name="P", issuer=ISSUER, client_id="r", client_secret="zeer-geheim"
    )
    url = reverse("admin:governance_identityprovider_change", args=[identity_provider.pk])
    page = admin_client.get(url)
    assert page.status_code == 200 and "zeer-geheim" not in page.content.decode()


# --- The ID token, against the real provider's keys ----------------------------------------


@pytest.fixture
def local_provider(settings):
    local = start_provider("http://testserver", {})
    configure_installation(settings, local)
    yield local
    stop_provider(local)


@pytest.fixture
def backend(local_provider):
    backend = oidc.ProviderBackend()
    backend.provider = oidc.provider_by_key("installatie")
    backend.OIDC_RP_CLIENT_ID = CLIENT_ID
    backend.OIDC_RP_SIGN_ALGO = "RS256"
    backend.OIDC_OP_JWKS_ENDPOINT = backend.provider.endpoint("jwks_uri")
    return backend


@pytest.fixture
def own_key():
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


def token(key, **claims) -> str:
    now = int(time.time())
    payload = {"sub": "s", "aud": CLIENT_ID, "iat": now, "exp": now + 300, "nonce": "n", **claims}
    payload = {name: value for name, value in payload.items() if value is not None}
    return jwt.encode(payload, key, algorithm="RS256", headers={"kid": "test-key"})


def test_a_token_signed_by_anyone_but_the_provider_is_refused(backend, local_provider, own_key):
    forged = token(own_key, iss=local_provider.issuer)
    with pytest.raises(SuspiciousOperation):
        backend.verify_token(forged, nonce="n")


@pytest.mark.parametrize(
    "claims",
    [
        {"exp": int(time.time()) - 60},  # expired
        {"iss": "https://elders.example"},  # another issuer
        {"aud": "een-andere-client"},  # for another application
        {"exp": None},  # without expiry
        {"nonce": "ander"},  # replayed into another login
    ],
)
def test_an_expired_or_misdirected_token_is_refused(backend, local_provider, own_key, claims):
    claims = {"iss": local_provider.issuer, **claims}
    signed = token(own_key, **claims)
    # Our key stands in for the provider's, so only the claims decide.
    backend.retrieve_matching_jwk = lambda _token: jwt.PyJWK.from_dict(
        jwt.algorithms.RSAAlgorithm.to_jwk(own_key.public_key(), as_dict=True)
    )
    backend.verify_token(token(own_key, iss=local_provider.issuer), nonce="n")  # the control
    with pytest.raises((SuspiciousOperation, jwt.PyJWTError)):
        backend.verify_token(signed, nonce="n")


def test_a_forged_code_at_the_callback_gets_the_dutch_page(client, local_provider):
    response = client.get(reverse("oidc_start"))
    assert response.url.startswith(local_provider.issuer + "/auth?")
    state = next(iter(client.session["oidc_states"]))
    response = client.get(reverse("oidc_callback"), {"code": "vervalst", "state": state})
    assert response.status_code == 403
    assert "kon niet worden gecontroleerd" in response.content.decode()
    assert client.get(reverse("home")).status_code == 302


# --- The second factor after a provider ----------------------------------------------------


@pytest.fixture
def provider_login(client, local_provider, monkeypatch):
    """Signs `user` in through the callback as if the provider answered with `claims`."""

    def sign_in(user, claims):
        def authenticate(request=None, **kwargs):
            request.oidc_claims = claims
            user.backend = oidc.BACKEND
            return user

        monkeypatch.setattr("mozilla_django_oidc.views.auth.authenticate", authenticate)
        client.get(reverse("oidc_start"))
        state = next(iter(client.session["oidc_states"]))
        return client.get(reverse("oidc_callback"), {"code": "c", "state": state})

    return sign_in


def test_a_provider_second_factor_is_not_asked_again(client, administrator, provider_login):
    response = provider_login(administrator, {"amr": ["pwd", "mfa"]})
    assert response.status_code == 302 and response.url == reverse("home")
    assert client.session[factor.VERIFIED_KEY] == "provider"
    assert client.get("/admin/").status_code == 200


def test_without_one_the_admin_asks_for_ours(client, administrator, provider_login):
    response = provider_login(administrator, {"amr": ["pwd"]})
    assert response.url == reverse("home")
    assert client.get(reverse("home")).status_code == 200
    response = client.get("/admin/", follow=True)
    assert reverse("second_factor") in response.redirect_chain[-1][0]


def test_an_installation_asking_everyone_asks_after_the_provider(
    client, adviser, provider_login, settings
):
    settings.SECOND_FACTOR_FOR_ALL = True
    response = provider_login(adviser, {"amr": ["pwd"]})
    assert response.url == reverse("second_factor")
    assert client.get(reverse("home")).status_code == 302  # not signed in yet


def test_the_regions_administrator_allows_new_accounts_but_sees_no_secret(
    client, administrator, region, other_region
):
    own = IdentityProvider.objects.create(
        region=region, name="Eigen", issuer=ISSUER, client_id="r", client_secret="zeer-geheim"
    )
    foreign = IdentityProvider.objects.create(
        region=other_region, name="Vreemd", issuer=ISSUER, client_id="o"
    )
    client.force_login(administrator)
    url = reverse("admin:governance_identityprovider_change", args=[own.pk])
    page = client.get(url)
    assert page.status_code == 200
    assert "zeer-geheim" not in page.content.decode()
    response = client.post(
        url, {"create_users": "on", "group_claim": "groups", "client_id": "ander"}
    )
    assert response.status_code == 302
    own.refresh_from_db()
    assert own.create_users and own.group_claim == "groups"
    assert own.client_id == "r" and own.client_secret == "zeer-geheim"
    assert client.get(reverse("admin:governance_identityprovider_add")).status_code == 403
    other_url = reverse("admin:governance_identityprovider_change", args=[foreign.pk])
    assert client.get(other_url).status_code in (302, 404)
    assert (
        "Vreemd"
        not in client.get(reverse("admin:governance_identityprovider_changelist")).content.decode()
    )
