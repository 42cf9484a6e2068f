"""The simple markup of the plain field (no JavaScript), both ways, and a stored text as HTML
whichever way it was stored."""

import html
import re

from .clean import sanitise
from .tree import Element, _is_inline, _tree


def looks_like_html(text: str) -> bool:
    return text.lstrip().startswith("<")


def as_html(text: str) -> str:
    """A stored text as clean HTML, whichever way it was stored (HTML, or the older markup)."""
    if not text or not text.strip():
        return ""
    return sanitise(text) if looks_like_html(text) else markup_to_html(text)


def is_empty(text: str) -> bool:
    return not as_html(text)


# '- ', '* ', '• ' typed; Word's plain text gives '•<tab>', 'o<tab>' (second level) or '§<tab>'.
BULLET = re.compile(r"^(?:[-*•·▪◦]\s+|[o§]\t+)(.*)$")
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
