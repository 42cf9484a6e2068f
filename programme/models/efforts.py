"""A project's sub-goals and efforts; an effort's time target is kept as written and as a period.

The period is derived from the written text on every save (fixture loading included) by the
`pre_save` receiver here, which is connected when this module is imported.
"""

from datetime import date

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.signals import pre_save
from django.dispatch import receiver
from django.utils.translation import gettext_lazy as _

from core.history import HistoricalRecords
from core.models import RegionBoundModel, TimeStampedModel, VersionedModel, period_constraint
from core.scope import region_scoped_manager
from programme.constants import FINISHED_PROJECT_STATUSES, EffortStatus, Recurrence
from programme.timetargets import parse_time_target

from .programme import Project


class SubGoal(TimeStampedModel, VersionedModel):
    project = models.ForeignKey(
        Project, verbose_name=_("project"), on_delete=models.CASCADE, related_name="sub_goals"
    )
    order = models.PositiveSmallIntegerField(_("volgorde"))
    text = models.TextField(_("subdoelstelling"))
    objects = region_scoped_manager("project__programme__region")
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("subdoelstelling")
        verbose_name_plural = _("subdoelstellingen")
        ordering = ["project", "order"]
        constraints = [
            models.UniqueConstraint(fields=["project", "order"], name="sub_goal_unique_order"),
        ]

    def __str__(self):
        return self.text[:80]


def overdue_condition(today: date, *, effort: str = "", project: str = "project__") -> Q:
    """The one overdue rule (docs/domain-rules.md), as a condition on efforts.

    An effort is overdue on `today` when its parsed time target ended before `today`, it is not
    achieved, it does not recur (a recurring effort has a next due date instead), and its project
    is neither finished nor handed over. `effort` and `project` are the lookup prefixes that lead
    to the effort and to its project: from a project, `effort="efforts__", project=""`.
    `effort_is_overdue` is its Python twin; a property test keeps the two in agreement.
    """
    return (
        Q(**{f"{effort}target_end__lt": today, f"{effort}recurrence": Recurrence.NONE})
        & ~Q(**{f"{effort}status": EffortStatus.ACHIEVED})
        & ~Q(**{f"{project}overall_status__in": FINISHED_PROJECT_STATUSES})
    )


def effort_is_overdue(effort, *, project_status: str, today: date) -> bool:
    """The rule of `overdue_condition` for an effort in memory (a historical one too)."""
    return bool(
        effort.target_end is not None
        and effort.target_end < today
        and effort.recurrence == Recurrence.NONE
        and effort.status != EffortStatus.ACHIEVED
        and project_status not in FINISHED_PROJECT_STATUSES
    )


class EffortQuerySet(models.QuerySet):
    def overdue(self, today: date) -> "EffortQuerySet":
        return self.filter(overdue_condition(today))


class Effort(TimeStampedModel, VersionedModel, RegionBoundModel):
    """An effort (inspanning) with its agreed time target, kept as written and as a period."""

    project = models.ForeignKey(
        Project, verbose_name=_("project"), on_delete=models.CASCADE, related_name="efforts"
    )
    sub_goal = models.ForeignKey(
        SubGoal,
        verbose_name=_("subdoelstelling"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="efforts",
    )
    order = models.PositiveSmallIntegerField(_("volgorde"))
    text = models.TextField(_("inspanning"))
    time_target = models.CharField(
        _("afgesproken tijdsdoel"),
        max_length=100,
        blank=True,
        help_text=_("Zoals afgesproken, bijvoorbeeld 'Q2 2022' of 'voor de zomer 2021'."),
    )
    target_start = models.DateField(_("tijdsdoel vanaf"), null=True, blank=True, editable=False)
    target_end = models.DateField(_("tijdsdoel uiterlijk"), null=True, blank=True, editable=False)
    time_target_unparsed = models.BooleanField(
        _("tijdsdoel niet herkend"),
        default=False,
        editable=False,
        help_text=_("Het tijdsdoel is bewaard zoals geschreven, maar niet als periode herkend."),
    )
    recurrence = models.CharField(
        _("herhaling"), max_length=20, choices=Recurrence.choices, blank=True, default=""
    )
    status = models.CharField(
        _("status"), max_length=20, choices=EffortStatus.choices, default=EffortStatus.UNKNOWN
    )
    remark = models.TextField(_("opmerking"), max_length=2000, blank=True)
    region_references = ("sub_goal",)
    objects = region_scoped_manager(
        "project__programme__region", models.Manager.from_queryset(EffortQuerySet)
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("inspanning")
        verbose_name_plural = _("inspanningen")
        ordering = ["project", "order"]
        constraints = [
            models.UniqueConstraint(fields=["project", "order"], name="effort_unique_order"),
            period_constraint("target_start", "target_end", "effort_target_start_before_end"),
        ]

    def __str__(self):
        return self.text[:80]

    def refresh_time_target(self) -> None:
        parsed = parse_time_target(self.time_target)
        self.target_start, self.target_end = parsed.start, parsed.end
        self.time_target_unparsed = bool(self.time_target.strip()) and not parsed.recognised


class EffortDelivery(TimeStampedModel):
    """One delivery of a recurring effort (the expert team's quarterly report), as recorded."""

    effort = models.ForeignKey(
        Effort, verbose_name=_("inspanning"), on_delete=models.CASCADE, related_name="deliveries"
    )
    delivered_on = models.DateField(_("geleverd op"))
    remark = models.TextField(_("opmerking"), max_length=2000, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("vastgelegd door"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    objects = region_scoped_manager("effort__project__programme__region")
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("levering")
        verbose_name_plural = _("leveringen")
        ordering = ["effort", "-delivered_on"]
        constraints = [
            models.UniqueConstraint(
                fields=["effort", "delivered_on"], name="effort_delivery_one_per_day"
            ),
        ]

    def __str__(self):
        return f"{self.effort} – {self.delivered_on:%d-%m-%Y}"


@receiver(pre_save, sender=Effort)
def _derive_time_target_period(sender, instance, **kwargs):
    # Also on fixture loading (raw saves): the period is always derived from the written text.
    instance.refresh_time_target()
