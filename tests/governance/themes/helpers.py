"""Logos and colours for the tests of region themes."""

import io
import re

from PIL import Image


def png(colour: str = "#7b1e3a", size: tuple[int, int] = (120, 40)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, colour).save(out, format="PNG")
    return out.getvalue()


def rgb(colour: str) -> tuple[float, float, float]:
    return tuple(int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5))


def pdf_fill_colours(pdf_bytes: bytes) -> set[tuple[float, float, float]]:
    """Every RGB colour a PDF's pages fill or stroke with (`r g b rg` / `RG` in the content)."""
    import pikepdf

    colours = set()
    pattern = re.compile(rb"([0-9.]+) ([0-9.]+) ([0-9.]+) (?:rg|RG)\b")
    with pikepdf.open(io.BytesIO(pdf_bytes)) as pdf:
        for page in pdf.pages:
            content = b"".join(
                part.read_bytes()
                for part in (
                    page.obj.Contents
                    if isinstance(page.obj.Contents, pikepdf.Array)
                    else [page.obj.Contents]
                )
            )
            for match in pattern.finditer(content):
                colours.add(tuple(round(float(value), 2) for value in match.groups()))
    return colours


def has_colour(pdf_bytes: bytes, colour: str) -> bool:
    wanted = tuple(round(value, 2) for value in rgb(colour))
    return any(
        all(abs(a - b) <= 0.01 for a, b in zip(found, wanted, strict=True))
        for found in pdf_fill_colours(pdf_bytes)
    )
