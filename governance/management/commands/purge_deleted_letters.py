from django.core.management.base import BaseCommand

from governance.letters.constants import DELETED_LETTER_DAYS
from governance.letters.services import letters_purge_deleted


class Command(BaseCommand):
    help = (
        f"Verwijdert concepten die langer dan {DELETED_LETTER_DAYS} dagen in de prullenbak staan "
        "definitief (met hun onderdelen en gegevensblokken; de historie blijft). Voor een "
        "dagelijkse taak; kan vaker draaien."
    )

    def handle(self, *args, **options):
        removed = letters_purge_deleted()
        self.stdout.write(
            f"Concepten definitief verwijderd uit de prullenbak (ouder dan "
            f"{DELETED_LETTER_DAYS} dagen): {removed}."
        )
