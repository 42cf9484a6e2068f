from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.core.management.base import BaseCommand, CommandError

from core.tabular import human_size
from procurement.risk.csv_import import MAX_BYTES, CsvImportError
from procurement.risk.services import provider_financials_import


class Command(BaseCommand):
    help = (
        "Importeert cijfers van jeugdhulpaanbieders (per boekjaar) uit een CSV- of "
        "Excel-bestand: alles of niets. Dezelfde controles als het formulier op "
        "/inkoop/signalen/import/."
    )

    def add_arguments(self, parser):
        parser.add_argument("bestand", type=Path, help="Het CSV- of Excel-bestand (.xlsx).")
        parser.add_argument(
            "--gebruiker",
            required=True,
            help="De functioneel beheerder die importeert (komt in de historie).",
        )
        parser.add_argument("--bron", default="", help="Bijvoorbeeld 'Jaarverantwoordingen 2023'.")

    def handle(self, *args, bestand, gebruiker, bron, **options):
        user = get_user_model().objects.filter(username=gebruiker).first()
        if user is None:
            raise CommandError(f"Gebruiker '{gebruiker}' bestaat niet.")
        try:
            if bestand.stat().st_size > MAX_BYTES:  # before a byte is read
                raise CommandError(
                    f"'{bestand}' is groter dan {human_size(MAX_BYTES)}; splits het in delen."
                )
            raw = bestand.read_bytes()
        except OSError as error:
            raise CommandError(f"Kan '{bestand}' niet lezen: {error.strerror}.") from error
        try:
            result = provider_financials_import(
                raw=raw, filename=bestand.name, user=user, source=bron
            )
        except PermissionDenied:
            raise CommandError(
                f"'{gebruiker}' is geen functioneel beheerder en mag niet importeren."
            ) from None
        except CsvImportError as error:
            for row_error in error.errors:
                self.stderr.write(str(row_error))
            raise CommandError("Niets geïmporteerd.") from None
        self.stdout.write(
            f"Geïmporteerd: {result.created} nieuwe en {result.updated} bijgewerkte jaren."
        )
