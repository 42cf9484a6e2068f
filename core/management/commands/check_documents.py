"""Check the document storage against the database: every document whose SHA-256 a row records
(an issued letter's PDF) must be in the storage, with that checksum. For after a restore."""

import hashlib

from django.core.files.storage import default_storage
from django.core.management.base import BaseCommand, CommandError

from core.storage import recorded_checksums


class Command(BaseCommand):
    help = (
        "Controleert of ieder document waarvan de database de SHA-256 kent in de opslag staat, "
        "met die SHA-256 (bijvoorbeeld na het terugzetten van een back-up)."
    )

    def handle(self, *args, **options):
        recorded = recorded_checksums()
        problems = []
        for name, expected in sorted(recorded.items()):
            if not default_storage.exists(name):
                problems.append(f"{name}: ontbreekt in de opslag")
                continue
            digest = hashlib.sha256()
            with default_storage.open(name, "rb") as stored:
                for chunk in stored.chunks():
                    digest.update(chunk)
            if digest.hexdigest() != expected:
                problems.append(f"{name}: de SHA-256 wijkt af van die in de database")
        self.stdout.write(
            f"{len(recorded) - len(problems)} van {len(recorded)} document(en) in orde."
        )
        if problems:
            for problem in problems:
                self.stderr.write(problem)
            raise CommandError(f"{len(problems)} document(en) niet in orde; zie hierboven.")
