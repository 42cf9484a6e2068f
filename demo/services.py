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
    # None: no role of the application; with no person either, the platform administrator.
    role: Role | None
    person_slug: str | None
    description: str

    @property
    def is_platform_admin(self) -> bool:
        return self.role is None and self.person_slug is None

    @property
    def role_label(self) -> str:
        if self.role:
            return str(self.role.label)
        return "platformbeheer" if self.is_platform_admin else "geen rol"

    @property
    def is_administrator(self) -> bool:
        """Logs in with a second factor: a functional or the platform administrator."""
        return self.role == Role.FUNCTIONAL_ADMIN or self.is_platform_admin


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
        "secretaris",
        None,
        "demo-db-secretaris",
        "secretaris van het dagelijks bestuur DG&J: verzendt brieven van het bestuur",
    ),
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
            user.is_staff = account.is_administrator
            user.is_superuser = account.is_platform_admin
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


# The demo's administrators (`beheer`, `platform`) log in with a second factor, as every
# functional administrator does. So that a demo can be tried without setting up an app, their
# app has a fixed key, published in the README: RFC 6238's test key "12345678901234567890".
DEMO_TOTP_NAME = "Demo-app (vaste, openbare sleutel)"
DEMO_TOTP_KEY = b"12345678901234567890".hex()
DEMO_TOTP_BASE32 = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"


def demo_second_factors_ensure() -> list[str]:
    """Give the demo's administrators their demo app; returns their usernames."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    usernames = [account.username for account in DEMO_ACCOUNTS if account.is_administrator]
    for user in User.objects.filter(username__in=usernames):
        TOTPDevice.objects.filter(user=user).exclude(name=DEMO_TOTP_NAME).delete()
        TOTPDevice.objects.get_or_create(
            user=user, name=DEMO_TOTP_NAME, defaults={"key": DEMO_TOTP_KEY, "confirmed": True}
        )
    return usernames


def demo_code(username: str) -> str:
    """The code the demo app of a demo administrator shows now. Only for the demo app: any
    other device (a real person's) is refused."""
    import time

    from django_otp.oath import TOTP
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.filter(
        user__username=username, name=DEMO_TOTP_NAME, key=DEMO_TOTP_KEY
    ).first()
    if device is None or username not in {account.username for account in DEMO_ACCOUNTS}:
        raise LookupError(username)
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time()
    if totp.t() <= device.last_t:  # this one was used: the next
        totp.time += device.step
    return f"{totp.token():0{device.digits}d}"
