"""The installation's public information pages: accessibility statement, privacy, contact.

They are the installation's, not a region's: one text each, kept by the platform administrator
in the admin and shown to everyone, signed in or not, from the footer of every page.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from core.history import HistoricalRecords
from core.models import TimeStampedModel
from governance.constants import InformationPageKind

MARKUP_HELP = _(
    "Eenvoudige opmaak: een lege regel begint een nieuwe alinea; een regel die begint met "
    "‘## ’ is een tussenkop; regels die beginnen met ‘- ’ vormen een opsomming. Web- en "
    "e-mailadressen worden vanzelf een link. HTML wordt als gewone tekst getoond."
)


class InformationPage(TimeStampedModel):
    kind = models.CharField(
        _("pagina"), max_length=20, choices=InformationPageKind.choices, unique=True
    )
    title = models.CharField(_("titel"), max_length=200)
    body = models.TextField(_("tekst"), help_text=MARKUP_HELP)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("informatiepagina")
        verbose_name_plural = _("informatiepagina's")
        ordering = ["kind"]

    def __str__(self):
        return self.title
