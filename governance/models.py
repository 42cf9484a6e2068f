"""Who is who in a youth-care region: municipalities, organisations, bodies, people, decisions."""

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from simple_history.models import HistoricalRecords

from .constants import (
    BodyKind,
    CouncilViewStatus,
    DecisionOutcome,
    MembershipRole,
    OrganisationKind,
)


class TimeStampedModel(models.Model):
    created = models.DateTimeField(_("aangemaakt"), auto_now_add=True)
    updated = models.DateTimeField(_("gewijzigd"), auto_now=True)

    class Meta:
        abstract = True


class SlugNaturalKeyManager(models.Manager):
    """Reference data are loaded from fixtures by their slug, so loading twice changes nothing."""

    def get_by_natural_key(self, slug):
        return self.get(slug=slug)


class SlugNaturalKeyModel(models.Model):
    slug = models.SlugField(
        _("sleutel"),
        max_length=120,
        unique=True,
        help_text=_("Vaste, unieke sleutel waarmee referentiegegevens worden geladen."),
    )

    objects = SlugNaturalKeyManager()

    class Meta:
        abstract = True

    def natural_key(self):
        return (self.slug,)


def period_constraint(start: str, end: str, name: str) -> models.CheckConstraint:
    """A period whose end, when known, is not before its start."""
    return models.CheckConstraint(
        condition=Q(**{f"{end}__isnull": True})
        | Q(**{f"{start}__isnull": True})
        | Q(**{f"{start}__lte": F(end)}),
        name=name,
    )


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


class Municipality(TimeStampedModel):
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
    objects = MunicipalityManager()
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


class Organisation(TimeStampedModel, SlugNaturalKeyModel):
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


class Body(TimeStampedModel, SlugNaturalKeyModel):
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


class Person(TimeStampedModel, SlugNaturalKeyModel):
    name = models.CharField(_("naam"), max_length=200)
    job_title = models.CharField(_("functie"), max_length=200, blank=True)
    email = models.EmailField(_("e-mailadres"), blank=True)
    municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("gemeente"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="people",
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisatie"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="people",
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("gebruikersaccount"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="person",
    )
    is_demo = models.BooleanField(
        _("demogegevens"),
        default=False,
        help_text=_("Fictieve persoon voor de demo; komt niet uit de brondocumenten."),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("persoon")
        verbose_name_plural = _("personen")
        ordering = ["name"]

    def __str__(self):
        return self.name


class Membership(TimeStampedModel):
    person = models.ForeignKey(
        Person, verbose_name=_("persoon"), on_delete=models.CASCADE, related_name="memberships"
    )
    body = models.ForeignKey(
        Body, verbose_name=_("orgaan"), on_delete=models.CASCADE, related_name="memberships"
    )
    municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("namens gemeente"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="memberships",
    )
    role = models.CharField(_("rol"), max_length=30, choices=MembershipRole.choices)
    valid_from = models.DateField(_("vanaf"))
    valid_until = models.DateField(_("tot en met"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("lidmaatschap")
        verbose_name_plural = _("lidmaatschappen")
        ordering = ["body", "valid_from"]
        constraints = [
            period_constraint("valid_from", "valid_until", "membership_period_start_before_end"),
        ]

    def __str__(self):
        return f"{self.person} – {self.get_role_display()} {self.body.abbreviation}"


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


class CouncilView(TimeStampedModel):
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
    objects = CouncilViewManager()
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


from .letters.models import *  # noqa: E402,F401,F403
