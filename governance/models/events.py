"""Dated documents and events for the timeline that are not a decision of a body: a report
(the AEF governance report of 23 September 2020), a milestone (a contract taking effect)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from core.history import HistoricalRecords
from core.models import SlugNaturalKeyManager, SlugNaturalKeyModel, TimeStampedModel
from core.scope import region_scoped_manager
from governance.constants import TimelineEntryKind

from .region import Region


class TimelineEntry(TimeStampedModel, SlugNaturalKeyModel):
    """A dated document or event of a region, shown on the timeline beside the decisions."""

    region = models.ForeignKey(
        Region, verbose_name=_("regio"), on_delete=models.PROTECT, related_name="timeline_entries"
    )
    date = models.DateField(_("datum"))
    kind = models.CharField(
        _("soort"),
        max_length=20,
        choices=TimelineEntryKind.choices,
        default=TimelineEntryKind.EVENT,
    )
    title = models.CharField(_("titel"), max_length=300)
    description = models.TextField(_("toelichting"), blank=True)
    reference = models.CharField(
        _("kenmerk"), max_length=100, blank=True, help_text=_("Bijvoorbeeld een RIS-nummer.")
    )
    link = models.URLField(
        _("link"), blank=True, help_text=_("Waar het document te vinden is (optioneel).")
    )
    objects = region_scoped_manager("region", SlugNaturalKeyManager)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("document of gebeurtenis")
        verbose_name_plural = _("documenten en gebeurtenissen")
        ordering = ["region", "date", "title"]

    def __str__(self):
        return f"{self.date:%d-%m-%Y} {self.title}"
