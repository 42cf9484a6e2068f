"""Copy the documents of an installation that kept them on disk into the configured storage.

Every file under MEDIA_ROOT (or --source) is written under the same name into the storage that
DOCUMENT_STORAGE chooses, read back and compared by SHA-256. Where a row records the SHA-256 of
its file (an issued letter's PDF), the file on disk must match it too. A file already in the
storage with the same content is left alone, so the command can run again after a failure.
"""

import hashlib
from pathlib import Path

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage, default_storage
from django.core.management.base import BaseCommand, CommandError

from core.storage import recorded_checksums


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


class Command(BaseCommand):
    help = (
        "Kopieert de documenten uit MEDIA_ROOT naar de ingestelde opslag (DOCUMENT_STORAGE) "
        "en controleert van ieder document de SHA-256."
    )

    def add_arguments(self, parser):
        parser.add_argument("--source", help="map met de documenten (standaard MEDIA_ROOT)")
        parser.add_argument(
            "--dry-run", action="store_true", help="alleen controleren en tellen, niets kopiëren"
        )

    def handle(self, *args, source=None, dry_run=False, **options):
        root = Path(source or settings.MEDIA_ROOT)
        if not root.is_dir():
            raise CommandError(f"De map {root} bestaat niet.")
        if isinstance(default_storage, FileSystemStorage) and (
            Path(default_storage.location).resolve() == root.resolve()
        ):
            raise CommandError(
                "De ingestelde opslag is deze map zelf (DOCUMENT_STORAGE=filesystem); kies "
                "DOCUMENT_STORAGE=database of s3."
            )
        recorded = recorded_checksums()
        copied, present, problems = 0, 0, []
        for path in sorted(p for p in root.rglob("*") if p.is_file()):
            name = path.relative_to(root).as_posix()
            data = path.read_bytes()
            digest = _sha256(data)
            if name in recorded and recorded[name] != digest:
                problems.append(f"{name}: de SHA-256 op schijf wijkt af van die in de database")
                continue
            if default_storage.exists(name):
                if self._stored_sha256(name) == digest:
                    present += 1
                else:
                    problems.append(f"{name}: staat al in de opslag, met andere inhoud")
                continue
            if dry_run:
                copied += 1
                continue
            saved = default_storage.save(name, ContentFile(data))
            if saved != name or self._stored_sha256(name) != digest:
                problems.append(f"{name}: na het kopiëren niet ongewijzigd terug te lezen")
                continue
            copied += 1
        missing = sorted(name for name in recorded if not default_storage.exists(name))
        if dry_run:
            missing = [name for name in missing if not (root / name).is_file()]
        problems += [f"{name}: ontbreekt, op schijf en in de opslag" for name in missing]

        verb = "te kopiëren" if dry_run else "gekopieerd"
        self.stdout.write(f"{copied} document(en) {verb}, {present} al aanwezig.")
        if problems:
            for problem in problems:
                self.stderr.write(problem)
            raise CommandError(f"{len(problems)} document(en) niet in orde; zie hierboven.")

    @staticmethod
    def _stored_sha256(name: str) -> str:
        with default_storage.open(name, "rb") as stored:
            return _sha256(stored.read())
