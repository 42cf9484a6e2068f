"""Reads for the registers of /bestuur/: each page in a fixed number of queries."""

from dataclasses import dataclass
from datetime import date

from django.db.models import (
    BooleanField,
    Case,
    Count,
    Exists,
    ExpressionWrapper,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Value,
    When,
)

from governance.constants import BodyKind, CouncilViewStatus, DecisionOutcome
from governance.models import (
    Body,
    CouncilView,
    Decision,
    Membership,
    Municipality,
    Organisation,
    Person,
)


def valid_on_q(day: date, start: str, end: str) -> Q:
    """Valid on `day`: started (or no start known) and not yet ended (end inclusive)."""
    return (Q(**{f"{start}__isnull": True}) | Q(**{f"{start}__lte": day})) & (
        Q(**{f"{end}__isnull": True}) | Q(**{f"{end}__gte": day})
    )


def overdue_q(today: date, prefix: str = "") -> Q:
    """A council view still awaited after its deadline."""
    return Q(**{f"{prefix}status": CouncilViewStatus.AWAITED, f"{prefix}deadline__lt": today})


def is_overdue(council_view: CouncilView, today: date) -> bool:
    """The same rule as overdue_q, for a view already loaded."""
    return (
        council_view.status == CouncilViewStatus.AWAITED
        and council_view.deadline is not None
        and council_view.deadline < today
    )


# --- Organisations, bodies, who sits where --------------------------------------------------


@dataclass(frozen=True)
class OrganisationNode:
    organisation: Organisation
    children: list["OrganisationNode"]
    active: bool


def overview_data() -> tuple[QuerySet, ...]:
    """What the overview shows (the key of its cached body): organisations, bodies, their
    members and municipalities, and the proposals with their council views."""
    return (
        Organisation.objects.all(),
        Body.objects.all(),
        Membership.objects.all(),
        Person.objects.all(),
        Municipality.objects.all(),
        Decision.objects.all(),
        CouncilView.objects.all(),
    )


def organisation_tree(*, on: date) -> list[OrganisationNode]:
    """The organisations as a tree (DG&J › Cluster GVO › SOJ), in one query."""
    organisations = list(Organisation.objects.select_related("merged_into").order_by("name"))
    children: dict[int | None, list[Organisation]] = {}
    for organisation in organisations:
        children.setdefault(organisation.parent_id, []).append(organisation)
    known = {organisation.pk for organisation in organisations}

    def node(organisation):
        active = (organisation.founded_on is None or organisation.founded_on <= on) and (
            organisation.ended_on is None or organisation.ended_on >= on
        )
        return OrganisationNode(
            organisation, [node(child) for child in children.get(organisation.pk, [])], active
        )

    roots = [o for o in organisations if o.parent_id is None or o.parent_id not in known]
    return [node(organisation) for organisation in roots]


def bodies_with_members_on(*, on: date) -> QuerySet[Body]:
    """The bodies existing on a day, each with the memberships valid that day (two queries)."""
    memberships = (
        Membership.objects.filter(valid_on_q(on, "valid_from", "valid_until"))
        .select_related("person", "municipality")
        .order_by("role", "municipality__name", "person__name")
    )
    return (
        Body.objects.select_related("organisation", "municipality")
        .filter(valid_on_q(on, "founded_on", "ended_on"))
        .prefetch_related(Prefetch("memberships", queryset=memberships, to_attr="members_on"))
        .order_by(_body_order(), "name")
    )


def _body_order():
    """Boards first, then the consultation bodies, then councils and executives."""
    order = [
        BodyKind.GENERAL_BOARD,
        BodyKind.EXECUTIVE_BOARD,
        BodyKind.PORTFOLIO_HOLDERS,
        BodyKind.MANAGEMENT_NETWORK,
        BodyKind.OFFICIAL_CONSULTATION,
        BodyKind.OTHER,
        BodyKind.EXECUTIVE,
        BodyKind.COUNCIL,
    ]
    return Case(
        *(When(kind=kind, then=Value(position)) for position, kind in enumerate(order)),
        default=Value(len(order)),
        output_field=IntegerField(),
    )


