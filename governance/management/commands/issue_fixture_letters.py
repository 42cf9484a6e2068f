from django.core.management.base import BaseCommand

from core.scope import all_regions, region_scope
from governance.letters.constants import LetterStatus
from governance.letters.services import letter_store_missing_pdfs
from governance.models import Letter


class Command(BaseCommand):
    help = (
        "Maakt en bewaart de PDF van verzonden brieven die er nog geen hebben (brieven uit de "
        "fixtures, zoals de raadsinformatiebrief van 20 april 2021). Kan vaker draaien: een brief "
        "met een opgeslagen PDF wordt overgeslagen."
    )

    def handle(self, *args, **options):
        with all_regions():  # every region's letters, each then issued within its own region
            letters = list(
                Letter.objects.filter(status=LetterStatus.ISSUED, pdfs__isnull=True)
                .distinct()
                .order_by("date", "pk")
            )
        stored = 0
        for letter in letters:
            with region_scope(letter.region_id):
                count = letter_store_missing_pdfs(letter=letter)
            stored += count
            if count:
                self.stdout.write(f"  {letter.date:%d-%m-%Y} {letter.subject}: {count} PDF")
        self.stdout.write(f"Verzonden brieven zonder PDF: {stored} PDF('s) gemaakt en opgeslagen.")
