"""Parse the agreed time target of an effort ('Q2 2022', 'voor de zomer 2021') into a period.

docs/domain-rules.md, "Time targets": the text people wrote is kept, and a period (start, end, both
inclusive)
is derived from it so that 'overdue' and 'due this quarter' can be computed. Text that cannot be
read is kept and flagged with a reason, never rejected: `parse_time_target` never raises on a str.

Conventions for the vague Dutch phrases (a year Y, a month M):

=========================================  =======================================================
text                                       period
=========================================  =======================================================
'Y'                                        1 Jan – 31 Dec Y
'Q1 Y' … 'Q4 Y', 'derde kwartaal Y'        the calendar quarter
'H1 Y', 'eerste helft Y', 'eerste          1 Jan – 30 Jun Y (H2, 'tweede helft': 1 Jul – 31 Dec)
halfjaar Y'
'mei Y', 'okt. Y', '10-2022', '2022-10'    the whole month
'1 oktober 2021', '1-10-2021',             that single day (start = end)
'2021-10-01'
'begin Y'                                  1 Jan – 31 Mar Y (the first quarter)
'halverwege Y', 'medio Y', 'midden Y'      1 May – 30 Jun Y (the run-up to mid-year)
'eind Y', 'einde Y'                        1 Oct – 31 Dec Y (the last quarter)
'begin M Y' / 'medio M Y' / 'eind M Y'     day 1–10 / 11–20 / 21–last of the month
'voorjaar Y', 'lente Y'                    1 Mar – 31 May Y (meteorological spring)
'zomer Y', 'zomerreces Y'                  1 Jul – 31 Aug Y (the summer recess of councils and
                                           schools, so that 'voor de zomer' ends on 30 June)
'najaar Y', 'herfst Y'                     1 Sep – 30 Nov Y (meteorological autumn)
'voor X', 'vóór X'                         1 Jan of the deadline's year – the day before X starts;
                                           so 'voor de zomer 2021' is 1 Jan – 30 Jun 2021 and
                                           'vóór 1 oktober 2021' ends 30 Sep 2021. For the
                                           moments 'eind Y', 'halverwege Y' and 'eind M Y',
                                           'voor' means "by": 'voor eind 2022' ends 31 Dec 2022.
'na X'                                     the day after X ends – 31 Dec of that year
'X – Y', 'X - Y', 'X t/m Y', 'X tot Y',    start of X – end of Y; a first part without a year
'X tot en met Y'                           takes the year of the second ('Q1 t/m Q3 2022'); a
                                           first part that starts after the second ends is
                                           flagged, never swapped
=========================================  =======================================================

Ignored filler words: 'in', 'van', 'het', 'de', 'per', 'vanaf', 'uiterlijk', 'rond', 'rondom',
'omstreeks', 'circa', 'ca.', 'ongeveer', 'op', 'aan', 'gedurende', 'tijdens'; a leading 'tot',
'tot en met' or 't/m' reads as 'uiterlijk'. 'uiterlijk 1 oktober 2021' is the day 1 Oct 2021.
Matching ignores case, accents ('vóór'), extra whitespace and the kind of dash. Years lie in
2000–2100; there are no two-digit years. A month or season without a year is flagged: the year
cannot be guessed.
"""

from __future__ import annotations

import calendar
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta

from django.utils.translation import gettext

FIRST_YEAR = 2000
LAST_YEAR = 2100
# Longer text is not a time target but a remark; it also bounds the work per call.
MAX_LENGTH = 200

ONE_DAY = timedelta(days=1)


@dataclass(frozen=True)
class ParsedTimeTarget:
    """The written time target and the period derived from it (inclusive), or why there is none."""

    text: str
    start: date | None = None
    end: date | None = None
    flag_reason: str = ""

    @property
    def recognised(self) -> bool:
        return self.start is not None


def parse_time_target(text: str) -> ParsedTimeTarget:
    """Derive the period of a written time target; unreadable text is flagged, never an error."""
    if not isinstance(text, str):
        return ParsedTimeTarget(text="", flag_reason=gettext("Geen tijdsdoel ingevuld."))
    try:
        span = _parse(text)
    except _NotRecognised as flag:
        return ParsedTimeTarget(text=text, flag_reason=flag.reason)
    return ParsedTimeTarget(text=text, start=span.start, end=span.end)


# --- internals ---------------------------------------------------------------------------------


