"""`manage.py demo_accounts`: the demo accounts of `make run`, one per role."""

from django.core.management.base import BaseCommand

from demo.services import demo_accounts_ensure


class Command(BaseCommand):
    help = (
        "Maakt de demo-accounts aan (één per rol en de platformbeheerder, wachtwoord 'demo'). "
        "Alleen voor een demo."
    )

    def handle(self, *args, **options):
        accounts = demo_accounts_ensure(password="demo")
        self.stdout.write("Demo-accounts (wachtwoord: demo):")
        for account in accounts:
            self.stdout.write(
                f"  {account.username:<10} {account.role_label:<20} {account.description}"
            )
