"""The programme and its parts: themes (programme lines) and projects with their sponsor
triangle and lineage.
"""

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.history import HistoricalRecords
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
from programme.constants import AgendaOutcome, ProjectStatus


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
