"""The database storage: Django's storage API over `core.StoredFile`, and the setting."""

import hashlib

from django.core.exceptions import ImproperlyConfigured
from django.core.files.base import ContentFile
from django.db import transaction

import environ
import pytest

from core.models import StoredFile
from core.storage import DatabaseStorage, document_storage

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.7\n" + bytes(range(256)) * 40  # every byte value, beyond one chunk of text


@pytest.fixture
def storage():
    return DatabaseStorage()


def test_a_saved_file_reads_back_byte_identical_with_its_size_and_checksum(storage):
    name = storage.save("brieven/2024/GM0505-brief.pdf", ContentFile(PDF))
    assert name == "brieven/2024/GM0505-brief.pdf"
    assert storage.exists(name)
    with storage.open(name) as stored:
        assert stored.read() == PDF
    assert storage.size(name) == len(PDF)
    assert storage.sha256(name) == hashlib.sha256(PDF).hexdigest()
    row = StoredFile.objects.get(name=name)
    assert (row.size, row.sha256, bytes(row.content)) == (len(PDF), storage.sha256(name), PDF)
    assert storage.get_created_time(name) == row.created


def test_a_name_is_written_once_and_a_second_save_gets_another(storage):
    first = storage.save("brieven/brief.pdf", ContentFile(b"een"))
    second = storage.save("brieven/brief.pdf", ContentFile(b"twee"))
    assert first != second and second.startswith("brieven/brief_")
    assert storage.open(first).read() == b"een"
    assert storage.open(second).read() == b"twee"


def test_delete_and_a_missing_file(storage):
    name = storage.save("a.pdf", ContentFile(b"x"))
    storage.delete(name)
    storage.delete(name)  # deleting what is gone is no error, as on disk
    assert not storage.exists(name)
    with pytest.raises(FileNotFoundError):
        storage.open(name)
    with pytest.raises(FileNotFoundError):
        storage.size(name)


def test_listdir_gives_directories_and_files(storage):
    for name in ("brieven/2024/a.pdf", "brieven/2024/b.pdf", "brieven/2025/c.pdf", "d.zip"):
        storage.save(name, ContentFile(b"x"))
    assert storage.listdir("") == (["brieven"], ["d.zip"])
    assert storage.listdir("brieven") == (["2024", "2025"], [])
    assert storage.listdir("brieven/2024/") == ([], ["a.pdf", "b.pdf"])


def test_a_write_rolled_back_leaves_no_file(storage):
    with pytest.raises(RuntimeError), transaction.atomic():
        storage.save("brieven/weg.pdf", ContentFile(b"x"))
        raise RuntimeError
    assert not storage.exists("brieven/weg.pdf")


def test_the_storage_has_no_address_of_its_own(storage):
    # Documents are served only through the owning row's scoped views.
    assert storage.url("brieven/brief.pdf") == ""


def test_documents_are_read_only_once_written(storage):
    name = storage.save("a.pdf", ContentFile(b"x"))
    with pytest.raises(ValueError):
        storage.open(name, "wb")


@pytest.mark.parametrize(
    ("value", "backend"),
    [
        (None, "core.storage.DatabaseStorage"),
        ("database", "core.storage.DatabaseStorage"),
        ("filesystem", "django.core.files.storage.FileSystemStorage"),
        ("s3", "storages.backends.s3.S3Storage"),
    ],
)
def test_document_storage_setting(monkeypatch, value, backend):
    for name in ("DOCUMENT_STORAGE", "S3_ENDPOINT_URL", "S3_REGION"):
        monkeypatch.delenv(name, raising=False)
    if value:
        monkeypatch.setenv("DOCUMENT_STORAGE", value)
    monkeypatch.setenv("S3_BUCKET", "documenten")
    monkeypatch.setenv("S3_ENDPOINT_URL", "http://127.0.0.1:9000")
    config = document_storage(environ.Env())
    assert config["BACKEND"] == backend
    if value == "s3":
        options = config["OPTIONS"]
        assert options["bucket_name"] == "documenten"
        assert options["endpoint_url"] == "http://127.0.0.1:9000"
        assert options["file_overwrite"] is False and options["querystring_auth"] is True


def test_an_unknown_document_storage_is_refused(monkeypatch):
    monkeypatch.setenv("DOCUMENT_STORAGE", "ftp")
    with pytest.raises(ImproperlyConfigured, match="DOCUMENT_STORAGE moet"):
        document_storage(environ.Env())


def test_s3_needs_a_bucket(monkeypatch):
    monkeypatch.setenv("DOCUMENT_STORAGE", "s3")
    monkeypatch.delenv("S3_BUCKET", raising=False)
    with pytest.raises(ImproperlyConfigured, match="S3_BUCKET"):
        document_storage(environ.Env())
