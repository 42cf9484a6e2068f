"""Provider financials per year, the thresholds of the fraud-risk signals, and who looked.

The signals (004; docs/domain-rules.md, "Risk signals") are computed from these figures against the
thresholds, never
stored: a changed threshold changes the dashboard at once.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from core.history import HistoricalRecords
from core.models import TimeStampedModel, VersionedModel
from core.scope import region_scoped_manager
from procurement.constants import SignalKind

__all__ = ["ProviderFinancialYear", "ProviderRiskPageView", "RiskThreshold"]

MONEY = {"max_digits": 14, "decimal_places": 2}
NEGATIVE_COSTS = _("Kosten kunnen niet negatief zijn.")


def _money(label: str, **kwargs) -> models.DecimalField:
    return models.DecimalField(label, **MONEY, **kwargs)


class ProviderFinancialYearManager(models.Manager):
    def get_by_natural_key(self, provider_slug, year):
        return self.get(provider__slug=provider_slug, year=year)


class ProviderFinancialYear(TimeStampedModel):
    """A provider's figures of one financial year, from its annual account (jaarverantwoording)."""

    provider = models.ForeignKey(
        "procurement.Provider",
        verbose_name=_("aanbieder"),
        on_delete=models.CASCADE,
        related_name="financial_years",
    )
    year = models.PositiveSmallIntegerField(
        _("boekjaar"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    revenue = _money(
        _("omzet"), validators=[MinValueValidator(0, _("De omzet kan niet negatief zijn."))]
    )
    operating_result = _money(_("bedrijfsresultaat"), help_text=_("Negatief bij een verlies."))
    dividend_paid = _money(
        _("uitgekeerd dividend"),
        default=0,
        validators=[MinValueValidator(0, _("Het uitgekeerde dividend kan niet negatief zijn."))],
    )
    fte = models.DecimalField(
        _("fte"),
        max_digits=8,
        decimal_places=2,
        validators=[MinValueValidator(0, _("Het aantal fte kan niet negatief zijn."))],
        help_text=_("Gemiddeld aantal fte in loondienst over het jaar."),
    )
    personnel_costs = _money(
        _("personeelskosten"), validators=[MinValueValidator(0, NEGATIVE_COSTS)]
    )
    total_costs = _money(_("totale kosten"), validators=[MinValueValidator(0, NEGATIVE_COSTS)])
    source = models.CharField(
        _("bron"),
        max_length=200,
        blank=True,
        help_text=_("Bijvoorbeeld 'Jaarverantwoording 2023' of 'CSV-import'."),
    )
    objects = ProviderFinancialYearManager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("financieel jaar van een aanbieder")
        verbose_name_plural = _("financiële jaren van aanbieders")
        ordering = ["provider", "-year"]
        constraints = [
            models.UniqueConstraint(
                fields=["provider", "year"],
                name="provider_financial_year_unique",
                violation_error_message=_(
                    "Voor deze aanbieder zijn de cijfers van dit boekjaar al vastgelegd."
                ),
            ),
            models.CheckConstraint(
                condition=Q(fte__gte=0),
                name="financial_year_fte_not_negative",
                violation_error_message=_("Het aantal fte kan niet negatief zijn."),
            ),
            models.CheckConstraint(
                condition=Q(revenue__gte=0),
                name="financial_year_revenue_not_negative",
                violation_error_message=_("De omzet kan niet negatief zijn."),
            ),
            models.CheckConstraint(
                condition=Q(dividend_paid__gte=0),
                name="financial_year_dividend_not_negative",
                violation_error_message=_("Het uitgekeerde dividend kan niet negatief zijn."),
            ),
            models.CheckConstraint(
                condition=Q(personnel_costs__gte=0) & Q(total_costs__gte=0),
                name="financial_year_costs_not_negative",
                violation_error_message=_("Kosten kunnen niet negatief zijn."),
            ),
            models.CheckConstraint(
                condition=Q(personnel_costs__lte=F("total_costs")),
                name="financial_year_personnel_costs_within_total",
                violation_error_message=_(
                    "De personeelskosten kunnen niet hoger zijn dan de totale kosten."
                ),
            ),
        ]

    def __str__(self):
        return f"{self.provider} – {self.year}"

    def natural_key(self):
        return (self.provider.slug, self.year)

    natural_key.dependencies = ["procurement.provider"]


class RiskThresholdManager(models.Manager):
    def get_by_natural_key(self, region_slug, kind):
        return self.get(region__slug=region_slug, kind=kind)


class RiskThreshold(TimeStampedModel, VersionedModel):
    """The threshold of one signal kind in one region, set by its functional administrators.

    Whether a value above or below it is the signal, and its unit, belong to the kind
    (`procurement.risk.signals.DEFINITIONS`).
    """

    region = models.ForeignKey(
        "governance.Region",
        verbose_name=_("regio"),
        on_delete=models.PROTECT,
        related_name="risk_thresholds",
    )
    kind = models.CharField(_("signaal"), max_length=40, choices=SignalKind.choices)
    value = models.DecimalField(
        _("drempel"),
        **MONEY,
        validators=[MinValueValidator(0, _("Een drempel kan niet negatief zijn."))],
        help_text=_("Een percentage (bijvoorbeeld 10 voor 10%) of een bedrag in euro."),
    )
    is_active = models.BooleanField(
        _("actief"), default=True, help_text=_("Een inactief signaal wordt niet berekend.")
    )
    explanation = models.TextField(_("toelichting"), blank=True)
    objects = region_scoped_manager("region", RiskThresholdManager)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("drempel voor een risicosignaal")
        verbose_name_plural = _("drempels voor risicosignalen")
        ordering = ["region", "kind"]
        constraints = [
            models.UniqueConstraint(
                fields=["region", "kind"], name="risk_threshold_one_per_kind_per_region"
            ),
            models.CheckConstraint(
                condition=Q(value__gte=0),
                name="risk_threshold_not_negative",
                violation_error_message=_("Een drempel kan niet negatief zijn."),
            ),
        ]

    def __str__(self):
        return str(self.get_kind_display())

    def natural_key(self):
        return (self.region.slug, self.kind)

    natural_key.dependencies = ["governance.region"]


class ProviderRiskPageView(models.Model):
    """A log line: who opened a provider's risk page, and when. Written by the view only.

    The provider is national, the reader is a region's: each region sees its own readers.
    """

    region = models.ForeignKey(
        "governance.Region",
        verbose_name=_("regio"),
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
    )
    provider = models.ForeignKey(
        "procurement.Provider",
        verbose_name=_("aanbieder"),
        on_delete=models.PROTECT,
        related_name="risk_page_views",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("gebruiker"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    username = models.CharField(
        _("gebruikersnaam"),
        max_length=150,
        help_text=_("Vastgelegd op het moment van inzien; blijft staan als het account verdwijnt."),
    )
    viewed_at = models.DateTimeField(_("ingezien op"), auto_now_add=True, db_index=True)
    objects = region_scoped_manager("region")

    class Meta:
        verbose_name = _("inzage van een risicopagina")
        verbose_name_plural = _("inzage van risicopagina's")
        ordering = ["-viewed_at"]

    def __str__(self):
        return f"{self.username} – {self.provider}"
