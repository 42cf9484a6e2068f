"""Charts as server-rendered SVG: no chart script, the same markup on screen and in the PDF.

Every chart carries a <title> and a <desc> (its text alternative); pages show the table behind it.
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


def _legend(series: list[Series], y: int, x0: int = 0) -> list[str]:
    parts, x = [], x0
    for item in series:
        parts.append(f'<rect x="{x}" y="{y - 10}" width="12" height="12" fill="{item.colour}"/>')
        parts.append(f'<text x="{x + 16}" y="{y}" fill="#1b1b1b">{escape(item.label)}</text>')
        x += 24 + 7 * len(item.label)
    return parts


def stacked_bars(
    *, title: str, rows: list[tuple[str, dict[str, int]]], series: list[Series], width: int = 640
) -> SafeString:
    """Horizontal bars, one per row, stacked by series (e.g. effort statuses per theme)."""
    label_width, bar_height, gap, top = 180, 22, 10, 8
    plot_width = width - label_width - 50
    height = top + len(rows) * (bar_height + gap) + 30
    body, descriptions = [], []
    for index, (label, values) in enumerate(rows):
        y = top + index * (bar_height + gap)
        total = sum(values.values())
        body.append(
            f'<text x="{label_width - 8}" y="{y + 15}" text-anchor="end" fill="#1b1b1b">'
            f"{escape(label[:30])}</text>"
        )
        x = float(label_width)
        for item in series:
            value = values.get(item.key, 0)
            if not value:
                continue
            segment = plot_width * value / total
            body.append(
                f'<rect x="{x:.1f}" y="{y}" width="{segment:.1f}" height="{bar_height}" '
                f'fill="{item.colour}"><title>{escape(item.label)}: {value}</title></rect>'
            )
            if segment > 18:
                body.append(
                    f'<text x="{x + segment / 2:.1f}" y="{y + 15}" text-anchor="middle" '
                    f'fill="#fff">{value}</text>'
                )
            x += segment
        body.append(f'<text x="{label_width + plot_width + 6}" y="{y + 15}">{total}</text>')
        parts = ", ".join(f"{item.label} {values.get(item.key, 0)}" for item in series)
        descriptions.append(f"{label}: {parts}")
    body.extend(_legend(series, height - 6, label_width))
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
    left, right, top, bottom = 70, 10, 10, 46
    values = [value for _, data in groups for value in data.values() if value is not None]
    high = max([Decimal(0), *values])
    low = min([Decimal(0), *values])
    span = (high - low) or Decimal(1)
    plot_height = height - top - bottom
    zero_y = top + float(high / span) * plot_height
    group_width = (width - left - right) / max(len(groups), 1)
    bar_width = min(40.0, group_width * 0.8 / max(len(series), 1))
    body = [
        f'<line x1="{left}" x2="{width - right}" y1="{zero_y:.1f}" y2="{zero_y:.1f}" '
        f'stroke="#767676"/>',
        f'<text x="{left - 6}" y="{top + 10}" text-anchor="end">{format_amount(high)}</text>',
        f'<text x="{left - 6}" y="{zero_y + 4:.1f}" text-anchor="end">0</text>',
    ]
    if low < 0:
        body.append(
            f'<text x="{left - 6}" y="{top + plot_height:.1f}" text-anchor="end">'
            f"{format_amount(low)}</text>"
        )
    descriptions = []
    for index, (label, data) in enumerate(groups):
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
        body.append(
            f'<text x="{left + index * group_width + group_width / 2:.1f}" '
            f'y="{height - bottom + 16}" text-anchor="middle">{escape(label)}</text>'
        )
        parts = ", ".join(
            f"{item.label} {format_amount(data[item.key])}"
            for item in series
            if data.get(item.key) is not None
        )
        descriptions.append(f"{label}: {parts}")
    body.extend(_legend(series, height - 6, left))
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
    *, title: str, rows: list[tuple[str, Decimal]], colour: str = "#154273", width: int = 640
) -> SafeString:
    """One bar per row with its amount (e.g. what each municipality owes in an allocation)."""
    label_width, bar_height, gap = 170, 16, 6
    plot_width = width - label_width - 90
    height = len(rows) * (bar_height + gap) + 4
    largest = max([abs(value) for _, value in rows] or [Decimal(1)]) or Decimal(1)
    body = []
    for index, (label, value) in enumerate(rows):
        y = index * (bar_height + gap)
        bar = float(abs(value) / largest) * plot_width
        body.append(
            f'<text x="{label_width - 8}" y="{y + 12}" text-anchor="end">'
            f"{escape(label[:28])}</text>"
            f'<rect x="{label_width}" y="{y}" width="{bar:.1f}" height="{bar_height}" '
            f'fill="{colour}"/>'
            f'<text x="{label_width + bar + 6:.1f}" y="{y + 12}">{format_amount(value)}</text>'
        )
    description = "; ".join(f"{label}: {format_amount(value)}" for label, value in rows)
    return _svg(width, height, title, description + ".", body)
