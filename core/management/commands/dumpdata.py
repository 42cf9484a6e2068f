"""Django's `dumpdata`, across every region: reference data of several regions load in one go."""

from django.core.management.commands import dumpdata

from core.scope import all_regions


class Command(dumpdata.Command):
    def handle(self, *args, **options):
        with all_regions():
            return super().handle(*args, **options)
