"""Signing in with the municipality's own account: OpenID Connect (mozilla-django-oidc).

Providers:

- **the installation's**, from the environment (`OIDC_ISSUER`, `OIDC_RP_CLIENT_ID`,
  `OIDC_RP_CLIENT_SECRET`, …; docs/operations.md);
- **a region's own** (`IdentityProvider`, kept by the platform administrator in the admin):
  only accounts of that region sign in through it.

The login page links to /oidc/start/?aanbieder=<key> (`installatie` or the region's slug); the
provider sends the person back to /oidc/callback/. An account is found by the provider's stable
identifier (`sub`, kept per issuer in `ExternalIdentity`), else once by its e-mail address
(which then links the identifier). A person unknown to the application gets an account on
first login only where that is allowed (`create_users` of the region's provider,
`OIDC_CREATE_USERS_REGION` for the installation's): with a person in that region and no role,
which the region's functional administrator gives (or the provider's group claim). An account
without a role, of another region, or deactivated, gets a Dutch page instead of a session.

The ID token is checked beyond the library's signature check: its issuer must be the
provider's, its audience must hold our client id, and it must carry an expiry (which PyJWT
then enforces). When the token's `amr`/`acr` says the provider asked a second factor, ours is
not asked again. Logging out ends the provider's session too where it has an
`end_session_endpoint`.
"""

import logging
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.models import User
from django.core.cache import cache
from django.core.exceptions import SuspiciousOperation
from django.db import transaction
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.crypto import get_random_string
from django.utils.http import urlencode
from django.utils.text import slugify
from django.utils.translation import gettext as _

import jwt
import requests
from mozilla_django_oidc.auth import OIDCAuthenticationBackend
from mozilla_django_oidc.views import OIDCAuthenticationCallbackView, OIDCAuthenticationRequestView

from core.scope import all_regions
from governance.constants import Role
from governance.models import ExternalIdentity, IdentityProvider, Person, Region

from . import second_factor as factor

logger = logging.getLogger(__name__)

PROVIDER_SESSION_KEY = "oidc_provider"
LOGOUT_ORIGIN_KEY = "oidc_logout_origin"
INSTALLATION = "installatie"
BACKEND = "governance.accounts.oidc.ProviderBackend"
_DISCOVERY_SECONDS = 3600


@dataclass(frozen=True)
class Provider:
    key: str
    name: str
    issuer: str
    client_id: str
    client_secret: str
    authorization_endpoint: str = ""
    token_endpoint: str = ""
    userinfo_endpoint: str = ""
    jwks_uri: str = ""
    end_session_endpoint: str = ""
    region_id: int | None = None  # a region's own provider: only that region's accounts
    create_users_region_id: int | None = None
    group_claim: str = ""

    def endpoint(self, name: str) -> str:
        """An endpoint as configured, else from the issuer's discovery document."""
        return getattr(self, name) or str(_discovery(self.issuer).get(name, ""))


def _discovery(issuer: str) -> dict:
    cache_key = f"oidc-discovery:{issuer}"
    document = cache.get(cache_key)
    if document is None:
        url = issuer.rstrip("/") + "/.well-known/openid-configuration"
        response = requests.get(url, timeout=settings.OIDC_TIMEOUT)
        response.raise_for_status()
        document = response.json()
        cache.set(cache_key, document, _DISCOVERY_SECONDS)
    return document


def _installation_provider() -> Provider | None:
    if not (settings.OIDC_ISSUER and settings.OIDC_RP_CLIENT_ID):
        return None
    create_region = None
    if settings.OIDC_CREATE_USERS_REGION:
        with all_regions():
            create_region = (
                Region.objects.filter(slug=settings.OIDC_CREATE_USERS_REGION)
                .values_list("pk", flat=True)
                .first()
            )
    return Provider(
        key=INSTALLATION,
        name=settings.OIDC_PROVIDER_NAME,
        issuer=settings.OIDC_ISSUER,
        client_id=settings.OIDC_RP_CLIENT_ID,
        client_secret=settings.OIDC_RP_CLIENT_SECRET,
        authorization_endpoint=settings.OIDC_OP_AUTHORIZATION_ENDPOINT,
        token_endpoint=settings.OIDC_OP_TOKEN_ENDPOINT,
        userinfo_endpoint=settings.OIDC_OP_USER_ENDPOINT,
        jwks_uri=settings.OIDC_OP_JWKS_ENDPOINT,
        end_session_endpoint=settings.OIDC_OP_END_SESSION_ENDPOINT,
        create_users_region_id=create_region,
        group_claim=settings.OIDC_GROUP_CLAIM,
    )


