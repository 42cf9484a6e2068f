"""What deleting rows would take with it, and the reasons to refuse it.

A delete never cascades into other records (docs/domain-rules.md, "Nothing is destroyed by
accident"). Rows can be deleted together with their own *parts* only:

- the rows of a reverse relation that the caller names as a part (`parts_of(model)` gives the
  accessor names, such as a distribution key's `shares`); parts are checked the same way, so a
  part that is itself referred to stops the delete too;
- the link rows of a many-to-many field that the deleted row's model declares (an experiment's
  municipalities). Seen from the other side (a municipality linked to an experiment) such a link
  is a reference.

Everything else refuses the delete with a Dutch reason: a child that would cascade
("Begroting 2023 heeft 14 begrotingsregels; verwijder die eerst."), a row that refers to it
(whatever its `on_delete`), and a historical record (django-simple-history) of another row that
names it, so that history keeps showing who and what it was about. History written through a
cascading foreign key (the lines a budget once had) belongs to the parent's own past and does not
stop it; the lines themselves, while they exist, do.

The counts cross regions on purpose: a reference from anywhere stops the delete. Only counts are
told, never the referring rows, so nothing of another region is shown.
"""

import functools
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence

from django.apps import apps
from django.db import models
from django.db.models import Count
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from simple_history.models import HistoricalChanges

PartsOf = Callable[[type[models.Model]], Iterable[str]]


def _no_parts(model: type[models.Model]) -> Iterable[str]:
    return ()


def reverse_relations(model: type[models.Model]) -> list[models.ForeignObjectRel]:
    """The one-to-many and one-to-one relations pointing at `model`, hidden ones included.

    These are the relations Django's deletion collector follows; the hidden ones are the link rows
    of many-to-many fields.
    """
    return [
        field
        for field in model._meta.get_fields(include_hidden=True)
        if field.auto_created
        and not field.concrete
        and (field.one_to_one or field.one_to_many)
        # History tables refer without a constraint; they are `history_references`.
        and not issubclass(field.related_model, HistoricalChanges)
    ]


def _many_to_many_of(through: type[models.Model]) -> models.ManyToManyField | None:
    """The many-to-many field whose automatic link table is `through`."""
    owner = through._meta.auto_created
    if not owner:
        return None
    return next(
        (field for field in owner._meta.many_to_many if field.remote_field.through is through),
        None,
    )


def is_part_relation(relation: models.ForeignObjectRel, parts: Iterable[str]) -> bool:
    """Whether the rows of `relation` go with the row they point at."""
    m2m = _many_to_many_of(relation.related_model)
    if m2m is not None:
        # A link row belongs to the row whose model declares the field.
        return relation.field.name == m2m.m2m_field_name()
    return relation.get_accessor_name() in set(parts) and relation.on_delete is models.CASCADE


@functools.cache
def history_references(model: type[models.Model]) -> tuple[tuple, ...]:
    """(historical model, its field, the live field it mirrors) for every history table field
    that refers to `model`; the live field is None for `history_user`.

    Found from the historical models' own fields, so every model with history is covered. A field
    that mirrors a cascading foreign key is left out (see the module's docstring).
    """
    target = model._meta.concrete_model
    found = []
    for historical in apps.get_models():
        if not issubclass(historical, HistoricalChanges):
            continue
        live = historical.instance_type
        for field in historical._meta.fields:
            if not (field.many_to_one and field.remote_field.model is not None):
                continue
            if field.remote_field.model._meta.concrete_model is not target:
                continue
            try:
                mirrored = live._meta.get_field(field.name)
            except models.FieldDoesNotExist:
                mirrored = None  # history_user: who made the change
            if mirrored is not None and mirrored.remote_field.on_delete is models.CASCADE:
                continue
            found.append((historical, field, mirrored))
    return tuple(found)


def _label(field: models.Field) -> str:
    if field.name == "history_user":
        return _("gewijzigd door")
    return str(field.verbose_name)


def _what(model: type[models.Model], count: int) -> str:
    opts = model._meta
    return str(opts.verbose_name if count == 1 else opts.verbose_name_plural)


