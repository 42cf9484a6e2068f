"""Charts as server-rendered SVG: no chart script, the same markup on screen and in the PDF.

Every chart carries a <title> and a <desc> (its text alternative); pages show the table behind it.
No label is cut off: a long label wraps onto more lines (its row grows), the label column and the
axis widen to the longest line, and the legend wraps onto a next row when it runs out of width.
Widths are estimated from the number of characters (`CHAR_WIDTH`, generous for Source Sans 3 at
12 px), since the server cannot measure text.
"""

import hashlib
from dataclasses import dataclass
from decimal import Decimal
from xml.sax.saxutils import escape

from django.utils.safestring import SafeString, mark_safe

from .formatting import format_amount


@dataclass(frozen=True)
class Series:
    key: str
    label: str
    colour: str


def _svg(width: int, height: int, title: str, description: str, body: list[str]) -> SafeString:
    # Stable across processes (unlike hash()), so the same chart prints the same bytes.
    chart_id = "chart-" + hashlib.sha1(f"{title}\n{description}".encode()).hexdigest()[:10]
    return mark_safe(  # every text below is escaped
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 {width} {height}" '
        f'width="100%" role="img" aria-labelledby="{chart_id}-t {chart_id}-d" '
        f'font-family="Source Sans 3, sans-serif" font-size="12">'
        f'<title id="{chart_id}-t">{escape(title)}</title>'
        f'<desc id="{chart_id}-d">{escape(description)}</desc>' + "".join(body) + "</svg>"
    )


CHAR_WIDTH = 7.0  # px per character of 12 px text: wider than Source Sans 3's average
LINE_HEIGHT = 14  # px between the lines of a wrapped label
LEGEND_ROW = 18  # px per row of the legend
# The neutral default of the design tokens (static/css/tokens.css), for a chart of one colour.
DEFAULT_COLOUR = "#33414e"


def text_width(text: str) -> float:
    return len(text) * CHAR_WIDTH


def wrap_label(label: str, max_chars: int) -> list[str]:
    """The label in lines of at most `max_chars` characters, broken between words if it can."""
    max_chars = max(max_chars, 4)
    lines: list[str] = []
    current = ""
    for word in label.split():
        while len(word) > max_chars:  # a word longer than a line is broken with a hyphen
            if current:
                lines.append(current)
                current = ""
            lines.append(word[: max_chars - 1] + "-")
            word = word[max_chars - 1 :]
        candidate = f"{current} {word}" if current else word
        if len(candidate) <= max_chars:
            current = candidate
        else:
            lines.append(current)
            current = word
    if current or not lines:
        lines.append(current)
    return lines


def _label_column(labels: list[str], *, minimum: int, maximum: int) -> tuple[int, int]:
    """(width, characters per line) of a label column wide enough for the longest label."""
    longest = max((len(label) for label in labels), default=0)
    width = int(min(max(longest * CHAR_WIDTH + 12, minimum), maximum))
    return width, int((width - 12) // CHAR_WIDTH)


def _text_lines(x: float, y: float, lines: list[str], anchor: str = "end") -> str:
    """A <text> of one or more lines; the first line's baseline at `y`."""
    spans = "".join(
        f'<tspan x="{x:.1f}" dy="{0 if index == 0 else LINE_HEIGHT}">{escape(line)}</tspan>'
        for index, line in enumerate(lines)
    )
    return f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}" fill="#1b1b1b">{spans}</text>'


def _legend_positions(series: list[Series], x0: float, width: int) -> list[tuple[float, int]]:
    """(x, row) of each legend entry: entries wrap onto a next row at the chart's width."""
    positions, x, row = [], x0, 0
    for item in series:
        entry = 16 + text_width(item.label)
        if x > x0 and x + entry > width:
            x, row = x0, row + 1
        positions.append((x, row))
        x += entry + 12
    return positions


def _legend_rows(series: list[Series], x0: float, width: int) -> int:
    positions = _legend_positions(series, x0, width)
    return positions[-1][1] + 1 if positions else 0


def _legend(series: list[Series], y: float, x0: float, width: int) -> list[str]:
    """The legend, its first row's baseline at `y`."""
    parts = []
    for item, (x, row) in zip(series, _legend_positions(series, x0, width), strict=True):
        line_y = y + row * LEGEND_ROW
        parts.append(
            f'<rect x="{x:.1f}" y="{line_y - 10:.1f}" width="12" height="12" fill="{item.colour}"/>'
        )
        parts.append(
            f'<text x="{x + 16:.1f}" y="{line_y:.1f}" fill="#1b1b1b">{escape(item.label)}</text>'
        )
    return parts


