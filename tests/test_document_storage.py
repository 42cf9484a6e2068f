"""Documents on storage every instance reads (docs/operations.md, "Opslag van documenten").

Two app instances, each with its own empty MEDIA_ROOT, share one database and one document
storage: a letter issued through the first is downloaded through the second, byte for byte. And
an installation that kept its documents on disk copies them into the storage, checked by SHA-256.
"""

import hashlib
import http.cookiejar
import os
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import CommandError, call_command
from django.db import connection

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from core.models import StoredFile
from governance.constants import Role
from governance.letters import services
from governance.letters.constants import LetterStatus
from governance.models import Letter, LetterPdf
from tests.governance.factories import MunicipalityFactory, RegionFactory
from tests.governance.letter_factories import LetterFactory, regional_letter, user_with_role
from tests.s3server import s3_server  # noqa: F401 (a fixture)

ROOT = Path(__file__).resolve().parents[1]
FILESYSTEM = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
DATABASE = {"BACKEND": "core.storage.DatabaseStorage"}
PASSWORD = "twee-instanties-een-opslag"


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


# --- Copying the files of an installation that kept them on disk ----------------------------


def _pdf_on_disk(settings, content: bytes) -> LetterPdf:
    settings.STORAGES = {**settings.STORAGES, "default": FILESYSTEM}
    dordrecht = MunicipalityFactory(name="Dordrecht", cbs_code="GM0505")
    document = LetterPdf(
        letter=LetterFactory(municipality=dordrecht, issued=True),
        municipality=dordrecht,
        sha256=_sha256(content),
        size=len(content),
    )
    document.file.save("brief.pdf", ContentFile(content), save=False)
    document.save()
    assert (Path(settings.MEDIA_ROOT) / document.file.name).read_bytes() == content
    return document


@pytest.mark.django_db
def test_copy_media_to_storage_copies_every_file_with_its_checksum(settings, capsys):
    content = b"%PDF-1.7 verzonden brief"
    document = _pdf_on_disk(settings, content)
    (Path(settings.MEDIA_ROOT) / "exports").mkdir()
    (Path(settings.MEDIA_ROOT) / "exports" / "lijst.zip").write_bytes(b"PK zip")
    settings.STORAGES = {**settings.STORAGES, "default": DATABASE}

    call_command("copy_media_to_storage")
    assert "2 document(en) gekopieerd, 0 al aanwezig" in capsys.readouterr().out
    stored = StoredFile.objects.get(name=document.file.name)
    assert stored.sha256 == document.sha256 == _sha256(bytes(stored.content))
    assert StoredFile.objects.get(name="exports/lijst.zip").size == 6
    with LetterPdf.objects.get().file.open("rb") as handle:  # read from the database now
        assert handle.read() == content

    call_command("copy_media_to_storage")  # again: nothing to do
    assert "0 document(en) gekopieerd, 2 al aanwezig" in capsys.readouterr().out


@pytest.mark.django_db
def test_copy_media_to_storage_refuses_a_file_that_differs_from_its_recorded_checksum(settings):
    document = _pdf_on_disk(settings, b"%PDF-1.7 origineel")
    (Path(settings.MEDIA_ROOT) / document.file.name).write_bytes(b"%PDF-1.7 veranderd")
    settings.STORAGES = {**settings.STORAGES, "default": DATABASE}
    with pytest.raises(CommandError, match="niet in orde"):
        call_command("copy_media_to_storage")
    assert not StoredFile.objects.exists()


@pytest.mark.django_db
def test_copy_media_to_storage_dry_run_copies_nothing(settings, capsys):
    _pdf_on_disk(settings, b"%PDF-1.7")
    settings.STORAGES = {**settings.STORAGES, "default": DATABASE}
    call_command("copy_media_to_storage", "--dry-run")
    assert "1 document(en) te kopiëren" in capsys.readouterr().out
    assert not StoredFile.objects.exists()


