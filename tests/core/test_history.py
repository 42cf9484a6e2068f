"""A change reason always fits its history column: shortened with '…', never refused."""

from hypothesis import given
from hypothesis import strategies as st

from core.history import ELLIPSIS, shorten


@given(text=st.text(max_size=300), max_length=st.integers(min_value=2, max_value=150))
def test_a_shortened_reason_fits_and_keeps_its_start(text, max_length):
    short = shorten(text, max_length)
    assert len(short) <= max_length
    if len(text) <= max_length:
        assert short == text
    else:
        assert short.endswith(ELLIPSIS)
        assert text.startswith(short.removesuffix(ELLIPSIS))


def test_without_a_limit_nothing_is_cut():
    assert shorten("x" * 500, None) == "x" * 500
