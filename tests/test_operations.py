"""Running it as real software: required settings and gunicorn.conf.py (docs/operations.md)."""

import os
import runpy
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
GUNICORN = Path(sys.executable).parent / "gunicorn"
LOAD_SETTINGS = (
    "import django; django.setup(); from django.conf import settings; settings.DATABASES"
)


def _production_env(**extra):
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DATABASE_URL", "PYTEST_VERSION", "DEBUG"}
    }
    return {**env, "DJANGO_SETTINGS_MODULE": "config.settings", "SECRET_KEY": "x", **extra}


def _settings_in_subprocess(env):
    return subprocess.run(
        [sys.executable, "-c", LOAD_SETTINGS], cwd=ROOT, env=env, capture_output=True, text=True
    )


def test_without_debug_database_url_is_required():
    result = _settings_in_subprocess(_production_env(DEBUG="false"))
    assert result.returncode != 0
    assert "DATABASE_URL ontbreekt" in result.stderr


def test_an_explicit_sqlite_url_or_debug_needs_no_postgresql():
    assert (
        _settings_in_subprocess(_production_env(DATABASE_URL="sqlite://:memory:")).returncode == 0
    )
    assert _settings_in_subprocess(_production_env(DEBUG="true")).returncode == 0


def test_gunicorn_conf_defaults_and_environment(monkeypatch):
    for name in ("GUNICORN_BIND", "GUNICORN_WORKERS", "GUNICORN_TIMEOUT", "LOG_FORMAT"):
        monkeypatch.delenv(name, raising=False)
    conf = runpy.run_path(str(ROOT / "gunicorn.conf.py"))
    assert conf["control_socket_disable"] is True
    assert conf["accesslog"] == "-"
    assert conf["bind"] == ["127.0.0.1:8000"]
    assert (conf["workers"], conf["timeout"]) == (4, 30)
    monkeypatch.setenv("GUNICORN_BIND", "0.0.0.0:8000")
    monkeypatch.setenv("GUNICORN_WORKERS", "2")
    monkeypatch.setenv("GUNICORN_TIMEOUT", "120")
    conf = runpy.run_path(str(ROOT / "gunicorn.conf.py"))
    assert conf["bind"] == ["0.0.0.0:8000"]
    assert (conf["workers"], conf["timeout"]) == (2, 120)


def test_gunicorn_serves_the_probes_and_opens_no_control_socket(tmp_path):
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    home = tmp_path / "home"
    home.mkdir()
    env = _production_env(
        DEBUG="false",
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
        ALLOWED_HOSTS="jeugdregio.example.org",
        STATICFILES_BACKEND="django.contrib.staticfiles.storage.StaticFilesStorage",
        GUNICORN_BIND=f"127.0.0.1:{port}",
        GUNICORN_WORKERS="1",
        LOG_FORMAT="json",
        HOME=str(home),
    )
    env.pop("XDG_RUNTIME_DIR", None)
    out = tmp_path / "stdout.log"
    with open(out, "w") as stdout:
        server = subprocess.Popen(
            [str(GUNICORN), "-c", "gunicorn.conf.py"],
            cwd=ROOT,
            env=env,
            stdout=stdout,
            stderr=subprocess.DEVNULL,
        )
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/livez", timeout=5) as resp:
                    status, request_id = resp.status, resp.headers["X-Request-ID"]
                break
            except OSError:
                if time.monotonic() > deadline or server.poll() is not None:
                    pytest.fail("gunicorn antwoordde niet op /livez")
                time.sleep(0.2)
    finally:
        server.terminate()
        server.wait(20)
    assert status == 200
    assert not any(home.iterdir()), "gunicorn made a control socket in the home directory"
    access = out.read_text()
    assert '"path": "/livez"' in access and f'"request_id": "{request_id}"' in access