def _region_provider(model: IdentityProvider) -> Provider:
    return Provider(
        key=model.region.slug,
        name=model.name,
        issuer=model.issuer,
        client_id=model.client_id,
        client_secret=model.client_secret,
        authorization_endpoint=model.authorization_endpoint,
        token_endpoint=model.token_endpoint,
        userinfo_endpoint=model.userinfo_endpoint,
        jwks_uri=model.jwks_uri,
        end_session_endpoint=model.end_session_endpoint,
        region_id=model.region_id,
        create_users_region_id=model.region_id if model.create_users else None,
        group_claim=model.group_claim,
    )


def login_providers() -> list[Provider]:
    """The providers the login page offers: the installation's first, then the regions'."""
    providers = []
    installation = _installation_provider()
    if installation is not None:
        providers.append(installation)
    with all_regions():  # the login page is before any region
        models = IdentityProvider.objects.filter(is_active=True).select_related("region")
        providers += [_region_provider(model) for model in models.order_by("name")]
    return providers


def provider_by_key(key: str | None) -> Provider | None:
    if not key:
        return None
    if key == INSTALLATION:
        return _installation_provider()
    with all_regions():
        model = (
            IdentityProvider.objects.filter(is_active=True, region__slug=key)
            .select_related("region")
            .first()
        )
    return _region_provider(model) if model is not None else None


def provider_did_second_factor(claims: dict) -> bool:
    """Whether the ID token says the provider asked more than a password (`amr`, `acr`)."""
    amr = claims.get("amr") or []
    if isinstance(amr, str):
        amr = [amr]
    if set(amr) & set(settings.OIDC_MFA_AMR):
        return True
    return bool(claims.get("acr")) and claims["acr"] in settings.OIDC_MFA_ACR


def provider_logout_url(request) -> str | None:
    """The provider's end-of-session address for this session, or None."""
    provider = provider_by_key(request.session.get(PROVIDER_SESSION_KEY))
    id_token = request.session.get("oidc_id_token")
    if provider is None or not id_token:
        return None
    try:
        endpoint = provider.endpoint("end_session_endpoint")
    except requests.RequestException:
        logger.warning("oidc: discovery failed at logout for %s", provider.issuer)
        return None
    if not endpoint:
        return None
    query = urlencode(
        {
            "id_token_hint": id_token,
            "client_id": provider.client_id,
            "post_logout_redirect_uri": request.build_absolute_uri(reverse("login")),
        }
    )
    return f"{endpoint}?{query}"


# --- Views ----------------------------------------------------------------------------------


class ProviderStartView(OIDCAuthenticationRequestView):
    """Send the person to the chosen provider (the only one when there is one)."""

    def __init__(self, *args, **kwargs):
        # The endpoint and client are the chosen provider's, not fixed settings.
        super(OIDCAuthenticationRequestView, self).__init__(*args, **kwargs)

    def get(self, request):
        key = request.GET.get("aanbieder")
        providers = login_providers()
        if not key and len(providers) == 1:
            key = providers[0].key
        provider = provider_by_key(key)
        if provider is None:
            messages.error(request, _("Deze inlogmogelijkheid bestaat niet (meer)."))
            return redirect("login")
        try:
            self.OIDC_OP_AUTH_ENDPOINT = provider.endpoint("authorization_endpoint")
        except requests.RequestException:
            logger.warning("oidc: discovery failed for %s", provider.issuer)
            return _refused(request, "unreachable")
        self.OIDC_RP_CLIENT_ID = provider.client_id
        request.session[PROVIDER_SESSION_KEY] = provider.key
        return super().get(request)


