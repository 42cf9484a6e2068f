"""`manage.py load_reference_data`: the reference data in `fixtures/`, in the order it needs.

The list of files lives beside them (`fixtures/reference_data.txt`), not here: the code names no
region. Loading runs across every region through the project's `loaddata`, in one transaction,
and can run again: rows are matched on their keys and updated.
"""

from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

DEFAULT_MANIFEST = Path(settings.BASE_DIR) / "fixtures" / "reference_data.txt"


def manifest_fixtures(manifest: Path) -> list[Path]:
    """The fixture files a manifest lists, relative to it; blank lines and `#` comments skipped."""
    lines = (line.split("#", 1)[0].strip() for line in manifest.read_text("utf-8").splitlines())
    return [manifest.parent / line for line in lines if line]


class Command(BaseCommand):
    help = (
        "Laadt de referentiegegevens uit fixtures/ (bestuur, inkoop, programma, financiën en "
        "brieven) in de volgorde uit fixtures/reference_data.txt. Kan vaker draaien."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--manifest",
            type=Path,
            default=DEFAULT_MANIFEST,
            help="Lijst van fixtures, één per regel (standaard fixtures/reference_data.txt).",
        )

    def handle(self, *args, manifest: Path, **options):
        if not manifest.is_file():
            raise CommandError(f"Lijst van referentiegegevens niet gevonden: {manifest}")
        fixtures = manifest_fixtures(manifest)
        missing = [str(path) for path in fixtures if not path.is_file()]
        if missing:
            raise CommandError(f"Fixture(s) niet gevonden: {', '.join(missing)}")
        if not fixtures:
            raise CommandError(f"Geen fixtures in {manifest}.")
        call_command(
            "loaddata",
            *(str(path) for path in fixtures),
            verbosity=options["verbosity"],
            stdout=self.stdout,
            stderr=self.stderr,
        )