@pytest.mark.django_db
def test_copy_media_to_storage_into_s3(settings, s3_server):  # noqa: F811
    content = b"%PDF-1.7 naar S3"
    document = _pdf_on_disk(settings, content)
    settings.STORAGES = s3_server.storages_setting(settings.STORAGES)
    call_command("copy_media_to_storage")
    body = s3_server.client().get_object(Bucket=s3_server.bucket, Key=document.file.name)["Body"]
    assert _sha256(body.read()) == document.sha256
    with default_storage.open(document.file.name, "rb") as handle:
        assert handle.read() == content


# --- Two instances, one storage -------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _shared_database_url(tmp_path) -> str:
    """The test database as the instances reach it: PostgreSQL's test database itself, or for
    SQLite (whose test database lives in this process's memory) a copy in a file."""
    settings_dict = connection.settings_dict
    if connection.vendor == "postgresql":
        user = urllib.parse.quote(settings_dict["USER"] or "")
        password = settings_dict["PASSWORD"]
        credentials = f"{user}:{urllib.parse.quote(password)}" if password else user
        host = settings_dict["HOST"] or "127.0.0.1"
        port = settings_dict["PORT"] or 5432
        return f"postgres://{credentials}@{host}:{port}/{settings_dict['NAME']}"
    path = tmp_path / "gedeeld.sqlite3"
    connection.ensure_connection()
    with sqlite3.connect(path) as target:
        connection.connection.backup(target)
    target.close()
    return f"sqlite:///{path}"


def _app_env(tmp_path: Path, database_url: str, media_root: Path, extra_env: dict) -> dict:
    """The environment of an app process (instance or worker) sharing only the database."""
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DATABASE_URL", "PYTEST_VERSION", "DEBUG", "DOCUMENT_STORAGE"}
    }
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings",
        DEBUG="false",
        SECRET_KEY="twee-instanties",
        DATABASE_URL=database_url,
        MEDIA_ROOT=str(media_root),
        ALLOWED_HOSTS="127.0.0.1",
        SECURE_SSL_REDIRECT="false",
        SESSION_COOKIE_SECURE="false",
        CSRF_COOKIE_SECURE="false",
        STATICFILES_BACKEND="django.contrib.staticfiles.storage.StaticFilesStorage",
        GUNICORN_TIMEOUT="120",
        HOME=str(tmp_path),
        **extra_env,
    )
    env.pop("XDG_RUNTIME_DIR", None)
    return env