class _NotRecognised(Exception):
    """Raised inside the parser only; `specific` reasons beat the generic one when reporting."""

    def __init__(self, reason: str, *, specific: bool = True) -> None:
        super().__init__(reason)
        self.reason = reason
        self.specific = specific


def _generic_failure(cleaned: str) -> _NotRecognised:
    if not re.search(r"[0-9]{4}", cleaned):
        return _NotRecognised(
            gettext("Tijdsdoel zonder jaartal of niet herkend; schrijf bijvoorbeeld 'Q2 2022'."),
            specific=False,
        )
    return _NotRecognised(
        gettext(
            "Tijdsdoel niet herkend; schrijf bijvoorbeeld 'Q2 2022', 'mei 2021', "
            "'voor de zomer 2021' of 'eind 2022'."
        ),
        specific=False,
    )


@dataclass(frozen=True)
class _Span:
    start: date
    end: date
    # The last day of 'voor X': the day before X starts, or X's end for a moment ('eind 2022').
    before_end: date


def _period(start: date, end: date) -> _Span:
    return _Span(start, end, start - ONE_DAY)


def _moment(start: date, end: date) -> _Span:
    return _Span(start, end, end)


def _year(text: str) -> int:
    year = int(text)
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise _NotRecognised(
            gettext("Jaartal %(year)s ligt buiten %(first)s–%(last)s.")
            % {"year": text, "first": FIRST_YEAR, "last": LAST_YEAR}
        )
    return year


def _day(year: int, month: int, day: int) -> date:
    try:
        return date(year, month, day)
    except ValueError:
        raise _NotRecognised(
            gettext("De datum %(day)s-%(month)s-%(year)s bestaat niet.")
            % {"day": day, "month": month, "year": year}
        ) from None


def _month_span(year: int, first: int, last: int) -> _Span:
    return _period(date(year, first, 1), date(year, last, calendar.monthrange(year, last)[1]))


def _month_number(text: str) -> int:
    month = int(text)
    if not 1 <= month <= 12:
        raise _NotRecognised(gettext("Maand %(month)s bestaat niet.") % {"month": text})
    return month


# --- vocabulary ---

_MONTHS: dict[str, int] = {
    "januari": 1,
    "jan": 1,
    "februari": 2,
    "febr": 2,
    "feb": 2,
    "maart": 3,
    "mrt": 3,
    "april": 4,
    "apr": 4,
    "mei": 5,
    "juni": 6,
    "jun": 6,
    "juli": 7,
    "jul": 7,
    "augustus": 8,
    "aug": 8,
    "september": 9,
    "sept": 9,
    "sep": 9,
    "oktober": 10,
    "okt": 10,
    "november": 11,
    "nov": 11,
    "december": 12,
    "dec": 12,
}

_FIRST = {"eerste", "1e", "1ste"}
_ORDINALS: dict[str, int] = {
    **dict.fromkeys(_FIRST, 1),
    **dict.fromkeys(("tweede", "2e", "2de"), 2),
    **dict.fromkeys(("derde", "3e", "3de"), 3),
    **dict.fromkeys(("vierde", "4e", "4de"), 4),
}

# Season -> (first month, last month); see the module docstring for the choices.
_SEASONS: dict[str, tuple[int, int]] = {
    "voorjaar": (3, 5),
    "lente": (3, 5),
    "zomer": (7, 8),
    "zomerreces": (7, 8),
    "zomervakantie": (7, 8),
    "najaar": (9, 11),
    "herfst": (9, 11),
}

_YEAR_PARTS: dict[str, str] = {
    "begin": "begin",
    "start": "begin",
    "halverwege": "mid",
    "medio": "mid",
    "midden": "mid",
    "half": "mid",
    "eind": "end",
    "einde": "end",
}

_FILLERS = frozenset(
    [
        "in",
        "van",
        "het",
        "de",
        "per",
        "vanaf",
        "uiterlijk",
        "rond",
        "rondom",
        "omstreeks",
        "circa",
        "ca",
        "ongeveer",
        "op",
        "aan",
        "gedurende",
        "tijdens",
    ]
)
_UNTIL = ("tot en met", "t/m", "tot")


def _alternation(words: Iterable[str]) -> str:
    # Longest first, so that 'sept' wins over 'sep'.
    return "|".join(sorted((re.escape(w) for w in words), key=len, reverse=True))


