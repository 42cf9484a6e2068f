"""A backup restored into an emptied installation gives the same rows and every document back
with its SHA-256 (docs/operations.md, "Back-up en herstel"), for each document storage:

- database: the database dump is the whole backup;
- filesystem: the dump plus a copy of MEDIA_ROOT;
- s3: the dump plus a copy of the bucket.
"""

import hashlib
import io
import shutil

from django.apps import apps
from django.core.files.storage import default_storage
from django.core.management import CommandError, call_command

import pytest

from core.models import StoredFile
from governance.models import LetterPdf
from tests.s3server import s3_server  # noqa: F401 (a fixture)

pytestmark = pytest.mark.django_db(transaction=True)

# Everything a database dump holds, content types and permissions included (their keys are
# referred to by the groups' permissions), but the sessions and the admin's log.
EXCLUDED = ["sessions", "admin.logentry"]


def _row_counts():
    return {
        model._meta.label: model._default_manager.count()
        for app in ("auth", "core", "governance", "procurement", "programme", "finance")
        for model in apps.get_app_config(app).get_models()
    }


def _pdf_checksums():
    checksums = {}
    for pdf in LetterPdf.objects.order_by("file"):
        with pdf.file.open("rb") as stored:
            checksums[pdf.file.name] = (pdf.sha256, hashlib.sha256(stored.read()).hexdigest())
    return checksums


class FilesystemBackup:
    """MEDIA_ROOT copied beside the dump, and back."""

    def __init__(self, settings, tmp_path):
        self.media_root, self.copy = tmp_path / "media", tmp_path / "backup-media"
        settings.MEDIA_ROOT = self.media_root
        settings.STORAGES = {
            **settings.STORAGES,
            "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        }

    def back_up(self):
        shutil.copytree(self.media_root, self.copy)

    def empty(self):
        shutil.rmtree(self.media_root)

    def restore(self):
        shutil.copytree(self.copy, self.media_root)


class S3Backup:
    """Every object of the bucket copied beside the dump, and back."""

    def __init__(self, settings, s3):
        self.s3, self.client, self.objects = s3, s3.client(), {}
        settings.STORAGES = s3.storages_setting(settings.STORAGES)

    def _keys(self):
        listing = self.client.list_objects_v2(Bucket=self.s3.bucket)
        return [item["Key"] for item in listing.get("Contents", [])]

    def back_up(self):
        for key in self._keys():
            body = self.client.get_object(Bucket=self.s3.bucket, Key=key)["Body"]
            self.objects[key] = body.read()

    def empty(self):
        for key in self._keys():
            self.client.delete_object(Bucket=self.s3.bucket, Key=key)

    def restore(self):
        for key, content in self.objects.items():
            self.client.put_object(Bucket=self.s3.bucket, Key=key, Body=content)


class DatabaseBackup:
    """Nothing beside the dump: the documents are in it."""

    def back_up(self):
        pass

    def empty(self):
        assert not StoredFile.objects.exists()

    def restore(self):
        pass


@pytest.fixture(params=["database", "filesystem", "s3"])
def storage_backup(request, settings, tmp_path):
    if request.param == "filesystem":
        return FilesystemBackup(settings, tmp_path)
    if request.param == "s3":
        return S3Backup(settings, request.getfixturevalue("s3_server"))
    return DatabaseBackup()


def test_dump_and_restore_keeps_rows_and_issued_pdfs(tmp_path, storage_backup):
    call_command("load_reference_data", verbosity=0)
    call_command("populate_history", "--auto", verbosity=0)
    call_command("demo_accounts", verbosity=0)
    call_command("issue_fixture_letters", verbosity=0)
    counts, checksums = _row_counts(), _pdf_checksums()
    assert checksums and all(stored == actual for stored, actual in checksums.values())

    backup = tmp_path / "backup.json"
    call_command(
        "dumpdata",
        *[f"--exclude={label}" for label in EXCLUDED],
        output=str(backup),
    )
    storage_backup.back_up()
    # An empty database, as a restore starts from: not even what migrate's post_migrate makes.
    call_command("flush", interactive=False, inhibit_post_migrate=True, verbosity=0)
    storage_backup.empty()
    assert LetterPdf.objects.count() == 0
    assert not any(default_storage.exists(name) for name in checksums)

    call_command("loaddata", str(backup), verbosity=0)
    if not isinstance(storage_backup, DatabaseBackup):
        # The database alone is not the backup: its documents are missing until restored.
        with pytest.raises(CommandError):
            call_command("check_documents", stdout=io.StringIO(), stderr=io.StringIO())
    storage_backup.restore()
    assert _row_counts() == counts
    assert _pdf_checksums() == checksums
    call_command("check_documents", stdout=io.StringIO())
