"""A municipality's letter profile as the letters use it: which header fields its letters carry,
and the values a new letter to it starts with.

A municipality without a profile carries every header field (as the letters did before
profiles); an empty field is never printed, whatever the profile says.
"""

from governance.models import LetterProfile, Municipality

from .constants import OPTIONAL_HEADER_FIELDS


def profile_of(municipality: Municipality) -> LetterProfile | None:
    """The municipality's profile, or None (uses `select_related("letter_profile")`)."""
    try:
        return municipality.letter_profile
    except LetterProfile.DoesNotExist:
        return None


def printed_fields(municipality: Municipality) -> tuple[str, ...]:
    """The optional header fields this municipality's letters carry, in the order of 000."""
    profile = profile_of(municipality)
    if profile is None:
        return OPTIONAL_HEADER_FIELDS
    chosen = set(profile.printed_fields)
    return tuple(name for name in OPTIONAL_HEADER_FIELDS if name in chosen)


def carried_fields(municipalities) -> tuple[str, ...]:
    """The optional header fields that at least one of these municipalities' letters carry."""
    carried = set()
    for municipality in municipalities:
        carried.update(printed_fields(municipality))
    if not municipalities:
        carried = set(OPTIONAL_HEADER_FIELDS)
    return tuple(name for name in OPTIONAL_HEADER_FIELDS if name in carried)


def profile_defaults(municipality: Municipality | None) -> dict[str, str]:
    """The header values a new letter to this municipality starts with (none without one)."""
    profile = profile_of(municipality) if municipality is not None else None
    return profile.defaults() if profile is not None else {}
