"""Progress reports: a project and its efforts as they stood on the report date."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.history import HistoricalRecords
from core.models import TimeStampedModel
from core.scope import region_scoped_manager
from programme.constants import EffortStatus, ProjectStatus, ReportStatus

from .efforts import Effort
from .programme import Project


class ProgressReport(TimeStampedModel):
    """A progress report (voortgangsrapportage): a project and its efforts as they stood."""

    project = models.ForeignKey(
        Project,
        verbose_name=_("project"),
        on_delete=models.PROTECT,
        related_name="progress_reports",
    )
    report_date = models.DateField(_("rapportagedatum"))
    status = models.CharField(
        _("status"), max_length=20, choices=ReportStatus.choices, default=ReportStatus.DRAFT
    )
    # Snapshot of the project at the report date.
    overall_status = models.CharField(
        _("algehele status"), max_length=20, choices=ProjectStatus.choices
    )
    status_remarks = models.TextField(_("belangrijke opmerkingen over het proces"), blank=True)
    administrative_sponsor_name = models.CharField(
        _("bestuurlijk opdrachtgever"), max_length=200, blank=True
    )
    official_sponsor_name = models.CharField(
        _("ambtelijk opdrachtgever"), max_length=200, blank=True
    )
    contractor_name = models.CharField(_("opdrachtnemer"), max_length=200, blank=True)
    last_update = models.DateTimeField(_("datum laatste update"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("opgesteld door"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("ingediend door"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    submitted_at = models.DateTimeField(_("ingediend op"), null=True, blank=True)
    adopted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("vastgesteld door"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    adopted_at = models.DateTimeField(_("vastgesteld op"), null=True, blank=True)
    # The last time the Netwerk MT sent it back to draft, and why (shown until it is resubmitted).
    return_reason = models.TextField(_("reden van terugsturen"), max_length=2000, blank=True)
    returned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("teruggestuurd door"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    returned_at = models.DateTimeField(_("teruggestuurd op"), null=True, blank=True)
    objects = region_scoped_manager("project__programme__region")
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("voortgangsrapportage")
        verbose_name_plural = _("voortgangsrapportages")
        ordering = ["project", "-report_date"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status=ReportStatus.ADOPTED)
                | Q(adopted_at__isnull=False, submitted_at__isnull=False),
                name="progress_report_adopted_after_submission",
            ),
        ]

    def __str__(self):
        return f"{self.project} – {self.report_date:%d-%m-%Y}"

    def get_absolute_url(self):
        return reverse("programme:report_detail", kwargs={"pk": self.pk})


class ProgressReportLine(models.Model):
    """One effort as it stood when the report was made."""

    report = models.ForeignKey(
        ProgressReport, verbose_name=_("rapportage"), on_delete=models.CASCADE, related_name="lines"
    )
    effort = models.ForeignKey(
        Effort,
        verbose_name=_("inspanning"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="report_lines",
    )
    order = models.PositiveSmallIntegerField(_("volgorde"))
    status = models.CharField(_("status"), max_length=20, choices=EffortStatus.choices)
    effort_text = models.TextField(_("inspanning"))
    time_target = models.CharField(_("afgesproken tijdsdoel"), max_length=100, blank=True)
    remark = models.TextField(_("opmerking"), blank=True)
    objects = region_scoped_manager("report__project__programme__region")

    class Meta:
        verbose_name = _("rapportageregel")
        verbose_name_plural = _("rapportageregels")
        ordering = ["report", "order"]
        constraints = [
            models.UniqueConstraint(fields=["report", "order"], name="report_line_unique_order"),
        ]

    def __str__(self):
        return self.effort_text[:80]
