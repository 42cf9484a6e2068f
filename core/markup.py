"""A simple markup for texts an administrator writes in a plain text field, rendered safely.

- a blank line starts a new paragraph; a single line break stays a line break;
- a line starting with `## ` is a heading (an `h2`), `### ` a lower one (an `h3`);
- consecutive lines starting with `- ` form a bulleted list;
- web and e-mail addresses become links.

Everything is escaped first: no HTML a person types ever reaches the page as HTML.
"""

from django.utils.html import escape, urlize
from django.utils.safestring import SafeString, mark_safe

_HEADINGS = (("### ", "h3"), ("## ", "h2"))


def _inline(text: str) -> str:
    return urlize(escape(text), nofollow=True, autoescape=False)


def _block(lines: list[str]) -> str:
    for prefix, tag in _HEADINGS:
        if len(lines) == 1 and lines[0].startswith(prefix):
            return f"<{tag}>{_inline(lines[0][len(prefix) :].strip())}</{tag}>"
    # Runs of list lines are lists; the lines between them paragraphs.
    parts, run = [], []
    for line in lines:
        if run and run[0].startswith("- ") != line.startswith("- "):
            parts.append(run)
            run = []
        run.append(line)
    parts.append(run)
    html = []
    for part in parts:
        if part[0].startswith("- "):
            items = "".join(f"<li>{_inline(line[2:].strip())}</li>" for line in part)
            html.append(f"<ul>{items}</ul>")
        else:
            html.append("<p>" + "<br>".join(_inline(line) for line in part) + "</p>")
    return "".join(html)


def simple_markup(text: str) -> SafeString:
    """The text as HTML: headings, paragraphs, bulleted lists and links, nothing else."""
    blocks: list[list[str]] = [[]]
    for raw in (text or "").replace("\r\n", "\n").split("\n"):
        line = raw.rstrip()
        if not line.strip():
            if blocks[-1]:
                blocks.append([])
            continue
        starts_own_block = line.startswith(("## ", "### "))
        if starts_own_block and blocks[-1]:
            blocks.append([])
        blocks[-1].append(line)
        if starts_own_block:
            blocks.append([])
    return mark_safe("\n".join(_block(lines) for lines in blocks if lines))  # noqa: S308
