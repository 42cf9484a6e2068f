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

A fingerprint costs one small aggregate query per queryset. Processes and machines never have to
tell each other about a change. A fragment must hold nothing of the user: no form, no token, no
link that depends on a permission.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable

from django.core.cache import cache
from django.db.models import Count, Max, QuerySet
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from .scope import active_region

CACHE_SECONDS = 15 * 60


def fingerprint(querysets: Iterable[QuerySet]) -> tuple[str, ...]:
    """(count, last change) of each queryset, evaluated in the active scope."""
    prints = []
    for queryset in querysets:
        figures = queryset.order_by().aggregate(count=Count("pk"), last=Max("updated"))
        last = figures["last"].isoformat() if figures["last"] else ""
        prints.append(f"{figures['count']}@{last}")
    return tuple(prints)


def fragment_key(name: str, *, vary_on: Iterable, data: Iterable[QuerySet]) -> str:
    region = active_region()
    parts = (getattr(region, "pk", region), get_language(), *vary_on, *fingerprint(data))
    digest = hashlib.sha256("|".join(str(part) for part in parts).encode()).hexdigest()
    return f"fragment:{name}:{digest}"


def cached_fragment(
    name: str,
    *,
    vary_on: Iterable,
    data: Iterable[QuerySet],
    render: Callable[[], str],
    seconds: int = CACHE_SECONDS,
) -> SafeString:
    """The fragment from the cache, or rendered by `render()` and kept for `seconds`."""
    key = fragment_key(name, vary_on=vary_on, data=data)
    html = cache.get(key)
    if html is None:
        html = str(render())
        cache.set(key, html, seconds)
    return mark_safe(html)  # `render()` returned template output, escaped where it had to be
