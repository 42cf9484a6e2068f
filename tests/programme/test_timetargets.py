"""The time-target parser: every documented form, and the laws (docs/domain-rules.md, "Time
targets")."""

from datetime import date

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from programme.timetargets import ParsedTimeTarget, parse_time_target

D = date


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        # Quarters and halves.
        ("Q2 2022", D(2022, 4, 1), D(2022, 6, 30)),
        ("Q4 2022", D(2022, 10, 1), D(2022, 12, 31)),
        ("q1 2024", D(2024, 1, 1), D(2024, 3, 31)),
        ("Q3-2022", D(2022, 7, 1), D(2022, 9, 30)),
        ("2022 Q3", D(2022, 7, 1), D(2022, 9, 30)),
        ("derde kwartaal 2022", D(2022, 7, 1), D(2022, 9, 30)),
        ("2e kwartaal 2022", D(2022, 4, 1), D(2022, 6, 30)),
        ("in Q3 van 2022", D(2022, 7, 1), D(2022, 9, 30)),
        ("H1 2022", D(2022, 1, 1), D(2022, 6, 30)),
        ("H2 2022", D(2022, 7, 1), D(2022, 12, 31)),
        ("eerste helft 2022", D(2022, 1, 1), D(2022, 6, 30)),
        ("tweede helft 2022", D(2022, 7, 1), D(2022, 12, 31)),
        ("de eerste helft van 2022", D(2022, 1, 1), D(2022, 6, 30)),
        ("2e halfjaar 2022", D(2022, 7, 1), D(2022, 12, 31)),
        # Months, written out and abbreviated.
        ("mei 2021", D(2021, 5, 1), D(2021, 5, 31)),
        ("oktober 2022", D(2022, 10, 1), D(2022, 10, 31)),
        ("september 2022", D(2022, 9, 1), D(2022, 9, 30)),
        ("sept 2022", D(2022, 9, 1), D(2022, 9, 30)),
        ("sep. 2022", D(2022, 9, 1), D(2022, 9, 30)),
        ("okt. 2022", D(2022, 10, 1), D(2022, 10, 31)),
        ("december 2021", D(2021, 12, 1), D(2021, 12, 31)),
        ("januari 2022", D(2022, 1, 1), D(2022, 1, 31)),
        ("jan 2022", D(2022, 1, 1), D(2022, 1, 31)),
        ("februari 2024", D(2024, 2, 1), D(2024, 2, 29)),
        ("febr. 2023", D(2023, 2, 1), D(2023, 2, 28)),
        ("mrt 2022", D(2022, 3, 1), D(2022, 3, 31)),
        ("10-2022", D(2022, 10, 1), D(2022, 10, 31)),
        ("2022-10", D(2022, 10, 1), D(2022, 10, 31)),
        # Whole years and parts of a year.
        ("2023", D(2023, 1, 1), D(2023, 12, 31)),
        ("begin 2022", D(2022, 1, 1), D(2022, 3, 31)),
        ("halverwege 2022", D(2022, 5, 1), D(2022, 6, 30)),
        ("medio 2022", D(2022, 5, 1), D(2022, 6, 30)),
        ("eind 2022", D(2022, 10, 1), D(2022, 12, 31)),
        ("einde van 2022", D(2022, 10, 1), D(2022, 12, 31)),
        ("begin mei 2022", D(2022, 5, 1), D(2022, 5, 10)),
        ("medio mei 2022", D(2022, 5, 11), D(2022, 5, 20)),
        ("eind februari 2023", D(2023, 2, 21), D(2023, 2, 28)),
        # Seasons.
        ("voorjaar 2022", D(2022, 3, 1), D(2022, 5, 31)),
        ("zomer 2021", D(2021, 7, 1), D(2021, 8, 31)),
        ("najaar 2022", D(2022, 9, 1), D(2022, 11, 30)),
        ("in het najaar van 2022", D(2022, 9, 1), D(2022, 11, 30)),
        # Before and after.
        ("voor de zomer 2021", D(2021, 1, 1), D(2021, 6, 30)),
        ("vóór de zomer 2021", D(2021, 1, 1), D(2021, 6, 30)),
        ("vóór 1 oktober 2021", D(2021, 1, 1), D(2021, 9, 30)),
        ("voor Q3 2022", D(2022, 1, 1), D(2022, 6, 30)),
        ("voor eind 2022", D(2022, 1, 1), D(2022, 12, 31)),
        ("voor halverwege 2022", D(2022, 1, 1), D(2022, 6, 30)),
        ("voor 2023", D(2022, 1, 1), D(2022, 12, 31)),
        ("na de zomer 2021", D(2021, 9, 1), D(2021, 12, 31)),
        # Single days.
        ("uiterlijk 1 oktober 2021", D(2021, 10, 1), D(2021, 10, 1)),
        ("1-10-2021", D(2021, 10, 1), D(2021, 10, 1)),
        ("1/10/2021", D(2021, 10, 1), D(2021, 10, 1)),
        ("01.10.2021", D(2021, 10, 1), D(2021, 10, 1)),
        ("2021-10-01", D(2021, 10, 1), D(2021, 10, 1)),
        ("1 oktober 2021", D(2021, 10, 1), D(2021, 10, 1)),
        ("per 1 januari 2022", D(2022, 1, 1), D(2022, 1, 1)),
        ("29 februari 2024", D(2024, 2, 29), D(2024, 2, 29)),
        # Ranges.
        ("zomer 2021 – eind 2022", D(2021, 7, 1), D(2022, 12, 31)),
        ("zomer 2021 — eind 2022", D(2021, 7, 1), D(2022, 12, 31)),
        ("zomer 2021 - eind 2022", D(2021, 7, 1), D(2022, 12, 31)),
        ("zomer 2021-eind 2022", D(2021, 7, 1), D(2022, 12, 31)),
        ("zomer 2021 t/m eind 2022", D(2021, 7, 1), D(2022, 12, 31)),
        ("zomer 2021 tot eind 2022", D(2021, 7, 1), D(2022, 12, 31)),
        ("zomer 2021 tot en met eind 2022", D(2021, 7, 1), D(2022, 12, 31)),
        ("Q1 t/m Q3 2022", D(2022, 1, 1), D(2022, 9, 30)),
        ("van Q1 tot Q3 2022", D(2022, 1, 1), D(2022, 9, 30)),
        ("mei – juni 2022", D(2022, 5, 1), D(2022, 6, 30)),
        ("1 oktober – 31 december 2021", D(2021, 10, 1), D(2021, 12, 31)),
        ("1-10-2021 - 31-12-2021", D(2021, 10, 1), D(2021, 12, 31)),
        ("2021-2022", D(2021, 1, 1), D(2022, 12, 31)),
        ("voor de zomer 2021 – eind 2022", D(2021, 1, 1), D(2022, 12, 31)),
        ("tot eind 2022", D(2022, 10, 1), D(2022, 12, 31)),
        # Case, spacing, accents and typography.
        ("  VOOR   DE\u00a0ZOMER   2021 ", D(2021, 1, 1), D(2021, 6, 30)),
        ("Eind 2022.", D(2022, 10, 1), D(2022, 12, 31)),
        ("(Q2 2022)", D(2022, 4, 1), D(2022, 6, 30)),
        ("zomer 2021 \u2212 eind 2022", D(2021, 7, 1), D(2022, 12, 31)),
    ],
)
def test_recognised_forms(text: str, start: date, end: date) -> None:
    assert parse_time_target(text) == ParsedTimeTarget(text=text, start=start, end=end)


