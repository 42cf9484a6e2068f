"""Synthetic youth-care regions up to national scale, for benchmarks and load tests.

`generate_scale_data(regions=42)` writes about 340 municipalities with their bodies, people,
decisions, procurement, programmes (thousands of projects, tens of thousands of efforts with
their history) and money, all marked as demo data and all under the slug prefix 'schaal-s<seed>-'.
The same seed gives the same data: every value comes from `random.Random(seed)` and the fixed
REFERENCE_DATE, never from the clock. Writing is done in bulk (bulk_create_with_history and
bulk_update_with_history, so the history tables are filled as well).

It also proves that nothing is hard-coded to one region: the pages must work for any of them.
Lives in `demo`, right of every domain app, because it fills them all; nothing imports it.
"""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Callable

from django.db import transaction

from core.scope import all_regions
from governance.models import Region

from .base import REFERENCE_DATE, SLUG_PREFIX, Builder, Progress, seed_prefix, timestamps_as_given
from .effort_data import build_efforts, build_reports_experiments_kpis
from .finance_data import build_budgets, build_keys_and_allocations, build_savings_and_funding
from .governance_data import (
    build_decisions,
    build_organisations_and_bodies,
    build_people,
    build_regions,
)
from .procurement_data import build_frameworks, build_providers
from .programme_data import build_programmes, build_projects
from .removal import delete_scale_data

__all__ = [
    "DEFAULT_PROJECTS_PER_REGION",
    "MAX_PROJECTS_PER_REGION",
    "MAX_REGIONS",
    "REFERENCE_DATE",
    "SLUG_PREFIX",
    "delete_scale_data",
    "generate_scale_data",
    "scale_regions",
    "seed_prefix",
]

# The Netherlands has 42 youth-care regions; up to 100 leaves room to test beyond that.
MAX_REGIONS = 100
DEFAULT_PROJECTS_PER_REGION = 60
MAX_PROJECTS_PER_REGION = 500

STEPS = [
    ("regio's en gemeenten", None),
    ("organisaties en organen", build_organisations_and_bodies),
    ("personen en lidmaatschappen", build_people),
    ("besluiten en zienswijzen", build_decisions),
    ("inkoopkaders en segmenten", build_frameworks),
    ("aanbieders, contracten en jaarcijfers", build_providers),
    ("programma's en programmalijnen", build_programmes),
    ("projecten", build_projects),
    ("inspanningen en hun historie", build_efforts),
    ("rapportages, experimenten, KPI's", build_reports_experiments_kpis),
    ("begrotingen", build_budgets),
    ("verdeelsleutels en verdelingen", build_keys_and_allocations),
    ("ombuigingen en financiering", build_savings_and_funding),
]


def scale_regions(seed: int | None = None):
    """The generated regions: of one seed, or of every seed (to be read across regions)."""
    prefix = SLUG_PREFIX if seed is None else seed_prefix(seed)
    return Region.objects.filter(slug__startswith=prefix)


@transaction.atomic
def generate_scale_data(
    *,
    regions: int,
    seed: int = 1,
    projects_per_region: int = DEFAULT_PROJECTS_PER_REGION,
    progress: Callable[[str], None] | None = None,
    redraw: bool = False,
) -> Counter:
    """Write `regions` synthetic regions; returns the number of rows written per model.

    `progress` receives the text of a progress bar (redrawn in place when `redraw`). It writes
    many regions at once, so it works across regions.
    """
    builder = Builder(rng=random.Random(seed), seed=seed, projects_per_region=projects_per_region)
    bar = Progress(progress, len(STEPS), redraw=redraw)
    with all_regions(), timestamps_as_given():
        for label, step in STEPS:
            if step is None:
                build_regions(builder, regions)
            else:
                step(builder)
            bar.step(label)
    return builder.counts
