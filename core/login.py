"""Login behind a reverse proxy: the client's address, the lock-outs, the password change.

django-axes counts failed logins (docs/operations.md, "Inloggen achter een proxy"):

- **the client address** comes from `client_ip_address`: `REMOTE_ADDR`, or with
  `TRUSTED_PROXY_COUNT` proxies in front the address the outermost trusted proxy received the
  request from, read from the right of `X-Forwarded-For` (what a client writes on the left
  itself is never trusted);
- **two limits**: `AXES_FAILURE_LIMIT` failures of one username from one address lock that
  pair; `AXES_ADDRESS_FAILURE_LIMIT` failures from one address across usernames lock the
  address (`LockoutHandler`);
- **the password change** checks the old password through `authenticate()`, so a wrong one
  counts as a failed login of that user from that address, and a locked pair cannot guess on.
"""

import ipaddress

from django.conf import settings
from django.contrib.auth import authenticate
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import PasswordChangeForm
from django.core.exceptions import ValidationError
from django.db.models import Sum

from axes.attempts import get_cool_off_threshold
from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_failure_limit
from axes.models import AccessAttempt


def _address(value: str | None) -> str | None:
    """The address in `value` (which may carry a port), or None when it is not one."""
    if not value:
        return None
    value = value.strip()
    if value.startswith("[") and "]" in value:  # [2001:db8::1]:443
        value = value[1 : value.index("]")]
    elif value.count(":") == 1:  # 192.0.2.1:443
        value = value.split(":", 1)[0]
    try:
        return str(ipaddress.ip_address(value))
    except ValueError:
        return None


def client_ip_address(request) -> str | None:
    """The client's address as the trusted proxies saw it (`AXES_CLIENT_IP_CALLABLE`).

    Each proxy appends the address it received the request from to X-Forwarded-For. With N
    trusted proxies the N-th entry from the right is the client as the outermost of them saw
    it; entries further left were written by the client and may be forged. With fewer entries
    than proxies, or an entry that is no address, the request did not come through the
    proxies as configured: `REMOTE_ADDR` counts.
    """
    remote = _address(request.META.get("REMOTE_ADDR"))
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies <= 0:
        return remote
    header = request.META.get("HTTP_X_FORWARDED_FOR", "")
    forwarded = [part.strip() for part in header.split(",") if part.strip()]
    if len(forwarded) < proxies:
        return remote
    return _address(forwarded[-proxies]) or remote


class LockoutHandler(AxesDatabaseHandler):
    """Axes' database handler with a second limit, for an address across usernames.

    Axes compares one failure count with one limit (`AXES_FAILURE_LIMIT`), counted per
    username and address (`AXES_LOCKOUT_PARAMETERS`). Once an address has reached
    `AXES_ADDRESS_FAILURE_LIMIT` failures within the cool-off time, whatever username it
    tries, this handler reports that limit as reached, so axes refuses the login and shows
    the lock-out page. Another address is not affected.
    """

    def get_failures(self, request, credentials=None) -> int:
        failures = super().get_failures(request, credentials)
        address = getattr(request, "axes_ip_address", None)
        if address is None:
            return failures
        attempts = AccessAttempt.objects.filter(ip_address=address)
        if settings.AXES_COOLOFF_TIME is not None:
            attempts = attempts.filter(attempt_time__gte=get_cool_off_threshold(request))
        from_address = attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0
        if from_address >= settings.AXES_ADDRESS_FAILURE_LIMIT:
            return max(failures, get_failure_limit(request, credentials))
        return failures


class ThrottledPasswordChangeForm(PasswordChangeForm):
    """The old password is checked as a login: a wrong one counts towards the lock-out."""

    def __init__(self, user, *args, request=None, **kwargs):
        self.request = request
        super().__init__(user, *args, **kwargs)

    def clean_old_password(self):
        old_password = self.cleaned_data["old_password"]
        user = authenticate(self.request, username=self.user.get_username(), password=old_password)
        if user is None or user.pk != self.user.pk:
            raise ValidationError(
                self.error_messages["password_incorrect"], code="password_incorrect"
            )
        return old_password


class PasswordChangeView(auth_views.PasswordChangeView):
    form_class = ThrottledPasswordChangeForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "request": self.request}