@pytest.mark.parametrize(
    ("text", "reason_part"),
    [
        ("", "Geen tijdsdoel"),
        ("   ", "Geen tijdsdoel"),
        ("l 2021", "niet herkend"),
        ("doorlopend", "zonder jaartal"),
        ("n.t.b.", "zonder jaartal"),
        ("januari", "zonder jaartal"),
        ("zomer", "zonder jaartal"),
        ("asdf qwerty 12", "niet herkend"),
        ("Q1 1999", "buiten 2000–2100"),
        ("2101", "buiten 2000–2100"),
        ("Q5 2022", "Q5 bestaat niet"),
        ("H3 2022", "H3 bestaat niet"),
        ("31 februari 2022", "bestaat niet"),
        ("29 februari 2023", "bestaat niet"),
        ("1-13-2021", "bestaat niet"),
        ("13-2022", "Maand 13 bestaat niet"),
        ("Q4 2022 – Q1 2022", "eerste deel van de periode ligt na het tweede"),
        ("2023 - 2021", "eerste deel van de periode ligt na het tweede"),
        ("Q1 t/m Q5 2022", "Q5 bestaat niet"),
        ("winter 2022", "niet herkend"),
        ("Q2 2022 " * 40, "Te lang"),
    ],
)
def test_unrecognised_text_is_flagged_not_rejected(text: str, reason_part: str) -> None:
    parsed = parse_time_target(text)

    assert parsed.text == text
    assert not parsed.recognised
    assert (parsed.start, parsed.end) == (None, None)
    assert reason_part in parsed.flag_reason


