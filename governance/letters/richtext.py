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

import html
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

import nh3

# What a stored text may contain after cleaning.
BLOCK_TAGS = {"p", "h3", "h4", "ul", "ol", "table"}
INLINE_TAGS = {"strong", "em", "u", "a", "br", "sub", "sup"}
TABLE_TAGS = {"thead", "tbody", "tfoot", "tr", "th", "td"}
ALLOWED_TAGS = BLOCK_TAGS | INLINE_TAGS | TABLE_TAGS | {"li"}
ATTRIBUTES = {
    "a": {"href"},
    "ol": {"start"},
    "td": {"colspan", "rowspan"},
    "th": {"colspan", "rowspan"},
}
URL_SCHEMES = {"http", "https", "mailto"}
# Accepted on input (pasted from Word, typed in the editor) and rewritten to the tags above.
RENAMED = {"b": "strong", "i": "em", "h1": "h3", "h2": "h3", "h5": "h4", "h6": "h4"}
TRANSPARENT_TAGS = {"span"}
INPUT_TAGS = ALLOWED_TAGS | set(RENAMED) | TRANSPARENT_TAGS | {"div", "caption"}
# Removed with everything inside them, not only the tag.
DROPPED_WITH_CONTENT = {"script", "style", "template", "noscript", "iframe", "object", "title"}
VOID_TAGS = {"br"}

NUMERIC_CELL = re.compile(r"^[−\-+]?\s*(€\s*)?\d[\d.]*(,\d+)?\s*%?$")
MAX_SPAN = 20  # colspan and rowspan beyond this are dropped

PLACEHOLDER = re.compile(r"^\s*\[\[\s*blok\s+(\d{1,3})\s*\]\]\s*$", re.IGNORECASE)


# --- A small tree of the cleaned HTML ---------------------------------------------------------


@dataclass
class Element:
    tag: str
    attrs: dict[str, str] = field(default_factory=dict)
    children: list = field(default_factory=list)


