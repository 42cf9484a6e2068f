"""Base models every app shares: timestamps, natural keys by slug, validity periods."""

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _


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
