"""django-tables2 as the list pages use it, at the speed of its rows.

django-tables2 asks `inspect.signature` which arguments a column's `render_*` method, `linkify`
or attribute callable takes, again for every cell: on a page of 25 decisions that was two thirds
of the table's 50 ms. A function's signature does not change, so it is read once per function;
a bound method's is its function's without `self`, the same for every table instance.
"""

from __future__ import annotations

import functools
import types

from django_tables2 import utils

_uncached_signature = utils.signature


@functools.lru_cache(maxsize=4096)
def _method_signature(function) -> tuple[tuple[str, ...], str | None]:
    # The function bound to some object: its signature without the first argument.
    return _uncached_signature(types.MethodType(function, object()))


@functools.lru_cache(maxsize=4096)
def _function_signature(function) -> tuple[tuple[str, ...], str | None]:
    return _uncached_signature(function)


def signature(fn) -> tuple[tuple[str, ...], str | None]:
    """django_tables2.utils.signature, read once per function (other callables as before)."""
    if isinstance(fn, types.MethodType) and isinstance(fn.__func__, types.FunctionType):
        return _method_signature(fn.__func__)
    if isinstance(fn, types.FunctionType):
        return _function_signature(fn)
    return _uncached_signature(fn)


def install() -> None:
    """Called once from CoreConfig.ready(): `call_with_appropriate` looks `signature` up in its
    module at every call, so replacing it there is enough."""
    utils.signature = signature
