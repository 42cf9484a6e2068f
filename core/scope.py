"""The region scope: the one mechanism that keeps every region's rows to itself.

Region-owned models get a manager from `region_scoped_manager(path)`, as pretix scopes its events
by organizer. The scope itself is django-scopes' (a context variable, so each thread and request
has its own); the manager is ours, because django-scopes' own treats a `None` region as "no
filter" and refuses the querysets that form fields declare at import. A query through it

- inside `region_scope(region)` sees only that region's rows;
- inside `all_regions()` sees every region's rows: the explicit crossing for the platform
  administrator's region list, data loading and migrations;
- outside both raises `ScopeError`: it fails closed instead of returning every region;
- built in one scope and evaluated in another, it raises `ScopeError` too, unless it was copied
  (`.all()`) in the scope it is evaluated in, which gives it that region's filter.

`region_scope(None)` is refused, so "no region" can never quietly mean "all regions". The request
middleware (`core.middleware`) opens the signed-in user's scope; management commands and
background work open one explicitly.
"""

import functools
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext as _

from django_scopes import ScopeError, get_scope, scope, scopes_disabled

__all__ = [
    "NO_REGION_YET",
    "ScopeError",
    "active_region",
    "all_regions",
    "queryset_sql",
    "region_scope",
    "region_scoped_manager",
]

DIMENSION = "region"

# What a region resolver returns for the platform administrator of an installation without any
# region yet: there are no rows to cross, and the admin must open to create the first region.
NO_REGION_YET = object()


def _region_key(region):
    return getattr(region, "pk", region)


class _RegionScopedQuerySet:
    """A queryset of a region-owned model: it carries the filter of every region it was built in.

    Each copy Django makes of a queryset (`.all()`, `.filter()`, … and the copy a form field
    makes of its queryset for every form) takes the filter of the region whose scope is open at
    that moment. A queryset declared when a module is imported (`queryset=Theme.objects
    .order_by("code")` on a form field or filter) thus offers the request's region, whichever
    scope, or none, was open at import. Evaluating a queryset that does not carry the filter of
    the open region raises `ScopeError`; so does evaluating one with no scope open at all.
    """

    _region_filter: Callable[[object], models.Q]
    _regions: frozenset = frozenset()

    def _clone(self):
        clone = super()._clone()
        clone._regions = self._regions
        return clone._take_scope()

    def _take_scope(self):
        current = get_scope()
        region = current.get(DIMENSION)
        if current.get("_enabled", True) and region is not None:
            key = _region_key(region)
            if key not in self._regions:
                self.query.add_q(self._region_filter(region))
                self._regions = self._regions | {key}
        return self

    def _check_scope(self):
        current = get_scope()
        if not current.get("_enabled", True):
            return
        region = current.get(DIMENSION)
        if region is None:
            raise ScopeError(
                f"{self.model.__name__}: a region scope must be open for this query "
                "(core.scope.region_scope or all_regions)."
            )
        if _region_key(region) not in self._regions:
            raise ScopeError(
                f"{self.model.__name__}: this queryset was built outside the open region's scope; "
                "copy it (.all()) inside the scope."
            )


def _checked(name: str):
    def method(self, *args, **kwargs):
        self._check_scope()
        return getattr(super(_RegionScopedQuerySet, self), name)(*args, **kwargs)

    method.__name__ = name
    return method


# Every way a queryset reaches the database.
for _name in (
    "_fetch_all",
    "count",
    "exists",
    "aggregate",
    "iterator",
    "update",
    "_update",
    "delete",
    "explain",
    "contains",
    "in_bulk",
    "resolve_expression",
):
    setattr(_RegionScopedQuerySet, _name, _checked(_name))


def queryset_sql(queryset: models.QuerySet) -> tuple[str, tuple]:
    """The SQL and parameters of `queryset`, for a hand-written query around it: refused as
    evaluating the queryset would be (no scope open, or built in another region's scope)."""
    if isinstance(queryset, _RegionScopedQuerySet):
        queryset._check_scope()
    return queryset.query.sql_with_params()


_scoped_classes: dict[tuple[type, type], type] = {}


def _scoped_class(queryset_class: type[models.QuerySet], manager) -> type[models.QuerySet]:
    key = (queryset_class, type(manager))
    if key not in _scoped_classes:
        _scoped_classes[key] = type(
            f"RegionScoped{queryset_class.__name__}",
            (_RegionScopedQuerySet, queryset_class),
            {"_region_filter": staticmethod(manager.region_filter)},
        )
    return _scoped_classes[key]


def region_scoped_manager(
    path: str,
    manager_class: type[models.Manager] = models.Manager,
    *,
    shared: models.Q | None = None,
):
    """A manager whose querysets are limited to the active region through the lookup `path`.

    `path` leads from the model to its region: `"region"`, `"programme__region"`, … Pass the
    model's own manager class (with its natural-key lookup or queryset methods) as
    `manager_class`; it is kept. Related managers (`theme.projects`) and `prefetch_related` go
    through it too; foreign keys followed forward (`project.theme`) use Django's plain base
    manager, which is what saving and deleting need.

    `shared` marks rows that belong to no region and hold in every one (a norm set on a
    product category alone): every region sees them beside its own.
    """

    class RegionScopedManager(manager_class):
        scope_path = path
        use_in_migrations = False

        @staticmethod
        def region_filter(region) -> models.Q:
            condition = models.Q(**{path: _region_key(region)})
            return condition | shared if shared is not None else condition

        def get_queryset(self):
            queryset = super().get_queryset()
            queryset.__class__ = _scoped_class(queryset.__class__, self)
            return queryset._take_scope()

    RegionScopedManager.__name__ = f"RegionScoped{manager_class.__name__}"
    return RegionScopedManager()


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


def region_id_of(instance) -> int | None:
    """The primary key of the region a row of a region-scoped model belongs to."""
    path = type(instance)._default_manager.scope_path.split("__")
    if path == ["pk"]:  # the region itself
        return instance.pk
    for step in path[:-1]:
        instance = getattr(instance, step, None)
        if instance is None:
            return None
    return getattr(instance, f"{path[-1]}_id", None)


def require_same_region(region_id, **references) -> None:
    """Refuse, field by field, a reference to a row of another region than `region_id`.

    Each value is a row of a region-scoped model, an iterable of them, or None. The message is
    the one a person sees on the form (and in the admin).
    """
    errors = {}
    for field, value in references.items():
        rows = [] if value is None else [value] if isinstance(value, models.Model) else value
        strangers = [row for row in rows if region_id_of(row) not in (None, region_id)]
        if strangers:
            errors[field] = _("%(rows)s hoort bij een andere regio.") % {
                "rows": ", ".join(str(row) for row in strangers)
            }
    if errors:
        raise ValidationError(errors)


def in_active_region(queryset: models.QuerySet, path: str) -> models.QuerySet:
    """Limit a queryset the scoped managers do not cover (history tables) to the active region.

    Raises `ScopeError` when no region scope is open, like a scoped manager would; inside
    `all_regions()` it leaves the queryset as it is.
    """
    current = get_scope()
    if not current.get("_enabled", True):
        return queryset
    region = current.get(DIMENSION)
    if region is None:
        raise ScopeError(f"{queryset.model.__name__}: a region scope must be open for this query.")
    return queryset.filter(**{path: region})


def crosses_regions(view):
    """Run a view across every region: only for what is public by nature (published letters)."""

    @functools.wraps(view)
    def wrapper(*args, **kwargs):
        with all_regions():
            return view(*args, **kwargs)

    return wrapper
