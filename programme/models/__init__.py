"""The regional programme: themes, projects and their sponsor triangle, efforts, reports.

One module per part: `programme` (Programme, Theme, Project), `efforts` (SubGoal, Effort and
its deliveries), `reports` (ProgressReport and its lines), `experiments` (Experiment, KPI).
"""

from .efforts import Effort, EffortDelivery, SubGoal
from .experiments import Experiment, KeyPerformanceIndicator
from .programme import Programme, Project, Theme
from .reports import ProgressReport, ProgressReportLine

__all__ = [
    "Effort",
    "EffortDelivery",
    "Experiment",
    "KeyPerformanceIndicator",
    "Programme",
    "ProgressReport",
    "ProgressReportLine",
    "Project",
    "SubGoal",
    "Theme",
]
