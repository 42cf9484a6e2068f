"""Reminders that go out once: `reminder_once` records what was sent (`SentReminder`) and skips
what is recorded already, so the daily round, a repeated run and `manage.py send_reminders` never
remind anyone twice of the same thing."""

from collections.abc import Iterable

from django.db import IntegrityError, transaction

from .models import SentReminder
from .notifications import notify


def reminder_once(
    *, region, key: str, recipients: Iterable[str], template: str, context: dict
) -> bool:
    """Send the reminder `key` of `region` unless it went out before; True when it goes now."""
    addresses = sorted({address for address in recipients if address})
    if not addresses or SentReminder.objects.filter(region=region, key=key).exists():
        return False
    try:
        with transaction.atomic():
            SentReminder.objects.create(region=region, key=key, recipients=", ".join(addresses))
    except IntegrityError:  # recorded meanwhile by a run beside this one
        return False
    notify(recipients=addresses, template=template, context=context)
    return True