def municipalities_on(*, on: date) -> QuerySet[Municipality]:
    return (
        Municipality.objects.all()
        .filter(valid_on_q(on, "valid_from", "valid_until"))
        .order_by("name")
    )


def proposals_at_the_councils(*, today: date) -> QuerySet[Decision]:
    """Proposals with council views still awaited, with their counts (one query)."""
    return (
        Decision.objects.select_related("body")
        .filter(outcome=DecisionOutcome.PROPOSED, council_views__isnull=False)
        .annotate(
            view_count=Count("council_views", distinct=True),
            received_count=Count(
                "council_views",
                filter=Q(council_views__status=CouncilViewStatus.RECEIVED),
                distinct=True,
            ),
            awaited_count=Count(
                "council_views",
                filter=Q(council_views__status=CouncilViewStatus.AWAITED),
                distinct=True,
            ),
            overdue_count=Count(
                "council_views", filter=overdue_q(today, "council_views__"), distinct=True
            ),
        )
        .order_by("date", "title")
    )


# --- Decisions and council views ------------------------------------------------------------


def decision_register_data() -> tuple[QuerySet, ...]:
    """What a row of the decisions register shows (the key of the cached table): the decision,
    its body, its council views and their municipalities."""
    return (
        Decision.objects.all(),
        Body.objects.all(),
        CouncilView.objects.all(),
        Municipality.objects.all(),
    )


def decisions_for_register(*, today: date) -> QuerySet[Decision]:
    """The decisions register: body, counts of council views, and the views themselves."""
    views = CouncilView.objects.select_related("municipality").order_by("municipality__name")
    return (
        Decision.objects.select_related("body")
        .annotate(
            overdue_count=Count(
                "council_views", filter=overdue_q(today, "council_views__"), distinct=True
            ),
        )
        .prefetch_related(Prefetch("council_views", queryset=views))
        .order_by("-date", "title")
    )


def decision_search_q(text: str) -> Q:
    """Text search over a decision, its body and its council views."""
    in_views = CouncilView.objects.filter(decision=OuterRef("pk")).filter(
        Q(reference__icontains=text) | Q(summary__icontains=text) | Q(reply__icontains=text)
    )
    return (
        Q(title__icontains=text)
        | Q(summary__icontains=text)
        | Q(reference__icontains=text)
        | Q(body__name__icontains=text)
        | Q(body__abbreviation__icontains=text)
        | Exists(in_views)
    )


def decision_years() -> list[int]:
    decisions = Decision.objects.all()
    return sorted({day.year for day in decisions.dates("date", "year")}, reverse=True)


def decision_for_detail(*, slug: str) -> Decision | None:
    return (
        Decision.objects.select_related("body__organisation", "body__region")
        .filter(slug=slug)
        .first()
    )


def council_views_of(decision: Decision) -> QuerySet[CouncilView]:
    return decision.council_views.select_related("municipality").order_by("municipality__name")


def council_views_for_list(*, today: date) -> QuerySet[CouncilView]:
    """Every council view with its decision and municipality; overdue ones flagged."""
    return (
        CouncilView.objects.select_related("decision__body", "municipality")
        .annotate(is_overdue=ExpressionWrapper(overdue_q(today), output_field=BooleanField()))
        .order_by("-is_overdue", "deadline", "decision__date", "municipality__name")
    )


def council_view_for_edit(*, decision: Decision, cbs_code: str) -> CouncilView | None:
    return (
        decision.council_views.select_related("municipality", "decision__body")
        .filter(municipality__cbs_code=cbs_code)
        .first()
    )


def body_for_detail(*, slug: str) -> Body | None:
    return Body.objects.select_related("organisation", "municipality").filter(slug=slug).first()


def memberships_of(body: Body) -> QuerySet[Membership]:
    """Every membership of a body, current and past, newest first."""
    return (
        Membership.objects.filter(body=body)
        .select_related("person", "municipality")
        .order_by("-valid_from", "person__name")
    )
