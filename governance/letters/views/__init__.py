"""Staff pages for council letters: list, compose, edit, blocks, workflow, preview, downloads."""

from .blocks import block_add
from .compose import BLOCK_ACTIONS, board_letter_create, letter_create, letter_edit
from .documents import letter_draft_pdf, letter_pdf, letter_preview, letter_zip, pdf_response
from .profiles import letter_profile_edit, letter_profile_list
from .reading import LetterListView, letter_detail
from .workflow import (
    LETTER_ACTIONS,
    letter_action,
    letter_bin,
    letter_issue_confirm,
    letter_restore,
)

__all__ = [
    "BLOCK_ACTIONS",
    "LETTER_ACTIONS",
    "LetterListView",
    "block_add",
    "board_letter_create",
    "letter_action",
    "letter_bin",
    "letter_create",
    "letter_detail",
    "letter_draft_pdf",
    "letter_edit",
    "letter_issue_confirm",
    "letter_pdf",
    "letter_preview",
    "letter_profile_edit",
    "letter_profile_list",
    "letter_restore",
    "letter_zip",
    "pdf_response",
]