class Instance:
    """One app instance: gunicorn on a free port with its own, empty MEDIA_ROOT."""

    def __init__(self, name: str, tmp_path: Path, database_url: str, extra_env: dict):
        self.port = _free_port()
        self.media_root = tmp_path / f"media-{name}"
        self.media_root.mkdir()
        self.log = tmp_path / f"{name}.log"
        env = _app_env(tmp_path, database_url, self.media_root, extra_env)
        env.update(GUNICORN_BIND=f"127.0.0.1:{self.port}", GUNICORN_WORKERS="1")
        with open(self.log, "w") as log:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py"],
                cwd=ROOT,
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        self.cookies = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.cookies))

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def wait_until_ready(self) -> None:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(self.url("/readyz"), timeout=5) as response:
                    if response.status == 200:
                        return
            except OSError:
                pass
            if time.monotonic() > deadline or self.process.poll() is not None:
                pytest.fail(f"instantie niet gereed:\n{self.log.read_text()[-3000:]}")
            time.sleep(0.2)

    def get(self, path: str):
        with self.opener.open(self.url(path), timeout=120) as response:
            return response.status, dict(response.headers), response.read()

    def post(self, path: str, data: dict) -> str:
        token = next(c.value for c in self.cookies if c.name == "csrftoken")
        body = urllib.parse.urlencode({"csrfmiddlewaretoken": token, **data}).encode()
        with self.opener.open(self.url(path), data=body, timeout=120) as response:
            return response.read().decode()

    def login(self, username: str, password: str) -> None:
        """Log in; an administrator gives the second step with the code of their app."""
        from tests.browser.conftest import totp_code

        self.get("/accounts/login/")
        page = self.post("/accounts/login/", {"username": username, "password": password})
        if "Tweede stap" in page:
            page = self.post("/accounts/tweede-stap/", {"code": totp_code(username)})
        assert "Uitloggen" in page or "uitloggen" in page, "inloggen mislukt"

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(30)
        except subprocess.TimeoutExpired:
            self.process.kill()


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("backend", ["database", "s3"])
def test_a_letter_issued_through_one_instance_is_downloaded_through_another(
    request, tmp_path, backend
):
    extra_env = {"DOCUMENT_STORAGE": "database"}
    if backend == "s3":
        extra_env = request.getfixturevalue("s3_server").environment()
    region = RegionFactory(slug="twee", name="Regio Twee")
    dordrecht = MunicipalityFactory(region=region, name="Dordrecht", cbs_code="GM0505")
    griffie = user_with_role(Role.GRIFFIE, municipality=dordrecht)
    griffie.set_password(PASSWORD)
    griffie.save()
    letter = services.letter_approve(
        letter=LetterFactory(municipality=dordrecht, subject="Twee instanties"), user=griffie
    )
    database_url = _shared_database_url(tmp_path)

    first = Instance("eerste", tmp_path, database_url, extra_env)
    second = Instance("tweede", tmp_path, database_url, extra_env)
    try:
        first.wait_until_ready()
        second.wait_until_ready()
        first.login(griffie.username, PASSWORD)
        page = first.post(f"/brieven/{letter.pk}/verzenden/", {"bevestigd": "ja"})
        assert "De brief is verzonden" in page, first.log.read_text()[-3000:]

        pdf_path = f"/openbaar/brieven/{letter.public_id}/GM0505/document.pdf"
        status, headers, from_second = second.get(pdf_path)
        _status, _headers, from_first = first.get(pdf_path)
        detail_status, _h, detail = second.get(f"/openbaar/brieven/{letter.public_id}/GM0505/")
    finally:
        first.stop()
        second.stop()

    assert status == 200 and headers["Content-Type"] == "application/pdf"
    assert from_second.startswith(b"%PDF-")
    # The SHA-256 recorded at issue (the ETag) is that of the bytes either instance serves.
    assert headers["ETag"] == f'"{_sha256(from_second)}"'
    assert _sha256(from_second) == _sha256(from_first)
    assert detail_status == 200 and b"Twee instanties" in detail
    # Neither instance wrote anything to its own disk.
    assert not any(first.media_root.rglob("*")) and not any(second.media_root.rglob("*"))
    if connection.vendor == "postgresql":
        assert LetterPdf.objects.get(letter=letter).sha256 == _sha256(from_second)