_Y = r"(?P<year>[0-9]{4})"
_MONTH = rf"(?P<month>{_alternation(_MONTHS)})"


# --- one target ---


def _parse_year(m: re.Match) -> _Span:
    year = _year(m["year"])
    return _month_span(year, 1, 12)


def _parse_quarter(m: re.Match) -> _Span:
    quarter = int(m["quarter"])
    if not 1 <= quarter <= 4:
        raise _NotRecognised(gettext("Kwartaal Q%(q)s bestaat niet.") % {"q": m["quarter"]})
    return _month_span(_year(m["year"]), 3 * quarter - 2, 3 * quarter)


def _parse_ordinal_quarter(m: re.Match) -> _Span:
    quarter = _ORDINALS[m["ordinal"]]
    return _month_span(_year(m["year"]), 3 * quarter - 2, 3 * quarter)


def _parse_half(m: re.Match) -> _Span:
    half = int(m["half"])
    if half not in (1, 2):
        raise _NotRecognised(gettext("Halfjaar H%(h)s bestaat niet.") % {"h": m["half"]})
    return _month_span(_year(m["year"]), 6 * half - 5, 6 * half)


def _parse_ordinal_half(m: re.Match) -> _Span:
    first = m["ordinal"] in _FIRST
    return _month_span(_year(m["year"]), 1 if first else 7, 6 if first else 12)


def _parse_month(m: re.Match) -> _Span:
    month = _MONTHS[m["month"]]
    return _month_span(_year(m["year"]), month, month)


def _parse_numeric_month(m: re.Match) -> _Span:
    month = _month_number(m["month"])
    return _month_span(_year(m["year"]), month, month)


def _single_day(day: date) -> _Span:
    return _period(day, day)


def _parse_numeric_date(m: re.Match) -> _Span:
    return _single_day(_day(_year(m["year"]), int(m["month"]), int(m["day"])))


def _parse_written_date(m: re.Match) -> _Span:
    return _single_day(_day(_year(m["year"]), _MONTHS[m["month"]], int(m["day"])))


def _parse_season(m: re.Match) -> _Span:
    first, last = _SEASONS[m["season"]]
    return _month_span(_year(m["year"]), first, last)


def _parse_part_of_year(m: re.Match) -> _Span:
    year = _year(m["year"])
    part = _YEAR_PARTS[m["part"]]
    if part == "begin":
        return _month_span(year, 1, 3)
    span = _month_span(year, 5, 6) if part == "mid" else _month_span(year, 10, 12)
    return _moment(span.start, span.end)


def _parse_part_of_month(m: re.Match) -> _Span:
    year, month = _year(m["year"]), _MONTHS[m["month"]]
    last_day = calendar.monthrange(year, month)[1]
    part = _YEAR_PARTS[m["part"]]
    if part == "begin":
        return _period(date(year, month, 1), date(year, month, 10))
    if part == "mid":
        return _moment(date(year, month, 11), date(year, month, 20))
    return _moment(date(year, month, 21), date(year, month, last_day))


_SINGLE_FORMS: list[tuple[re.Pattern[str], Callable[[re.Match], _Span]]] = [
    (re.compile(_Y), _parse_year),
    (re.compile(rf"q(?P<quarter>[0-9])\s*[-/]?\s*{_Y}"), _parse_quarter),
    (re.compile(rf"{_Y}\s*[-/]?\s*q(?P<quarter>[0-9])"), _parse_quarter),
    (
        re.compile(rf"(?P<ordinal>{_alternation(_ORDINALS)})\s*kwartaal\s*{_Y}"),
        _parse_ordinal_quarter,
    ),
    (re.compile(rf"h(?P<half>[0-9])\s*[-/]?\s*{_Y}"), _parse_half),
    (
        re.compile(rf"(?P<ordinal>{_alternation(_ORDINALS)})\s*(?:helft|halfjaar)\s*{_Y}"),
        _parse_ordinal_half,
    ),
    (re.compile(rf"{_MONTH}\s*{_Y}"), _parse_month),
    (re.compile(rf"(?P<month>[0-9]{{1,2}})\s*[-/]\s*{_Y}"), _parse_numeric_month),
    (re.compile(rf"{_Y}-(?P<month>[0-9]{{1,2}})"), _parse_numeric_month),
    (
        re.compile(rf"(?P<day>[0-9]{{1,2}})[-/.](?P<month>[0-9]{{1,2}})(?:[-/.]|\s)\s*{_Y}"),
        _parse_numeric_date,
    ),
    (re.compile(rf"{_Y}-(?P<month>[0-9]{{1,2}})-(?P<day>[0-9]{{1,2}})"), _parse_numeric_date),
    (re.compile(rf"(?P<day>[0-9]{{1,2}})\s*{_MONTH}\s*{_Y}"), _parse_written_date),
    (re.compile(rf"(?P<season>{_alternation(_SEASONS)})\s*{_Y}"), _parse_season),
    (re.compile(rf"(?P<part>{_alternation(_YEAR_PARTS)})\s*{_Y}"), _parse_part_of_year),
    (
        re.compile(rf"(?P<part>{_alternation(_YEAR_PARTS)})\s*{_MONTH}\s*{_Y}"),
        _parse_part_of_month,
    ),
]


