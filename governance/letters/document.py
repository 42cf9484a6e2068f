"""The letter as printed: what the print template shows, for one addressed municipality.

The same template gives the stored PDF (assets relative to static/, see core.pdf) and the
preview in the browser (assets under STATIC_URL): only `asset_base` differs.
"""

from dataclasses import dataclass, field

from django.template.loader import render_to_string
from django.templatetags.static import PrefixNode
from django.utils import dateformat, translation
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from core.pdf import PdfAttachment, render_to_pdf
from governance.models import Letter

from .blocks import BlockView, block_csv, block_view
from .board import Signatory, board_signatories
from .constants import OPTIONAL_HEADER_FIELDS
from .profiles import printed_fields
from .richtext import split_at_blocks

PRINT_TEMPLATE = "governance/letters/pdf/letter.html"
BOARD_PRINT_TEMPLATE = "governance/letters/pdf/board_letter.html"


@dataclass(frozen=True)
class SectionPart:
    """A piece of a section as printed: clean HTML, or a data block where the text placed it."""

    html: str = ""
    block: BlockView | None = None


def section_parts(text: str, blocks: list[BlockView]) -> list[SectionPart]:
    """The section's text with its blocks where '[[blok N]]' places them; blocks the text does
    not place follow it, in their order."""
    pieces, placed = split_at_blocks(text, len(blocks))
    parts = [
        SectionPart(block=blocks[piece.block])
        if piece.block is not None
        # The pieces are HTML cleaned by richtext.sanitise, nothing else.
        else SectionPart(html=mark_safe(piece.html))
        for piece in pieces
    ]
    parts.extend(
        SectionPart(block=view) for index, view in enumerate(blocks) if index not in placed
    )
    return parts


@dataclass(frozen=True)
class PrintedDecision:
    title: str
    reference: str
    body: str
    date: object


@dataclass(frozen=True)
class PrintedSection:
    anchor: str
    heading: str
    parts: list[SectionPart]
    decisions: list[PrintedDecision] | None
    blocks: list[BlockView]

    @property
    def has_text(self) -> bool:
        return any(part.html for part in self.parts)


@dataclass(frozen=True)
class PrintedLetter:
    letter: Letter
    municipality: object
    title: str
    author: str
    document_title: str
    header_rows: list[tuple[str, str]]
    meta_rows: list[tuple[str, str]]
    sections: list[PrintedSection]
    addressee_names: list[str]
    signature_lines: list[str]
    is_final: bool
    asset_base: str = ""
    blocks: list[BlockView] = field(default_factory=list)
    # A board's letter to the colleges: its letterhead, opening, closing and signatories.
    is_board_letter: bool = False
    sender_organisation: str = ""
    sender_name: str = ""
    addressee_line: str = ""
    salutation: str = ""
    closing_lines: list[str] = field(default_factory=list)
    signatories: list[Signatory] = field(default_factory=list)

    @property
    def print_template(self) -> str:
        return BOARD_PRINT_TEMPLATE if self.is_board_letter else PRINT_TEMPLATE


# The labels of the header fields as 000 prints them.
HEADER_LABELS = {
    "case_number": _lazy("Zaaknummer"),
    "meeting": _lazy("Vergadering van"),
    "portfolio_holder": _lazy("Portefeuillehouder"),
    "budget_programme": _lazy("Begrotingsprogramma"),
    "pillar": _lazy("Pijler"),
    "core_team": _lazy("Kernteam/Opgave"),
    "author": _lazy("Auteur"),
    "email": _lazy("E-mail"),
    "responsible": _lazy("Verantwoordelijke"),
}


def _public_text(letter: Letter) -> str:
    if letter.is_public:
        return _("Ja")
    if letter.woo_ground:
        return _("Nee – %(ground)s") % {"ground": letter.get_woo_ground_display()}
    return _("Nee")


