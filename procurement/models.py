"""Buying youth care: framework, segments and their lineage, phases, providers, contracts, norms."""

from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
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
from governance.models import Decision, Region

from .constants import LegalForm, ProcedureChoice, ProcedureKind


class Framework(TimeStampedModel, SlugNaturalKeyModel, RegionBoundModel):
    """A procurement framework (inkoopkader) and the contract period it governs."""

    region = models.ForeignKey(
        Region, verbose_name=_("regio"), on_delete=models.PROTECT, related_name="frameworks"
    )
    name = models.CharField(_("naam"), max_length=200)
    description = models.TextField(_("omschrijving"), blank=True)
    valid_from = models.DateField(_("contractperiode vanaf"))
    valid_until = models.DateField(_("contractperiode tot en met"), null=True, blank=True)
    adopted_by = models.ForeignKey(
        Decision,
        verbose_name=_("vastgesteld bij besluit"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="frameworks",
    )
    region_references = ("adopted_by",)
    objects = region_scoped_manager("region", SlugNaturalKeyManager)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("inkoopkader")
        verbose_name_plural = _("inkoopkaders")
        ordering = ["region", "valid_from"]
        constraints = [
            period_constraint("valid_from", "valid_until", "framework_period_start_before_end"),
        ]

    def __str__(self):
        return self.name


class Principle(TimeStampedModel):
    framework = models.ForeignKey(
        Framework,
        verbose_name=_("inkoopkader"),
        on_delete=models.CASCADE,
        related_name="principles",
    )
    order = models.PositiveSmallIntegerField(_("volgorde"))
    text = models.TextField(_("uitgangspunt"))
    added_by_council_views = models.BooleanField(
        _("toegevoegd door zienswijzen"),
        default=False,
        help_text=_("Toegevoegd naar aanleiding van de zienswijzen van de gemeenteraden."),
    )
    objects = region_scoped_manager("framework__region")
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("uitgangspunt")
        verbose_name_plural = _("uitgangspunten")
        ordering = ["framework", "order"]
        constraints = [
            models.UniqueConstraint(fields=["framework", "order"], name="principle_unique_order"),
        ]

    def __str__(self):
        return self.text[:80]


class CoreValue(TimeStampedModel):
    framework = models.ForeignKey(
        Framework,
        verbose_name=_("inkoopkader"),
        on_delete=models.CASCADE,
        related_name="core_values",
    )
    order = models.PositiveSmallIntegerField(_("volgorde"))
    text = models.TextField(_("kernwaarde"))
    objects = region_scoped_manager("framework__region")
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("kernwaarde")
        verbose_name_plural = _("kernwaarden")
        ordering = ["framework", "order"]
        constraints = [
            models.UniqueConstraint(fields=["framework", "order"], name="core_value_unique_order"),
        ]

    def __str__(self):
        return self.text[:80]


class SegmentManager(models.Manager):
    def get_by_natural_key(self, framework_slug, code):
        return self.get(framework__slug=framework_slug, code=code)


class Segment(TimeStampedModel):
    """A segment of the procurement strategy, e.g. '4a Specialistisch/veelvoorkomend algemeen'."""

    framework = models.ForeignKey(
        Framework, verbose_name=_("inkoopkader"), on_delete=models.CASCADE, related_name="segments"
    )
    code = models.CharField(
        _("code"),
        max_length=10,
        validators=[
            RegexValidator(r"^[0-9]+[a-z]?(\+[0-9]+[a-z]?)*$", _("Bijvoorbeeld 1, 4a of 1+5."))
        ],
    )
    order = models.PositiveSmallIntegerField(_("volgorde"), default=0)
    name = models.CharField(_("naam"), max_length=200)
    target_group = models.TextField(_("doelgroep"), blank=True)
    characteristics = models.TextField(_("kenmerken van de hulp"), blank=True)
    purchasing_method = models.TextField(_("inkoop- en bekostigingswijze"), blank=True)
    access = models.TextField(_("toegang"), blank=True)
    development_tasks = models.TextField(_("belangrijkste ontwikkelopgaven"), blank=True)
    preconditions = models.TextField(_("randvoorwaarden"), blank=True)
    successors = models.ManyToManyField(
        "self",
        verbose_name=_("gaat over in"),
        symmetrical=False,
        blank=True,
        related_name="predecessors",
        help_text=_("De segmenten van een latere contractperiode waarin dit segment opgaat."),
    )
    objects = region_scoped_manager("framework__region", SegmentManager)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("segment")
        verbose_name_plural = _("segmenten")
        ordering = ["framework", "order", "code"]
        constraints = [
            models.UniqueConstraint(fields=["framework", "code"], name="segment_unique_code"),
        ]

    def __str__(self):
        return f"{self.code} {self.name}"

    def natural_key(self):
        return (self.framework.slug, self.code)

    natural_key.dependencies = ["procurement.framework"]


class Phase(TimeStampedModel):
    framework = models.ForeignKey(
        Framework, verbose_name=_("inkoopkader"), on_delete=models.CASCADE, related_name="phases"
    )
    number = models.PositiveSmallIntegerField(_("fase"))
    name = models.CharField(_("naam"), max_length=200)
    description = models.TextField(_("omschrijving"), blank=True)
    starts_on = models.DateField(_("begint op"), null=True, blank=True)
    ends_on = models.DateField(_("eindigt op"), null=True, blank=True)
    objects = region_scoped_manager("framework__region")
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("fase")
        verbose_name_plural = _("fasen")
        ordering = ["framework", "number"]
        constraints = [
            models.UniqueConstraint(fields=["framework", "number"], name="phase_unique_number"),
            period_constraint("starts_on", "ends_on", "phase_period_start_before_end"),
        ]

    def __str__(self):
        return f"{_('Fase')} {self.number}: {self.name}"


class Procedure(TimeStampedModel):
    """A procurement procedure considered for a framework, chosen or rejected, with the reason."""

    framework = models.ForeignKey(
        Framework,
        verbose_name=_("inkoopkader"),
        on_delete=models.CASCADE,
        related_name="procedures",
    )
    kind = models.CharField(_("soort procedure"), max_length=30, choices=ProcedureKind.choices)
    choice = models.CharField(_("keuze"), max_length=20, choices=ProcedureChoice.choices)
    rationale = models.TextField(_("motivering"), blank=True)
    objects = region_scoped_manager("framework__region")
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("procedure")
        verbose_name_plural = _("procedures")
        ordering = ["framework", "kind"]
        constraints = [
            models.UniqueConstraint(fields=["framework", "kind"], name="procedure_unique_kind"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} ({self.get_choice_display().lower()})"


class ProductCategoryManager(models.Manager):
    def get_by_natural_key(self, code):
        return self.get(code=code)


class ProductCategory(TimeStampedModel):
    """A product category of the national youth-care messaging standard (iJw code list JZ020)."""

    code = models.CharField(
        _("code"), max_length=2, unique=True, validators=[RegexValidator(r"^\d{2}$")]
    )
    name = models.CharField(_("naam"), max_length=200)
    segments = models.ManyToManyField(
        Segment,
        verbose_name=_("segmenten"),
        blank=True,
        related_name="product_categories",
        help_text=_("Hoe categorieën op segmenten passen is een keuze van de regio."),
    )
    objects = ProductCategoryManager()

    class Meta:
        verbose_name = _("productcategorie")
        verbose_name_plural = _("productcategorieën")
        ordering = ["code"]

    def __str__(self):
        return f"{self.code} {self.name}"

    def natural_key(self):
        return (self.code,)


class Provider(TimeStampedModel, SlugNaturalKeyModel):
    """A youth-care provider (jeugdhulpaanbieder)."""

    name = models.CharField(_("naam"), max_length=200)
    kvk_number = models.CharField(
        _("KvK-nummer"),
        max_length=8,
        blank=True,
        validators=[RegexValidator(r"^\d{8}$", _("Een KvK-nummer heeft acht cijfers."))],
    )
    legal_form = models.CharField(_("rechtsvorm"), max_length=20, choices=LegalForm.choices)
    has_supervisory_board = models.BooleanField(_("heeft een raad van toezicht"), null=True)
    is_demo = models.BooleanField(
        _("demogegevens"), default=False, help_text=_("Fictieve aanbieder voor de demo.")
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("jeugdhulpaanbieder")
        verbose_name_plural = _("jeugdhulpaanbieders")
        ordering = ["name"]

    def __str__(self):
        return self.name


class Contract(TimeStampedModel, RegionBoundModel):
    provider = models.ForeignKey(
        Provider, verbose_name=_("aanbieder"), on_delete=models.PROTECT, related_name="contracts"
    )
    segment = models.ForeignKey(
        Segment, verbose_name=_("segment"), on_delete=models.PROTECT, related_name="contracts"
    )
    procedure = models.ForeignKey(
        Procedure,
        verbose_name=_("procedure"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="contracts",
    )
    reference = models.CharField(_("kenmerk"), max_length=100, blank=True)
    valid_from = models.DateField(_("vanaf"))
    valid_until = models.DateField(_("tot en met"), null=True, blank=True)
    region_references = ("procedure",)
    objects = region_scoped_manager("segment__framework__region")
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("contract")
        verbose_name_plural = _("contracten")
        ordering = ["provider", "segment", "valid_from"]
        constraints = [
            period_constraint("valid_from", "valid_until", "contract_period_start_before_end"),
        ]

    def __str__(self):
        return f"{self.provider} – {_('segment')} {self.segment.code}"


class Norm(TimeStampedModel):
    """A contracted norm (normenkader) on the duration and/or intensity of help."""

    segment = models.ForeignKey(
        Segment,
        verbose_name=_("segment"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="norms",
    )
    product_category = models.ForeignKey(
        ProductCategory,
        verbose_name=_("productcategorie"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="norms",
    )
    product_code = models.CharField(_("productcode"), max_length=20, blank=True)
    description = models.TextField(_("norm"))
    max_duration_months = models.PositiveSmallIntegerField(
        _("maximale duur (maanden)"), null=True, blank=True
    )
    max_hours_per_month = models.DecimalField(
        _("maximale intensiteit (uur per maand)"),
        max_digits=6,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(744)],
    )
    # A norm on a product category alone holds in every region.
    objects = region_scoped_manager("segment__framework__region", shared=Q(segment__isnull=True))
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("norm")
        verbose_name_plural = _("normen")
        ordering = ["segment", "product_category", "product_code"]
        constraints = [
            models.CheckConstraint(
                condition=Q(segment__isnull=False) | Q(product_category__isnull=False),
                name="norm_has_segment_or_category",
            ),
        ]

    def __str__(self):
        return self.description[:80]


from .risk.models import *  # noqa: E402,F401,F403
