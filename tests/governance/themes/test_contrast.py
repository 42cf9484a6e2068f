"""The WCAG contrast ratio, with pairs whose ratio is known."""

import pytest

from core.contrast import contrast_ratio, relative_luminance
from governance.themes.services import contrast_problems


@pytest.mark.parametrize(
    ("first", "second", "ratio"),
    [
        ("#000000", "#ffffff", 21.0),
        ("#ffffff", "#ffffff", 1.0),
        ("#767676", "#ffffff", 4.54),  # the lightest grey that passes 4.5:1 on white
        ("#777777", "#ffffff", 4.48),  # one step lighter fails it
        ("#ffbf47", "#ffffff", 1.64),  # the old focus yellow
        ("#154273", "#ffffff", 10.2),
        ("#ff0000", "#ffffff", 4.0),
    ],
)
def test_known_pairs(first, second, ratio):
    assert contrast_ratio(first, second) == pytest.approx(ratio, abs=0.01)
    assert contrast_ratio(second, first) == pytest.approx(ratio, abs=0.01)


def test_luminance_of_black_and_white():
    assert relative_luminance("#000000") == 0
    assert relative_luminance("#FFFFFF") == pytest.approx(1)


@pytest.mark.parametrize("colour", ["ffffff", "#fff", "#gggggg", "", "#1234567"])
def test_a_colour_that_is_not_rrggbb_is_refused(colour):
    with pytest.raises(ValueError):
        relative_luminance(colour)


def test_the_default_palette_passes():
    colours = {
        "primary": "#33414e",
        "primary_text": "#ffffff",
        "link": "#0b5d6b",
        "focus": "#1b1b1b",
    }
    assert contrast_problems(colours) == {}


def test_each_short_pair_is_named_with_its_ratio():
    colours = {
        "primary": "#ffbf47",
        "primary_text": "#ffffff",
        "link": "#777777",
        "focus": "#eeeeee",
    }
    problems = contrast_problems(colours)
    assert set(problems) == {"primary_text", "primary", "link", "focus"}
    assert problems["primary_text"] == (
        "Te weinig contrast voor de tekst op de hoofdkleur (#ffffff op #ffbf47): 1,64:1, nodig "
        "is ten minste 4,5:1."
    )
    assert "de linkkleur op wit (#777777 op #ffffff): 4,47:1" in problems["link"]
    assert "de focuskleur op wit" in problems["focus"] and "ten minste 3,0:1" in problems["focus"]
