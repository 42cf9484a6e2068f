from django.db import models
from django.utils.translation import gettext_lazy as _


class BudgetKind(models.TextChoices):
    BUDGET = "budget", _("Begroting")
    REALISATION = "realisation", _("Realisatie")
    PROVISIONAL_BUDGET = "provisional_budget", _("Voorlopige begroting")


class LineDirection(models.TextChoices):
    INCOME = "income", _("Baten")
    COST = "cost", _("Lasten")


class FundingKind(models.TextChoices):
    OWN_MUNICIPALITY = "own_municipality", _("Gemeente (eigen middelen of formatie)")
    JOINT_ARRANGEMENT = "joint_arrangement", _("Gemeenschappelijke regeling")
    NETWORK_BUDGET = "network_budget", _("Budget Netwerk MT Jeugd")
    NATIONAL = "national", _("Rijksmiddelen")
