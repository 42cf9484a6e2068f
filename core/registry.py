"""Extension points, filled by each app in `AppConfig.ready()` like the admin site is.

They keep the dependency arrows one-way (governance ← procurement ← programme ← finance) while
a letter (governance) and the dashboard (programme) show data of apps to their right:

- *letter blocks*: named pieces of live data a council letter can embed (a theme's progress
  table from `programme`, a cost allocation from `finance`, a free table);
- *dashboard panels*: pieces of the programme dashboard (the money of the year from `finance`).
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class LetterBlockType:
    """A kind of live data block.

    `form_class` validates the block's parameters (a Django form); `build(params, municipality)`
    returns a JSON-serialisable snapshot taken at the moment of issue, with at least `title`,
    `columns` and `rows` (so it can be printed as a table and attached as CSV); `template` renders
    that snapshot in the letter.
    """

    key: str
    label: str
    form_class: Any
    build: Callable[..., dict]
    template: str


@dataclass(frozen=True)
class DashboardPanel:
    """A piece of the dashboard; `context(request, filters)` gives its template context."""

    key: str
    label: str
    template: str
    context: Callable[..., dict]
    order: int = 100


@dataclass
class Registry:
    letter_blocks: dict[str, LetterBlockType] = field(default_factory=dict)
    dashboard_panels: dict[str, DashboardPanel] = field(default_factory=dict)

    def register_letter_block(self, block: LetterBlockType) -> None:
        if block.key in self.letter_blocks:
            raise ValueError(f"Letter block {block.key!r} is already registered.")
        self.letter_blocks[block.key] = block

    def register_dashboard_panel(self, panel: DashboardPanel) -> None:
        if panel.key in self.dashboard_panels:
            raise ValueError(f"Dashboard panel {panel.key!r} is already registered.")
        self.dashboard_panels[panel.key] = panel

    def panels(self) -> list[DashboardPanel]:
        return sorted(self.dashboard_panels.values(), key=lambda panel: (panel.order, panel.key))


registry = Registry()