def _parse_core(core: str) -> _Span:
    """A bare target, fillers and 'voor'/'na' already removed."""
    for pattern, handler in _SINGLE_FORMS:
        match = pattern.fullmatch(core)
        if match:
            return handler(match)
    raise _generic_failure(core)


def _strip_until(text: str) -> str:
    for word in _UNTIL:
        if text.startswith(word + " "):
            return text[len(word) + 1 :]
    return text


def _parse_single(text: str) -> _Span:
    """One target with its filler words and an optional 'voor' (before) or 'na' (after)."""
    words = [word for word in _strip_until(text).split(" ") if word not in _FILLERS]
    relation = words.pop(0) if words and words[0] in ("voor", "na") else None
    span = _parse_core(" ".join(words))
    if relation == "voor":
        end = span.before_end
        return _period(date(end.year, 1, 1), end)
    if relation == "na":
        start = span.end + ONE_DAY
        return _period(start, date(start.year, 12, 31))
    return span


# --- ranges ---

_RANGE_SEPARATOR = re.compile(r"-|(?<![a-z])(?:tot en met|t/m|tot)(?![a-z])")
_HAS_YEAR = re.compile(r"(?<![0-9])[0-9]{4}(?![0-9])")


def _range_splits(text: str) -> Iterator[tuple[str, str]]:
    for separator in _RANGE_SEPARATOR.finditer(text):
        left, right = text[: separator.start()].strip(), text[separator.end() :].strip()
        if left and right:
            yield left, right


def _parse_range(left: str, right: str) -> _Span:
    """'zomer 2021 – eind 2022': from the start of the first part to the end of the second."""
    last = _parse_single(right)
    year_of_right = _HAS_YEAR.search(right)
    if year_of_right and not _HAS_YEAR.search(left):
        # 'Q1 t/m Q3 2022': the first part shares the year written in the second.
        left = f"{left} {year_of_right[0]}"
    first = _parse_single(left)
    if first.start > last.end:
        raise _NotRecognised(
            gettext("Het eerste deel van de periode ligt na het tweede deel; draai ze om.")
        )
    return _period(first.start, last.end)


# --- the whole text ---

_DASHES = re.compile(r"[\u2010-\u2015\u2212\ufe58\ufe63\uff0d]")


def _normalise(text: str) -> str:
    """Lower case without accents, one kind of dash, single spaces, no stray punctuation."""
    decomposed = unicodedata.normalize("NFKD", text)
    cleaned = "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()
    cleaned = _DASHES.sub("-", cleaned)
    cleaned = re.sub(r"(?<=[a-z])\.", " ", cleaned)  # 'okt.' and 'ca.' lose their dot
    cleaned = re.sub(r"[,;:!?()\[\]'\"]", " ", cleaned)
    return " ".join(cleaned.split()).strip(" .")


def _parse(text: str) -> _Span:
    cleaned = _normalise(text)
    if not cleaned:
        raise _NotRecognised(gettext("Geen tijdsdoel ingevuld."))
    if len(cleaned) > MAX_LENGTH:
        raise _NotRecognised(gettext("Te lang voor een tijdsdoel."))
    failures: list[_NotRecognised] = []
    try:
        return _parse_single(cleaned)
    except _NotRecognised as flag:
        failures.append(flag)
    for left, right in _range_splits(cleaned):
        try:
            return _parse_range(left, right)
        except _NotRecognised as flag:
            failures.append(flag)
    raise next((flag for flag in failures if flag.specific), failures[0])