def _collect(objs: Sequence[models.Model], parts_of: PartsOf) -> dict[type, dict]:
    """The rows the delete would remove: `objs` and, recursively, their parts; by model and pk."""
    doomed: dict[type, dict] = defaultdict(dict)
    by_model = defaultdict(list)
    for obj in objs:
        by_model[obj._meta.concrete_model].append(obj)
    pending = list(by_model.items())
    while pending:
        model, rows = pending.pop()
        new = [row for row in rows if row.pk not in doomed[model]]
        doomed[model].update((row.pk, row) for row in new)
        if not new:
            continue
        parts = tuple(parts_of(model))
        for relation in reverse_relations(model):
            if _many_to_many_of(relation.related_model) or not is_part_relation(relation, parts):
                continue
            children = relation.related_model._base_manager.filter(
                **{f"{relation.field.name}__in": [row.pk for row in new]}
            )
            pending.append((relation.related_model._meta.concrete_model, list(children)))
    return doomed


def part_models(model: type[models.Model], parts_of: PartsOf) -> set[type[models.Model]]:
    """The models whose rows can go with a row of `model` as its parts, recursively."""
    found: set[type[models.Model]] = set()
    pending = [model]
    while pending:
        current = pending.pop()
        parts = tuple(parts_of(current))
        for relation in reverse_relations(current):
            related = relation.related_model
            if related in found or _many_to_many_of(related):
                continue
            if is_part_relation(relation, parts):
                found.add(related)
                pending.append(related)
    return found


def _counts(queryset, field_name: str, pks, counted: str) -> dict:
    rows = (
        queryset.filter(**{f"{field_name}__in": list(pks)})
        .order_by()
        .values(field_name)
        .annotate(count=Count(counted, distinct=True))
    )
    return {row[field_name]: row["count"] for row in rows}


def deletion_refusals(objs: Iterable[models.Model], parts_of: PartsOf = _no_parts) -> list[str]:
    """The Dutch reasons why deleting `objs` (with their parts) would touch other records.

    An empty list means the delete removes the rows and their parts, nothing else.
    """
    objs = [obj for obj in objs if obj.pk is not None]
    if not objs:
        return []
    doomed = _collect(objs, parts_of)
    reasons = []
    for model, rows in doomed.items():
        parts = tuple(parts_of(model))
        for relation in reverse_relations(model):
            if is_part_relation(relation, parts):
                continue
            related = relation.related_model
            field = relation.field
            m2m = _many_to_many_of(related)
            if m2m is not None:
                # Link rows seen from the other side: count the rows linked.
                other = m2m.m2m_field_name()
                counts = _counts(related._base_manager, field.name, rows, other)
                owner = m2m.model
                for pk, count in counts.items():
                    reasons.append(
                        _(
                            "%(row)s is gekoppeld aan %(count)s %(what)s (%(field)s); haal die "
                            "koppeling eerst weg."
                        )
                        % {
                            "row": rows[pk],
                            "count": count,
                            "what": _what(owner, count),
                            "field": m2m.verbose_name,
                        }
                    )
                continue
            queryset = related._base_manager.exclude(pk__in=list(doomed.get(related, ())))
            counts = _counts(queryset, field.name, rows, "pk")
            for pk, count in counts.items():
                values = {"row": rows[pk], "count": count, "what": _what(related, count)}
                if relation.on_delete is models.CASCADE:
                    reasons.append(
                        _("%(row)s heeft %(count)s %(what)s; verwijder die eerst.") % values
                    )
                else:
                    reasons.append(
                        _(
                            "%(row)s wordt genoemd in %(count)s %(what)s (%(field)s); haal die "
                            "verwijzing eerst weg."
                        )
                        % {**values, "field": field.verbose_name}
                    )
        for historical, field, mirrored in history_references(model):
            live = historical.instance_type
            pk_name = live._meta.pk.attname
            named = set(
                historical._default_manager.filter(**{f"{field.attname}__in": list(rows)})
                .exclude(**{f"{pk_name}__in": list(doomed.get(live._meta.concrete_model, ()))})
                .values_list(field.attname, pk_name)
                .distinct()
            )
            if mirrored is not None and named:
                # A row that refers to it now is told above already.
                named -= set(
                    live._base_manager.filter(**{f"{mirrored.name}__in": list(rows)}).values_list(
                        mirrored.attname, "pk"
                    )
                )
            for pk, count in Counter(target for target, _row in named).items():
                reasons.append(
                    _(
                        "%(row)s komt voor in de geschiedenis van %(count)s %(what)s (%(field)s); "
                        "die geschiedenis blijft leesbaar, dus dit blijft bewaard."
                    )
                    % {
                        "row": rows[pk],
                        "count": count,
                        "what": _what(live, count),
                        "field": _label(field),
                    }
                )
    return [capfirst(reason) for reason in reasons]
