"""The uploaded workbook between its preview and its confirmation.

The bytes are kept through Django's storage API (so every app instance reads them) under a
random name, never in the page: the session holds the name with who uploaded it, for which
region and when. On confirmation the workbook is read and planned again from those bytes; an
entry of another user or region, or older than `LIFETIME`, is not used.
"""

import secrets
import time

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone
from django.utils.crypto import constant_time_compare

SESSION_KEY = "jeugdregio_workbook_upload"
FOLDER = "werkmap-uploads"
LIFETIME = 60 * 60  # seconds


def upload_keep(request, *, raw: bytes, filename: str) -> str:
    """Keep the upload for this user's session; returns the token its confirmation carries."""
    upload_discard(request)
    _remove_expired()
    token = secrets.token_urlsafe(24)
    name = default_storage.save(f"{FOLDER}/{token}.bin", ContentFile(raw))
    request.session[SESSION_KEY] = {
        "token": token,
        "name": name,
        "filename": filename[:80],
        "region": request.region.pk,
        "user": request.user.pk,
        "stored": time.time(),
    }
    return token


def _entry(request, token: str) -> dict | None:
    entry = request.session.get(SESSION_KEY)
    if not isinstance(entry, dict) or not token:
        return None
    if not constant_time_compare(str(entry.get("token", "")), token):
        return None
    if entry.get("region") != request.region.pk or entry.get("user") != request.user.pk:
        return None
    if time.time() - entry.get("stored", 0) > LIFETIME:
        return None
    return entry


def upload_load(request, token: str) -> tuple[bytes, str] | None:
    """The kept bytes and file name for `token`, or None when there is no such valid upload."""
    entry = _entry(request, token)
    if entry is None:
        return None
    try:
        with default_storage.open(entry["name"], "rb") as file:
            return file.read(), entry["filename"]
    except (FileNotFoundError, OSError):
        return None


def upload_discard(request) -> None:
    entry = request.session.pop(SESSION_KEY, None)
    if isinstance(entry, dict) and entry.get("name", "").startswith(f"{FOLDER}/"):
        default_storage.delete(entry["name"])


def _remove_expired() -> None:
    """Uploads never confirmed are removed once they are older than their lifetime."""
    try:
        _folders, files = default_storage.listdir(FOLDER)
    except (FileNotFoundError, NotImplementedError, OSError):
        return
    now = timezone.now()
    for name in files:
        path = f"{FOLDER}/{name}"
        try:
            if (now - default_storage.get_modified_time(path)).total_seconds() > LIFETIME:
                default_storage.delete(path)
        except (FileNotFoundError, NotImplementedError, OSError):
            continue
