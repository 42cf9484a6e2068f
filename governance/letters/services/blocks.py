"""Placing a concept's live data blocks: adding one, removing one, moving one up or down.

What a block is and shows lives in `governance.letters.blocks`; these are the edits.
"""

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from governance.letters.blocks import block_type_of, bound_params_form, raw_params
from governance.models import Letter, LetterBlock, LetterSection

from .common import _locked, _require_editable, _save, _touch


def _block_of_concept(block: LetterBlock, user: User) -> LetterBlock:
    block = LetterBlock.objects.select_related("section").get(pk=block.pk)
    letter = _locked(block.section.letter)
    _require_editable(letter, user)
    block.section.letter = letter
    return block


@transaction.atomic
def letter_block_add(
    *,
    letter: Letter,
    user: User,
    section: LetterSection,
    block_type: str,
    params: dict,
    edit_version: int,
) -> LetterBlock:
    """Place a live data block at the end of a section; its parameters must pass its form."""
    current = _locked(letter)
    _require_editable(current, user)
    if section.letter_id != current.pk:
        raise ValidationError({"section": _("Kies een onderdeel van deze brief.")})
    kind = block_type_of(block_type)
    if kind is None:
        raise ValidationError({"block_type": _("Kies een bestaand soort blok.")})
    form = bound_params_form(kind, params)
    if not form.is_valid():
        raise ValidationError(form.errors)
    last = section.blocks.aggregate(last=Max("order"))["last"] or 0
    block = LetterBlock(
        section=section, order=last + 1, block_type=block_type, params=raw_params(form)
    )
    _save(block, user=user)
    _touch(
        current,
        user=user,
        reason=_("Blok toegevoegd: %s") % kind.label,
        edit_version=edit_version,
    )
    return block


@transaction.atomic
def letter_block_remove(*, block: LetterBlock, user: User, edit_version: int) -> Letter:
    block = _block_of_concept(block, user)
    letter = block.section.letter
    block._history_user = user
    block.delete()
    _touch(letter, user=user, reason=_("Blok verwijderd"), edit_version=edit_version)
    return letter


@transaction.atomic
def letter_block_move(
    *, block: LetterBlock, user: User, edit_version: int, direction: int
) -> Letter:
    """Swap a block with its neighbour above (direction −1) or below (+1) in its section."""
    block = _block_of_concept(block, user)
    letter = block.section.letter
    siblings = list(block.section.blocks.order_by("order", "pk"))
    index = next(i for i, sibling in enumerate(siblings) if sibling.pk == block.pk)
    other = index + (1 if direction > 0 else -1)
    if 0 <= other < len(siblings):
        siblings[index], siblings[other] = siblings[other], siblings[index]
        for position, sibling in enumerate(siblings, start=1):
            if sibling.order != position:
                sibling.order = position
                _save(sibling, user=user)
    _touch(letter, user=user, reason=_("Blokken verschoven"), edit_version=edit_version)
    return letter
