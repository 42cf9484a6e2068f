"""Cleaning HTML from the editor, from Word or from anywhere with nh3."""

import re

import nh3

from .tree import (
    ATTRIBUTES,
    DROPPED_WITH_CONTENT,
    INPUT_TAGS,
    URL_SCHEMES,
    _blocks,
    _serialise,
    _tree,
)


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
