"""Money: budgets and realisation, distribution keys, allocations, funding sources, savings."""

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
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
    period_constraint,
)
from core.scope import region_scoped_manager
from governance.models import Body, Municipality, Region
from programme.models import Project

from .constants import BudgetKind, FundingKind, LineDirection

MONEY = {"max_digits": 14, "decimal_places": 2}


class Budget(TimeStampedModel, SlugNaturalKeyModel):
    owner = models.ForeignKey(
        Body, verbose_name=_("eigenaar"), on_delete=models.PROTECT, related_name="budgets"
    )
    year = models.PositiveSmallIntegerField(
        _("jaar"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    kind = models.CharField(_("soort"), max_length=30, choices=BudgetKind.choices)
    title = models.CharField(_("titel"), max_length=200)
    notes = models.TextField(_("toelichting"), blank=True)
    objects = region_scoped_manager("owner__region", SlugNaturalKeyManager)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("begroting")
        verbose_name_plural = _("begrotingen")
        ordering = ["owner", "year", "kind"]
        constraints = [
            models.UniqueConstraint(
                fields=["owner", "year", "kind"], name="budget_unique_per_year"
            ),
            models.CheckConstraint(
                condition=Q(year__gte=2000, year__lte=2100), name="budget_year_range"
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.year} – {self.owner.abbreviation}"


class BudgetLine(TimeStampedModel, VersionedModel, RegionBoundModel):
    """An income or cost line; a pro-memorie (PM) line has no amount and is never summed."""

    budget = models.ForeignKey(
        Budget, verbose_name=_("begroting"), on_delete=models.CASCADE, related_name="lines"
    )
    order = models.PositiveSmallIntegerField(_("volgorde"))
    direction = models.CharField(_("baten of lasten"), max_length=10, choices=LineDirection.choices)
    label = models.CharField(_("omschrijving"), max_length=300)
    project = models.ForeignKey(
        Project,
        verbose_name=_("project"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="budget_lines",
    )
    amount = models.DecimalField(_("bedrag (€)"), null=True, blank=True, **MONEY)
    is_pro_memorie = models.BooleanField(
        _("pro memorie"), default=False, help_text=_("Bedrag nog niet bekend; telt niet mee.")
    )
    carried_over_from = models.ManyToManyField(
        Budget,
        verbose_name=_("overgeheveld saldo van"),
        blank=True,
        related_name="carried_into",
        help_text=_(
            "Voor de regel met het restant van eerdere realisaties: het bedrag is de som van "
            "hun saldi (bijvoorbeeld 'Restant 2021-2022' = saldo 2021 + saldo 2022)."
        ),
    )
    # The many-to-many carried_over_from is not tracked by simple-history (its m2m_changed hook
    # would also record fixture loads); the line-edit service writes it into the change reason.
    region_references = ("project",)
    objects = region_scoped_manager("budget__owner__region")
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("begrotingsregel")
        verbose_name_plural = _("begrotingsregels")
        ordering = ["budget", "direction", "order"]
        constraints = [
            models.UniqueConstraint(fields=["budget", "order"], name="budget_line_unique_order"),
            models.CheckConstraint(
                condition=Q(is_pro_memorie=True, amount__isnull=True)
                | Q(is_pro_memorie=False, amount__isnull=False),
                name="budget_line_amount_xor_pro_memorie",
            ),
        ]

    def __str__(self):
        return self.label


class DistributionKey(TimeStampedModel, SlugNaturalKeyModel):
    """A key (verdeelsleutel) to apportion costs over the municipalities of a region."""

    region = models.ForeignKey(
        Region, verbose_name=_("regio"), on_delete=models.PROTECT, related_name="distribution_keys"
    )
    name = models.CharField(_("naam"), max_length=200)
    source = models.CharField(
        _("bron"), max_length=300, help_text=_("Het brondocument, bijvoorbeeld de meicirculaire.")
    )
    valid_from = models.DateField(_("geldig vanaf"), null=True, blank=True)
    valid_until = models.DateField(_("geldig tot en met"), null=True, blank=True)
    objects = region_scoped_manager("region", SlugNaturalKeyManager)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("verdeelsleutel")
        verbose_name_plural = _("verdeelsleutels")
        ordering = ["region", "name"]
        constraints = [
            models.UniqueConstraint(fields=["region", "name"], name="distribution_key_unique_name"),
            period_constraint(
                "valid_from", "valid_until", "distribution_key_period_start_before_end"
            ),
        ]

    def __str__(self):
        return self.name


class DistributionShare(TimeStampedModel, RegionBoundModel):
    key = models.ForeignKey(
        DistributionKey,
        verbose_name=_("verdeelsleutel"),
        on_delete=models.CASCADE,
        related_name="shares",
    )
    municipality = models.ForeignKey(
        Municipality, verbose_name=_("gemeente"), on_delete=models.PROTECT, related_name="shares"
    )
    percentage = models.DecimalField(
        _("aandeel (%)"),
        max_digits=5,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("100"))],
    )
    region_references = ("municipality",)
    objects = region_scoped_manager("key__region")
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("aandeel")
        verbose_name_plural = _("aandelen")
        ordering = ["key", "municipality__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["key", "municipality"], name="share_unique_municipality"
            ),
            models.CheckConstraint(
                condition=Q(percentage__gte=0, percentage__lte=100), name="share_percentage_0_100"
            ),
        ]

    def __str__(self):
        return f"{self.municipality}: {self.percentage}%"

    def clean(self):
        super().clean()
        key, municipality = self.key if self.key_id else None, None
        if self.municipality_id:
            municipality = Municipality._base_manager.filter(pk=self.municipality_id).first()
        if key is None or municipality is None:
            return
        # A key holds the municipalities that exist during its period (one that merged away
        # before the key starts, or begins after it ends, has no share in it).
        ended_before = (
            municipality.valid_until
            and key.valid_from
            and municipality.valid_until < key.valid_from
        )
        began_after = (
            municipality.valid_from
            and key.valid_until
            and municipality.valid_from > key.valid_until
        )
        if ended_before or began_after:
            raise ValidationError(
                {
                    "municipality": _(
                        "%(municipality)s bestaat niet in de periode van deze verdeelsleutel."
                    )
                    % {"municipality": municipality}
                }
            )


class Allocation(TimeStampedModel, RegionBoundModel):
    """An amount apportioned over a key on a date; the shares are stored as computed then.

    The amount is what the municipalities owe together: positive is to be paid by them (a
    deficit to recover), negative is to be paid back to them (a surplus). A budget's balance is
    allocated with its sign turned: the 2023 balance of −216,387 becomes 216,387 owed.
    """

    key = models.ForeignKey(
        DistributionKey,
        verbose_name=_("verdeelsleutel"),
        on_delete=models.PROTECT,
        related_name="allocations",
    )
    label = models.CharField(_("omschrijving"), max_length=300)
    amount = models.DecimalField(
        _("bedrag (€)"),
        help_text=_("Positief: door de gemeenten te betalen; negatief: aan hen terug te betalen."),
        **MONEY,
    )
    budget = models.ForeignKey(
        Budget,
        verbose_name=_("saldo van begroting"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="allocations",
    )
    key_sum = models.DecimalField(_("som van de sleutel (%)"), max_digits=6, decimal_places=2)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("aangemaakt door"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    region_references = ("budget",)
    objects = region_scoped_manager("key__region")

    class Meta:
        verbose_name = _("verdeling")
        verbose_name_plural = _("verdelingen")
        ordering = ["-created"]

    def __str__(self):
        return f"{self.label} ({self.key})"


class AllocationShare(models.Model):
    allocation = models.ForeignKey(
        Allocation, verbose_name=_("verdeling"), on_delete=models.CASCADE, related_name="shares"
    )
    municipality = models.ForeignKey(
        Municipality, verbose_name=_("gemeente"), on_delete=models.PROTECT, related_name="+"
    )
    percentage = models.DecimalField(_("aandeel (%)"), max_digits=5, decimal_places=2)
    amount = models.DecimalField(_("bedrag (€)"), **MONEY)
    objects = region_scoped_manager("allocation__key__region")

    class Meta:
        verbose_name = _("verdeeld bedrag")
        verbose_name_plural = _("verdeelde bedragen")
        ordering = ["allocation", "municipality__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["allocation", "municipality"], name="allocation_share_unique_municipality"
            ),
        ]

    def __str__(self):
        return f"{self.municipality}: € {self.amount}"


class FundingSource(TimeStampedModel):
    """Who pays for a project (the funding matrix of the programme plan)."""

    project = models.ForeignKey(
        Project, verbose_name=_("project"), on_delete=models.CASCADE, related_name="funding_sources"
    )
    kind = models.CharField(_("financier"), max_length=30, choices=FundingKind.choices)
    note = models.CharField(_("toelichting"), max_length=300, blank=True)
    objects = region_scoped_manager("project__programme__region")
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("financieringsbron")
        verbose_name_plural = _("financieringsbronnen")
        ordering = ["project", "kind"]
        constraints = [
            models.UniqueConstraint(fields=["project", "kind"], name="funding_source_unique_kind"),
        ]

    def __str__(self):
        return f"{self.project}: {self.get_kind_display()}"


class SavingsMeasure(TimeStampedModel):
    """A municipality's savings measure (ombuiging): net effect in a year, or structurally."""

    municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("gemeente"),
        on_delete=models.PROTECT,
        related_name="savings_measures",
    )
    name = models.CharField(_("maatregel"), max_length=300)
    year = models.PositiveSmallIntegerField(
        _("jaar"), null=True, blank=True, help_text=_("Leeg voor het structurele effect.")
    )
    amount = models.DecimalField(_("netto effect (€)"), **MONEY)
    source = models.CharField(_("bron"), max_length=300, blank=True)
    objects = region_scoped_manager("municipality__region")
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("ombuiging")
        verbose_name_plural = _("ombuigingen")
        ordering = ["municipality", "name", "year"]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "name", "year"],
                condition=Q(year__isnull=False),
                name="savings_measure_unique_per_year",
            ),
            models.UniqueConstraint(
                fields=["municipality", "name"],
                condition=Q(year__isnull=True),
                name="savings_measure_unique_structural",
            ),
        ]

    def __str__(self):
        when = self.year or _("structureel")
        return f"{self.municipality}: {self.name} ({when})"
