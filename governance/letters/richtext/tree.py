"""The tags a stored text may hold, and a small tree of cleaned HTML: built from nh3's output,
normalised (paragraphs, lists, tables with a header) and written back."""

import html
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

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
