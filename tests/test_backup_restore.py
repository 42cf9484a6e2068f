"""A backup (dumpdata) restored into an emptied database gives the same rows and the same PDFs."""

import hashlib

from django.apps import apps
from django.core.management import call_command

import pytest

from governance.models import LetterPdf

pytestmark = pytest.mark.django_db(transaction=True)

FIXTURES = [
    "fixtures/zhz_governance.json",
    "fixtures/zhz_procurement.json",
    "fixtures/zhz_programme.json",
    "fixtures/zhz_finance.json",
    "fixtures/zhz_letters.json",
]
EXCLUDED = ["contenttypes", "auth.permission", "sessions", "admin.logentry"]


def _row_counts():
    return {
        model._meta.label: model._default_manager.count()
        for app in ("auth", "governance", "procurement", "programme", "finance")
        for model in apps.get_app_config(app).get_models()
    }


def _pdf_checksums():
    checksums = {}
    for pdf in LetterPdf.objects.order_by("file"):
        with pdf.file.open("rb") as stored:
            checksums[pdf.file.name] = (pdf.sha256, hashlib.sha256(stored.read()).hexdigest())
    return checksums


def test_dump_and_restore_keeps_rows_and_issued_pdfs(tmp_path):
    call_command("loaddata", *FIXTURES, verbosity=0)
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
    call_command("flush", interactive=False, verbosity=0)
    assert LetterPdf.objects.count() == 0

    call_command("loaddata", str(backup), verbosity=0)
    assert _row_counts() == counts
    assert _pdf_checksums() == checksums
