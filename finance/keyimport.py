"""Reading a distribution key from a CSV file: all rows good, or a Dutch error for every bad one.

The file has two columns: the municipality (CBS code such as GM0505, the bare number 505, or the
name) and its percentage ('32,55', '32.55' or '32,55%'). The columns are separated by a semicolon
(what Dutch Excel writes) or a comma; a header row is optional. Text is read as UTF-8 (with or
without byte-order mark) or, failing that, as Windows-1252, the other encoding Excel writes.

Nothing here touches the database beyond the municipalities passed in: the caller saves the key
only when `errors` is empty (all or nothing).
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext as _

from governance.models import Municipality

from .parsing import ParseError, parse_percentage

MAX_FILE_BYTES = 200_000  # a key has a few dozen rows; anything far larger is the wrong file
_CBS_CODE = re.compile(r"(?:GM)?([0-9]{1,4})", re.IGNORECASE)


@dataclass(frozen=True)
class RowError:
    line: int | None  # the line in the file; None for an error about the file as a whole
    message: str

    def __str__(self) -> str:
        if self.line is None:
            return self.message
        return _("Regel %(line)d: %(message)s") % {"line": self.line, "message": self.message}


@dataclass
class ParsedKey:
    shares: list[tuple[Municipality, Decimal]] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)

    @property
    def total(self) -> Decimal:
        return sum((percentage for _m, percentage in self.shares), Decimal("0.00"))


class MunicipalityLookup:
    """Find a municipality of the region by CBS code or name (any case)."""

    def __init__(self, municipalities: Iterable[Municipality]) -> None:
        self.by_code: dict[str, Municipality] = {}
        self.by_name: dict[str, list[Municipality]] = {}
        for municipality in municipalities:
            self.by_code[municipality.cbs_code.upper()] = municipality
            self.by_name.setdefault(municipality.name.casefold(), []).append(municipality)

    def find(self, text: str) -> Municipality:
        """The municipality meant by `text`; raises `ParseError` with the reason otherwise."""
        code = _CBS_CODE.fullmatch(text)
        if code:
            municipality = self.by_code.get(f"GM{int(code.group(1)):04d}")
            if municipality is None:
                raise ParseError(
                    _("gemeentecode '%(text)s' hoort niet bij een gemeente van deze regio")
                    % {"text": text}
                )
            return municipality
        matches = self.by_name.get(" ".join(text.split()).casefold(), [])
        if len(matches) > 1:
            raise ParseError(
                _("er zijn meerdere gemeenten met de naam '%(text)s'; gebruik de gemeentecode")
                % {"text": text}
            )
        if not matches:
            raise ParseError(
                _("onbekende gemeente '%(text)s' (geen gemeente van deze regio)") % {"text": text}
            )
        return matches[0]

    def knows(self, text: str) -> bool:
        try:
            self.find(text)
        except ParseError:
            return False
        return True


def _decode(raw: bytes) -> str | None:
    if b"\x00" in raw:
        return None  # UTF-16 or a binary file such as .xlsx
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    return None


def _delimiter(text: str) -> str:
    first = next((line for line in text.splitlines() if line.strip()), "")
    if ";" in first:
        return ";"
    if "\t" in first:
        return "\t"
    return ","


def _is_header(cells: list[str], lookup: MunicipalityLookup) -> bool:
    """A first row is a header when it names no municipality and gives no percentage.

    'Gemeente;Verdeelsleutel (meicirculaire 2021)' is a header; 'Amsterdam;5,01' is a row with an
    unknown municipality, and 'Dordrecht;veel' a row with a bad percentage.
    """
    if lookup.knows(cells[0]):
        return False
    try:
        parse_percentage(cells[1] if len(cells) > 1 else "")
    except ParseError:
        return True
    return False


def parse_key_csv(raw: bytes, municipalities: Iterable[Municipality]) -> ParsedKey:
    result = ParsedKey()
    if len(raw) > MAX_FILE_BYTES:
        result.errors.append(
            RowError(None, _("Het bestand is te groot voor een verdeelsleutel (meer dan 200 kB)."))
        )
        return result
    text = _decode(raw)
    if text is None:
        result.errors.append(
            RowError(
                None,
                _(
                    "Het bestand is geen CSV-tekstbestand. Sla het in Excel op als "
                    "'CSV (gescheiden door lijstscheidingsteken)'."
                ),
            )
        )
        return result
    if not text.strip():
        result.errors.append(RowError(None, _("Het bestand is leeg.")))
        return result

    lookup = MunicipalityLookup(municipalities)
    delimiter = _delimiter(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    seen: dict[int, int] = {}  # municipality pk -> the line it was first given on
    first_row = True
    for cells in reader:
        line = reader.line_num
        cells = [cell.strip() for cell in cells]
        while cells and not cells[-1]:
            cells.pop()  # Excel pads rows with empty cells
        if not cells:
            continue
        if first_row:
            first_row = False
            if _is_header(cells, lookup):
                continue
        if len(cells) != 2:
            result.errors.append(RowError(line, _wrong_columns(cells, delimiter)))
            continue
        name, percentage_text = cells
        problems = []
        municipality = None
        try:
            municipality = lookup.find(name)
        except ParseError as error:
            problems.append(error.message)
        percentage = None
        try:
            percentage = parse_percentage(percentage_text)
        except ParseError as error:
            problems.append(error.message)
        if municipality is not None and municipality.pk in seen:
            problems.append(
                _("%(name)s staat er al in (regel %(line)d)")
                % {"name": municipality.name, "line": seen[municipality.pk]}
            )
        if problems:
            result.errors.append(RowError(line, "; ".join(problems) + "."))
            continue
        seen[municipality.pk] = line
        result.shares.append((municipality, percentage))

    if not result.shares and not result.errors:
        result.errors.append(
            RowError(None, _("Het bestand bevat geen regels met een gemeente en een percentage."))
        )
    elif not result.errors and result.total == 0:
        result.errors.append(
            RowError(None, _("De percentages tellen op tot 0%; er valt niets mee te verdelen."))
        )
    return result


def _wrong_columns(cells: list[str], delimiter: str) -> str:
    message = _(
        "verwacht twee kolommen (gemeente en percentage), maar deze regel heeft er %(count)d: "
        "%(cells)s."
    ) % {"count": len(cells), "cells": " | ".join(cells)}
    if delimiter == "," and len(cells) == 3 and cells[1].isdigit() and cells[2].isdigit():
        message += " " + _(
            "Gebruikt u een komma in het percentage? Scheid de kolommen dan met een puntkomma, "
            "of zet het percentage tussen aanhalingstekens."
        )
    return message
