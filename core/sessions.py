"""Sessions end after an idle time and after an absolute lifetime, whatever comes first.

`SESSION_IDLE_MINUTES` without a request ends the session; so do `SESSION_MAX_HOURS` after
signing in, however active the person is. The session records when it was signed in and when
it was last seen; the last-seen time is written at most once a minute, so a page view does not
write the session every time (the idle time holds to the minute).
"""

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.utils.translation import gettext as _

SIGNED_IN_AT = "_signed_in_at"
LAST_SEEN_AT = "_last_seen_at"
_SEEN_RESOLUTION_SECONDS = 60


def mark_signed_in(sender, request, user, **kwargs):
    """Receiver of `user_logged_in`: the absolute lifetime starts now."""
    if request is None or not hasattr(request, "session"):
        return
    now = int(time.time())
    request.session[SIGNED_IN_AT] = now
    request.session[LAST_SEEN_AT] = now


def session_expired(session, now: int) -> bool:
    signed_in = session.get(SIGNED_IN_AT)
    last_seen = session.get(LAST_SEEN_AT)
    if signed_in is not None and now - signed_in > settings.SESSION_MAX_HOURS * 3600:
        return True
    return last_seen is not None and now - last_seen > settings.SESSION_IDLE_MINUTES * 60


class SessionExpiryMiddleware:
    """Signs out an expired session before the login check, which then asks to sign in again.

    Placed after the authentication and message middleware and before
    `LoginRequiredMiddleware`.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            now = int(time.time())
            session = request.session
            if session_expired(session, now):
                logout(request)
                messages.info(request, _("Uw sessie is verlopen. Log opnieuw in."))
            else:
                # Sessions from before this rule get their start now.
                session.setdefault(SIGNED_IN_AT, now)
                if now - session.get(LAST_SEEN_AT, 0) >= _SEEN_RESOLUTION_SECONDS:
                    session[LAST_SEEN_AT] = now
        return self.get_response(request)
