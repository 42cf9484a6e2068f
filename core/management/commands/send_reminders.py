"""Send today's reminders (council views due within 14 days, efforts due soon) now, for one
region or all, as the worker's daily round does. A reminder already sent is never sent again,
so running this beside the daily round is safe."""

from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from core.registry import registry
from core.scope import all_regions, region_scope


class Command(BaseCommand):
    help = "Verstuur de herinneringen van vandaag, voor één regio (--regio) of voor alle regio's."

    def add_arguments(self, parser):
        parser.add_argument("--regio", dest="region", help="De korte naam (slug) van de regio.")

    def handle(self, *args, region=None, **options):
        Region = apps.get_model(settings.REGION_MODEL)
        with all_regions():
            regions = Region.objects.order_by("pk")
            if region:
                regions = regions.filter(slug=region)
            regions = list(regions)
        if region and not regions:
            raise CommandError(f"Regio '{region}' bestaat niet.")
        tasks = [daily for daily in registry.daily() if daily.reminder]
        for each in regions:
            for daily in tasks:
                with region_scope(each), transaction.atomic():
                    outcome = daily.run(each)
                self.stdout.write(f"{each}: {daily.label}: {outcome}")
