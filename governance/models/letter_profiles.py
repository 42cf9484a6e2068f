"""A municipality's letter profile: the header fields its letters carry and their defaults."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.history import HistoricalRecords
from core.models import RegionBoundModel, TimeStampedModel, VersionedModel
from core.scope import region_scoped_manager
from governance.letters.constants import OPTIONAL_HEADER_FIELDS, PROFILE_DEFAULT_FIELDS

from .region import Municipality


class LetterProfileManager(models.Manager):
    def get_by_natural_key(self, cbs_code):
        return self.get(municipality__cbs_code=cbs_code)


class LetterProfile(TimeStampedModel, VersionedModel, RegionBoundModel):
    """How one municipality's letters look: which header fields they carry, and the values a new
    letter starts with (Begrotingsprogramma, Pijler, … repeat from letter to letter). Kept by
    the municipality's griffie."""

    municipality = models.OneToOneField(
        Municipality,
        verbose_name=_("gemeente"),
        on_delete=models.CASCADE,
        related_name="letter_profile",
    )
    printed_fields = models.JSONField(
        _("kopvelden op de brief"),
        default=list,
        blank=True,
        help_text=_(
            "De velden die de kop van de brieven van deze gemeente draagt, naast datum, "
            "onderwerp en openbaar. Een leeg veld wordt nooit afgedrukt."
        ),
    )
    portfolio_holder = models.CharField(_("portefeuillehouder"), max_length=200, blank=True)
    budget_programme = models.CharField(_("begrotingsprogramma"), max_length=200, blank=True)
    pillar = models.CharField(_("pijler"), max_length=200, blank=True)
    core_team = models.CharField(_("kernteam/opgave"), max_length=200, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    responsible = models.CharField(_("verantwoordelijke"), max_length=200, blank=True)
    region_references = ("municipality",)
    objects = region_scoped_manager("municipality__region", LetterProfileManager)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("briefprofiel")
        verbose_name_plural = _("briefprofielen")
        ordering = ["municipality__name"]

    def __str__(self):
        return _("Briefprofiel van %(name)s") % {"name": self.municipality.name}

    def natural_key(self):
        return (self.municipality.cbs_code,)

    natural_key.dependencies = ["governance.municipality"]

    def clean(self):
        super().clean()
        allowed = set(OPTIONAL_HEADER_FIELDS)
        if not isinstance(self.printed_fields, list) or any(
            name not in allowed for name in self.printed_fields
        ):
            raise ValidationError(
                {
                    "printed_fields": _("Kies kopvelden uit: %(fields)s.")
                    % {"fields": ", ".join(OPTIONAL_HEADER_FIELDS)}
                }
            )

    def defaults(self) -> dict[str, str]:
        """The header values a new letter to this municipality starts with."""
        return {
            name: getattr(self, name)
            for name in PROFILE_DEFAULT_FIELDS
            if name in self.printed_fields and getattr(self, name)
        }
