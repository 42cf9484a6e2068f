"""The funding matrix: projects × funding kinds (003, 'Begroting Netwerk MT Jeugd 2021–2022')."""

from dataclasses import dataclass

from django.db.models import Prefetch, Q, QuerySet

from finance.constants import FundingKind
from finance.models import FundingSource
from programme.models import Project


@dataclass(frozen=True)
class FundingCell:
    kind: str
    label: str
    source: FundingSource | None


@dataclass(frozen=True)
class FundingRow:
    project: Project
    cells: list[FundingCell]


def _projects_with_funding() -> QuerySet[Project]:
    projects = Project.objects.filter(Q(theme__isnull=False) | Q(funding_sources__isnull=False))
    return (
        projects.distinct()
        .select_related("theme", "programme")
        .prefetch_related(Prefetch("funding_sources", queryset=FundingSource.objects.all()))
        .order_by("-programme__starts_on", "code", "name")
    )


def funding_row(project: Project) -> FundingRow:
    by_kind = {source.kind: source for source in project.funding_sources.all()}
    return FundingRow(
        project=project,
        cells=[FundingCell(kind, label, by_kind.get(kind)) for kind, label in FundingKind.choices],
    )


def funding_matrix() -> list[FundingRow]:
    """Projects × funding kinds (003, 'Begroting Netwerk MT Jeugd 2021–2022')."""
    return [funding_row(project) for project in _projects_with_funding()]


def project_for_funding(*, slug: str) -> Project | None:
    projects = Project.objects.filter(slug=slug)
    return (
        projects.select_related("theme", "programme")
        .prefetch_related(Prefetch("funding_sources", queryset=FundingSource.objects.all()))
        .first()
    )
