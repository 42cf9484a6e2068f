"""Extension points, filled by each app in `AppConfig.ready()` like the admin site is.

They keep the dependency arrows one-way (core ← governance ← procurement ← programme ← finance)
while a letter (governance), the dashboard (programme) and the timeline (governance) show data
of apps to their right:

- *letter blocks*: named pieces of live data a council letter can embed (a theme's progress
  table from `programme`, a cost allocation from `finance`, a free table);
- *dashboard panels*: pieces of the programme dashboard (the money of the year from `finance`);
- *timeline sources*: dated events for the governance timeline (procurement's contract periods);
- *navigation entries*: the items of the main menu;
- *workbook sheets*: the sheets of the region workbook (`core.workbook.Sheet`), each app its
  own rows (governance the region and its people, programme the projects, finance the keys),
  exported and imported in their order inside the region's scope;
- *background jobs*: kinds of work a person starts that run in the worker (`core.jobs`): the
  dashboard PDF, a large export, a workbook import;
- *daily tasks*: what the worker does once a day (reminders, clean-up), `core.jobs.daily`;
- *work queues*: what waits for a person on their home page (reports to adopt, overdue efforts,
  letters to approve), each app its own.

Every extension point that reads data is handed the region it works for and runs inside that
region's scope (`in_region`), so none can reach another region's rows — not even when it is
called outside a request, as when a regional letter is issued.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .scope import region_scope

if TYPE_CHECKING:
    from .workbook import Sheet as WorkbookSheet


@dataclass(frozen=True)
class LetterBlockType:
    """A kind of live data block.

    `form_class` validates the block's parameters (a Django form, built inside the region's
    scope, so its choices are the region's rows); `build(region, params, municipality)`
    returns a JSON-serialisable snapshot taken at the moment of issue, with at least `title`,
    `columns` and `rows` (so it can be printed as a table and attached as CSV); `template`
    renders that snapshot in the letter.
    """

    key: str
    label: Any
    form_class: Any
    build: Callable[..., dict]
    template: str


@dataclass(frozen=True)
class DashboardPanel:
    """A piece of the dashboard; `context(region, request, filters)` gives its template context.

    `data()` gives the querysets the panel shows: then the rendered panel is a cached fragment
    (`core.fragments`) for each address of the dashboard, and it must hold nothing of the
    user. A panel without it is rendered for every page.
    """

    key: str
    label: Any
    template: str
    context: Callable[..., dict]
    order: int = 100
    data: Callable[[], Iterable] | None = None


@dataclass(frozen=True)
class TimelineSource:
    """Dated events of one kind; `events(region)` yields them in a fixed number of queries.

    The key is also the `kind` of its events and a choice of the timeline's filter. `data()`
    gives the querysets the events are read from: the key of the timeline's cached fragment
    (`core.fragments`). A source without it is read anew for every page.
    """

    key: str
    label: Any
    events: Callable[[Any], Iterable]
    order: int = 100
    data: Callable[[], Iterable] | None = None


@dataclass(frozen=True)
class NavigationEntry:
    """An item of the main menu; `visible(user)` decides whether a user sees it."""

    key: str
    label: Any
    url_name: str
    order: int = 100
    visible: Callable[[Any], bool] = lambda user: True


@dataclass(frozen=True)
class BackgroundJobKind:
    """A kind of background job. `run(job, progress)` does the work inside the job's region
    scope and returns a `core.jobs.JobOutcome`; a `ValidationError` it raises is the job's
    Dutch error. Who may start one is decided by the view that starts it. `report_template`,
    when given, is included on the job's page once it has finished (with `job` in context)."""

    key: str
    label: Any
    run: Callable[..., Any]
    report_template: str = ""


@dataclass(frozen=True)
class DailyTask:
    """Work the worker does once a day, for every region: `run(region)` returns a short
    summary (a dict) for the log. Runs inside the region's scope. A `reminder` is also run by
    `manage.py send_reminders`."""

    key: str
    label: Any
    run: Callable[[Any], dict]
    order: int = 100
    reminder: bool = False


