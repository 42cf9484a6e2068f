"""Where a section's blocks stand: the paragraphs '[[blok N]]' that place them."""

from dataclasses import dataclass

from .markup import as_html
from .tree import PLACEHOLDER, _serialise, _text_of, _tree


@dataclass(frozen=True)
class TextPiece:
    """Clean HTML between the blocks a text places, or a placed block (its index, 0-based)."""

    html: str = ""
    block: int | None = None


def split_at_blocks(text: str, block_count: int) -> tuple[list[TextPiece], set[int]]:
    """The section's text in pieces, cut at the paragraphs that place a block ('[[blok 2]]' on
    a line of its own). Returns the pieces and the indexes of the blocks placed; a block is
    placed once (a second mention stays text), a number without its block stays text."""
    cleaned = as_html(text)
    pieces: list[TextPiece] = []
    placed: set[int] = set()
    run: list = []
    for node in _tree(cleaned).children:
        if not isinstance(node, str) and node.tag == "p":
            match = PLACEHOLDER.match(_text_of(node))
            index = int(match.group(1)) - 1 if match else -1
            if 0 <= index < block_count and index not in placed:
                if run:
                    pieces.append(TextPiece(html=_serialise(run)))
                    run = []
                pieces.append(TextPiece(block=index))
                placed.add(index)
                continue
        run.append(node)
    if run:
        pieces.append(TextPiece(html=_serialise(run)))
    return pieces, placed


def unplaced_numbers(text: str, block_count: int) -> list[int]:
    """The block numbers a text places ('[[blok 3]]') that its section does not have."""
    numbers = []
    for node in _tree(as_html(text)).children:
        if not isinstance(node, str) and node.tag == "p":
            match = PLACEHOLDER.match(_text_of(node))
            if match and not 1 <= int(match.group(1)) <= block_count:
                numbers.append(int(match.group(1)))
    return numbers
