"""A region's theme: its name and logo in the header and letterheads, and a handful of colours.

The colours become the `--jr-theme-*` tokens of `static/css/tokens.css` through the region's
stylesheet (`/thema/<regio>.css`) and in every PDF the region prints; their contrast is checked
before saving (`governance.themes.services`). The logo is a PNG only, re-encoded on upload, kept in
the database (it is small and every instance reads it there): an SVG can carry script, a PNG
cannot.
"""

import hashlib

from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.history import HistoricalRecords
from core.models import RegionBoundModel, TimeStampedModel, VersionedModel
from core.scope import region_scoped_manager

COLOUR_VALIDATOR = RegexValidator(
    r"^#[0-9a-fA-F]{6}$", _("Een kleur is # gevolgd door zes hexadecimale tekens, zoals #33414e.")
)

# The neutral default palette of tokens.css; a region without a theme prints with these.
DEFAULT_COLOURS = {
    "primary": "#33414e",
    "primary_text": "#ffffff",
    "link": "#0b5d6b",
    "focus": "#1b1b1b",
}


def colour_field(label, default, help_text):
    return models.CharField(
        label, max_length=7, default=default, validators=[COLOUR_VALIDATOR], help_text=help_text
    )


class RegionThemeManager(models.Manager):
    def get_by_natural_key(self, region_slug):
        return self.get(region__slug=region_slug)


class RegionTheme(TimeStampedModel, VersionedModel, RegionBoundModel):
    region = models.OneToOneField(
        "governance.Region",
        verbose_name=_("regio"),
        on_delete=models.CASCADE,
        related_name="theme",
    )
    display_name = models.CharField(
        _("naam in de kop"),
        max_length=100,
        blank=True,
        help_text=_("Staat naast het logo boven elke pagina; leeg: de naam van de regio."),
    )
    logo = models.BinaryField(_("logo (PNG)"), blank=True, default=b"", editable=False)
    # The logo's checksum: tells whether there is one without loading it (pages defer the logo).
    logo_sha256 = models.CharField(
        _("controlegetal van het logo"), max_length=64, blank=True, editable=False
    )
    logo_description = models.CharField(
        _("tekstalternatief van het logo"),
        max_length=200,
        blank=True,
        help_text=_("Wat het logo zegt, voor wie het niet ziet; leeg: de naam in de kop."),
    )
    primary = colour_field(
        _("hoofdkleur"),
        DEFAULT_COLOURS["primary"],
        _("De kop van de pagina, koppen en knoppen; ook als tekst op wit."),
    )
    primary_text = colour_field(
        _("tekst op de hoofdkleur"),
        DEFAULT_COLOURS["primary_text"],
        _("De tekst in de kop en op knoppen."),
    )
    link = colour_field(_("linkkleur"), DEFAULT_COLOURS["link"], _("Links op een witte pagina."))
    focus = colour_field(
        _("focuskleur"),
        DEFAULT_COLOURS["focus"],
        _("De rand om wat met het toetsenbord gekozen is, op wit."),
    )
    objects = region_scoped_manager("region", RegionThemeManager)
    history = HistoricalRecords(excluded_fields=["logo"])

    class Meta:
        verbose_name = _("huisstijl van de regio")
        verbose_name_plural = _("huisstijlen van de regio's")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(primary__regex=r"^#[0-9a-fA-F]{6}$")
                & models.Q(primary_text__regex=r"^#[0-9a-fA-F]{6}$")
                & models.Q(link__regex=r"^#[0-9a-fA-F]{6}$")
                & models.Q(focus__regex=r"^#[0-9a-fA-F]{6}$"),
                name="region_theme_colours_hex",
            ),
        ]

    def __str__(self):
        return self.name

    def natural_key(self):
        return (self.region.slug,)

    natural_key.dependencies = ["governance.region"]

    @property
    def name(self) -> str:
        return self.display_name or self.region.name

    @property
    def logo_alt(self) -> str:
        return self.logo_description or self.name

    @property
    def has_logo(self) -> bool:
        return bool(self.logo_sha256)

    @property
    def fingerprint(self) -> str:
        """Changes with every visible change: the stylesheet's and the logo's version and ETag."""
        parts = [self.display_name, self.logo_sha256, self.primary, self.primary_text, self.link]
        return hashlib.sha256("|".join([*parts, self.focus]).encode()).hexdigest()[:16]
