"""The governance timeline, built from the data: decisions, organisations and bodies founded,
ended or merged, municipalities formed and merged. Nothing here is hard-coded history.

Other apps add their own dated events (procurement: contract periods, phases, segments that merge)
by registering a `core.registry.TimelineSource` in their `AppConfig.ready()`, so the dependency
arrows stay one-way. Each source is called for one region, inside that region's scope.
"""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.registry import TimelineSource, in_region, registry
from governance.models import Body, Decision, Municipality, Organisation, Region, TimelineEntry


@dataclass(frozen=True)
class TimelineEvent:
    date: date
    kind: str  # the key of the timeline source it comes from
    title: str
    detail: str = ""
    reference: str = ""
    url: str = ""

    @property
    def kind_label(self) -> str:
        source = registry.timeline_sources.get(self.kind)
        return str(source.label) if source else self.kind


def join_names(names: list[str]) -> str:
    """['A', 'B', 'C'] → 'A, B en C'."""
    if len(names) <= 1:
        return "".join(names)
    return _("%(first)s en %(last)s") % {"first": ", ".join(names[:-1]), "last": names[-1]}


def decision_events(region: Region) -> Iterable[TimelineEvent]:
    decisions = Decision.objects.select_related("body")
    for decision in decisions:
        yield TimelineEvent(
            date=decision.date,
            kind="decision",
            title=decision.title,
            detail=_("%(body)s – %(outcome)s. %(summary)s")
            % {
                "body": decision.body.name,
                "outcome": decision.get_outcome_display().lower(),
                "summary": decision.summary,
            },
            reference=decision.reference,
            url=reverse("registers:decision_detail", args=[decision.slug]),
        )


def entry_events(region: Region) -> Iterable[TimelineEvent]:
    """Dated documents and events that are not a decision, kept by functional administrators."""
    for entry in TimelineEntry.objects.all():
        yield TimelineEvent(
            date=entry.date,
            kind="document",
            title=entry.title,
            detail=entry.description,
            reference=entry.reference,
            url=entry.link,
        )


def organisation_events(region: Region) -> Iterable[TimelineEvent]:
    organisations = Organisation.objects.select_related("merged_into").filter(
        Q(founded_on__isnull=False) | Q(ended_on__isnull=False)
    )
    for organisation in organisations:
        if organisation.founded_on:
            yield TimelineEvent(
                organisation.founded_on,
                "organisation",
                _("%(name)s opgericht") % {"name": organisation.name},
                organisation.description,
            )
        if organisation.ended_on:
            if organisation.merged_into:
                title = _("%(name)s gaat op in %(other)s") % {
                    "name": organisation.name,
                    "other": organisation.merged_into.name,
                }
            else:
                title = _("%(name)s opgeheven") % {"name": organisation.name}
            yield TimelineEvent(
                organisation.ended_on, "organisation", title, organisation.description
            )


def body_events(region: Region) -> Iterable[TimelineEvent]:
    bodies = Body.objects.filter(Q(founded_on__isnull=False) | Q(ended_on__isnull=False))
    for body in bodies:
        if body.founded_on:
            yield TimelineEvent(
                body.founded_on, "body", _("%(name)s ingesteld") % {"name": body.name}
            )
        if body.ended_on:
            yield TimelineEvent(
                body.ended_on, "body", _("%(name)s opgeheven") % {"name": body.name}
            )


def _existing_on(municipality: Municipality, day: date) -> bool:
    return (municipality.valid_from is None or municipality.valid_from <= day) and (
        municipality.valid_until is None or municipality.valid_until >= day
    )


def municipality_events(region: Region) -> Iterable[TimelineEvent]:
    """Municipal reorganisations, one event per date: who was formed from whom, who left."""
    municipalities = list(Municipality.objects.all())
    by_pk = {municipality.pk: municipality for municipality in municipalities}

    def day_after(municipality):
        return municipality.valid_until + timedelta(days=1)

    days = {m.valid_from for m in municipalities if m.valid_from} | {
        day_after(m) for m in municipalities if m.valid_until
    }
    for day in sorted(days):
        formed = sorted((m for m in municipalities if m.valid_from == day), key=lambda m: m.name)
        ended = [m for m in municipalities if m.valid_until and day_after(m) == day]
        lines = []
        for municipality in formed:
            sources = sorted(m.name for m in ended if m.merged_into_id == municipality.pk)
            if sources:
                lines.append(
                    _("%(name)s ontstaat uit %(sources)s.")
                    % {"name": municipality.name, "sources": join_names(sources)}
                )
            else:
                lines.append(_("%(name)s ontstaat.") % {"name": municipality.name})
        formed_pks = {municipality.pk for municipality in formed}
        merged_elsewhere = defaultdict(list)
        for municipality in ended:
            if (
                municipality.merged_into_id in by_pk
                and municipality.merged_into_id not in formed_pks
            ):
                merged_elsewhere[by_pk[municipality.merged_into_id].name].append(municipality.name)
        for target, sources in sorted(merged_elsewhere.items()):
            lines.append(
                _("%(sources)s gaan op in %(name)s.")
                % {"sources": join_names(sorted(sources)), "name": target}
            )
        # Merged into a municipality outside the region, or left it: where to is not recorded.
        left = sorted(m.name for m in ended if m.merged_into_id not in by_pk)
        if left:
            message = (
                _("%(names)s gaan de regio uit.")
                if len(left) > 1
                else _("%(names)s gaat de regio uit.")
            )
            lines.append(message % {"names": join_names(left)})
        before = sum(1 for m in municipalities if _existing_on(m, day - timedelta(days=1)))
        after = sum(1 for m in municipalities if _existing_on(m, day))
        if before != after:
            lines.append(
                _("De regio telt daarna %(after)d gemeenten (was %(before)d).")
                % {"after": after, "before": before}
            )
        yield TimelineEvent(day, "municipality", _("Gemeentelijke herindeling"), " ".join(lines))


GOVERNANCE_SOURCES = (
    TimelineSource(
        "decision",
        gettext_lazy("Besluit"),
        decision_events,
        order=10,
        data=lambda: (Decision.objects.all(), Body.objects.all()),
    ),
    TimelineSource(
        "document",
        gettext_lazy("Document of gebeurtenis"),
        entry_events,
        order=15,
        data=lambda: (TimelineEntry.objects.all(),),
    ),
    TimelineSource(
        "organisation",
        gettext_lazy("Organisatie"),
        organisation_events,
        order=20,
        data=lambda: (Organisation.objects.all(),),
    ),
    TimelineSource(
        "body", gettext_lazy("Orgaan"), body_events, order=30, data=lambda: (Body.objects.all(),)
    ),
    TimelineSource(
        "municipality",
        gettext_lazy("Gemeenten"),
        municipality_events,
        order=40,
        data=lambda: (Municipality.objects.all(),),
    ),
)


def _sources(kinds: set[str] | None) -> list:
    return [source for source in registry.timeline() if kinds is None or source.key in kinds]


def timeline(region: Region, *, kinds: set[str] | None = None) -> list[TimelineEvent]:
    """Every event of every source for `region`, oldest first; `kinds` (source keys) narrows."""
    events = [event for source in _sources(kinds) for event in in_region(region, source.events)]
    return sorted(events, key=lambda event: (event.date, event.kind, event.title))


def timeline_data(kinds: set[str] | None = None) -> tuple | None:
    """The querysets the chosen sources read (the key of the cached timeline), or None when a
    source does not say."""
    sources = _sources(kinds)
    if any(source.data is None for source in sources):
        return None
    return tuple(queryset for source in sources for queryset in source.data())
