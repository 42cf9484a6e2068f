"""Logs: the request id and JSON lines (core/logs.py)."""

import io
import json
import logging
import logging.config

import pytest

from core import logs


@pytest.fixture
def captured():
    """The app's JSON configuration, written to a buffer instead of stderr."""
    stream = io.StringIO()
    config = logs.logging_config("INFO", "json")
    config["handlers"]["console"]["stream"] = stream
    config["loggers"] = {"jeugdregio.test": {"handlers": ["console"], "propagate": False}}
    del config["root"]
    logging.config.dictConfig(config)
    yield stream
    logging.getLogger("jeugdregio.test").handlers.clear()


def _lines(stream):
    return [json.loads(line) for line in stream.getvalue().splitlines()]


def test_a_sane_incoming_request_id_is_kept_and_sent_back(client):
    response = client.get("/livez", HTTP_X_REQUEST_ID="3f2b9c1e-7d4a-4c1b-9a8e-2b7f0c6d5e4a")
    assert response["X-Request-ID"] == "3f2b9c1e-7d4a-4c1b-9a8e-2b7f0c6d5e4a"


@pytest.mark.parametrize(
    "hostile", ["", "twee woorden", "a" * 200, "id\nFORGED log line", "<script>", "-leading"]
)
def test_an_insane_request_id_is_replaced(client, hostile):
    response = client.get("/livez", HTTP_X_REQUEST_ID=hostile)
    generated = response["X-Request-ID"]
    assert generated != hostile
    assert len(generated) == 32 and generated.isalnum()


def test_every_request_gets_its_own_id(client):
    first = client.get("/livez")["X-Request-ID"]
    assert first != client.get("/livez")["X-Request-ID"]


def test_records_during_a_request_carry_its_id_and_none_after(captured, client, monkeypatch):
    log = logging.getLogger("jeugdregio.test")
    real_call = logs.RequestIdMiddleware.__call__

    def call_and_log(self, request):
        response = real_call(self, request)
        log.warning("tijdens het verzoek", extra={"status_code": 200})
        return response

    monkeypatch.setattr(logs.RequestIdMiddleware, "__call__", call_and_log)
    response = client.get("/livez", HTTP_X_REQUEST_ID="abc-123")
    log.warning("na het verzoek")
    during, after = _lines(captured)
    assert response["X-Request-ID"] == "abc-123"
    assert during["request_id"] == "abc-123"
    assert during["message"] == "tijdens het verzoek"
    assert during["level"] == "WARNING" and during["logger"] == "jeugdregio.test"
    assert during["status_code"] == 200
    assert "request_id" not in after


def test_json_lines_hold_the_traceback_and_escape_newlines(captured):
    log = logging.getLogger("jeugdregio.test")
    try:
        raise ValueError("kapot")
    except ValueError:
        log.exception("regel één\nregel twee")
    (line,) = captured.getvalue().splitlines()
    entry = json.loads(line)
    assert entry["message"] == "regel één\nregel twee"
    assert "ValueError: kapot" in entry["exception"]
    assert entry["time"].endswith("+00:00")


def test_gunicorn_access_records_become_fields():
    atoms = {
        "r": "GET /readyz HTTP/1.1",
        "h": "10.0.0.5",
        "m": "GET",
        "U": "/readyz",
        "q": "",
        "s": "200",
        "B": 3,
        "a": "kube-probe/1.30",
        "f": "-",
        "M": 4,
        "{x-request-id}o": "abc-123",
    }
    record = logging.makeLogRecord(
        {"name": "gunicorn.access", "msg": logs.ACCESS_LOG_FORMAT, "args": atoms}
    )
    entry = json.loads(logs.JsonFormatter().format(record))
    assert entry["request_id"] == "abc-123"
    assert entry["path"] == "/readyz" and entry["status"] == "200" and entry["duration_ms"] == 4


def test_the_text_format_names_the_request_id():
    record = logging.makeLogRecord({"name": "x", "msg": "hallo", "levelname": "INFO"})
    logs.RequestIdFilter().filter(record)
    text = logging.Formatter(logs.TEXT_FORMAT).format(record)
    assert text.endswith("INFO x [-] hallo")
