"""Every change to a letter: one function per use case, atomic, validated, recorded with the user.

Edits are optimistic: a form carries the edit version it was loaded at, and a save against a
newer version is refused with `StaleEditError` (no lost updates). Only a concept changes; an
issued letter never does — a correction is a new letter that replaces it.

`compose` and `blocks` edit a concept, `workflow` moves it between statuses, `issue` sends it,
`batch` sends a regional letter as a background job (`core.jobs`); `common` holds the checks
they share.
"""

from .batch import LETTER_BATCH_JOB, letter_batch_job, letter_issue_enqueue
from .blocks import letter_block_add, letter_block_move, letter_block_remove
from .common import HEADER_FIELDS
from .compose import (
    board_letter_create,
    deletion_deadline,
    letter_copy,
    letter_create,
    letter_delete,
    letter_restore,
    letter_update,
    letters_purge_daily,
    letters_purge_deleted,
)
from .issue import letter_issue, letter_store_missing_pdfs
from .profiles import letter_profile_save
from .workflow import (
    letter_approve,
    letter_approvers,
    letter_correct,
    letter_reopen,
    letter_request_approval,
)

__all__ = [
    "HEADER_FIELDS",
    "LETTER_BATCH_JOB",
    "board_letter_create",
    "deletion_deadline",
    "letter_approve",
    "letter_approvers",
    "letter_block_add",
    "letter_block_move",
    "letter_block_remove",
    "letter_copy",
    "letter_correct",
    "letter_create",
    "letter_delete",
    "letter_batch_job",
    "letter_issue",
    "letter_issue_enqueue",
    "letter_profile_save",
    "letter_reopen",
    "letter_request_approval",
    "letter_restore",
    "letter_store_missing_pdfs",
    "letter_update",
    "letters_purge_daily",
    "letters_purge_deleted",
]
