"""The models of governance, one module per part of the domain."""

from .decisions import CouncilView, Decision
from .events import TimelineEntry
from .identity import ExternalIdentity, IdentityProvider
from .information import InformationPage
from .letter_profiles import LetterProfile
from .letters import (
    Letter,
    LetterBlock,
    LetterPdf,
    LetterQuestion,
    LetterSection,
    LetterTemplate,
)
from .people import Membership, Person
from .region import Body, Municipality, Organisation, Region
from .theme import RegionTheme

__all__ = [
    "Body",
    "CouncilView",
    "Decision",
    "InformationPage",
    "ExternalIdentity",
    "IdentityProvider",
    "Letter",
    "LetterBlock",
    "LetterPdf",
    "LetterProfile",
    "LetterQuestion",
    "LetterSection",
    "LetterTemplate",
    "Membership",
    "Municipality",
    "Organisation",
    "Person",
    "Region",
    "RegionTheme",
    "TimelineEntry",
]
