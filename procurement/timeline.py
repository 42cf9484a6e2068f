"""Procurement's dated events for the governance timeline of /bestuur/ (registered in ready()).

Contract periods starting, phases ending (contracts signed before 1 October 2021), and segments
that go over into a segment of a later contract period (segments 1 and 5 from 2026).
"""

from collections.abc import Iterable

from django.urls import reverse
from django.utils.translation import gettext as _

from governance.models import Region
from governance.registers.timeline import TimelineEvent, join_names

from .models import Framework, Phase, Segment

KIND = "procurement"


def timeline_data() -> tuple:
    """What the events are read from: the frameworks, their phases and segments."""
    return (Framework.objects.all(), Phase.objects.all(), Segment.objects.all())


def procurement_events(region: Region) -> Iterable[TimelineEvent]:
    frameworks = Framework.objects.all()
    overview = reverse("procurement:overview")
    for framework in frameworks:
        yield TimelineEvent(
            framework.valid_from,
            KIND,
            _("Contractperiode ‘%(name)s’ begint") % {"name": framework.name},
            url=overview,
        )
    for phase in Phase.objects.filter(framework__in=frameworks).select_related("framework"):
        if phase.starts_on:
            yield TimelineEvent(
                phase.starts_on,
                KIND,
                _("Fase %(number)d ‘%(name)s’ begint")
                % {"number": phase.number, "name": phase.name},
                phase.description,
                url=overview,
            )
        if phase.ends_on:
            yield TimelineEvent(
                phase.ends_on,
                KIND,
                _("Fase %(number)d ‘%(name)s’ afgerond")
                % {"number": phase.number, "name": phase.name},
                phase.description,
                url=overview,
            )
    merged = (
        Segment.objects.filter(framework__in=frameworks, predecessors__isnull=False)
        .select_related("framework")
        .prefetch_related("predecessors")
        .distinct()
    )
    segments_url = reverse("procurement:segment_list")
    for segment in merged:
        codes = sorted(predecessor.code for predecessor in segment.predecessors.all())
        yield TimelineEvent(
            segment.framework.valid_from,
            KIND,
            _("Segmenten %(codes)s gaan over in segment %(segment)s")
            % {"codes": join_names(codes), "segment": str(segment)}
            if len(codes) > 1
            else _("Segment %(codes)s gaat over in segment %(segment)s")
            % {"codes": join_names(codes), "segment": str(segment)},
            segment.characteristics,
            url=segments_url,
        )
