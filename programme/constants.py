from django.db import models
from django.utils.translation import gettext_lazy as _


class EffortStatus(models.TextChoices):
    """The four statuses of an effort, exactly as in the progress-report format of the plan."""

    UNKNOWN = "unknown", _("Onbekend")
    ACHIEVED = "achieved", _("Behaald")
    IN_PROGRESS = "in_progress", _("In behandeling")
    NOT_ACHIEVED = "not_achieved", _("Niet behaald")


class ProjectStatus(models.TextChoices):
    """A project's overall status: set by people, shown beside what its efforts say."""

    UNKNOWN = "unknown", _("Onbekend")
    NOT_STARTED = "not_started", _("Nog niet gestart")
    ON_TRACK = "on_track", _("Op schema")
    AT_RISK = "at_risk", _("Aandacht nodig")
    DELAYED = "delayed", _("Vertraagd")
    COMPLETED = "completed", _("Afgerond")
    HANDED_OVER = "handed_over", _("Overgedragen")


# A finished or handed-over project has nothing overdue and is not expected to be updated.
FINISHED_PROJECT_STATUSES = (ProjectStatus.COMPLETED, ProjectStatus.HANDED_OVER)

# The statuses that mark red and must say why (issue: red explains itself).
EFFORT_STATUSES_NEEDING_REASON = (EffortStatus.NOT_ACHIEVED,)
PROJECT_STATUSES_NEEDING_REASON = (ProjectStatus.AT_RISK, ProjectStatus.DELAYED)


class AgendaOutcome(models.TextChoices):
    """How a project of a previous agenda ended (Ontwikkelagenda 2021)."""

    DONE = "done", _("Afgerond")
    CONTINUES = "continues", _("Loopt door")


class Recurrence(models.TextChoices):
    NONE = "", _("Eenmalig")
    MONTHLY = "monthly", _("Elke maand")
    BIMONTHLY = "bimonthly", _("Elke twee maanden")
    QUARTERLY = "quarterly", _("Elk kwartaal")
    YEARLY = "yearly", _("Elk jaar")


class ReportStatus(models.TextChoices):
    DRAFT = "draft", _("Concept")
    SUBMITTED = "submitted", _("Ingediend")
    ADOPTED = "adopted", _("Vastgesteld")