def stacked_bars(
    *, title: str, rows: list[tuple[str, dict[str, int]]], series: list[Series], width: int = 640
) -> SafeString:
    """Horizontal bars, one per row, stacked by series (e.g. effort statuses per theme)."""
    bar_height, gap, top = 22, 10, 8
    label_width, max_chars = _label_column(
        [label for label, _ in rows], minimum=120, maximum=int(width * 0.42)
    )
    total_width = max(len(str(sum(values.values()))) for _, values in rows) if rows else 1
    plot_width = width - label_width - 12 - total_width * CHAR_WIDTH
    wrapped = [wrap_label(label, max_chars) for label, _ in rows]
    row_heights = [max(bar_height, LINE_HEIGHT * len(lines) + 6) for lines in wrapped]
    legend_rows = _legend_rows(series, label_width, width)
    height = top + sum(row_heights) + gap * len(rows) + 10 + LEGEND_ROW * legend_rows
    body, descriptions = [], []
    y = top
    for (label, values), lines, row_height in zip(rows, wrapped, row_heights, strict=True):
        total = sum(values.values())
        bar_y = y + (row_height - bar_height) / 2
        text_y = y + (row_height - LINE_HEIGHT * (len(lines) - 1)) / 2 + 4
        body.append(_text_lines(label_width - 8, text_y, lines))
        x = float(label_width)
        for item in series:
            value = values.get(item.key, 0)
            if not value:
                continue
            segment = plot_width * value / total
            body.append(
                f'<rect x="{x:.1f}" y="{bar_y:.1f}" width="{segment:.1f}" height="{bar_height}" '
                f'fill="{item.colour}"><title>{escape(item.label)}: {value}</title></rect>'
            )
            if segment > 8 + text_width(str(value)):
                body.append(
                    f'<text x="{x + segment / 2:.1f}" y="{bar_y + 15:.1f}" text-anchor="middle" '
                    f'fill="#fff">{value}</text>'
                )
            x += segment
        body.append(
            f'<text x="{label_width + plot_width + 6:.1f}" y="{bar_y + 15:.1f}">{total}</text>'
        )
        parts = ", ".join(f"{item.label} {values.get(item.key, 0)}" for item in series)
        descriptions.append(f"{label}: {parts}")
        y += row_height + gap
    body.extend(_legend(series, y + 12, label_width, width))
    return _svg(width, height, title, "; ".join(descriptions) + ".", body)


