from django.db import models
from django.utils.translation import gettext_lazy as _


class LetterKind(models.TextChoices):
    MUNICIPAL = "municipal", _("Raadsinformatiebrief aan één gemeenteraad")
    REGIONAL = "regional", _("Regionale brief aan meerdere gemeenteraden")


class LetterStatus(models.TextChoices):
    DRAFT = "draft", _("Concept")
    APPROVED = "approved", _("Gereed")
    ISSUED = "issued", _("Verzonden")


# The Woo (Wet open overheid, art. 3.3) information category under which councils publish the
# documents sent to them for their meetings, and the document type within it.
WOO_INFORMATION_CATEGORY = _("Vergaderstukken decentrale overheden")
WOO_DOCUMENT_TYPE = _("Raadsinformatiebrief")