class ProviderCallbackView(OIDCAuthenticationCallbackView):
    """The provider's answer: sign the person in, or say in Dutch why not."""

    def get(self, request):
        if not request.GET.get("error") and not ("code" in request.GET and "state" in request.GET):
            return redirect("login")  # nothing from a provider: start at the login page
        return super().get(request)

    def login_failure(self):
        return _refused(self.request, getattr(self.request, "oidc_refusal", "failed"))

    def login_success(self):
        request, user = self.request, self.user
        claims = getattr(request, "oidc_claims", {})
        next_url = self.success_url
        from .login import login_complete

        _remember_logout_origin(request)

        if provider_did_second_factor(claims):
            login_complete(request, user=user, backend=BACKEND, verified="provider")
        elif factor.provider_second_factor_required(user):
            factor.pending_login_start(
                request, user=user, backend=BACKEND, next_url=next_url, via="oidc"
            )
            return redirect("second_factor")
        else:
            login_complete(request, user=user, backend=BACKEND, verified=None)
        return redirect(next_url)


def _remember_logout_origin(request) -> None:
    """The provider's end-of-session origin, which the pages' logout form may post on to."""
    provider = provider_by_key(request.session.get(PROVIDER_SESSION_KEY))
    try:
        endpoint = provider.endpoint("end_session_endpoint") if provider else ""
    except requests.RequestException:
        endpoint = ""
    if endpoint:
        parts = urlsplit(endpoint)
        request.session[LOGOUT_ORIGIN_KEY] = f"{parts.scheme}://{parts.netloc}"


