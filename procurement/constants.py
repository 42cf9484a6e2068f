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


class SignalKind(models.TextChoices):
    """Fraud-risk signals per provider (004: the SOJ's dashboard; docs/domain-rules.md, "Risk
    signals")."""

    PROFIT_MARGIN = "profit_margin", _("Hoge winstmarge")
    DIVIDEND = "dividend", _("Dividenduitkering")
    REVENUE_PER_FTE = "revenue_per_fte", _("Hoge omzet per fte")
    PERSONNEL_COST_PER_FTE = "personnel_cost_per_fte", _("Lage personeelskosten per fte")
    PERSONNEL_COST_SHARE = "personnel_cost_share", _("Laag aandeel personeelskosten")


class SignalDirection(models.TextChoices):
    """Whether a value above or below the threshold is the signal."""

    ABOVE = "above", _("boven de drempel")
    BELOW = "below", _("onder de drempel")


class SignalUnit(models.TextChoices):
    PERCENTAGE = "percentage", _("procent")
    EURO = "euro", _("euro")
