from django.db import models
from django.utils.translation import gettext_lazy as _


class ProcedureKind(models.TextChoices):
    EUROPEAN_TENDER = "european_tender", _("Europese aanbesteding")
    OPEN_HOUSE = "open_house", _("Open House")
    INNOVATION_DIALOGUE = "innovation_dialogue", _("Innovatiedialoog")
    SIMPLIFIED_SAS = "simplified_sas", _("Vereenvoudigde SAS-procedure")


class ProcedureChoice(models.TextChoices):
    CHOSEN = "chosen", _("Gekozen")
    REJECTED = "rejected", _("Afgewezen")


class LegalForm(models.TextChoices):
    FOUNDATION = "foundation", _("Stichting")
    PRIVATE_COMPANY = "private_company", _("Besloten vennootschap")
    ASSOCIATION = "association", _("Vereniging")
    SOLE_PROPRIETOR = "sole_proprietor", _("Eenmanszaak")
    OTHER = "other", _("Overig")
