"""Checks of a page's structure that the HTML checker and axe leave to people (WCAG 1.3.1, 2.4.1,
2.4.6, 3.3.1): one <h1> and no skipped heading level; the landmarks (header, main, footer; the
menu's nav is there once signed in) and the skip link to <main>; a <caption> (or a label) on
every table and a scope on every header cell; and every id that a label, a field's description
or an in-page link points to exists."""

from html.parser import HTMLParser

HEADINGS = {f"h{level}": level for level in range(1, 7)}


class _Structure(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.references: list[tuple[str, str]] = []  # (what, id)
        self.headings: list[int] = []
        self.tags: set[str] = set()
        self.tables: list[dict] = []
        self.header_cells_without_scope = 0
        self.first_link = None
        self.in_template = 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "template":
            self.in_template += 1
        if self.in_template:
            return
        self.tags.add(tag)
        if attrs.get("id"):
            self.ids.add(attrs["id"])
        for name in ("aria-describedby", "aria-labelledby", "aria-controls"):
            for target in (attrs.get(name) or "").split():
                self.references.append((name, target))
        if tag == "label" and attrs.get("for") is not None:
            self.references.append(("label for", attrs["for"]))
        if tag == "a" and (attrs.get("href") or "").startswith("#") and len(attrs["href"]) > 1:
            self.references.append(("a href", attrs["href"][1:]))
            if self.first_link is None:
                self.first_link = attrs["href"]
        elif tag == "a" and self.first_link is None:
            self.first_link = attrs.get("href", "")
        if tag in HEADINGS:
            self.headings.append(HEADINGS[tag])
        if tag == "table":
            self.tables.append(
                {
                    "caption": False,
                    "aria": bool(attrs.get("aria-labelledby") or attrs.get("aria-label")),
                }
            )
        if tag == "caption" and self.tables:
            self.tables[-1]["caption"] = True
        if tag == "th" and attrs.get("scope") not in ("col", "row", "colgroup", "rowgroup"):
            self.header_cells_without_scope += 1

    def handle_endtag(self, tag):
        if tag == "template" and self.in_template:
            self.in_template -= 1


def structure_problems(html: str, *, full_page: bool = True) -> list[str]:
    """What is wrong with the page's structure, in Dutch; empty when nothing is."""
    page = _Structure()
    page.feed(html)
    problems = []
    for what, target in page.references:
        if target not in page.ids:
            problems.append(f"{what}={target!r} wijst naar geen element")
    tables_without_caption = sum(
        1 for table in page.tables if not table["caption"] and not table["aria"]
    )
    if tables_without_caption:
        problems.append(f"{tables_without_caption} tabel(len) zonder <caption>")
    if page.header_cells_without_scope:
        problems.append(f"{page.header_cells_without_scope} kopcel(len) <th> zonder scope")
    if not full_page:
        return problems
    if page.headings.count(1) != 1:
        problems.append(f"{page.headings.count(1)} keer <h1> in plaats van één")
    for before, after in zip(page.headings, page.headings[1:], strict=False):
        if after > before + 1:
            problems.append(f"kopniveau springt van h{before} naar h{after}")
            break
    for landmark in ("header", "main", "footer"):
        if landmark not in page.tags:
            problems.append(f"geen <{landmark}>")
    if page.first_link != "#main":
        problems.append("de eerste link is niet de link naar de inhoud (#main)")
    return problems