def grouped_bars(
    *,
    title: str,
    groups: list[tuple[str, dict[str, Decimal | None]]],
    series: list[Series],
    width: int = 640,
    height: int = 260,
) -> SafeString:
    """Vertical bars per group (e.g. budget and realisation per year); negatives below zero."""
    right, top = 10, 10
    values = [value for _, data in groups for value in data.values() if value is not None]
    high = max([Decimal(0), *values])
    low = min([Decimal(0), *values])
    # The axis is as wide as its longest amount; the group labels wrap to their group's width.
    left = int(max(70, text_width(format_amount(high)) + 12, text_width(format_amount(low)) + 12))
    group_width = (width - left - right) / max(len(groups), 1)
    wrapped = [wrap_label(label, int(group_width // CHAR_WIDTH)) for label, _ in groups]
    label_lines = max((len(lines) for lines in wrapped), default=1)
    legend_rows = _legend_rows(series, left, width)
    bottom = 24 + LINE_HEIGHT * label_lines + LEGEND_ROW * legend_rows
    span = (high - low) or Decimal(1)
    plot_height = height - top - bottom
    zero_y = top + float(high / span) * plot_height
    bar_width = min(40.0, group_width * 0.8 / max(len(series), 1))
    body = [
        f'<line x1="{left}" x2="{width - right}" y1="{zero_y:.1f}" y2="{zero_y:.1f}" '
        f'stroke="#767676"/>',
        f'<text x="{left - 6}" y="{top + 10}" text-anchor="end">{format_amount(high)}</text>',
        f'<text x="{left - 6}" y="{zero_y + 4:.1f}" text-anchor="end">0</text>',
    ]
    if low < 0 and top + plot_height - zero_y > LINE_HEIGHT:  # else it would overprint the 0
        body.append(
            f'<text x="{left - 6}" y="{top + plot_height:.1f}" text-anchor="end">'
            f"{format_amount(low)}</text>"
        )
    descriptions = []
    for index, ((label, data), lines) in enumerate(zip(groups, wrapped, strict=True)):
        x0 = left + index * group_width + (group_width - bar_width * len(series)) / 2
        for position, item in enumerate(series):
            value = data.get(item.key)
            if value is None:
                continue
            bar = float(abs(value) / span) * plot_height
            y = zero_y - bar if value >= 0 else zero_y
            body.append(
                f'<rect x="{x0 + position * bar_width:.1f}" y="{y:.1f}" width="{bar_width - 2:.1f}"'
                f' height="{bar:.1f}" fill="{item.colour}"><title>{escape(label)} '
                f"{escape(item.label)}: {format_amount(value)}</title></rect>"
            )
        centre = left + index * group_width + group_width / 2
        body.append(_text_lines(centre, height - bottom + 16, lines, anchor="middle"))
        parts = ", ".join(
            f"{item.label} {format_amount(data[item.key])}"
            for item in series
            if data.get(item.key) is not None
        )
        descriptions.append(f"{label}: {parts}")
    legend_y = height - bottom + 16 + LINE_HEIGHT * label_lines + 12
    body.extend(_legend(series, legend_y, left, width))
    return _svg(width, height, title, "; ".join(descriptions) + ".", body)


def proportion_bar(*, label: str, values: dict[str, int], series: list[Series]) -> SafeString:
    """A small 100%-wide bar of the shares of each series; `label` is its text alternative."""
    total = sum(values.values())
    x, parts = 0.0, []
    for item in series:
        value = values.get(item.key, 0)
        if not value:
            continue
        width = 100 * value / total
        parts.append(
            f'<rect x="{x:.2f}" y="0" width="{width:.2f}" height="10" fill="{item.colour}"/>'
        )
        x += width
    if not total:
        parts.append('<rect x="0" y="0" width="100" height="10" fill="#e5e5e5"/>')
    return mark_safe(  # the label is escaped
        '<svg xmlns="http://www.w3.org/2000/svg" class="status-bar" viewBox="0 0 100 10" '
        f'width="120" height="12" preserveAspectRatio="none" role="img" '
        f'aria-label="{escape(label, {chr(34): "&quot;"})}">' + "".join(parts) + "</svg>"
    )


def horizontal_bars(
    *, title: str, rows: list[tuple[str, Decimal]], colour: str = DEFAULT_COLOUR, width: int = 640
) -> SafeString:
    """One bar per row with its amount (e.g. what each municipality owes in an allocation)."""
    bar_height, gap = 16, 6
    label_width, max_chars = _label_column(
        [label for label, _ in rows], minimum=120, maximum=int(width * 0.42)
    )
    amount_width = max((text_width(format_amount(value)) for _, value in rows), default=0)
    plot_width = width - label_width - 12 - amount_width
    wrapped = [wrap_label(label, max_chars) for label, _ in rows]
    row_heights = [max(bar_height, LINE_HEIGHT * len(lines) + 2) for lines in wrapped]
    height = sum(row_heights) + gap * len(rows) + 4
    largest = max([abs(value) for _, value in rows] or [Decimal(1)]) or Decimal(1)
    body = []
    y = 0
    for (_label, value), lines, row_height in zip(rows, wrapped, row_heights, strict=True):
        bar = float(abs(value) / largest) * plot_width
        bar_y = y + (row_height - bar_height) / 2
        text_y = y + (row_height - LINE_HEIGHT * (len(lines) - 1)) / 2 + 4
        body.append(
            _text_lines(label_width - 8, text_y, lines)
            + f'<rect x="{label_width}" y="{bar_y:.1f}" width="{bar:.1f}" height="{bar_height}" '
            f'fill="{colour}"/>'
            f'<text x="{label_width + bar + 6:.1f}" y="{bar_y + 12:.1f}">'
            f"{format_amount(value)}</text>"
        )
        y += row_height + gap
    description = "; ".join(f"{label}: {format_amount(value)}" for label, value in rows)
    return _svg(width, height, title, description + ".", body)
