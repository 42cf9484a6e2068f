"""The region scope: the one mechanism that keeps every region's rows to itself.

Region-owned models get a manager from `region_scoped_manager(path)`, built on django-scopes
(as pretix scopes its events by organizer). A query through such a manager

- inside `region_scope(region)` sees only that region's rows;
- inside `all_regions()` sees every region's rows: the explicit crossing for the platform
  administrator's region list, data loading and migrations;
- outside both raises `ScopeError`: it fails closed instead of returning every region.

`region_scope(None)` is refused, so "no region" can never quietly mean "all regions" (django-scopes
itself would treat a `None` value as no filter). The request middleware (`core.middleware`) opens
the signed-in user's scope; management commands and background work open one explicitly.
"""

from collections.abc import Iterator
from contextlib import contextmanager

from django.db import models

from django_scopes import ScopedManager, ScopeError, get_scope, scope, scopes_disabled

__all__ = [
    "ScopeError",
    "active_region",
    "all_regions",
    "region_scope",
    "region_scoped_manager",
    "scope_is_open",
]

DIMENSION = "region"


def region_scoped_manager(path: str, manager_class: type[models.Manager] = models.Manager):
    """A manager whose querysets are limited to the active region through the lookup `path`.

    `path` leads from the model to its region: `"region"`, `"programme__region"`, … Pass the
    model's own manager class (with its natural-key lookup or queryset methods) as
    `manager_class`; it is kept.
    """
    return ScopedManager(_manager_class=manager_class, **{DIMENSION: path})


@contextmanager
def region_scope(region) -> Iterator[None]:
    """Limit every scoped query in the block to `region` (a Region or its primary key)."""
    if region is None:
        raise ValueError("region_scope() needs a region; use all_regions() to cross regions.")
    with scope(**{DIMENSION: region}):
        yield


@contextmanager
def all_regions() -> Iterator[None]:
    """Cross regions explicitly: every scoped query in the block sees every region's rows."""
    with scopes_disabled():
        yield


def active_region():
    """The region of the active scope, or None when no region scope is open (or all are)."""
    current = get_scope()
    if not current.get("_enabled", True):
        return None
    return current.get(DIMENSION)


def scope_is_open() -> bool:
    """Whether scoped queries may run now (a region scope or an explicit all-regions block)."""
    current = get_scope()
    return not current.get("_enabled", True) or current.get(DIMENSION) is not None
