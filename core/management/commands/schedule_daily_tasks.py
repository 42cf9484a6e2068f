"""Queue the worker's daily round (reminders, clean-up) unless it is queued already; each round
queues the next. Run it once when the worker starts (`make run` and the compose file do)."""

from django.core.management.base import BaseCommand
from django.utils import timezone

from core.jobs.daily import daily_tasks_schedule


class Command(BaseCommand):
    help = "Plant de dagelijkse taken van de achtergrondwerker (herinneringen, opruimen)."

    def handle(self, *args, **options):
        at = daily_tasks_schedule()
        self.stdout.write(f"Dagelijkse taken gepland op {timezone.localtime(at):%d-%m-%Y %H:%M}.")
