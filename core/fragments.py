"""Rendered fragments of a page, kept while the data they show are unchanged.

Everyone in a region sees the same dashboard body and the same page of the project list for the
same filters, and those are the pages people open most. Rendering them is most of their cost
(the queries are a few milliseconds), so each process keeps the rendered HTML in its cache
(`settings.CACHES`) under a key that names everything the fragment depends on:

- the fragment's name and what the caller says it varies on (filters, the page, the day);
- the active region and the language, always, so no caller can forget them;
- a fingerprint of its data: for each queryset the caller names, how many rows it holds and when
  one was last changed (`updated`), as Rails' collection cache keys do. Every save through the
  application or the admin sets `updated` and a deletion lowers the count, so a change gives a new
  key; the old fragment is never read again and expires.

A fingerprint is one query, whatever the number of querysets (the same rows named twice are
counted once). Processes and machines never have to tell each other about a change. A fragment
holds nothing of the user: what depends on their permissions is in what it varies on, and a
fragment with forms is rendered with
`CSRF_PLACEHOLDER` as its `csrf_token` and served with the request's own token in its place.
`cached_value` keeps any picklable value (a start page's work queue) under the same kind of key.
A page with several cached parts asks for their fingerprints at once (`fingerprints`).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable

from django.core.cache import cache
from django.core.exceptions import EmptyResultSet
from django.db import connection
from django.db.models import F, QuerySet
from django.middleware.csrf import get_token
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from .scope import active_region, queryset_sql

CACHE_SECONDS = 15 * 60


# `{% csrf_token %}` writes a token marked safe as it is. Escaping turns every "<" of the data
# into "&lt;", so this placeholder in a rendered fragment can only be the token's place.
CSRF_PLACEHOLDER = mark_safe("<csrf-token-placeholder>")


def fingerprint(querysets: Iterable[QuerySet]) -> tuple[str, ...]:
    """'count@last change' of each queryset, evaluated in the active scope, in one query.

    Written around each queryset's own SQL: Django's aggregate over a union compiled each
    queryset twice as slowly, which was most of a fingerprint's cost.
    """
    querysets = list(querysets)
    parts, params, found = [], [], {}
    first_of: dict[tuple, int] = {}  # the same rows asked for twice are counted once
    same_as: dict[int, int] = {}
    for index, queryset in enumerate(querysets):
        try:
            sql, queryset_params = queryset_sql(queryset.order_by().values(_changed=F("updated")))
        except EmptyResultSet:  # `.none()`, or a filter that can match nothing: 0 rows
            continue
        same_as[index] = first_of.setdefault((sql, tuple(queryset_params)), index)
        if same_as[index] != index:
            continue
        parts.append(f'SELECT {index}, COUNT(*), MAX("_changed") FROM ({sql}) AS "part{index}"')
        params.extend(queryset_params)
    if parts:
        with connection.cursor() as cursor:
            cursor.execute(" UNION ALL ".join(parts), params)
            found = {index: f"{count}@{last or ''}" for index, count, last in cursor.fetchall()}
    return tuple(found.get(same_as.get(index), "0@") for index in range(len(querysets)))


def fingerprints(*groups: Iterable[QuerySet]) -> list[tuple[str, ...]]:
    """The fingerprint of each group of querysets, all in one query: for a page with several
    cached parts, each passing its own part in `vary_on` (with `data=()`)."""
    groups = [list(group) for group in groups]
    found = iter(fingerprint(queryset for group in groups for queryset in group))
    return [tuple(next(found) for _queryset in group) for group in groups]


def fragment_key(name: str, *, vary_on: Iterable, data: Iterable[QuerySet]) -> str:
    region = active_region()
    parts = (getattr(region, "pk", region), get_language(), *vary_on, *fingerprint(data))
    digest = hashlib.sha256("|".join(str(part) for part in parts).encode()).hexdigest()
    return f"fragment:{name}:{digest}"


def cached_value(
    name: str,
    *,
    vary_on: Iterable,
    data: Iterable[QuerySet],
    compute: Callable[[], object],
    seconds: int = CACHE_SECONDS,
):
    """What `compute()` returns (picklable), kept under the same key a fragment has."""
    key = fragment_key(name, vary_on=vary_on, data=data)
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, seconds)
    return value


def cached_fragment(
    name: str,
    *,
    vary_on: Iterable,
    data: Iterable[QuerySet],
    render: Callable[[], str],
    seconds: int = CACHE_SECONDS,
    request=None,
) -> SafeString:
    """The fragment from the cache, or rendered by `render()` and kept for `seconds`; with the
    `request`, its CSRF placeholders hold the request's token."""
    html = cached_value(name, vary_on=vary_on, data=data, compute=lambda: str(render()))
    if request is not None:
        html = html.replace(CSRF_PLACEHOLDER, get_token(request))
    return mark_safe(html)  # `render()` returned template output, escaped where it had to be