# --- laws ---

_WORDS = [
    "q1", "Q4", "H2", "mei", "okt.", "sept", "zomer", "voorjaar", "najaar", "eind", "begin",
    "halverwege", "voor", "vóór", "na", "de", "in", "van", "uiterlijk", "t/m", "tot", "en", "met",
    "–", "-", "/", ".", "2021", "2022", "1999", "2100", "2101", "1", "31", "13", "02", "helft",
    "eerste", "kwartaal", "3e", "februari", "29", "0", "l", "n.t.b.",
]  # fmt: skip


@given(st.text(max_size=60) | st.lists(st.sampled_from(_WORDS), max_size=8).map(" ".join))
@example("2021-2022-2023")
@example("-")
@example("t/m 2022")
@example("voor 1 januari 2000")
@example("na 31 december 2100")
def test_any_text_gives_a_period_or_a_flag_never_an_error(text: str) -> None:
    parsed = parse_time_target(text)

    if parsed.recognised:
        assert parsed.start <= parsed.end
        assert parsed.flag_reason == ""
    else:
        assert (parsed.start, parsed.end) == (None, None)
        assert parsed.flag_reason


_MONTH_NAMES = [
    ("januari", "jan"), ("februari", "feb"), ("maart", "mrt"), ("april", "apr"), ("mei", "mei"),
    ("juni", "jun"), ("juli", "jul"), ("augustus", "aug"), ("september", "sept"),
    ("oktober", "okt."), ("november", "nov"), ("december", "dec"),
]  # fmt: skip

years = st.integers(2000, 2100)


@st.composite
def well_formed_targets(draw) -> tuple[str, int]:
    """A target in one of the documented single forms, and the year it names."""
    year = draw(years)
    form = draw(st.sampled_from(["year", "quarter", "half", "month", "season", "part", "day"]))
    if form == "year":
        text = str(year)
    elif form == "quarter":
        text = f"Q{draw(st.integers(1, 4))} {year}"
    elif form == "half":
        text = draw(st.sampled_from(["H1", "H2", "eerste helft", "tweede helft"])) + f" {year}"
    elif form == "month":
        name = draw(st.sampled_from(_MONTH_NAMES))[draw(st.integers(0, 1))]
        text = f"{name} {year}"
    elif form == "season":
        text = draw(st.sampled_from(["voorjaar", "zomer", "najaar"])) + f" {year}"
    elif form == "part":
        text = draw(st.sampled_from(["begin", "halverwege", "eind"])) + f" {year}"
    else:
        day = draw(st.dates(date(year, 1, 1), date(year, 12, 31)))
        text = f"{day.day}-{day.month}-{day.year}"
    case = draw(st.sampled_from([str, str.upper, str.title]))
    return case(text), year


@given(well_formed_targets())
def test_well_formed_targets_lie_in_the_year_they_name(target: tuple[str, int]) -> None:
    text, year = target

    parsed = parse_time_target(text)

    assert parsed.recognised, parsed.flag_reason
    assert date(year, 1, 1) <= parsed.start <= parsed.end <= date(year, 12, 31)


@given(
    well_formed_targets(),
    well_formed_targets(),
    st.sampled_from([" – ", " — ", " - ", "-", " t/m ", " tot ", " tot en met "]),
)
def test_a_range_runs_from_the_first_start_to_the_second_end(
    first: tuple[str, int], second: tuple[str, int], separator: str
) -> None:
    one, two = parse_time_target(first[0]), parse_time_target(second[0])

    parsed = parse_time_target(first[0] + separator + second[0])

    if one.start <= two.end:
        assert parsed.recognised, parsed.flag_reason
        assert parsed.start <= parsed.end
        assert date(first[1], 1, 1) <= parsed.start
        assert parsed.end <= date(second[1], 12, 31)
        if separator != "-":
            # A bare hyphen can also split inside a numeric date; with spaces it cannot.
            assert (parsed.start, parsed.end) == (one.start, two.end)
    else:
        # Written the wrong way round: flagged for a person to fix, never silently swapped.
        assert not parsed.recognised
        assert "ligt na het tweede" in parsed.flag_reason
