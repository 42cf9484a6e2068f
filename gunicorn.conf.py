"""Gunicorn's configuration: `gunicorn -c gunicorn.conf.py` (docs/operations.md).

Every value comes from the environment, with defaults for one instance behind a reverse proxy.
"""

import os
import sys

# The configuration is read before the app: make the project importable for its log format.
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from core.logs import ACCESS_LOG_FORMAT, gunicorn_logging_config  # noqa: E402

wsgi_app = "config.wsgi:application"

# Where to listen: one address or several, comma-separated ("0.0.0.0:8000" in a container).
bind = [address.strip() for address in os.environ.get("GUNICORN_BIND", "127.0.0.1:8000").split(",")]
workers = int(os.environ.get("GUNICORN_WORKERS", "4"))
# Seconds a worker may spend on one request before it is killed and replaced. Heavy work (PDFs
# for many councils, the dashboard PDF, long exports, the workbook) runs on the background worker,
# so no page comes near it; `make bench` reports the slowest.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = int(os.environ.get("GUNICORN_GRACEFUL_TIMEOUT", "30"))

# Gunicorn 25.1 and later open a control socket in $XDG_RUNTIME_DIR or ~/.gunicorn by default;
# the app is managed by its process supervisor or orchestrator, not through that socket.
control_socket_disable = True

# The access log to stdout, the error log to stderr, in the app's format (LOG_FORMAT).
accesslog = "-"
errorlog = "-"
access_log_format = ACCESS_LOG_FORMAT
loglevel = os.environ.get("LOG_LEVEL", "INFO").lower()
logconfig_dict = gunicorn_logging_config(loglevel, os.environ.get("LOG_FORMAT", "text"))