class ProviderLogoutMiddleware:
    """Lets the logout form of a provider's session continue to the provider (CSP form-action).

    The content security policy allows forms to post to the application only; logging out
    redirects the form's post on to the provider's end-of-session endpoint, which the browser
    checks against that directive too. Only read from a session the request already loaded.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        session = getattr(request, "session", None)
        if session is not None and session.accessed:
            origin = session.get(LOGOUT_ORIGIN_KEY)
            if origin:
                update = dict(getattr(response, "_csp_update", None) or {})
                update["form-action"] = [*update.get("form-action", []), origin]
                response._csp_update = update
        return response


def _refused(request, reason: str):
    return render(request, "registration/oidc_refused.html", {"reason": reason}, status=403)


# --- The authentication backend -------------------------------------------------------------


class ProviderBackend(OIDCAuthenticationBackend):
    """Authenticates the code of the provider chosen in this session (see the module's doc)."""

    OIDC_RP_SIGN_ALGO = "RS256"
    OIDC_RP_IDP_SIGN_KEY = None

    def __init__(self, *args, **kwargs):
        # Settings are per provider, read in authenticate(); nothing is required up front.
        self.UserModel = get_user_model()

    def authenticate(self, request, **kwargs):
        # Only the callback passes a nonce; a password login never reaches the provider.
        if request is None or "nonce" not in kwargs:
            return None
        provider = provider_by_key(request.session.get(PROVIDER_SESSION_KEY))
        if provider is None:
            return None
        self.provider = provider
        self.OIDC_RP_CLIENT_ID = provider.client_id
        self.OIDC_RP_CLIENT_SECRET = provider.client_secret
        self.OIDC_RP_SIGN_ALGO = settings.OIDC_RP_SIGN_ALGO
        try:
            self.OIDC_OP_TOKEN_ENDPOINT = provider.endpoint("token_endpoint")
            self.OIDC_OP_USER_ENDPOINT = provider.endpoint("userinfo_endpoint")
            self.OIDC_OP_JWKS_ENDPOINT = provider.endpoint("jwks_uri")
            return super().authenticate(request, **kwargs)
        except (SuspiciousOperation, requests.RequestException, jwt.PyJWTError) as exc:
            logger.warning("oidc: login refused by %s: %s", provider.issuer, exc)
            request.oidc_refusal = "token"
            return None

    def verify_token(self, token, **kwargs):
        payload = super().verify_token(token, **kwargs)
        if payload.get("iss") != self.provider.issuer:
            raise SuspiciousOperation("ID token of another issuer")
        audience = payload.get("aud")
        audiences = [audience] if isinstance(audience, str) else list(audience or [])
        if self.provider.client_id not in audiences:
            raise SuspiciousOperation("ID token for another client")
        if "exp" not in payload:
            raise SuspiciousOperation("ID token without expiry")
        self.id_claims = payload
        return payload

    def get_or_create_user(self, access_token, id_token, payload):
        request = self.request
        claims = self.get_userinfo(access_token, id_token, payload)
        if claims.get("sub") != payload.get("sub"):
            raise SuspiciousOperation("userinfo of another subject")
        claims = {**claims, **{k: payload[k] for k in ("amr", "acr") if k in payload}}
        request.oidc_claims = claims
        user, reason = account_for_claims(provider=self.provider, claims=claims)
        if user is None:
            request.oidc_refusal = reason
        return user


@transaction.atomic
def account_for_claims(*, provider: Provider, claims: dict) -> tuple[User | None, str]:
    """The account these claims sign in to, or None and why not (for the Dutch page)."""
    subject = str(claims.get("sub") or "")
    if not subject:
        return None, "token"
    identity = (
        ExternalIdentity.objects.select_related("user")
        .filter(issuer=provider.issuer, subject=subject)
        .first()
    )
    user = identity.user if identity is not None else None
    email = (claims.get("email") or "").strip()
    if user is None and email and claims.get("email_verified", True) is not False:
        matches = list(User.objects.filter(email__iexact=email)[:2])
        if len(matches) > 1:
            return None, "ambiguous"
        user = matches[0] if matches else None
    if user is None:
        if provider.create_users_region_id is None:
            return None, "unknown"
        user = _account_create(provider=provider, claims=claims)
    if identity is None:
        identity = ExternalIdentity.objects.create(
            user=user, issuer=provider.issuer, subject=subject
        )
    if not user.is_active:
        return None, "inactive"
    if provider.group_claim and provider.group_claim in claims:
        from .services import roles_set

        values = claims[provider.group_claim]
        values = [values] if isinstance(values, str) else list(values or [])
        roles_set(user, [value for value in values if value in Role.values])
    if not user.is_superuser:
        with all_regions():
            region_id = Person.objects.filter(user=user).values_list("region_id", flat=True).first()
        if provider.region_id is not None and region_id != provider.region_id:
            return None, "wrong_region"
        if not user.groups.filter(name__in=Role.values).exists():
            return None, "no_role"
    ExternalIdentity.objects.filter(pk=identity.pk).update(last_login_at=timezone.now())
    return user, ""


def _account_create(*, provider: Provider, claims: dict) -> User:
    """A new account for a person the provider knows: a person in the region, no role yet."""
    email = (claims.get("email") or "").strip()
    name = (claims.get("name") or "").strip() or email or str(claims["sub"])
    base = slugify(claims.get("preferred_username") or email.split("@")[0] or name)[:100] or "user"
    username = base
    while User.objects.filter(username__iexact=username).exists():
        username = f"{base}-{get_random_string(4).lower()}"
    user = User.objects.create_user(username=username, email=email)  # no usable password
    user.first_name = (claims.get("given_name") or "")[:150]
    user.last_name = (claims.get("family_name") or "")[:150]
    user.save(update_fields=["first_name", "last_name"])
    with all_regions():
        region = Region.objects.get(pk=provider.create_users_region_id)
        slug = slugify(name)[:40] or "persoon"
        while Person.objects.filter(slug=slug).exists():
            slug = f"{slugify(name)[:40]}-{get_random_string(4).lower()}"
        person = Person(region=region, name=name[:200], email=email, user=user, slug=slug)
        person.full_clean()
        person.save()
    logger.info("oidc: account %s created for %s", username, provider.issuer)
    return user
