"""The text of a letter's section: sanitised HTML, its simple markup, and where blocks stand.

A section's text is stored as HTML that `sanitise` has cleaned: paragraphs, subheadings, bold,
italic, underline, bulleted and numbered lists, links (http, https, mailto) and tables; nothing
else survives (no scripts, event handlers, styles, classes, images or other remote content). The
HTML is cleaned again before it is shown or printed, so a row written past the forms is safe too.

Without the editor (no JavaScript) a section is a plain field in a simple markup, converted by
`markup_to_html` and shown back by `html_to_markup`:

    ## Tussenkop            ### kleinere tussenkop
    - punt  (or * or •)     1. genummerd punt
    **vet**  *cursief*      [tekst](https://…)  and a bare https://… address
    | kop | kop |           a table: one line per row, the first is the header
    (lines with tabs, as a table pasted from Word or a spreadsheet, are a table too)
    [[blok 1]]              on a line of its own: the section's first data block stands here

Blank lines separate paragraphs. A text that does not start with a tag is read as this markup,
so texts from before the HTML editor keep showing as they were written.
"""

from .clean import sanitise
from .markup import as_html, html_to_markup, is_empty, looks_like_html, markup_to_html
from .placement import TextPiece, split_at_blocks, unplaced_numbers
from .tree import ALLOWED_TAGS, PLACEHOLDER

__all__ = [
    "ALLOWED_TAGS",
    "PLACEHOLDER",
    "TextPiece",
    "as_html",
    "html_to_markup",
    "is_empty",
    "looks_like_html",
    "markup_to_html",
    "sanitise",
    "split_at_blocks",
    "unplaced_numbers",
]
