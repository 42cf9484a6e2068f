"""A real OpenID Connect provider on 127.0.0.1 for the login tests: tests/oidc_provider/server.js
(the `oidc-provider` package, installed by `make install-test` with `npm ci`; nothing is
downloaded when the tests run)."""

import json
import os
import selectors
import shutil
import socket
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

PROVIDER_DIR = Path(__file__).resolve().parents[1] / "oidc_provider"
CLIENT_ID = "jeugdregio"
CLIENT_SECRET = "test-only-client-secret"
REGION_CLIENT_ID = "jeugdregio-regio"
REGION_CLIENT_SECRET = "test-only-region-secret"


@dataclass(frozen=True)
class LocalProvider:
    issuer: str
    process: subprocess.Popen


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _require_node() -> str:
    node = shutil.which("node")
    installed = (PROVIDER_DIR / "node_modules" / "oidc-provider").is_dir()
    if node and installed:
        return node
    reason = (
        "Node.js ontbreekt"
        if not node
        else "tests/oidc_provider/node_modules ontbreekt (make install-test draait npm ci)"
    )
    if os.environ.get("REQUIRE_BROWSER") == "1":
        pytest.fail(f"{reason}, en REQUIRE_BROWSER=1.", pytrace=False)
    pytest.skip(f"{reason}; de tests met een identiteitsprovider zijn overgeslagen")


def start_provider(app_url: str, accounts: dict) -> LocalProvider:
    node = _require_node()
    port = _free_port()
    client = {
        "redirect_uris": [f"{app_url}/oidc/callback/"],
        "post_logout_redirect_uris": [f"{app_url}/accounts/login/"],
    }
    clients = [
        {"client_id": CLIENT_ID, "client_secret": CLIENT_SECRET, **client},
        {"client_id": REGION_CLIENT_ID, "client_secret": REGION_CLIENT_SECRET, **client},
    ]
    env = {
        **os.environ,
        "OIDC_TEST_PORT": str(port),
        "OIDC_TEST_CLIENTS": json.dumps(clients),
        "OIDC_TEST_ACCOUNTS": json.dumps(accounts),
    }
    process = subprocess.Popen(
        [node, "server.js"],
        cwd=PROVIDER_DIR,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    selector = selectors.DefaultSelector()
    selector.register(process.stdout, selectors.EVENT_READ)
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        if selector.select(timeout=0.5):
            line = process.stdout.readline()
            if line.startswith("ready "):
                return LocalProvider(issuer=line.split()[1], process=process)
            if not line and process.poll() is not None:
                break
    process.kill()
    pytest.fail("De lokale identiteitsprovider startte niet.", pytrace=False)


def stop_provider(provider: LocalProvider) -> None:
    provider.process.terminate()
    try:
        provider.process.wait(timeout=5)
    except subprocess.TimeoutExpired:
        provider.process.kill()
        provider.process.wait()


def configure_installation(settings, provider: LocalProvider, **extra) -> None:
    settings.OIDC_ISSUER = provider.issuer
    settings.OIDC_RP_CLIENT_ID = CLIENT_ID
    settings.OIDC_RP_CLIENT_SECRET = CLIENT_SECRET
    for name, value in extra.items():
        setattr(settings, name, value)
