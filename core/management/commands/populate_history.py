"""simple-history's `populate_history`, across every region: it records the rows of all of them."""

from simple_history.management.commands import populate_history

from core.scope import all_regions


class Command(populate_history.Command):
    def handle(self, *args, **options):
        with all_regions():
            return super().handle(*args, **options)
