"""Keeping a municipality's letter profile: the header fields its letters carry and their
defaults (`governance.letters.profiles` reads it)."""

from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from core.services import model_update
from governance.letters.permissions import may_keep_letter_profile
from governance.models import LetterProfile, Municipality

from .common import _save


@transaction.atomic
def letter_profile_save(
    *, municipality: Municipality, user: User, data: dict, edit_version: int | None
) -> LetterProfile:
    """Create or change the municipality's profile; a stale form raises `StaleEditError`."""
    if not may_keep_letter_profile(user, municipality):
        raise PermissionDenied
    profile = LetterProfile.objects.select_for_update().filter(municipality=municipality).first()
    if profile is None:
        profile = LetterProfile(municipality=municipality, **data)
        _save(profile, user=user, reason=_("Briefprofiel aangemaakt"))
        return profile
    return model_update(
        instance=profile,
        expected_version=edit_version,
        data=data,
        user=user,
        reason=_("Briefprofiel gewijzigd"),
    )
