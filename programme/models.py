"""The regional programme: themes, projects and their sponsor triangle, efforts, reports."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.signals import pre_save
from django.dispatch import receiver
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from simple_history.models import HistoricalRecords

from core.models import (
    RegionBoundModel,
    SlugNaturalKeyManager,
    SlugNaturalKeyModel,
    TimeStampedModel,
    VersionedModel,
    period_constraint,
)
from core.scope import region_scoped_manager
from governance.models import Body, Municipality, Person, Region

from .constants import AgendaOutcome, EffortStatus, ProjectStatus, Recurrence, ReportStatus
from .timetargets import parse_time_target


class Programme(TimeStampedModel, SlugNaturalKeyModel, RegionBoundModel):
    region = models.ForeignKey(
        Region, verbose_name=_("regio"), on_delete=models.PROTECT, related_name="programmes"
    )
    name = models.CharField(_("naam"), max_length=200)
    description = models.TextField(_("omschrijving"), blank=True)
    owner = models.ForeignKey(
        Body,
        verbose_name=_("eigenaar"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="programmes",
    )
    starts_on = models.DateField(_("begint op"), null=True, blank=True)
    ends_on = models.DateField(_("eindigt op"), null=True, blank=True)
    predecessor = models.ForeignKey(
        "self",
        verbose_name=_("volgt op"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="successors",
    )
    region_references = ("owner", "predecessor")
    objects = region_scoped_manager("region", SlugNaturalKeyManager)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("programma")
        verbose_name_plural = _("programma's")
        ordering = ["region", "starts_on"]
        constraints = [
            period_constraint("starts_on", "ends_on", "programme_period_start_before_end"),
        ]

    def __str__(self):
        return self.name


class Theme(TimeStampedModel, SlugNaturalKeyModel):
    """A line of the programme (programmalijn), e.g. '2.2 Meer lokaal'."""

    programme = models.ForeignKey(
        Programme, verbose_name=_("programma"), on_delete=models.CASCADE, related_name="themes"
    )
    code = models.CharField(_("nummer"), max_length=20)
    name = models.CharField(_("naam"), max_length=200)
    description = models.TextField(_("omschrijving"), blank=True)
    handed_over_to = models.CharField(_("overgedragen aan"), max_length=300, blank=True)
    handed_over_on = models.DateField(_("overgedragen op"), null=True, blank=True)
    objects = region_scoped_manager("programme__region", SlugNaturalKeyManager)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("programmalijn")
        verbose_name_plural = _("programmalijnen")
        ordering = ["programme", "code"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "code"], name="theme_unique_code"),
        ]

    def __str__(self):
        return f"{self.code} {self.name}"


class Project(TimeStampedModel, SlugNaturalKeyModel, VersionedModel, RegionBoundModel):
    programme = models.ForeignKey(
        Programme, verbose_name=_("programma"), on_delete=models.CASCADE, related_name="projects"
    )
    theme = models.ForeignKey(
        Theme,
        verbose_name=_("programmalijn"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="projects",
    )
    code = models.CharField(
        _("nummer"), max_length=20, blank=True, help_text=_("Bijvoorbeeld 2.2.3.")
    )
    name = models.CharField(_("naam"), max_length=200)
    goal = models.TextField(_("doel"), blank=True)
    approach = models.TextField(_("aanpak"), blank=True)
    costs = models.TextField(_("wat kost het"), blank=True)
    starts_on = models.DateField(_("looptijd vanaf"), null=True, blank=True)
    ends_on = models.DateField(_("looptijd tot en met"), null=True, blank=True)
    lead_municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("trekkende gemeente"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="led_projects",
    )
    overall_status = models.CharField(
        _("algehele status"),
        max_length=20,
        choices=ProjectStatus.choices,
        default=ProjectStatus.UNKNOWN,
    )
    status_remarks = models.TextField(_("belangrijke opmerkingen over het proces"), blank=True)
    # The sponsor triangle (sturingsdriehoek).
    administrative_sponsor = models.ForeignKey(
        Person,
        verbose_name=_("bestuurlijk opdrachtgever"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="projects_as_administrative_sponsor",
    )
    official_sponsor = models.ForeignKey(
        Person,
        verbose_name=_("ambtelijk opdrachtgever"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="projects_as_official_sponsor",
    )
    contractor = models.ForeignKey(
        Person,
        verbose_name=_("ambtelijk opdrachtnemer"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="projects_as_contractor",
    )
    team = models.ManyToManyField(
        Person, verbose_name=_("projectteam"), blank=True, related_name="project_teams"
    )
    # Lineage: how a project of a previous agenda ended, and where work went.
    agenda_outcome = models.CharField(
        _("afloop"), max_length=20, choices=AgendaOutcome.choices, blank=True
    )
    continues_in = models.ForeignKey(
        "self",
        verbose_name=_("loopt door in"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="continued_from",
    )
    handed_over_to = models.CharField(_("overgedragen aan"), max_length=300, blank=True)
    handed_over_on = models.DateField(_("overgedragen op"), null=True, blank=True)
    region_references = (
        "theme",
        "lead_municipality",
        "administrative_sponsor",
        "official_sponsor",
        "contractor",
        "continues_in",
    )
    objects = region_scoped_manager("programme__region", SlugNaturalKeyManager)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("project")
        verbose_name_plural = _("projecten")
        ordering = ["programme", "code", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "code"],
                condition=~Q(code=""),
                name="project_unique_code_per_programme",
            ),
            period_constraint("starts_on", "ends_on", "project_period_start_before_end"),
            models.CheckConstraint(
                condition=Q(continues_in__isnull=True) | Q(agenda_outcome=AgendaOutcome.CONTINUES),
                name="project_continues_in_only_when_continuing",
            ),
        ]

    def __str__(self):
        return f"{self.code} {self.name}" if self.code else self.name

    def get_absolute_url(self):
        return reverse("programme:project_detail", kwargs={"code": self.code})


class SubGoal(TimeStampedModel):
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
    objects = region_scoped_manager("project__programme__region")
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


@receiver(pre_save, sender=Effort)
def _derive_time_target_period(sender, instance, **kwargs):
    # Also on fixture loading (raw saves): the period is always derived from the written text.
    instance.refresh_time_target()


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


class Experiment(TimeStampedModel, SlugNaturalKeyModel):
    """A local experiment the learning environment monitors."""

    programme = models.ForeignKey(
        Programme, verbose_name=_("programma"), on_delete=models.CASCADE, related_name="experiments"
    )
    name = models.CharField(_("naam"), max_length=200)
    project = models.ForeignKey(
        Project,
        verbose_name=_("project"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="experiments",
    )
    municipalities = models.ManyToManyField(
        Municipality, verbose_name=_("gemeenten"), blank=True, related_name="experiments"
    )
    description = models.TextField(_("omschrijving"), blank=True)
    objects = region_scoped_manager("programme__region", SlugNaturalKeyManager)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("experiment")
        verbose_name_plural = _("experimenten")
        ordering = ["programme", "name"]

    def __str__(self):
        return self.name


class KeyPerformanceIndicator(TimeStampedModel):
    project = models.ForeignKey(
        Project, verbose_name=_("project"), on_delete=models.CASCADE, related_name="kpis"
    )
    name = models.CharField(_("naam"), max_length=300)
    measurable = models.BooleanField(
        _("meetbaar"), default=False, help_text=_("Uit: nog niet meetbaar.")
    )
    municipalities = models.ManyToManyField(
        Municipality, verbose_name=_("eerst voor gemeenten"), blank=True, related_name="kpis"
    )
    objects = region_scoped_manager("project__programme__region")
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("kritieke prestatie-indicator")
        verbose_name_plural = _("kritieke prestatie-indicatoren")
        ordering = ["project", "name"]

    def __str__(self):
        return self.name
