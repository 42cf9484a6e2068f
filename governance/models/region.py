"""The region and its parts: municipalities, organisations and bodies."""

from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.history import HistoricalRecords
from core.models import (
    RegionBoundModel,
    SlugNaturalKeyManager,
    SlugNaturalKeyModel,
    TimeStampedModel,
    period_constraint,
)
from core.scope import region_scoped_manager
from governance.constants import BodyKind, OrganisationKind


class Region(TimeStampedModel, SlugNaturalKeyModel):
    name = models.CharField(_("naam"), max_length=200, unique=True)
    central_municipality = models.ForeignKey(
        "Municipality",
        verbose_name=_("centrumgemeente"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text=_(
            "Beheert het gezamenlijke budget en verhaalt de kosten op de andere gemeenten."
        ),
    )
    # The region is the boundary itself: in a region's scope only that region exists, so every
    # list or choice of regions (an admin filter, a key's region) offers that one alone.
    objects = region_scoped_manager("pk", SlugNaturalKeyManager)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("jeugdzorgregio")
        verbose_name_plural = _("jeugdzorgregio's")
        ordering = ["name"]

    def __str__(self):
        return self.name


class MunicipalityManager(models.Manager):
    def get_by_natural_key(self, cbs_code):
        return self.get(cbs_code=cbs_code)


class Municipality(TimeStampedModel, RegionBoundModel):
    region = models.ForeignKey(
        Region, verbose_name=_("regio"), on_delete=models.PROTECT, related_name="municipalities"
    )
    name = models.CharField(_("naam"), max_length=200)
    cbs_code = models.CharField(
        _("gemeentecode (CBS)"),
        max_length=6,
        unique=True,
        validators=[
            RegexValidator(r"^GM\d{4}$", _("Een gemeentecode is GM gevolgd door vier cijfers."))
        ],
    )
    valid_from = models.DateField(_("bestaat vanaf"), null=True, blank=True)
    valid_until = models.DateField(_("bestaat tot en met"), null=True, blank=True)
    merged_into = models.ForeignKey(
        "self",
        verbose_name=_("opgegaan in"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="merged_from",
    )
    region_references = ("merged_into",)
    objects = region_scoped_manager("region", MunicipalityManager)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("gemeente")
        verbose_name_plural = _("gemeenten")
        ordering = ["name"]
        constraints = [
            period_constraint("valid_from", "valid_until", "municipality_period_start_before_end"),
            models.CheckConstraint(
                condition=Q(cbs_code__regex=r"^GM[0-9]{4}$"), name="municipality_cbs_code_format"
            ),
        ]

    def __str__(self):
        return self.name

    def natural_key(self):
        return (self.cbs_code,)


class Organisation(TimeStampedModel, SlugNaturalKeyModel, RegionBoundModel):
    region = models.ForeignKey(
        Region, verbose_name=_("regio"), on_delete=models.PROTECT, related_name="organisations"
    )
    name = models.CharField(_("naam"), max_length=200)
    abbreviation = models.CharField(_("afkorting"), max_length=30, blank=True)
    kind = models.CharField(_("soort"), max_length=30, choices=OrganisationKind.choices)
    description = models.TextField(_("omschrijving"), blank=True)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("onderdeel van"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="children",
    )
    founded_on = models.DateField(_("opgericht op"), null=True, blank=True)
    ended_on = models.DateField(_("opgeheven op"), null=True, blank=True)
    merged_into = models.ForeignKey(
        "self",
        verbose_name=_("opgegaan in"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="merged_from",
    )
    region_references = ("parent", "merged_into")
    objects = region_scoped_manager("region", SlugNaturalKeyManager)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("organisatie")
        verbose_name_plural = _("organisaties")
        ordering = ["name"]
        constraints = [
            period_constraint("founded_on", "ended_on", "organisation_period_start_before_end"),
        ]

    def __str__(self):
        return f"{self.name} ({self.abbreviation})" if self.abbreviation else self.name


class Body(TimeStampedModel, SlugNaturalKeyModel, RegionBoundModel):
    """A board or consultation body: AB, DB, PFO, Netwerk MT Jeugd, AOJ, a council …"""

    region = models.ForeignKey(
        Region, verbose_name=_("regio"), on_delete=models.PROTECT, related_name="bodies"
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisatie"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="bodies",
    )
    municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("gemeente"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="bodies",
        help_text=_("Alleen voor organen van één gemeente, zoals de gemeenteraad."),
    )
    name = models.CharField(_("naam"), max_length=200)
    abbreviation = models.CharField(_("afkorting"), max_length=30)
    kind = models.CharField(_("soort"), max_length=30, choices=BodyKind.choices)
    description = models.TextField(_("omschrijving"), blank=True)
    founded_on = models.DateField(_("ingesteld op"), null=True, blank=True)
    ended_on = models.DateField(_("opgeheven op"), null=True, blank=True)
    region_references = ("organisation", "municipality")
    objects = region_scoped_manager("region", SlugNaturalKeyManager)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("orgaan")
        verbose_name_plural = _("organen")
        ordering = ["region", "name"]
        constraints = [
            period_constraint("founded_on", "ended_on", "body_period_start_before_end"),
        ]

    def __str__(self):
        return f"{self.name} ({self.abbreviation})"
