"""The daily reminder of the programme: an effort whose agreed time target ends within 14 days
goes to the project's contractor (ambtelijk opdrachtnemer), once per effort and time target."""

from datetime import date, timedelta

from django.utils import timezone

from core.notifications import absolute_url
from core.reminders import reminder_once

from .constants import FINISHED_PROJECT_STATUSES, EffortStatus, Recurrence
from .models import Effort

EFFORT_REMINDER_DAYS = 14


def effort_reminders(region, *, today: date | None = None) -> dict:
    today = today or timezone.localdate()
    efforts = (
        Effort.objects.filter(
            project__theme__isnull=False,
            target_end__gte=today,
            target_end__lte=today + timedelta(days=EFFORT_REMINDER_DAYS),
            recurrence=Recurrence.NONE,
            project__contractor__user__is_active=True,
        )
        .exclude(status=EffortStatus.ACHIEVED)
        .exclude(project__overall_status__in=FINISHED_PROJECT_STATUSES)
        .select_related("project__contractor__user")
        .order_by("target_end", "pk")
    )
    sent = 0
    for effort in efforts:
        sent += reminder_once(
            region=region,
            key=f"effort:{effort.pk}:{effort.target_end.isoformat()}",
            recipients=[effort.project.contractor.user.email],
            template="programme/mail/effort_due",
            context={
                "effort": effort,
                "project": effort.project,
                "url": absolute_url(f"{effort.project.get_absolute_url()}#inspanning-{effort.pk}"),
            },
        )
    return {"efforts": sent}


def reminders_daily(region) -> dict:
    return effort_reminders(region)
