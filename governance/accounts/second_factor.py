"""The second factor: a code from an authenticator app (TOTP) or a one-time recovery code.

Built on django-otp: one confirmed `TOTPDevice` per user, and a `StaticDevice` holding the
user's recovery codes (each works once). Who must give one (`second_factor_required`):

- the platform administrator and functional administrators, on a local (password) login;
- everyone, when the installation sets `SECOND_FACTOR_FOR_ALL`;
- anyone who set one up of their own accord.

A login that needs the factor is not a login yet: the password (or the identity provider)
only starts a *pending* login in the session, which the second step completes. A user whose
identity provider reports a second factor (`amr`/`acr`, see `oidc.py`) is not asked again.
A session that signed in through a provider without one carries `MISSING_KEY`: the admin
asks for the factor before it opens.

Wrong codes are throttled by django-otp (each failure doubles the wait before the next try,
kept on the device, so a new session does not reset it); a code is accepted once (TOTP
refuses a time step at or before the last one used; a recovery code is deleted on use); after
`MAX_FAILURES` wrong codes the pending login is dropped and the password is asked again.
"""

import base64
import time

from django.conf import settings
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

import segno
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from governance.constants import Role
from governance.permissions import has_role

PENDING_KEY = "_pending_login"
VERIFIED_KEY = "_second_factor"
MISSING_KEY = "_second_factor_missing"
PENDING_SECONDS = 300
MAX_FAILURES = 10
RECOVERY_CODE_COUNT = 10
RECOVERY_DEVICE_NAME = "herstelcodes"
TOTP_DEVICE_NAME = "authenticator-app"


def confirmed_totp(user: User) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


def is_administrator(user: User) -> bool:
    return user.is_superuser or has_role(user, Role.FUNCTIONAL_ADMIN)


def second_factor_required(user: User) -> bool:
    """Whether a local login of `user` asks for the second factor."""
    return (
        settings.SECOND_FACTOR_FOR_ALL or is_administrator(user) or confirmed_totp(user) is not None
    )


def provider_second_factor_required(user: User) -> bool:
    """Whether a provider login without a second factor there asks for ours before it starts."""
    return settings.SECOND_FACTOR_FOR_ALL or confirmed_totp(user) is not None


# --- Setting up -----------------------------------------------------------------------------


def totp_setup_start(*, user: User) -> TOTPDevice:
    """The unconfirmed device whose secret the user is adding to their app (one at a time)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=TOTP_DEVICE_NAME, confirmed=False)
    return device


def totp_secret(device: TOTPDevice) -> str:
    """The secret as the apps take it when typed in: base32, in groups of four."""
    secret = base64.b32encode(device.bin_key).decode("ascii").rstrip("=")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def totp_qr_data_uri(device: TOTPDevice) -> str:
    """The otpauth:// address as a QR code: an SVG image in a data: URI (no inline markup)."""
    return segno.make(device.config_url, error="m").svg_data_uri(scale=4, border=2)


def _normalize(code: str) -> str:
    return "".join((code or "").split()).lower()


@transaction.atomic
def totp_setup_confirm(*, device: TOTPDevice, code: str) -> list[str]:
    """Confirm the device with a first code from the app; returns fresh recovery codes.

    Any device the user had before is replaced by this one.
    """
    _check_allowed(device)
    if not device.verify_token(_normalize(code)):
        raise ValidationError(_("Deze code klopt niet. Typ de code die de app nu toont."))
    TOTPDevice.objects.filter(user=device.user).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    return recovery_codes_renew(user=device.user)


@transaction.atomic
def recovery_codes_renew(*, user: User) -> list[str]:
    """New recovery codes for `user`; the old ones stop working."""
    device, _created = StaticDevice.objects.get_or_create(user=user, name=RECOVERY_DEVICE_NAME)
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _i in range(RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


@transaction.atomic
def second_factor_remove(*, user: User) -> None:
    """Switch the second factor off (refused when it is required for this user)."""
    if settings.SECOND_FACTOR_FOR_ALL or is_administrator(user):
        raise ValidationError(_("Voor uw account is de tweede stap verplicht."))
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()


# --- Verifying ------------------------------------------------------------------------------


def _check_allowed(device) -> None:
    allowed, details = device.verify_is_allowed()
    if not allowed:
        locked_until = (details or {}).get("locked_until")
        seconds = 1
        if locked_until is not None:
            seconds = max(1, int(locked_until.timestamp() - time.time()) + 1)
        raise ValidationError(
            _("Te veel pogingen kort na elkaar. Wacht %(seconds)s seconden en probeer het opnieuw.")
            % {"seconds": seconds},
            code="throttled",
        )


def second_factor_verify(*, user: User, code: str) -> str:
    """Check a code of `user`: 'totp' or 'recovery' when it is right, a Dutch error otherwise."""
    code = _normalize(code)
    if not code:
        raise ValidationError(_("Vul de code in."))
    if code.isdigit():
        device = confirmed_totp(user)
        kind = "totp"
    else:
        device = StaticDevice.objects.filter(user=user).first()
        kind = "recovery"
    if device is None:
        raise ValidationError(_("Deze code is onjuist of al gebruikt."))
    _check_allowed(device)
    if not device.verify_token(code):
        raise ValidationError(_("Deze code is onjuist of al gebruikt."))
    return kind


# --- The pending login in the session ------------------------------------------------------


def pending_login_start(request, *, user: User, backend: str, next_url: str, via: str) -> None:
    request.session[PENDING_KEY] = {
        "user": user.pk,
        "backend": backend,
        "next": next_url,
        "via": via,
        "started": int(time.time()),
        "failures": 0,
    }


def pending_login(request) -> dict | None:
    pending = request.session.get(PENDING_KEY)
    if not pending or time.time() - pending.get("started", 0) > PENDING_SECONDS:
        request.session.pop(PENDING_KEY, None)
        return None
    return pending


def pending_login_failed(request) -> bool:
    """Count a wrong code; True when the pending login is dropped for too many of them."""
    pending = request.session[PENDING_KEY]
    pending["failures"] = pending.get("failures", 0) + 1
    request.session.modified = True
    if pending["failures"] >= MAX_FAILURES:
        del request.session[PENDING_KEY]
        return True
    return False
