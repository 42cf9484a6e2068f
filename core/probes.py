"""The orchestrator's probes: `/livez` (the process answers) and `/readyz` (it can serve).

Both are answered by `ProbeMiddleware`, placed before `SecurityMiddleware` and
`CommonMiddleware`: a probe of Kubernetes comes with the pod's IP as host (which
ALLOWED_HOSTS refuses), over plain HTTP (which the HTTPS redirect would answer with a 301) and
without a session. Only these exact paths are answered here; every other request passes on to
the full middleware stack untouched.

The readiness check opens its own short-lived connection in a separate thread and waits at
most `settings.READINESS_TIMEOUT` seconds for it. A frozen database server (a stopped process,
a hung host) does not answer a server-side `statement_timeout`, and an already open connection
would wait for it forever; the thread bounds the wait on the client side. At most one check
runs at a time per process, so a database that stays frozen holds one thread, not one per
probe. After the database it checks the document storage, where that is not the database: the
shared directory is there and writable, the object store answers.
"""

import copy
import logging
import math
import os
import threading

from django.conf import settings
from django.core.files.storage import FileSystemStorage, default_storage
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections
from django.db.migrations.loader import MigrationLoader
from django.db.utils import load_backend
from django.http import HttpResponse

from .storage import DatabaseStorage

LIVENESS_PATH = "/livez"
READINESS_PATH = "/readyz"

logger = logging.getLogger(__name__)

_check_lock = threading.Lock()
_check_in_flight: threading.Thread | None = None
_expected_migrations: frozenset | None = None


def _plain(text: str, status: int = 200) -> HttpResponse:
    response = HttpResponse(text + "\n", status=status, content_type="text/plain; charset=utf-8")
    response["Cache-Control"] = "no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


class ProbeMiddleware:
    """Answer `/livez` and `/readyz` before host validation, HTTPS redirect and sessions."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        path = request.path_info
        if path not in (LIVENESS_PATH, READINESS_PATH):
            return self.get_response(request)
        if request.method not in ("GET", "HEAD"):
            response = _plain("alleen GET of HEAD", status=405)
            response["Allow"] = "GET, HEAD"
            return response
        reason = None if path == LIVENESS_PATH else readiness_problem()
        if reason:
            logger.warning("Niet gereed: %s", reason)
            response = _plain(reason, status=503)
            # Logged above as a warning, with its reason; not once more as django.request's error.
            response._has_been_logged = True
        else:
            response = _plain("ok")
        if request.method == "HEAD":
            response.content = b""
        return response


def readiness_problem(timeout: float | None = None) -> str | None:
    """None when the database answers within `timeout` and every migration is applied.

    Otherwise a short Dutch reason for the operator, such as "database: geen antwoord binnen
    2 s" or "migraties niet toegepast: 3 (governance.0012_…)".
    """
    global _check_in_flight
    timeout = settings.READINESS_TIMEOUT if timeout is None else timeout
    expected = expected_migrations()
    result: dict = {}
    with _check_lock:
        if _check_in_flight is not None and _check_in_flight.is_alive():
            return "database: de vorige controle wacht nog op antwoord"
        thread = threading.Thread(
            target=_check_database,
            args=(database_settings(), expected, timeout, result),
            name="readiness-check",
            daemon=True,
        )
        _check_in_flight = thread
        thread.start()
    thread.join(timeout)
    if thread.is_alive():
        return f"database: geen antwoord binnen {timeout:g} s"
    return result.get("problem", "controle mislukt (zie het log)")


def database_settings() -> dict:
    """A copy of the default database's settings, for the check's own connection."""
    return copy.deepcopy(connections[DEFAULT_DB_ALIAS].settings_dict)


def expected_migrations() -> frozenset:
    """Every migration on disk, read once per process (the code does not change while it runs).

    A squashed migration counts as applied when it is recorded, or when all the migrations it
    replaces are.
    """
    global _expected_migrations
    if _expected_migrations is None:
        loader = MigrationLoader(None, ignore_no_migrations=True)
        _expected_migrations = frozenset(
            (key, tuple(migration.replaces)) for key, migration in loader.graph.nodes.items()
        )
    return _expected_migrations


def _check_database(settings_dict: dict, expected: frozenset, timeout: float, result: dict):
    """The check's thread: anything unforeseen is a problem too, never a silent "ok"."""
    try:
        result["problem"] = _database_problem(settings_dict, expected, timeout) or (
            _storage_problem()
        )
    except Exception:
        logger.exception("De gereedheidscontrole zelf faalde")
        result["problem"] = "controle mislukt (zie het log)"


def _storage_problem() -> str | None:
    """The document storage, where it is not the database itself: the shared directory is there
    and writable, the bucket answers."""
    if isinstance(default_storage, DatabaseStorage):
        return None
    if isinstance(default_storage, FileSystemStorage):
        root = str(default_storage.location)
        if not (os.path.isdir(root) and os.access(root, os.W_OK)):
            return f"opslag: map {root} ontbreekt of is niet schrijfbaar"
    else:
        try:
            default_storage.exists("readyz")
        except Exception as error:
            return f"opslag: onbereikbaar ({type(error).__name__})"
    return None


def _database_problem(settings_dict: dict, expected: frozenset, timeout: float) -> str | None:
    """On a connection of its own, which it closes again."""
    settings_dict["CONN_MAX_AGE"] = 0
    settings_dict["CONN_HEALTH_CHECKS"] = False
    if settings_dict["ENGINE"] == "django.db.backends.postgresql":
        options = settings_dict.setdefault("OPTIONS", {})
        options.pop("pool", None)  # one plain connection, never a pool of its own
        # libpq counts whole seconds and treats less than 2 as 2; the join above bounds the wait.
        options["connect_timeout"] = max(2, math.ceil(timeout))
        # Later -c options win over earlier ones: this one replaces the app's statement timeout.
        extra = options.get("options", "")
        options["options"] = f"{extra} -c statement_timeout={int(timeout * 1000)}".strip()
    wrapper = load_backend(settings_dict["ENGINE"]).DatabaseWrapper(settings_dict, "readiness")
    try:
        try:
            with wrapper.cursor() as cursor:
                cursor.execute("SELECT 1")
                cursor.fetchone()
        except DatabaseError as error:
            return f"database: onbereikbaar ({type(error).__name__})"
        try:
            with wrapper.cursor() as cursor:
                cursor.execute("SELECT app, name FROM django_migrations")
                applied = {tuple(row) for row in cursor.fetchall()}
        except DatabaseError:
            return "migraties: nog nooit uitgevoerd (geen tabel django_migrations)"
        missing = sorted(
            f"{app}.{name}"
            for (app, name), replaces in expected
            if (app, name) not in applied
            and not (replaces and all(tuple(key) in applied for key in replaces))
        )
        if missing:
            named = ", ".join(missing[:3]) + (", …" if len(missing) > 3 else "")
            return f"migraties niet toegepast: {len(missing)} ({named})"
        return None
    finally:
        wrapper.close()
