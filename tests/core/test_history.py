"""A change reason always fits its history column: shortened with '…', never refused; a row's
records are found by one index."""

from django.apps import apps

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


def test_every_history_finds_a_rows_newest_records_by_one_index():
    """`WHERE id = … ORDER BY history_date DESC` reads an index on both, in every app."""
    historical = [
        model
        for model in apps.get_models()
        if hasattr(model, "instance_type")  # simple-history's
    ]
    assert len(historical) > 40
    for model in historical:
        row = model.instance_type._meta.pk.attname
        indexed = [tuple(index.fields) for index in model._meta.indexes]
        assert (row, "history_date") in indexed, model.__name__
