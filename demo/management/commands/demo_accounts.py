"""`manage.py demo_accounts`: the demo accounts of `make run`, one per role."""

from django.core.management.base import BaseCommand

from demo.services import DEMO_TOTP_BASE32, demo_accounts_ensure, demo_second_factors_ensure


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
        administrators = demo_second_factors_ensure()
        self.stdout.write(
            f"Tweede stap voor {' en '.join(administrators)}: een authenticator-app met de "
            f"sleutel {DEMO_TOTP_BASE32}, of de code van: .venv/bin/python manage.py demo_code "
            f"{administrators[0]}"
        )
