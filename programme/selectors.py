from django.db.models import Count, Q, QuerySet

from governance.models import Person

from .constants import EffortStatus
from .models import Project


def projects_current() -> QuerySet[Project]:
    """Projects of the programmes (those in a theme), with their effort counts."""
    return (
        Project.objects.filter(theme__isnull=False)
        .select_related("theme", "lead_municipality", "contractor")
        .annotate(
            effort_count=Count("efforts", distinct=True),
            achieved_count=Count(
                "efforts", filter=Q(efforts__status=EffortStatus.ACHIEVED), distinct=True
            ),
        )
        .order_by("programme__starts_on", "code")
    )


def projects_worked_on_by(person: Person) -> QuerySet[Project]:
    """The projects a person carries out (ambtelijk opdrachtnemer) or works on in the team."""
    return projects_current().filter(Q(contractor=person) | Q(team=person)).distinct()
