"""What the learning environment monitors: local experiments and key performance indicators."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from core.history import HistoricalRecords
from core.models import SlugNaturalKeyManager, SlugNaturalKeyModel, TimeStampedModel
from core.scope import region_scoped_manager
from governance.models import Municipality

from .programme import Programme, Project


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
