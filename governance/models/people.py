"""People and their memberships of bodies over time."""

import datetime

from django.conf import settings
from django.db import models
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
from core.scope import region_scoped_manager, require_same_region
from governance.constants import MembershipRole

from .region import Body, Municipality, Organisation, Region


class Person(TimeStampedModel, SlugNaturalKeyModel):
    region = models.ForeignKey(
        Region,
        verbose_name=_("regio"),
        on_delete=models.PROTECT,
        related_name="people",
        help_text=_(
            "De regio waarin deze persoon werkt; een gekoppeld gebruikersaccount ziet alleen de "
            "gegevens van deze regio."
        ),
    )
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
    objects = region_scoped_manager("region", SlugNaturalKeyManager)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("persoon")
        verbose_name_plural = _("personen")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if self.region_id is None:
            place = self.municipality or self.organisation
            if place is not None:
                self.region_id = place.region_id
        super().save(*args, **kwargs)

    def clean(self):
        super().clean()
        if self.region_id is None:
            place = self.municipality or self.organisation
            if place is None:
                return
            self.region_id = place.region_id
        require_same_region(
            self.region_id, municipality=self.municipality, organisation=self.organisation
        )


class MembershipQuerySet(models.QuerySet):
    """The one reading of a membership's period: both ends count, an open end runs on."""

    def overlapping(
        self, start: datetime.date, end: datetime.date | None = None
    ) -> "MembershipQuerySet":
        """Memberships valid on at least one day from `start` to `end` (no end: from `start` on)."""
        condition = models.Q(valid_until__isnull=True) | models.Q(valid_until__gte=start)
        if end is not None:
            condition &= models.Q(valid_from__lte=end)
        return self.filter(condition)

    def valid_on(self, day: datetime.date) -> "MembershipQuerySet":
        """Memberships that hold on `day`: begun on or before it, not ended before it."""
        return self.overlapping(day, day)


class Membership(TimeStampedModel, VersionedModel, RegionBoundModel):
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
    region_references = ("person", "municipality")
    objects = region_scoped_manager(
        "body__region", models.Manager.from_queryset(MembershipQuerySet)
    )
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
