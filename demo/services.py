"""The demo accounts: one per role, each linked to a demo person of the ZHZ fixtures, and the
platform administrator (a superuser of no region and no role)."""

from dataclasses import dataclass

from django.contrib.auth.models import Group, User
from django.db import transaction

from core.scope import all_regions
from governance.constants import Role
from governance.models import Letter, Person


@dataclass(frozen=True)
class DemoAccount:
    username: str
    role: Role | None  # None: the platform administrator, who has no role
    person_slug: str | None
    description: str

    @property
    def role_label(self) -> str:
        return str(self.role.label) if self.role else "platformbeheer"


DEMO_ACCOUNTS = (
    DemoAccount(
        "adviseur",
        Role.POLICY_ADVISER,
        "demo-adviseur-sliedrecht",
        "beleidsadviseur van Sliedrecht, opdrachtnemer van projecten",
    ),
    DemoAccount(
        "adviseur2", Role.POLICY_ADVISER, "demo-adviseur-gorinchem", "beleidsadviseur van Gorinchem"
    ),
    DemoAccount("griffie", Role.GRIFFIE, "demo-griffie-dordrecht", "griffie van Dordrecht"),
    DemoAccount(
        "griffie2",
        Role.GRIFFIE,
        "demo-griffier-dordrecht",
        "griffier van Dordrecht: meldt brieven van de griffie gereed (vier ogen)",
    ),
    DemoAccount("nmt", Role.NETWORK_MT, "demo-netwerk-mt", "lid van het Netwerk MT Jeugd"),
    DemoAccount("beheer", Role.FUNCTIONAL_ADMIN, "demo-beheer", "functioneel beheerder"),
    DemoAccount(
        "platform", None, None, "platformbeheerder (superuser): regio's en hun eerste beheerder"
    ),
)


@transaction.atomic
def demo_accounts_ensure(*, password: str) -> list[DemoAccount]:
    """Create (or reset) the demo accounts, one per role, each linked to its demo person.

    Only for demo installations: `make run` calls it, a production set-up never does. The demo
    people live in different municipalities (and could live in different regions), so the
    accounts are set up across regions.
    """
    with all_regions():
        for account in DEMO_ACCOUNTS:
            user, _created = User.objects.get_or_create(username=account.username)
            user.set_password(password)
            # A region's functional administrator is staff through the role's permissions, not
            # a superuser; only the platform administrator is.
            user.is_staff = account.role in (Role.FUNCTIONAL_ADMIN, None)
            user.is_superuser = account.role is None
            # Notifications and reminders go to this address (printed by the demo's console mail).
            user.email = user.email or f"{account.username}@demo.example.org"
            user.save()
            roles = [account.role] if account.role else []
            user.groups.set([Group.objects.get_or_create(name=role)[0] for role in roles])
            if account.person_slug is None:
                continue
            person = Person.objects.filter(slug=account.person_slug).first()
            if person is not None and person.user_id != user.pk:
                Person.objects.filter(user=user).update(user=None)
                person.user = user
                person.save(update_fields=["user", "updated"])
        _credit_fixture_letters(author="griffie", approver="griffie2")
    return list(DEMO_ACCOUNTS)


def _credit_fixture_letters(*, author: str, approver: str) -> None:
    """The fixtures' issued letters name no user (users come later, from this command): in the
    demo, the griffie of their municipality wrote them and her colleague approved them, as the
    four-eyes rule asks."""
    writer = User.objects.filter(username=author).select_related("person").first()
    checker = User.objects.filter(username=approver).first()
    municipality_id = getattr(getattr(writer, "person", None), "municipality_id", None)
    if writer is None or checker is None or municipality_id is None:
        return
    Letter.objects.filter(
        municipality_id=municipality_id,
        created_by__isnull=True,
        approved_by__isnull=True,
        approved_at__isnull=False,
    ).update(created_by=writer, approved_by=checker)
