"""Reading a distribution key from a file: all rows good, or a Dutch error for every bad one.

The file (CSV or an Excel workbook, read by `core.tabular`) has two columns: the municipality (CBS
code such as GM0505, the bare number 505, or the name) and its percentage ('32,55', '32.55' or
'32,55%', read by `core.parsing.parse_percentage`). A header row is optional.

Nothing here touches the database beyond the municipalities passed in: the caller saves the key
only when `errors` is empty (all or nothing).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _

from core.parsing import ParseError, parse_percentage
from core.tabular import RowError, Table, TabularError, read_table, read_upload
from governance.models import Municipality

MAX_FILE_BYTES = 200_000  # a key has a few dozen rows; anything far larger is the wrong file
MAX_ROWS = 1_000
_CBS_CODE = re.compile(r"(?:GM)?([0-9]{1,4})", re.IGNORECASE)


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
                    _("gemeentecode ‘%(text)s’ hoort niet bij een gemeente van deze regio")
                    % {"text": text}
                )
            return municipality
        matches = self.by_name.get(" ".join(text.split()).casefold(), [])
        if len(matches) > 1:
            raise ParseError(
                _("er zijn meerdere gemeenten met de naam ‘%(text)s’; gebruik de gemeentecode")
                % {"text": text}
            )
        if not matches:
            raise ParseError(
                _("onbekende gemeente ‘%(text)s’ (geen gemeente van deze regio)") % {"text": text}
            )
        return matches[0]

    def knows(self, text: str) -> bool:
        try:
            self.find(text)
        except ParseError:
            return False
        return True


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


def parse_key_file(
    source: bytes | UploadedFile, municipalities: Iterable[Municipality]
) -> ParsedKey:
    """Read the key in an upload (or its bytes): its shares, or every problem with it."""
    result = ParsedKey()
    try:
        table = _read(source)
    except TabularError as error:
        result.errors.append(RowError(None, error.message))
        return result

    lookup = MunicipalityLookup(municipalities)
    seen: dict[int, int] = {}  # municipality pk -> the row it was first given on
    for index, row in enumerate(table.rows):
        cells = list(row.cells)
        if index == 0 and _is_header(cells, lookup):
            continue
        if len(cells) != 2:
            result.errors.append(RowError(row.number, _wrong_columns(cells, table.delimiter)))
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
                _("%(name)s staat er al in (rij %(row)d)")
                % {"name": municipality.name, "row": seen[municipality.pk]}
            )
        if problems:
            result.errors.append(RowError(row.number, "; ".join(problems) + "."))
            continue
        seen[municipality.pk] = row.number
        result.shares.append((municipality, percentage))

    if not result.shares and not result.errors:
        result.errors.append(
            RowError(None, _("Het bestand bevat geen rijen met een gemeente en een percentage."))
        )
    elif not result.errors and result.total == 0:
        result.errors.append(
            RowError(None, _("De percentages tellen op tot 0%; er valt niets mee te verdelen."))
        )
    return result


def _read(source: bytes | UploadedFile) -> Table:
    options = {"max_bytes": MAX_FILE_BYTES, "header": False, "max_rows": MAX_ROWS}
    if isinstance(source, bytes | bytearray):
        return read_table(bytes(source), **options)
    return read_upload(source, **options)


def _wrong_columns(cells: list[str], delimiter: str | None) -> str:
    message = _(
        "verwacht twee kolommen (gemeente en percentage), maar deze rij heeft er %(count)d: "
        "%(cells)s."
    ) % {"count": len(cells), "cells": " | ".join(cells)}
    if delimiter == "," and len(cells) == 3 and cells[1].isdigit() and cells[2].isdigit():
        message += " " + _(
            "Gebruikt u een komma in het percentage? Scheid de kolommen dan met een puntkomma, "
            "of zet het percentage tussen aanhalingstekens."
        )
    return message
