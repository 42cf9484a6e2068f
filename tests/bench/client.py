"""The bench's HTTP client: one signed-in person over real HTTP (urllib, a cookie jar), and the
interleaved measurement of a request beside the floor."""

from __future__ import annotations

import hashlib
import hmac
import http.cookiejar
import itertools
import re
import struct
import time
import urllib.error
import urllib.parse
import urllib.request

PASSWORD = "demo"
# The demo administrators' app key (RFC 6238's test key), as demo.services publishes it; the
# bench gives its own administrators the same one.
TOTP_KEY = b"12345678901234567890"
_FRESH = itertools.count(1)
CSRF = re.compile(rb'name="csrfmiddlewaretoken" value="([^"]+)"')


class LoginError(Exception):
    pass


def totp(key: bytes = TOTP_KEY, *, at: float | None = None, step: int = 30) -> str:
    """The RFC 6238 code (SHA-1, six digits) an authenticator app shows at `at`."""
    counter = int((time.time() if at is None else at) // step)
    digest = hmac.new(key, struct.pack(">Q", counter), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    code = (struct.unpack(">I", digest[offset : offset + 4])[0] & 0x7FFFFFFF) % 1_000_000
    return f"{code:06d}"


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None  # a redirect is a response of its own, measured as such


class Browser:
    """One signed-in person: a cookie jar and an opener that does not follow redirects."""

    def __init__(self, base: str, *, timeout: float = 120) -> None:
        self.base, self.timeout = base, timeout
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.jar), _NoRedirect()
        )

    def _open(self, request) -> tuple[int, bytes, dict]:
        try:
            with self.opener.open(request, timeout=self.timeout) as response:
                return response.status, response.read(), dict(response.headers)
        except urllib.error.HTTPError as error:
            return error.code, error.read(), dict(error.headers)
        except (TimeoutError, urllib.error.URLError, ConnectionError):
            return 0, b"", {}  # no answer at all: counted as status 0

    def get(self, path: str) -> tuple[int, bytes]:
        status, body, _headers = self._open(self.base + path)
        return status, body

    def post(self, path: str, data: dict, *, csrf_from: str | None = None):
        """POST a form with the CSRF token of the page it is on; (status, body, location)."""
        _status, page = self.get(csrf_from or path)
        match = CSRF.search(page)
        fields = {**data, "csrfmiddlewaretoken": match.group(1).decode() if match else ""}
        request = urllib.request.Request(
            self.base + path,
            data=urllib.parse.urlencode(fields, doseq=True).encode(),
            headers={"Referer": self.base + (csrf_from or path)},
        )
        status, body, headers = self._open(request)
        return status, body, headers.get("Location", "")

    def timed_get(self, path: str) -> tuple[float, int, int]:
        """(milliseconds, status, bytes) of one request."""
        before = time.perf_counter()
        status, body = self.get(path)
        return (time.perf_counter() - before) * 1000, status, len(body)

    def login(self, username: str, *, second_factor: bool = False) -> None:
        status, _body, location = self.post(
            "/accounts/login/", {"username": username, "password": PASSWORD}
        )
        if status != 302:
            raise LoginError(f"Inloggen als {username} mislukte (status {status}).")
        if "tweede-stap" in location or second_factor:
            # Each code is accepted once: after a code of this step, wait for the next step.
            status, _body, location = self.post(
                "/accounts/tweede-stap/", {"code": totp()}, csrf_from="/accounts/tweede-stap/"
            )
            if status != 302 or "tweede-stap" in location:
                time.sleep(31 - time.time() % 30)
                status, _body, location = self.post(
                    "/accounts/tweede-stap/", {"code": totp()}, csrf_from="/accounts/tweede-stap/"
                )
            if status != 302 or "tweede-stap" in location:
                raise LoginError(f"De tweede stap van {username} mislukte (status {status}).")
        if not any(cookie.name == "sessionid" for cookie in self.jar):
            raise LoginError(f"Inloggen als {username} gaf geen sessie.")


def measure_interleaved(
    browser: Browser, path: str, floor: Browser, *, requests: int, warmup: int, budget: float
) -> dict:
    """Each measured request followed by one /healthz request of the same moment: the floor
    rises and falls with the machine's load, so the ratio of the two is the figure to compare."""
    status, size = 0, 0
    # '{fresh}' in a path becomes a new value for every request (a page without its cache).
    addresses = (path.replace("{fresh}", str(next(_FRESH))) for _ in itertools.count())
    for _ in range(warmup):
        _ms, status, size = browser.timed_get(next(addresses))
    samples, floors = [], []
    started = time.perf_counter()
    while len(samples) < requests:
        ms, status, size = browser.timed_get(next(addresses))
        samples.append(ms)
        floors.append(floor.timed_get("/healthz")[0])
        if time.perf_counter() - started > budget and len(samples) >= 3:
            break
    return {"samples_ms": samples, "floor_ms": floors, "http_status": status, "bytes": size}