def printed_letter(letter: Letter, municipality, *, asset_base: str = "") -> PrintedLetter:
    """Everything the print template shows. Expects the letter from `selectors.letter_for_print`
    (sections, questions, blocks and decisions prefetched)."""
    with translation.override("nl"):
        date = dateformat.format(letter.date, "j F Y") if letter.date else ""
        carried = set(printed_fields(municipality))
        values = {name: getattr(letter, name) for name in OPTIONAL_HEADER_FIELDS}

        def rows(names):
            # Only what this municipality's letters carry, and never an empty field.
            return [
                (HEADER_LABELS[name], str(values[name]))
                for name in names
                if name in carried and str(values[name] or "").strip()
            ]

        header_rows = [
            (_("Datum"), date),
            *rows(["case_number"]),
            (_("Betreft"), letter.subject),
        ]
        meta_rows = [
            *rows([name for name in OPTIONAL_HEADER_FIELDS if name != "case_number"]),
            (_("Openbaar"), _public_text(letter)),
        ]
        decisions = [
            PrintedDecision(
                title=decision.title,
                reference=decision.reference,
                body=decision.body.abbreviation,
                date=decision.date,
            )
            # Newest first, as 000 lists them; within a day by reference (RIS number).
            for decision in sorted(
                letter.related_decisions.all(),
                key=lambda d: (-d.date.toordinal(), d.reference, d.title),
            )
        ]
        sections, all_blocks, number = [], [], 0
        for section in letter.sections.all():
            views = []
            for block in section.blocks.all():
                number += 1
                views.append(block_view(block, municipality, number=number))
            all_blocks.extend(views)
            sections.append(
                PrintedSection(
                    anchor=f"vraag-{section.question.order}",
                    heading=section.question.text,
                    parts=section_parts(section.text, views),
                    decisions=decisions if section.question.lists_decisions else None,
                    blocks=views,
                )
            )
        addressees = letter.addressee_list()
        if letter.is_board_letter:
            return _printed_board_letter(
                letter, municipality, date, sections, all_blocks, addressees, asset_base
            )
        return PrintedLetter(
            letter=letter,
            municipality=municipality,
            title=letter.subject,
            author=letter.author or _("Gemeente %(name)s") % {"name": municipality.name},
            document_title=letter.template.name,
            header_rows=header_rows,
            meta_rows=meta_rows,
            sections=sections,
            addressee_names=[m.name for m in addressees] if letter.is_regional else [],
            signature_lines=[line for line in letter.signature.splitlines() if line.strip()],
            is_final=letter.is_issued,
            asset_base=asset_base,
            blocks=all_blocks,
        )


def _printed_board_letter(
    letter, municipality, date, sections, blocks, addressees, asset_base
) -> PrintedLetter:
    """A board's letter: the body's letterhead, no municipal header fields, no question
    headings (its sections are the free text between salutation and closing) and no section
    without text or block."""
    body = letter.sender_body
    organisation = body.organisation.name if body.organisation_id else ""
    header_rows = [(_("Datum"), date)]
    if letter.case_number.strip():
        header_rows.append((HEADER_LABELS["case_number"], letter.case_number))
    header_rows.append((_("Betreft"), letter.subject))
    return PrintedLetter(
        letter=letter,
        municipality=municipality,
        title=letter.subject,
        author=body.name,
        document_title=letter.template.name,
        header_rows=header_rows,
        meta_rows=[],
        sections=[
            PrintedSection(
                anchor=section.anchor,
                heading="",
                parts=section.parts,
                decisions=None,
                blocks=section.blocks,
            )
            for section in sections
            if section.has_text or section.blocks
        ],
        addressee_names=[m.name for m in addressees],
        signature_lines=[],
        is_final=letter.is_issued,
        asset_base=asset_base,
        blocks=blocks,
        is_board_letter=True,
        sender_organisation=organisation,
        sender_name=body.name,
        addressee_line=_("Aan het college van burgemeester en wethouders van de gemeente %(name)s")
        % {"name": municipality.name},
        salutation=letter.salutation,
        closing_lines=[line for line in letter.closing.splitlines() if line.strip()],
        signatories=board_signatories(body, letter.date),
    )


def letter_attachments(printed: PrintedLetter) -> tuple[PdfAttachment, ...]:
    """One CSV file per live block, with the data exactly as the letter prints them."""
    return tuple(
        PdfAttachment(
            name=view.attachment_name,
            content=block_csv(view.data),
            description=view.title,
        )
        for view in printed.blocks
        if view.data is not None
    )


def render_letter_html(printed: PrintedLetter) -> str:
    return render_to_string(printed.print_template, {"document": printed})


def render_letter_pdf(printed: PrintedLetter) -> tuple[str, bytes]:
    """(html, pdf) of the letter; raises core.pdf.PdfRenderError when rendering fails."""
    with translation.override("nl"):
        return render_to_pdf(
            printed.print_template, {"document": printed}, attachments=letter_attachments(printed)
        )


def preview_asset_base() -> str:
    """Where the browser finds css/print.css and the fonts: the static files' URL."""
    return PrefixNode.handle_simple("STATIC_URL")
