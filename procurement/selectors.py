"""Reads for the procurement pages: each in a fixed number of queries."""

from datetime import date

from django.db.models import Count, OuterRef, Prefetch, QuerySet, Subquery, prefetch_related_objects
from django.db.models.functions import Coalesce

from .models import (
    Contract,
    CoreValue,
    Framework,
    Norm,
    Phase,
    Principle,
    Procedure,
    ProductCategory,
    Provider,
    Segment,
)


def framework_default(frameworks: list[Framework], *, today: date) -> Framework | None:
    """The framework to show first: the latest adopted one whose contract period has begun.

    A contract period that has begun without a framework of its own (2026 e.v.: 'het inkoopkader
    blijft voor 2026 en verder hetzelfde', 004) still works under the adopted one.
    """
    started = [framework for framework in frameworks if framework.valid_from <= today]
    adopted = [framework for framework in started if framework.adopted_by_id]
    for candidates in (adopted, started, frameworks):
        if candidates:
            return max(candidates, key=lambda framework: framework.valid_from)
    return None


def framework_with_parts(framework: Framework) -> Framework:
    """Principles, core values, phases and procedures of a framework (four queries)."""
    prefetch_related_objects(
        [framework],
        Prefetch("principles", Principle.objects.order_by("order")),
        Prefetch("core_values", CoreValue.objects.order_by("order")),
        Prefetch("phases", Phase.objects.order_by("number")),
        Prefetch("procedures", Procedure.objects.order_by("choice", "kind")),
    )
    return framework


def frameworks_all() -> QuerySet[Framework]:
    return Framework.objects.select_related("adopted_by__body").order_by("valid_from")


def _segments_shaped(segments: QuerySet[Segment]) -> QuerySet[Segment]:
    lineage = Segment.objects.select_related("framework").order_by("framework__valid_from", "order")
    return (
        segments.select_related("framework")
        .prefetch_related(
            Prefetch("successors", queryset=lineage),
            Prefetch("predecessors", queryset=lineage),
            Prefetch("product_categories", queryset=ProductCategory.objects.order_by("code")),
        )
        .annotate(
            contract_count=Count("contracts", distinct=True),
            norm_count=Count("norms", distinct=True),
        )
    )


def segments_for_list() -> QuerySet[Segment]:
    """Every segment of every framework, with its lineage over contract periods (four queries)."""
    return _segments_shaped(Segment.objects.all()).order_by(
        "framework__valid_from", "order", "code"
    )


def segment_for_detail(*, framework_slug: str, code: str) -> Segment | None:
    segments = Segment.objects.filter(framework__slug=framework_slug, code=code)
    contracts = Contract.objects.select_related("provider", "procedure").order_by(
        "provider__name", "valid_from"
    )
    norms = Norm.objects.select_related("product_category").order_by(
        "product_category__code", "product_code"
    )
    return (
        _segments_shaped(segments)
        .prefetch_related(
            Prefetch("contracts", queryset=contracts), Prefetch("norms", queryset=norms)
        )
        .first()
    )


def provider_list_data() -> tuple[QuerySet, ...]:
    """What a row of the provider list shows (the key of the cached table): the provider and the
    region's contracts with their segments."""
    return (
        Provider.objects.all(),
        Contract.objects.all(),
        Segment.objects.all(),
        Framework.objects.all(),
    )


def providers_for_list() -> QuerySet[Provider]:
    """Providers (national) with the region's contracts (segment and period) prefetched.

    The count is a subquery through the scoped Contract manager: a plain Count("contracts")
    would join past the scope and count every region's contracts.
    """
    contracts = Contract.objects.select_related("segment__framework").order_by(
        "segment__framework__valid_from", "segment__order", "valid_from"
    )
    region_contracts = (
        Contract.objects.filter(provider=OuterRef("pk"))
        .order_by()
        .values("provider")
        .annotate(count=Count("pk"))
        .values("count")
    )
    return (
        Provider.objects.prefetch_related(Prefetch("contracts", queryset=contracts))
        .annotate(contract_count=Coalesce(Subquery(region_contracts), 0))
        .order_by("name")
    )


def provider_for_detail(*, slug: str) -> Provider | None:
    contracts = Contract.objects.select_related("segment__framework", "procedure").order_by(
        "segment__framework__valid_from", "segment__order", "valid_from"
    )
    return (
        Provider.objects.filter(slug=slug)
        .prefetch_related(Prefetch("contracts", queryset=contracts))
        .first()
    )


def norms_for_list() -> QuerySet[Norm]:
    norms = Norm.objects.select_related("segment__framework", "product_category")
    return norms.order_by(
        "segment__framework__valid_from", "segment__order", "product_category__code"
    )


def segments_of_region() -> QuerySet[Segment]:
    return Segment.objects.select_related("framework").order_by(
        "framework__valid_from", "order", "code"
    )
