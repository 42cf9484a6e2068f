"""Logs: a request id on every record of a request, and optional JSON lines (stdlib only).

`logging_config()` builds the `LOGGING` of the settings and the log configuration of
`gunicorn.conf.py`, so that the app and gunicorn write the same format. This module imports
nothing of Django at module level: gunicorn's configuration reads it before Django is set up.
"""

import contextvars
import json
import logging
import re
import uuid
from datetime import UTC, datetime

REQUEST_ID_HEADER = "X-Request-ID"
# An incoming id is kept when it is short and plain (a UUID, a proxy's hex id); anything else
# (control characters, spaces, overlong values) is replaced, so it cannot forge log lines.
_SANE_REQUEST_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._:-]{0,127}")

request_id_var: contextvars.ContextVar[str | None] = contextvars.ContextVar(
    "request_id", default=None
)

TEXT_FORMAT = "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"
# Gunicorn's access log, text: the combined format plus duration and the response's request id.
ACCESS_LOG_FORMAT = (
    '%(h)s - - %(t)s "%(r)s" %(s)s %(b)s "%(f)s" "%(a)s" %(M)sms request_id=%({x-request-id}o)s'
)

# The attributes every LogRecord has; anything else on a record came in through `extra=`.
_RECORD_ATTRIBUTES = set(vars(logging.makeLogRecord({}))) | {"message", "asctime", "request_id"}
# Gunicorn's access-log atoms, as JSON fields.
_ACCESS_FIELDS = {
    "h": "remote_addr",
    "m": "method",
    "U": "path",
    "q": "query",
    "s": "status",
    "B": "bytes",
    "a": "user_agent",
    "f": "referer",
    "M": "duration_ms",
}


def incoming_or_new_request_id(value: str | None) -> str:
    if value and _SANE_REQUEST_ID.fullmatch(value):
        return value
    return uuid.uuid4().hex


class RequestIdFilter(logging.Filter):
    """Puts the current request's id (or "-") on every record, for the formatters."""

    def filter(self, record):
        if not hasattr(record, "request_id"):
            record.request_id = request_id_var.get() or "-"
        return True


class JsonFormatter(logging.Formatter):
    """One JSON object per line: time, level, logger, message, request id, extras, traceback."""

    def format(self, record):
        entry = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
        }
        if record.name == "gunicorn.access" and isinstance(record.args, dict):
            atoms = record.args
            entry["message"] = atoms["r"]
            entry.update({field: atoms[atom] for atom, field in _ACCESS_FIELDS.items()})
            request_id = atoms["{x-request-id}o"]
        else:
            entry["message"] = record.getMessage()
            request_id = getattr(record, "request_id", None) or request_id_var.get()
        if request_id and request_id != "-":
            entry["request_id"] = request_id
        for key, value in vars(record).items():
            if key not in _RECORD_ATTRIBUTES and isinstance(value, str | int | float | bool):
                entry[key] = value
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        if record.stack_info:
            entry["stack"] = self.formatStack(record.stack_info)
        return json.dumps(entry, ensure_ascii=False, default=str)


def logging_config(level: str = "INFO", fmt: str = "text") -> dict:
    """The dictConfig of the app: everything to stderr, in `fmt` ("text" or "json")."""
    level = level.upper()
    formatter = {"()": JsonFormatter} if fmt == "json" else {"format": TEXT_FORMAT}
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {"request_id": {"()": RequestIdFilter}},
        "formatters": {"default": formatter},
        "handlers": {
            "console": {
                "class": "logging.StreamHandler",
                "formatter": "default",
                "filters": ["request_id"],
            }
        },
        "root": {"handlers": ["console"], "level": level},
    }


def gunicorn_logging_config(level: str = "INFO", fmt: str = "text") -> dict:
    """Gunicorn's own logs in the app's format: the error log to stderr, access log to stdout."""
    config = logging_config(level, fmt)
    access_formatter = {"()": JsonFormatter} if fmt == "json" else {"format": "%(message)s"}
    config["formatters"]["access"] = access_formatter
    config["handlers"]["access"] = {
        "class": "logging.StreamHandler",
        "formatter": "access",
        "stream": "ext://sys.stdout",
    }
    config["loggers"] = {
        "gunicorn.error": {"handlers": ["console"], "level": level.upper(), "propagate": False},
        "gunicorn.access": {"handlers": ["access"], "level": "INFO", "propagate": False},
    }
    return config


class RequestIdMiddleware:
    """Takes a sane incoming X-Request-ID or makes one; on the response and on every record.

    The id stays set until the request has finished (`request_finished`), so that Django's own
    records after the middleware (`django.request` on a 4xx/5xx) carry it too.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request_id = incoming_or_new_request_id(request.META.get("HTTP_X_REQUEST_ID"))
        request.request_id = request_id
        request_id_var.set(request_id)
        response = self.get_response(request)
        response[REQUEST_ID_HEADER] = request_id
        return response


def clear_request_id(**kwargs):
    """Receiver of `request_finished`: records between requests carry no id."""
    request_id_var.set(None)
