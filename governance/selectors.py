from django.db.models import QuerySet

from .models import Decision


def decisions_recent(*, limit: int) -> QuerySet[Decision]:
    return Decision.objects.select_related("body").order_by("-date", "title")[:limit]
