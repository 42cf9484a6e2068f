"""Decisions of bodies and the councils' views on them."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.history import HistoricalRecords
from core.models import (
    RegionBoundModel,
    SlugNaturalKeyManager,
    SlugNaturalKeyModel,
    TimeStampedModel,
    VersionedModel,
)
from core.scope import region_scoped_manager
from governance.constants import CouncilViewStatus, DecisionOutcome

from .region import Body, Municipality


class Decision(TimeStampedModel, SlugNaturalKeyModel):
    """A decision (or a proposal still awaiting one) of a body on a date."""

    body = models.ForeignKey(
        Body, verbose_name=_("orgaan"), on_delete=models.PROTECT, related_name="decisions"
    )
    date = models.DateField(_("datum"))
    title = models.CharField(_("titel"), max_length=300)
    summary = models.TextField(_("toelichting"), blank=True)
    outcome = models.CharField(_("uitkomst"), max_length=20, choices=DecisionOutcome.choices)
    reference = models.CharField(
        _("kenmerk"), max_length=100, blank=True, help_text=_("Bijvoorbeeld een RIS-nummer.")
    )
    objects = region_scoped_manager("body__region", SlugNaturalKeyManager)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("besluit")
        verbose_name_plural = _("besluiten")
        ordering = ["-date", "title"]

    def __str__(self):
        return f"{self.date:%d-%m-%Y} {self.body.abbreviation}: {self.title}"


class CouncilViewManager(models.Manager):
    def get_by_natural_key(self, cbs_code, decision_slug):
        return self.get(municipality__cbs_code=cbs_code, decision__slug=decision_slug)


class CouncilView(TimeStampedModel, VersionedModel, RegionBoundModel):
    """A municipal council's formal view (zienswijze) on a proposed decision of the joint body."""

    municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("gemeente"),
        on_delete=models.PROTECT,
        related_name="council_views",
    )
    decision = models.ForeignKey(
        Decision,
        verbose_name=_("besluit of voorstel"),
        on_delete=models.CASCADE,
        related_name="council_views",
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=CouncilViewStatus.choices,
        default=CouncilViewStatus.AWAITED,
    )
    deadline = models.DateField(_("uiterste datum"), null=True, blank=True)
    date = models.DateField(_("datum"), null=True, blank=True)
    reference = models.CharField(_("kenmerk"), max_length=100, blank=True)
    summary = models.TextField(_("inhoud"), blank=True)
    reply = models.TextField(_("reactie van het bestuur"), blank=True)
    region_references = ("municipality", "decision")
    objects = region_scoped_manager("municipality__region", CouncilViewManager)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("zienswijze")
        verbose_name_plural = _("zienswijzen")
        ordering = ["decision", "municipality"]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "decision"], name="council_view_unique_per_decision"
            ),
            models.CheckConstraint(
                condition=~Q(status=CouncilViewStatus.RECEIVED) | Q(date__isnull=False),
                name="council_view_received_has_date",
            ),
        ]

    def __str__(self):
        return f"{self.municipality}: {self.decision.title}"

    def natural_key(self):
        return (self.municipality.cbs_code, self.decision.slug)

    natural_key.dependencies = ["governance.municipality", "governance.decision"]
