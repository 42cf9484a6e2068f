"""The daily reminders of governance: a council view due within 14 days, to the griffie of that
municipality. Each goes out once per council view and deadline (`core.reminders`): a deadline
that is moved reminds again, a repeated run does not."""

from datetime import date, timedelta

from django.urls import reverse
from django.utils import timezone

from core.notifications import absolute_url
from core.reminders import reminder_once
from governance.constants import CouncilViewStatus, Role
from governance.models import CouncilView, Region
from governance.notifications import role_addresses

COUNCIL_VIEW_REMINDER_DAYS = 14


def council_view_reminders(region: Region, *, today: date | None = None) -> dict:
    """Remind the griffie of every awaited council view whose deadline lies within 14 days."""
    today = today or timezone.localdate()
    views = CouncilView.objects.filter(
        status=CouncilViewStatus.AWAITED,
        deadline__gte=today,
        deadline__lte=today + timedelta(days=COUNCIL_VIEW_REMINDER_DAYS),
    ).select_related("decision__body", "municipality")
    sent = 0
    for view in views.order_by("deadline", "pk"):
        recipients = role_addresses(
            region=region, roles=[Role.GRIFFIE], municipality_ids=[view.municipality_id]
        )
        sent += reminder_once(
            region=region,
            key=f"council-view:{view.pk}:{view.deadline.isoformat()}",
            recipients=recipients,
            template="governance/mail/council_view_due",
            context={
                "view": view,
                "days": (view.deadline - today).days,
                "url": absolute_url(
                    reverse("registers:decision_detail", args=[view.decision.slug])
                ),
            },
        )
    return {"council_views": sent}


def reminders_daily(region: Region) -> dict:
    return council_view_reminders(region)
