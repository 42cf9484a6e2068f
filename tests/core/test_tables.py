"""core/tables.py: django-tables2's signatures read once per function, with the same answers."""

import functools

import django_tables2 as tables
from django_tables2 import utils

from core import tables as fast


class _Table(tables.Table):
    name = tables.Column()
    size = tables.Column(empty_values=())

    def render_name(self, value, record):
        return f"{value}:{record['size']}"

    def render_size(self, **kwargs):
        return f"#{kwargs['value']}"


def _plain(record, value):
    return value


class _Callable:
    def __call__(self, value):
        return value


def test_the_answers_are_those_of_django_tables2():
    table = _Table([])
    for fn in (
        table.render_name,
        table.render_size,
        _plain,
        lambda: None,
        lambda record, *args, **extra: record,
        _Callable(),
        functools.partial(_plain, None),
    ):
        assert fast.signature(fn) == fast._uncached_signature(fn)


def test_a_method_is_read_once_for_every_table():
    fast._method_signature.cache_clear()
    for _ in range(3):
        fast.signature(_Table([]).render_name)
    assert fast._method_signature.cache_info().misses == 1
    assert fast._method_signature.cache_info().hits == 2


def test_tables_render_their_cells_with_it():
    assert utils.signature is fast.signature
    table = _Table([{"name": "Dordrecht", "size": 3}, {"name": "Gorinchem", "size": 2}])
    rows = [[cell for _column, cell in row.items()] for row in table.rows]
    assert rows == [["Dordrecht:3", "#3"], ["Gorinchem:2", "#2"]]
