"""Read a region's workbook and apply it: all of it, or nothing when any row has a problem."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from governance.workbook.services import MAX_FILE_BYTES, plan_summary, workbook_import


class Command(BaseCommand):
    help = (
        "Leest een werkmap (.xlsx, of een ZIP met CSV-bestanden) en voert hem door in de regio "
        "die het werkblad Regio noemt; bestaat die regio nog niet, dan wordt hij gemaakt. Eerst "
        "staat per werkblad wat nieuw, gewijzigd en ongewijzigd is, en per rij elk probleem. Als "
        "één rij niet klopt, wordt niets opgeslagen. Rijen die niet in de werkmap staan, blijven "
        "zoals ze zijn: de werkmap verwijdert niets. Met --dry-run wordt niets opgeslagen."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="De werkmap (.xlsx of .zip).")
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Alleen tonen wat er zou gebeuren; niets opslaan.",
        )
        parser.add_argument(
            "--invite",
            action="store_true",
            help=(
                "Nieuwe gebruikers met een e-mailadres een uitnodiging sturen (via EMAIL_URL), "
                "zoals het inlezen in de browser doet."
            ),
        )

    def handle(self, *args, file, dry_run, invite, **options):
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"Het bestand ‘{path}’ bestaat niet.")
        if path.stat().st_size > MAX_FILE_BYTES:
            raise CommandError("Het bestand is groter dan 50 MB.")
        result = workbook_import(
            raw=path.read_bytes(),
            create_region=True,
            commit=not dry_run,
            max_bytes=MAX_FILE_BYTES,
            reason=f"Geïmporteerd uit werkmap {path.name}",
            invite=invite,
        )
        plan = result.plan
        for sheet in plan.sheets:
            if sheet.present:
                self.stdout.write(
                    f"{sheet.title}: {sheet.new} nieuw, {sheet.changed} gewijzigd, "
                    f"{sheet.unchanged} ongewijzigd"
                )
        for title, number, note in plan.note_lines():
            self.stdout.write(f"Let op – {title}, rij {number}: {note}")
        problems = plan.problem_lines()
        if problems:
            for title, number, message in problems:
                where = ", ".join(
                    part for part in (title, f"rij {number}" if number else "") if part
                )
                self.stderr.write(f"{where}: {message}" if where else message)
            raise CommandError(f"Niets opgeslagen: {len(problems)} probleem/problemen gevonden.")
        if dry_run:
            self.stdout.write(f"Proefdraai: {plan_summary(plan)}; er is niets opgeslagen.")
        else:
            self.stdout.write(f"Werkmap ingelezen in {result.region.name}: {plan_summary(plan)}.")
            if result.invited:
                count = len(result.invited)
                self.stdout.write(f"Uitnodiging gestuurd aan {count} nieuwe gebruiker(s).")
