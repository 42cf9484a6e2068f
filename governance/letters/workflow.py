"""The letter workflow: concept → gereed → verzonden; gereed can go back to concept; verzonden
is final.

A correction of an issued letter is a new letter (a new version that `replaces` it), never a
transition of the issued one.
"""

from .constants import LetterStatus

ALLOWED_TRANSITIONS: dict[str, frozenset[str]] = {
    LetterStatus.DRAFT: frozenset({LetterStatus.APPROVED}),
    LetterStatus.APPROVED: frozenset({LetterStatus.DRAFT, LetterStatus.ISSUED}),
    LetterStatus.ISSUED: frozenset(),
}


def can_transition(current: str, target: str) -> bool:
    return target in ALLOWED_TRANSITIONS.get(current, frozenset())