class _TreeBuilder(HTMLParser):
    """Builds a tree of the HTML nh3 wrote: well-formed, known tags, text already escaped."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = Element("root")
        self.stack = [self.root]

    def handle_starttag(self, tag, attrs):
        if tag in TRANSPARENT_TAGS:
            return
        tag = RENAMED.get(tag, tag)
        element = Element(tag, {name: value or "" for name, value in attrs})
        self.stack[-1].children.append(element)
        if tag not in VOID_TAGS:
            self.stack.append(element)

    def handle_endtag(self, tag):
        tag = RENAMED.get(tag, tag)
        for index in range(len(self.stack) - 1, 0, -1):
            if self.stack[index].tag == tag:
                del self.stack[index:]
                return

    def handle_data(self, data):
        self.stack[-1].children.append(data)


def _tree(cleaned: str) -> Element:
    builder = _TreeBuilder()
    builder.feed(cleaned)
    builder.close()
    return builder.root


def _is_inline(node) -> bool:
    return isinstance(node, str) or node.tag in INLINE_TAGS


def _text_of(node) -> str:
    if isinstance(node, str):
        return node
    return "".join(_text_of(child) for child in node.children)


def _is_blank(nodes) -> bool:
    """Only whitespace and line breaks (the editor's empty paragraph is <p><br></p>)."""
    return all(
        (isinstance(node, str) and not node.strip())
        or (not isinstance(node, str) and node.tag == "br")
        or (not isinstance(node, str) and node.tag in INLINE_TAGS and _is_blank(node.children))
        for node in nodes
    )


def _inline(nodes) -> list:
    """Inline content: blocks inside it (a list in a paragraph) give up their tags."""
    result = []
    for node in nodes:
        if isinstance(node, str):
            result.append(node)
        elif node.tag == "a" and not node.attrs.get("href"):
            result.extend(_inline(node.children))  # a link whose address was refused
        elif node.tag in INLINE_TAGS:
            result.append(Element(node.tag, node.attrs, _inline(node.children)))
        else:
            result.extend(_inline(node.children))
    return result


def _trim(nodes: list) -> list:
    """Without line breaks and whitespace at either end."""
    nodes = list(nodes)
    while nodes and (
        (isinstance(nodes[0], str) and not nodes[0].strip())
        or (not isinstance(nodes[0], str) and nodes[0].tag == "br")
    ):
        nodes.pop(0)
    while nodes and (
        (isinstance(nodes[-1], str) and not nodes[-1].strip())
        or (not isinstance(nodes[-1], str) and nodes[-1].tag == "br")
    ):
        nodes.pop()
    if nodes and isinstance(nodes[0], str):
        nodes[0] = nodes[0].lstrip()
    if nodes and isinstance(nodes[-1], str):
        nodes[-1] = nodes[-1].rstrip()
    return nodes


def _blocks(nodes) -> list[Element]:
    """Block-level content: loose inline runs become paragraphs, divs give way to what they
    hold, empty paragraphs go."""
    result: list[Element] = []
    run: list = []

    def flush():
        if run and not _is_blank(run):
            result.append(Element("p", {}, _trim(_inline(run))))
        run.clear()

    for node in nodes:
        if _is_inline(node):
            run.append(node)
            continue
        flush()
        if node.tag in ("p", "h3", "h4"):
            content = _trim(_inline(node.children))
            if content and not _is_blank(content):
                result.append(Element(node.tag, {}, content))
        elif node.tag in ("ul", "ol"):
            items = [_list_item(child) for child in node.children if not isinstance(child, str)]
            items = [item for item in items if item.children]
            if items:
                attrs = {}
                if node.tag == "ol" and node.attrs.get("start", "").isdigit():
                    start = int(node.attrs["start"])
                    if 1 < start < 10000:
                        attrs["start"] = str(start)
                result.append(Element(node.tag, attrs, items))
        elif node.tag == "table":
            for child in node.children:
                if not isinstance(child, str) and child.tag == "caption":
                    caption = _trim(_inline(child.children))
                    if caption:
                        result.append(Element("p", {}, [Element("strong", {}, caption)]))
            table = _table(node)
            if table is not None:
                result.append(table)
        else:  # li or a table part out of place, or anything else: its content
            result.extend(_blocks(node.children))
    flush()
    return result


def _list_item(node) -> Element:
    """An item holds text and, nested, its own lists."""
    children, run = [], []
    for child in node.children if node.tag == "li" else [node]:
        if not isinstance(child, str) and child.tag in ("ul", "ol"):
            if run:
                children.extend(_inline(run))
                run = []
            nested = _blocks([child])
            children.extend(nested)
        else:
            run.append(child)
    children.extend(_inline(run))
    return Element("li", {}, _trim(children))


def _table(node: Element) -> Element | None:
    rows = []

    def collect(parent, in_head):
        for child in parent.children:
            if isinstance(child, str):
                continue
            if child.tag == "tr":
                rows.append((in_head, child))
            elif child.tag in ("thead", "tbody", "tfoot"):
                collect(child, in_head or child.tag == "thead")

    collect(node, False)
    head, body = [], []
    for in_head, row in rows:
        cells = []
        for cell in row.children:
            if isinstance(cell, str) or cell.tag not in ("td", "th"):
                continue
            attrs = {
                name: value
                for name, value in cell.attrs.items()
                if name in ("colspan", "rowspan") and value.isdigit() and 1 < int(value) <= MAX_SPAN
            }
            tag = "th" if in_head else cell.tag
            if tag == "th":
                attrs["scope"] = "col" if in_head else "row"
            content = _trim(_inline(cell.children))
            if tag == "td" and NUMERIC_CELL.match(_text_of(Element("td", {}, content)).strip()):
                attrs["class"] = "number"  # amounts stand right-aligned, as in the letters
            cells.append(Element(tag, attrs, content))
        if cells:
            (head if in_head else body).append(Element("tr", {}, cells))
    if not head and not body:
        return None
    if not head and len(body) > 1:
        # Word and spreadsheets mark no header: the first row is the header, as people read it.
        first = body.pop(0)
        for cell in first.children:
            cell.tag = "th"
            cell.attrs.pop("class", None)
            cell.attrs["scope"] = "col"
        head.append(first)
    parts = []
    if head:
        parts.append(Element("thead", {}, head))
    if body:
        parts.append(Element("tbody", {}, body))
    return Element("table", {}, parts)


def _serialise(nodes) -> str:
    out = []
    for node in nodes:
        if isinstance(node, str):
            out.append(html.escape(node, quote=False))
            continue
        attrs = "".join(
            f' {name}="{html.escape(value, quote=True)}"' for name, value in node.attrs.items()
        )
        if node.tag in VOID_TAGS:
            out.append(f"<{node.tag}>")
        else:
            out.append(f"<{node.tag}{attrs}>{_serialise(node.children)}</{node.tag}>")
    return "".join(out)


# --- Cleaning ---------------------------------------------------------------------------------


def _keep_attribute(tag: str, name: str, value: str):
    if tag == "a" and name == "href":
        scheme = value.split(":", 1)[0].strip().lower() if ":" in value else ""
        return value if scheme in URL_SCHEMES else None
    return value


_WORD_LIST_ITEM = re.compile(
    r"<p[^>]*class=\"?MsoListParagraph[^>]*>(.*?)</p>", re.IGNORECASE | re.DOTALL
)
_WORD_LIST_MARKER = re.compile(
    r"<!--\[if !supportLists\]-->.*?<!--\[endif\]-->|<span[^>]*mso-list:\s*Ignore[^>]*>.*?</span>"
    r"(?:\s*</span>)*",
    re.IGNORECASE | re.DOTALL,
)


def _word_lists(raw: str) -> str:
    """Word pastes a list as paragraphs of class MsoListParagraph… with the bullet or number
    as text; make them list items again (a run of them becomes one list)."""
    if "MsoListParagraph" not in raw:
        return raw

    def item(match):
        inner = match.group(1)
        marker = _WORD_LIST_MARKER.search(inner)
        kind = "ul"
        if marker:
            marker_text = re.sub(r"<[^>]+>|&nbsp;", "", marker.group(0)).strip()
            kind = "ol" if re.match(r"^\(?[0-9a-zA-Z]{1,3}[.)]", marker_text) else "ul"
            inner = inner[: marker.start()] + inner[marker.end() :]
        return f"<li data-list={kind}>{inner}</li>"

    raw = _WORD_LIST_ITEM.sub(item, raw)
    for kind in ("ul", "ol"):  # a run of items of one kind is one list
        raw = re.sub(
            rf"(?:<li data-list={kind}>(?:(?!</li>).)*</li>\s*)+",
            lambda match, kind=kind: f"<{kind}>{match.group(0)}</{kind}>",
            raw,
            flags=re.DOTALL,
        )
    return raw


def sanitise(raw: str) -> str:
    """Clean HTML from the editor, from Word or from anywhere: only the tags and attributes a
    letter uses, links only to http(s) and mailto, tables with their rows and header, loose text
    in paragraphs. The result is empty when nothing readable remains."""
    if not raw or not raw.strip():
        return ""
    cleaned = nh3.clean(
        _word_lists(raw),
        tags=INPUT_TAGS,
        clean_content_tags=DROPPED_WITH_CONTENT,
        attributes=ATTRIBUTES,
        attribute_filter=_keep_attribute,
        url_schemes=URL_SCHEMES,
        url_relative="deny",
        link_rel="noopener noreferrer",
        strip_comments=True,
    )
    return _serialise(_blocks(_tree(cleaned).children)).strip()


def looks_like_html(text: str) -> bool:
    return text.lstrip().startswith("<")


def as_html(text: str) -> str:
    """A stored text as clean HTML, whichever way it was stored (HTML, or the older markup)."""
    if not text or not text.strip():
        return ""
    return sanitise(text) if looks_like_html(text) else markup_to_html(text)


def is_empty(text: str) -> bool:
    return not as_html(text)


# --- The simple markup ------------------------------------------------------------------------

BULLET = re.compile(r"^(?:[-*•·▪◦o§]|&#8226;)\s+(.*)$")
BULLET_ALONE = {"-", "*", "•", "·"}
NUMBERED = re.compile(r"^(\d{1,4})[.)]\s+(.*)$")
TABLE_SEPARATOR = re.compile(r"^\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?$")

_INLINE = re.compile(
    r"\[(?P<label>[^\]\n]+)\]\((?P<target>(?:https?://|mailto:)[^\s)]+)\)"
    r"|\*\*(?P<bold>[^*\n]+?)\*\*"
    r"|(?<![\w*])\*(?P<italic>[^*\s](?:[^*\n]*?[^*\s])?)\*(?![\w*])"
    r"|(?P<url>https?://[^\s<>\"]+[^\s<>\".,;:!?)\]])"
)


def _markup_inline(text: str) -> str:
    """One line of markup as HTML; everything else is text (escaped)."""
    out, position = [], 0
    for match in _INLINE.finditer(text):
        out.append(html.escape(text[position : match.start()], quote=False))
        if match.group("label") is not None:
            out.append(
                f'<a href="{html.escape(match.group("target"))}">'
                f"{html.escape(match.group('label'), quote=False)}</a>"
            )
        elif match.group("bold") is not None:
            out.append(f"<strong>{_markup_inline(match.group('bold'))}</strong>")
        elif match.group("italic") is not None:
            out.append(f"<em>{html.escape(match.group('italic'), quote=False)}</em>")
        else:
            url = match.group("url")
            out.append(f'<a href="{html.escape(url)}">{html.escape(url, quote=False)}</a>')
        position = match.end()
    out.append(html.escape(text[position:], quote=False))
    return "".join(out)


def _table_cells(line: str) -> list[str]:
    if "\t" in line and not line.lstrip().startswith("|"):
        return [cell.strip() for cell in line.split("\t")]
    cells = [cell.strip() for cell in line.strip().split("|")]
    if cells and not cells[0]:
        cells = cells[1:]
    if cells and not cells[-1]:
        cells = cells[:-1]
    return cells


def _markup_table(lines: list[str]) -> str:
    rows = [_table_cells(line) for line in lines if not TABLE_SEPARATOR.match(line.strip())]
    rows = [row for row in rows if any(rows)]
    if not rows:
        return ""
    width = max(len(row) for row in rows)
    head, *body = rows
    head_html = "".join(f'<th scope="col">{_markup_inline(cell)}</th>' for cell in head)
    head_html += '<th scope="col"></th>' * (width - len(head))
    body_html = "".join(
        "<tr>"
        + "".join(f"<td>{_markup_inline(cell)}</td>" for cell in row)
        + "<td></td>" * (width - len(row))
        + "</tr>"
        for row in body
    )
    table = f"<table><thead><tr>{head_html}</tr></thead>"
    if body_html:
        table += f"<tbody>{body_html}</tbody>"
    return table + "</table>"


def _is_table_line(raw: str) -> bool:
    """'| a | b |', or cells separated by tabs (a list item pasted as '1.<tab>text' is not)."""
    line = raw.strip()
    if line.startswith("|"):
        return True
    item = BULLET.match(line) or NUMBERED.match(line)
    return "\t" in (item.group(item.lastindex).strip() if item else line)


def markup_to_html(text: str) -> str:
    """The simple markup (see the module's docstring) as clean HTML."""
    blocks: list[str] = []
    paragraph: list[str] = []
    items: list[str] = []
    list_kind = ""
    list_start = 1
    table: list[str] = []

    def flush():
        nonlocal list_kind
        if paragraph:
            blocks.append("<p>" + "<br>".join(_markup_inline(line) for line in paragraph) + "</p>")
            paragraph.clear()
        if items:
            start = f' start="{list_start}"' if list_kind == "ol" and list_start != 1 else ""
            inner = "".join(f"<li>{_markup_inline(item)}</li>" for item in items)
            blocks.append(f"<{list_kind}{start}>{inner}</{list_kind}>")
            items.clear()
            list_kind = ""
        if table:
            blocks.append(_markup_table(table))
            table.clear()

    for raw in (text or "").replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        line = raw.strip()
        if not line:
            flush()
            continue
        if _is_table_line(raw):
            if not table:
                flush()
            table.append(raw)
            continue
        if table:
            flush()
        heading = re.match(r"^(#{2,3})\s+(.*)$", line)
        bullet = BULLET.match(line)
        numbered = NUMBERED.match(line)
        if heading:
            flush()
            tag = "h3" if len(heading.group(1)) == 2 else "h4"
            blocks.append(f"<{tag}>{_markup_inline(heading.group(2).strip())}</{tag}>")
        elif bullet or line in BULLET_ALONE:
            if list_kind != "ul" or paragraph:
                flush()
            list_kind = "ul"
            item = bullet.group(1).strip() if bullet else ""
            if item:
                items.append(item)
        elif numbered:
            if list_kind != "ol" or paragraph:
                flush()
                list_start = int(numbered.group(1))
            list_kind = "ol"
            items.append(numbered.group(2).strip())
        elif items and raw.startswith(("  ", "\t")):
            items[-1] = f"{items[-1]} {line}"  # an indented line continues the item
        else:
            if items:
                flush()
            paragraph.append(line)
    flush()
    return sanitise("".join(blocks))


def _inline_markup(nodes) -> str:
    out = []
    for node in nodes:
        if isinstance(node, str):
            out.append(node)
        elif node.tag == "br":
            out.append("\n")
        elif node.tag == "strong":
            inner = _inline_markup(node.children)
            out.append(f"**{inner}**" if inner.strip() else inner)
        elif node.tag == "em":
            inner = _inline_markup(node.children)
            out.append(f"*{inner}*" if inner.strip() else inner)
        elif node.tag == "a":
            label, href = _inline_markup(node.children), node.attrs.get("href", "")
            out.append(label if not href else href if label == href else f"[{label}]({href})")
        else:
            out.append(_inline_markup(node.children))
    return "".join(out)


def _list_markup(node: Element, depth: int = 0) -> list[str]:
    lines = []
    number = int(node.attrs.get("start", "1") or 1)
    for item in node.children:
        if isinstance(item, str):
            continue
        marker = f"{number}." if node.tag == "ol" else "-"
        number += 1
        inline = [child for child in item.children if _is_inline(child)]
        text = " ".join(_inline_markup(inline).split("\n"))
        lines.append(f"{'  ' * depth}{marker} {text.strip()}")
        for child in item.children:
            if not _is_inline(child) and child.tag in ("ul", "ol"):
                lines.extend(_list_markup(child, depth + 1))
    return lines


def html_to_markup(text: str) -> str:
    """A stored text in the simple markup, for the plain field (no JavaScript)."""
    if not text or not looks_like_html(text):
        return text or ""
    blocks = []
    for node in _tree(sanitise(text)).children:
        if isinstance(node, str):
            continue
        if node.tag == "p":
            blocks.append(_inline_markup(node.children))
        elif node.tag in ("h3", "h4"):
            prefix = "##" if node.tag == "h3" else "###"
            blocks.append(f"{prefix} {' '.join(_inline_markup(node.children).split())}")
        elif node.tag in ("ul", "ol"):
            blocks.append("\n".join(_list_markup(node)))
        elif node.tag == "table":
            rows = []
            for part in node.children:
                for row in part.children:
                    cells = [
                        " ".join(_inline_markup(cell.children).split()).replace("|", "/")
                        for cell in row.children
                    ]
                    rows.append("| " + " | ".join(cells) + " |")
            blocks.append("\n".join(rows))
    return "\n\n".join(blocks)


# --- Where the blocks stand ---------------------------------------------------------------------


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