@pytest.mark.django_db(transaction=True)
def test_the_regional_batch_runs_on_the_worker_while_both_instances_answer(tmp_path):
    """Two instances and a worker process on one PostgreSQL: the regional letter to ten
    councils, sent through the first, is issued by the worker while both instances go on
    answering; its PDFs come byte-identical through the second."""
    if connection.vendor != "postgresql":
        pytest.skip("Twee instanties en een werker die tegelijk schrijven: alleen PostgreSQL.")
    region = RegionFactory(slug="tien", name="Regio Tien")
    councils = [
        MunicipalityFactory(region=region, name=f"Gemeente {n}", cbs_code=f"GM09{n:02d}")
        for n in range(10)
    ]
    admin = user_with_role(Role.FUNCTIONAL_ADMIN, region=region)
    admin.set_password(PASSWORD)
    admin.save()
    TOTPDevice.objects.create(user=admin, name="app", confirmed=True)  # an administrator's app
    letter = services.letter_approve(
        letter=regional_letter(municipalities=councils, subject="Tien colleges"), user=admin
    )
    database_url = _shared_database_url(tmp_path)
    extra_env = {"DOCUMENT_STORAGE": "database"}
    first = Instance("eerste", tmp_path, database_url, extra_env)
    second = Instance("tweede", tmp_path, database_url, extra_env)
    worker_log = tmp_path / "werker.log"
    with open(worker_log, "w") as log:
        worker = subprocess.Popen(
            [sys.executable, "manage.py", "db_worker", "--no-startup-delay", "--interval", "0.2"],
            cwd=ROOT,
            env=_app_env(tmp_path, database_url, tmp_path / "media-werker", extra_env),
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    answers, while_running = [], 0
    try:
        first.wait_until_ready()
        second.wait_until_ready()
        first.login(admin.username, PASSWORD)
        second.login(admin.username, PASSWORD)
        page = first.post(f"/brieven/{letter.pk}/verzenden/", {"bevestigd": "ja"})
        assert "wordt verzonden" in page, first.log.read_text()[-3000:]
        deadline = time.monotonic() + 180
        while Letter.objects.get(pk=letter.pk).status != LetterStatus.ISSUED:
            running = DBTaskResult.objects.filter(status=TaskResultStatus.RUNNING).exists()
            for instance in (first, second):
                for path in ("/livez", "/brieven/", f"/brieven/{letter.pk}/", "/taken/"):
                    answers.append((instance.get(path)[0], path))
            while_running += running
            assert time.monotonic() < deadline, worker_log.read_text()[-3000:]
            assert worker.poll() is None, worker_log.read_text()[-3000:]
        stored = {
            pdf.municipality.cbs_code: pdf.sha256 for pdf in LetterPdf.objects.filter(letter=letter)
        }
        served = {
            code: _sha256(second.get(f"/brieven/{letter.pk}/pdf/{code}/")[2]) for code in stored
        }
    finally:
        worker.terminate()
        worker.wait(30)
        first.stop()
        second.stop()
    assert all(status == 200 for status, _path in answers), answers
    assert while_running > 0, "geen enkel verzoek terwijl de werker de brief verzond"
    assert len(stored) == 10 and served == stored


@pytest.mark.django_db
def test_check_documents_finds_a_missing_and_a_changed_document(settings, capsys):
    settings.STORAGES = {**settings.STORAGES, "default": DATABASE}
    dordrecht = MunicipalityFactory(name="Dordrecht", cbs_code="GM0505")
    gorinchem = MunicipalityFactory(region=dordrecht.region, name="Gorinchem", cbs_code="GM0512")
    documents = []
    for municipality in (dordrecht, gorinchem):
        content = f"%PDF-1.7 {municipality.name}".encode()
        document = LetterPdf(
            letter=LetterFactory(municipality=municipality, issued=True),
            municipality=municipality,
            sha256=_sha256(content),
            size=len(content),
        )
        document.file.save("brief.pdf", ContentFile(content), save=False)
        document.save()
        documents.append(document)
    call_command("check_documents")
    assert "2 van 2 document(en) in orde" in capsys.readouterr().out

    StoredFile.objects.filter(name=documents[0].file.name).update(content=b"anders")
    default_storage.delete(documents[1].file.name)
    with pytest.raises(CommandError):
        call_command("check_documents")
    errors = capsys.readouterr().err
    assert f"{documents[0].file.name}: de SHA-256 wijkt af" in errors
    assert f"{documents[1].file.name}: ontbreekt" in errors


@pytest.mark.django_db
def test_no_address_serves_a_stored_file_by_its_name(client, settings):
    # Only the owning row's views serve a document (the letters' scoped, permission-checked
    # pages and the public pages of issued public letters), never the storage by name.
    from django.urls import Resolver404, resolve

    settings.STORAGES = {**settings.STORAGES, "default": DATABASE}
    name = default_storage.save("brieven/2024/GM0505-brief.pdf", ContentFile(b"%PDF-1.7"))
    assert default_storage.url(name) == ""
    for path in (f"/{settings.MEDIA_URL}{name}", f"/{name}"):
        with pytest.raises(Resolver404):
            resolve(path)
