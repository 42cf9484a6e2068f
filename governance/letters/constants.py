from django.db import models
from django.utils.translation import gettext_lazy as _


class LetterKind(models.TextChoices):
    MUNICIPAL = "municipal", _("Raadsinformatiebrief aan één gemeenteraad")
    REGIONAL = "regional", _("Regionale brief aan meerdere gemeenteraden")
    BOARD = "board", _("Brief van een bestuur aan de colleges")


class TemplateKind(models.TextChoices):
    """What a template version is for: the questions of a council information letter, or the
    sections of a board's letter to the colleges (printed without the sections' headings)."""

    COUNCIL = "council", _("Raadsinformatiebrief")
    BOARD = "board", _("Brief van een bestuur")


class LetterStatus(models.TextChoices):
    DRAFT = "draft", _("Concept")
    APPROVED = "approved", _("Gereed")
    ISSUED = "issued", _("Verzonden")


# The Woo (Wet open overheid, art. 3.3) information category under which councils publish the
# documents sent to them for their meetings, and the document type within it.
WOO_INFORMATION_CATEGORY = _("Vergaderstukken decentrale overheden")
WOO_DOCUMENT_TYPE = _("Raadsinformatiebrief")


class WooGround(models.TextChoices):
    """Why a letter is not public: the grounds for not publishing of art. 5.1 Wet open overheid
    (Woo). The absolute grounds of the first paragraph and the most used relative grounds of the
    second; a non-public letter names one."""

    CONFIDENTIAL_BUSINESS_DATA = (
        "confidential_business_data",
        _("Vertrouwelijk meegedeelde bedrijfs- en fabricagegegevens (art. 5.1 lid 1 onder c Woo)"),
    )
    SPECIAL_PERSONAL_DATA = (
        "special_personal_data",
        _("Bijzondere persoonsgegevens (art. 5.1 lid 1 onder d Woo)"),
    )
    ECONOMIC_INTERESTS = (
        "economic_interests",
        _("Economische of financiële belangen van de overheid (art. 5.1 lid 2 onder b Woo)"),
    )
    CRIMINAL_INVESTIGATION = (
        "criminal_investigation",
        _("Opsporing en vervolging van strafbare feiten (art. 5.1 lid 2 onder c Woo)"),
    )
    INSPECTION = (
        "inspection",
        _("Inspectie, controle en toezicht door bestuursorganen (art. 5.1 lid 2 onder d Woo)"),
    )
    PRIVACY = (
        "privacy",
        _("Eerbiediging van de persoonlijke levenssfeer (art. 5.1 lid 2 onder e Woo)"),
    )
    COMPETITIVE_DATA = (
        "competitive_data",
        _("Concurrentiegevoelige bedrijfs- en fabricagegegevens (art. 5.1 lid 2 onder f Woo)"),
    )
    GOOD_FUNCTIONING = (
        "good_functioning",
        _("Het goed functioneren van de overheid (art. 5.1 lid 2 onder i Woo)"),
    )


# A board's letter to the colleges is signed by these members of the sending body, in this
# order (the chair, then the secretary and the deputy secretary, as in 002).
BOARD_SIGNATORY_ROLES = ("chair", "secretary", "deputy_secretary")
# Who sends it: the body's secretariat.
BOARD_SECRETARIAT_ROLES = ("secretary", "deputy_secretary")
BOARD_DEFAULT_SALUTATION = _("Geacht college,")
BOARD_DEFAULT_CLOSING = _("Met vriendelijke groet,")

# How long a deleted concept stays in the bin (Prullenbak) before `purge_deleted_letters` removes
# it for good.
DELETED_LETTER_DAYS = 30

# The header fields a municipality's letters may carry or leave out (its letter profile), in the
# order of 000. Date, subject and Openbaar are always there.
OPTIONAL_HEADER_FIELDS = (
    "case_number",
    "meeting",
    "portfolio_holder",
    "budget_programme",
    "pillar",
    "core_team",
    "author",
    "email",
    "responsible",
)
# The header fields a letter profile gives a default value: what repeats from letter to letter.
PROFILE_DEFAULT_FIELDS = (
    "portfolio_holder",
    "budget_programme",
    "pillar",
    "core_team",
    "email",
    "responsible",
)