@dataclass(frozen=True)
class WorkItem:
    """One thing that waits for a person, with the link to where it is done."""

    title: str
    url: str
    detail: str = ""
    urgent: bool = False


@dataclass(frozen=True)
class WorkQueue:
    """A list on the home page: `items(region, user, today)` returns `WorkItem`s in a fixed
    number of queries; `visible(user)` decides who has the queue. Runs inside the region's
    scope. `data()` gives the querysets the items are read from: then a user's items of the day
    are kept (`core.fragments.cached_value`) while those are unchanged. A queue whose items
    depend on the time of day (not only on the day) names none."""

    key: str
    label: Any
    items: Callable[..., list]
    visible: Callable[[Any], bool] = lambda user: True
    empty_text: Any = ""
    order: int = 100
    data: Callable[[], Iterable] | None = None


def _sorted(entries: dict) -> list:
    return sorted(entries.values(), key=lambda entry: (entry.order, entry.key))


@dataclass
class Registry:
    letter_blocks: dict[str, LetterBlockType] = field(default_factory=dict)
    dashboard_panels: dict[str, DashboardPanel] = field(default_factory=dict)
    timeline_sources: dict[str, TimelineSource] = field(default_factory=dict)
    navigation_entries: dict[str, NavigationEntry] = field(default_factory=dict)
    workbook_sheets: dict[str, "WorkbookSheet"] = field(default_factory=dict)
    job_kinds: dict[str, BackgroundJobKind] = field(default_factory=dict)
    daily_tasks: dict[str, DailyTask] = field(default_factory=dict)
    work_queues: dict[str, WorkQueue] = field(default_factory=dict)

    @staticmethod
    def _add(entries: dict, entry, what: str) -> None:
        if entry.key in entries:
            raise ValueError(f"{what} {entry.key!r} is already registered.")
        entries[entry.key] = entry

    def register_letter_block(self, block: LetterBlockType) -> None:
        self._add(self.letter_blocks, block, "Letter block")

    def register_dashboard_panel(self, panel: DashboardPanel) -> None:
        self._add(self.dashboard_panels, panel, "Dashboard panel")

    def register_timeline_source(self, source: TimelineSource) -> None:
        self._add(self.timeline_sources, source, "Timeline source")

    def register_navigation_entry(self, entry: NavigationEntry) -> None:
        self._add(self.navigation_entries, entry, "Navigation entry")

    def register_workbook_sheet(self, sheet: "WorkbookSheet") -> None:
        self._add(self.workbook_sheets, sheet, "Workbook sheet")

    def register_job_kind(self, kind: BackgroundJobKind) -> None:
        self._add(self.job_kinds, kind, "Background job kind")

    def register_daily_task(self, daily: DailyTask) -> None:
        self._add(self.daily_tasks, daily, "Daily task")

    def register_work_queue(self, queue: WorkQueue) -> None:
        self._add(self.work_queues, queue, "Work queue")

    def queues(self) -> list[WorkQueue]:
        return _sorted(self.work_queues)

    def daily(self) -> list[DailyTask]:
        return _sorted(self.daily_tasks)

    def panels(self) -> list[DashboardPanel]:
        return _sorted(self.dashboard_panels)

    def timeline(self) -> list[TimelineSource]:
        return _sorted(self.timeline_sources)

    def navigation(self) -> list[NavigationEntry]:
        return _sorted(self.navigation_entries)

    def workbook(self) -> list["WorkbookSheet"]:
        return _sorted(self.workbook_sheets)


def in_region(region, function: Callable, *args, **kwargs):
    """Call an extension point for `region`, inside that region's scope."""
    with region_scope(region):
        return function(region, *args, **kwargs)


registry = Registry()
