from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    """The roles people have in the application; each is a Django group of the same name."""

    POLICY_ADVISER = "beleidsadviseur", _("Beleidsadviseur")
    GRIFFIE = "griffie", _("Griffie")
    NETWORK_MT = "netwerk-mt", _("Netwerk MT Jeugd")
    FUNCTIONAL_ADMIN = "functioneel-beheer", _("Functioneel beheer")


class OrganisationKind(models.TextChoices):
    JOINT_ARRANGEMENT = "joint_arrangement", _("Gemeenschappelijke regeling")
    PART_OF_ARRANGEMENT = "part_of_arrangement", _("Onderdeel van een gemeenschappelijke regeling")
    FOUNDATION = "foundation", _("Stichting")
    ADVISER = "adviser", _("Adviesbureau")
    TEAM = "team", _("Team")
    MUNICIPALITY = "municipality", _("Gemeentelijke organisatie")
    OTHER = "other", _("Overig")


class BodyKind(models.TextChoices):
    GENERAL_BOARD = "general_board", _("Algemeen bestuur")
    EXECUTIVE_BOARD = "executive_board", _("Dagelijks bestuur")
    PORTFOLIO_HOLDERS = "portfolio_holders", _("Portefeuillehoudersoverleg")
    MANAGEMENT_NETWORK = "management_network", _("Managementoverleg")
    OFFICIAL_CONSULTATION = "official_consultation", _("Ambtelijk overleg")
    COUNCIL = "council", _("Gemeenteraad")
    EXECUTIVE = "executive", _("College van B&W")
    OTHER = "other", _("Overig")


class MembershipRole(models.TextChoices):
    CHAIR = "chair", _("Voorzitter")
    MEMBER = "member", _("Lid")
    SECRETARY = "secretary", _("Secretaris")
    DEPUTY_SECRETARY = "deputy_secretary", _("Plaatsvervangend secretaris")
    ADVISER = "adviser", _("Adviseur")


class DecisionOutcome(models.TextChoices):
    PROPOSED = "proposed", _("Voorgesteld")
    DISCUSSED = "discussed", _("Besproken")
    ADOPTED = "adopted", _("Vastgesteld")
    AGREED = "agreed", _("Ingestemd")
    HELD_OVER = "held_over", _("Aangehouden")
    REJECTED = "rejected", _("Verworpen")
    NOTED = "noted", _("Kennisgenomen")


class CouncilViewStatus(models.TextChoices):
    AWAITED = "awaited", _("Verwacht")
    RECEIVED = "received", _("Ontvangen")
    NONE = "none", _("Geen zienswijze")


class InformationPageKind(models.TextChoices):
    """The public pages every Dutch government site has, linked from every page's footer."""

    ACCESSIBILITY = "toegankelijkheid", _("Toegankelijkheidsverklaring")
    PRIVACY = "privacy", _("Privacyverklaring")
    CONTACT = "contact", _("Contact")


class TimelineEntryKind(models.TextChoices):
    DOCUMENT = "document", _("Document")
    EVENT = "event", _("Gebeurtenis")
