"""`manage.py demo_code beheer`: the second factor's code of a demo administrator, for a demo
tried without an authenticator app."""

from django.core.management.base import BaseCommand, CommandError

from demo.services import demo_code


class Command(BaseCommand):
    help = (
        "Toont de code van de demo-app van een demo-beheerder (beheer, platform). Alleen voor "
        "een demo: de code van een echte app toont het nooit."
    )

    def add_arguments(self, parser):
        parser.add_argument("username", help="beheer of platform")

    def handle(self, *args, username, **options):
        try:
            self.stdout.write(demo_code(username))
        except LookupError as error:
            raise CommandError(
                f"‘{username}’ is geen demo-beheerder met de demo-app (alleen beheer en platform, "
                "na manage.py demo_accounts)."
            ) from error
