"""Colour contrast as WCAG 2.x defines it (relative luminance, ratio from 1:1 to 21:1).

Text needs 4.5:1 against its background (success criterion 1.4.3), the focus indicator and
other parts of the interface 3:1 (1.4.11, and 2.4.13 in WCAG 2.2).
"""

import re

TEXT_MINIMUM = 4.5
UI_MINIMUM = 3.0

HEX_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")


def _channel(value: int) -> float:
    srgb = value / 255
    return srgb / 12.92 if srgb <= 0.04045 else ((srgb + 0.055) / 1.055) ** 2.4


def relative_luminance(colour: str) -> float:
    """The relative luminance of a colour written `#rrggbb`."""
    if not HEX_COLOUR.match(colour):
        raise ValueError(f"Not a #rrggbb colour: {colour!r}")
    red, green, blue = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * _channel(red) + 0.7152 * _channel(green) + 0.0722 * _channel(blue)


def contrast_ratio(first: str, second: str) -> float:
    """The contrast ratio of two colours, the lighter one's luminance first: 1.0 to 21.0."""
    lighter, darker = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)
