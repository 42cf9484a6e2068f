"""The letter as printed: what the print template shows, for one addressed municipality.

The same template gives the stored PDF (assets relative to static/, see core.pdf) and the
preview in the browser (assets under STATIC_URL): only `asset_base` differs.
"""

from dataclasses import dataclass, field

from django.template.loader import render_to_string
from django.templatetags.static import PrefixNode
from django.utils import dateformat, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from core.pdf import PdfAttachment, render_to_pdf
from governance.models import Letter

from .blocks import BlockView, block_csv, block_view
from .constants import OPTIONAL_HEADER_FIELDS
from .profiles import printed_fields

PRINT_TEMPLATE = "governance/letters/pdf/letter.html"


@dataclass(frozen=True)
class TextPart:
    """A paragraph, a bulleted list or a subheading of a section's text."""

    kind: str  # "paragraph", "list" or "heading"
    text: str = ""
    items: tuple[str, ...] = ()


LIST_MARKERS = ("- ", "• ", "* ")


def parse_text(text: str) -> list[TextPart]:
    """Plain text to parts: blank lines separate paragraphs, '- ' lines make a list, '## ' a
    subheading. Nothing is interpreted as HTML; the template escapes every part."""
    parts: list[TextPart] = []
    paragraph: list[str] = []
    items: list[str] = []

    def flush_paragraph():
        if paragraph:
            parts.append(TextPart("paragraph", text="\n".join(paragraph)))
            paragraph.clear()

    def flush_list():
        if items:
            parts.append(TextPart("list", items=tuple(items)))
            items.clear()

    for raw in (text or "").replace("\r\n", "\n").split("\n"):
        line = raw.strip()
        if not line:
            flush_paragraph()
            flush_list()
        elif line.startswith(LIST_MARKERS) or line in ("-", "•"):
            flush_paragraph()
            item = line[2:].strip()
            if item:
                items.append(item)
        elif line.startswith("## "):
            flush_paragraph()
            flush_list()
            parts.append(TextPart("heading", text=line[3:].strip()))
        elif items and raw.startswith(("  ", "\t")):
            items[-1] = f"{items[-1]} {line}"  # an indented line continues the list item
        else:
            flush_list()
            paragraph.append(line)
    flush_paragraph()
    flush_list()
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
    parts: list[TextPart]
    decisions: list[PrintedDecision] | None
    blocks: list[BlockView]


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
                    parts=parse_text(section.text),
                    decisions=decisions if section.question.lists_decisions else None,
                    blocks=views,
                )
            )
        addressees = letter.addressee_list()
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
    return render_to_string(PRINT_TEMPLATE, {"document": printed})


def render_letter_pdf(printed: PrintedLetter) -> tuple[str, bytes]:
    """(html, pdf) of the letter; raises core.pdf.PdfRenderError when rendering fails."""
    with translation.override("nl"):
        return render_to_pdf(
            PRINT_TEMPLATE, {"document": printed}, attachments=letter_attachments(printed)
        )


def preview_asset_base() -> str:
    """Where the browser finds css/print.css and the fonts: the static files' URL."""
    return PrefixNode.handle_simple("STATIC_URL")
