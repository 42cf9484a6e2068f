"""What every part of the scale-data generator shares: the random source, dates, bulk saving."""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from typing import TypeVar

from django.apps import apps
from django.db import connection, models

from simple_history.utils import bulk_create_with_history, bulk_update_with_history

# The "today" of the generated world: statuses, histories and reports are as they stood then.
# A fixed date, so that the data are a function of the seed alone.
REFERENCE_DATE = date(2025, 6, 30)
# Every generated object with a slug carries this prefix, so scale data can be found and removed.
SLUG_PREFIX = "schaal-"
BATCH_SIZE = 1000
APPS = ("governance", "procurement", "programme", "finance")

M = TypeVar("M", bound=models.Model)
T = TypeVar("T")


def seed_prefix(seed: int) -> str:
    """The slug prefix of the scale data generated with `seed`: 'schaal-s1-'."""
    return f"{SLUG_PREFIX}s{seed}-"


def at(day: date, hour: int = 9) -> datetime:
    return datetime.combine(day, time(hour), tzinfo=UTC)


def euro_text(amount) -> str:
    """Whole euros as Dutch text: '€ 45.000'."""
    return f"€ {int(amount):,}".replace(",", ".")


def has_history(model: type[models.Model]) -> bool:
    return hasattr(model._meta, "simple_history_manager_attribute")


@contextmanager
def timestamps_as_given() -> Iterator[None]:
    """Let bulk_create keep the `created`/`updated` values the generator sets.

    bulk_create runs each field's pre_save, which stamps auto_now(_add) fields with the wall
    clock; generated data must depend on the seed alone (and look like it grew over the years),
    so for the duration of the generation those fields take the value given.
    """
    stamped = [
        model_field
        for label in APPS
        for model in apps.get_app_config(label).get_models()
        for model_field in model._meta.concrete_fields
        if getattr(model_field, "auto_now", False) or getattr(model_field, "auto_now_add", False)
    ]
    saved = [(stamp, stamp.auto_now, stamp.auto_now_add) for stamp in stamped]
    for stamp in stamped:
        stamp.auto_now = stamp.auto_now_add = False
    try:
        yield
    finally:
        for stamp, auto_now, auto_now_add in saved:
            stamp.auto_now, stamp.auto_now_add = auto_now, auto_now_add


class Progress:
    """A text progress bar: one line redrawn on a terminal, a line per step elsewhere."""

    WIDTH = 30

    def __init__(self, write: Callable[[str], None] | None, total: int, *, redraw: bool) -> None:
        self.write, self.total, self.redraw, self.done = write, total, redraw, 0

    def step(self, label: str) -> None:
        self.done += 1
        if self.write is None:
            return
        filled = self.WIDTH * self.done // self.total
        bar = "#" * filled + "." * (self.WIDTH - filled)
        line = f"[{bar}] {self.done:>2}/{self.total} {label}"
        if self.redraw:
            end = "\n" if self.done == self.total else ""
            self.write(f"\r{line:<78}{end}")
        else:
            self.write(line + "\n")


@dataclass
class RegionSet:
    """One generated region and what later steps need of it."""

    index: int
    key: str  # slug prefix of its objects, e.g. 'schaal-s1-r07'
    region: object
    short_name: str
    base_year: int  # the year of its development agenda; the main programme follows
    municipalities: list = field(default_factory=list)
    weights: list[int] = field(default_factory=list)  # per municipality, like its population
    central: object = None
    organisations: dict = field(default_factory=dict)
    bodies: dict = field(default_factory=dict)
    aldermen: list = field(default_factory=list)
    managers: list = field(default_factory=list)
    advisers: list = field(default_factory=list)
    staff: dict = field(default_factory=dict)
    decisions: dict = field(default_factory=dict)
    frameworks: list = field(default_factory=list)
    segments: list = field(default_factory=list)  # of the first framework
    procedures: list = field(default_factory=list)
    programmes: list = field(default_factory=list)  # [agenda, main]
    themes: list = field(default_factory=list)  # of the main programme
    projects: list = field(default_factory=list)  # of the main programme
    agenda_projects: list = field(default_factory=list)
    keys: list = field(default_factory=list)
    provisional: tuple | None = None  # (budget, its lines)


@dataclass
class Builder:
    """The state of one generation run: the random source, the regions, what was written."""

    rng: random.Random
    seed: int
    projects_per_region: int
    regions: list[RegionSet] = field(default_factory=list)
    counts: Counter = field(default_factory=Counter)
    # Effort id -> (day it went in progress, day it reached its final status, final status).
    effort_timeline: dict[int, tuple[date | None, date | None, str]] = field(default_factory=dict)

    @property
    def prefix(self) -> str:
        return seed_prefix(self.seed)

    # --- random helpers ---

    def chance(self, probability: float) -> bool:
        return self.rng.random() < probability

    def pick(self, options: Sequence[T]) -> T:
        return self.rng.choice(options)

    def weighted(self, options: Sequence[tuple[T, float]]) -> T:
        values, weights = zip(*options, strict=True)
        return self.rng.choices(values, weights=weights)[0]

    def day_between(self, first: date, last: date) -> date:
        if last <= first:
            return first
        return first + timedelta(days=self.rng.randint(0, (last - first).days))

    # --- writing ---

    def save(self, model: type[M], objs: list[M], *, when: datetime) -> list[M]:
        """Bulk-create `objs` (and their history rows); `when` stamps those without a date."""
        names = {f.name for f in model._meta.concrete_fields}
        stamped = "created" in names
        for obj in objs:
            if stamped:
                obj.created = obj.created or when
                obj.updated = obj.updated or obj.created
            obj._history_date = obj.created if stamped else when
        if has_history(model):
            saved = bulk_create_with_history(objs, model, batch_size=BATCH_SIZE, default_date=when)
        else:
            saved = model.objects.bulk_create(objs, batch_size=BATCH_SIZE)
        self.counts[model._meta.label] += len(objs)
        if has_history(model):
            self.counts[f"{model._meta.label} (historie)"] += len(objs)
        return saved

    def update(self, model: type[M], objs: list[M], fields: list[str]) -> None:
        """Write `fields` of `objs`, recording each change in history at its `_history_date`.

        Django's bulk_update builds a CASE/WHEN per row and field, which took half the run at
        national scale; one parameterised UPDATE per row through executemany is many times
        faster. bulk_update_with_history without fields then writes only the history rows.
        """
        if not objs:
            return
        quote = connection.ops.quote_name
        columns = [model._meta.get_field(name) for name in fields]
        assignments = ", ".join(f"{quote(column.column)} = %s" for column in columns)
        sql = (
            f"UPDATE {quote(model._meta.db_table)} SET {assignments} "
            f"WHERE {quote(model._meta.pk.column)} = %s"
        )
        rows = [
            [
                column.get_db_prep_save(getattr(obj, column.attname), connection)
                for column in columns
            ]
            + [obj.pk]
            for obj in objs
        ]
        with connection.cursor() as cursor:
            cursor.executemany(sql, rows)
        bulk_update_with_history(objs, model, [], batch_size=BATCH_SIZE)
        self.counts[f"{model._meta.label} (historie)"] += len(objs)

    def link(self, through: type[models.Model], rows: Iterable[models.Model]) -> None:
        """Rows of a many-to-many table (not tracked in history)."""
        rows = list(rows)
        through.objects.bulk_create(rows, batch_size=BATCH_SIZE)
        self.counts[through._meta.label] += len(rows)
