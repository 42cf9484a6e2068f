"""The one save helper for rows people edit in forms (HackSoft's `model_update`, with a lock).

A form carries the edit version it was loaded at. Saving first *claims* that version in the
database, in one statement:

    UPDATE … SET edit_version = expected + 1 WHERE id = … AND edit_version = expected

Of two saves from the same version exactly one claims it, however close together they come; the
other raises `StaleEditError` with the row as it is now, and changes nothing. The claim holds the
row until the transaction ends; the save that follows goes through `Model.save()`, so
django-simple-history records it with the acting user and the reason (it does not see
`QuerySet.update()`, which is why the claim alone does not save).
"""

from collections.abc import Iterable, Mapping
from typing import Any, TypeVar

from django.contrib.auth.models import User
from django.db import transaction

from .locking import StaleEditError
from .models import VERSION_FIELD, VersionedModel

Versioned = TypeVar("Versioned", bound=VersionedModel)


def _claim(instance: VersionedModel, expected_version: int | None, fields: Iterable[str]) -> None:
    """Count the row's version up in the database, or raise when it is not `expected_version`."""
    if instance.pk is None:
        raise ValueError("Only a saved row has an edit version to check.")
    # The base manager: the caller already holds this row, so no region scope is asked for.
    rows = type(instance)._base_manager.filter(pk=instance.pk)
    claimed = (
        expected_version is not None
        and rows.filter(**{VERSION_FIELD: expected_version}).update(
            **{VERSION_FIELD: expected_version + 1}
        )
        == 1
    )
    if not claimed:
        raise StaleEditError(rows.first(), fields=fields)
    setattr(instance, VERSION_FIELD, expected_version + 1)


@transaction.atomic
def model_update(
    *,
    instance: Versioned,
    expected_version: int | None,
    data: Mapping[str, Any] | None = None,
    user: User | None = None,
    reason: str = "",
    clean: bool = True,
) -> Versioned:
    """Set `data` on `instance` and save it, unless its row changed since `expected_version`.

    Validates with `full_clean()` (unless `clean=False`, for a caller such as an admin form that
    validated the instance itself) and records `user` and `reason` in the history. Raises
    `StaleEditError` naming the fields of `data` — the newer values a person should see — and
    saves nothing then; a `ValidationError` also leaves the row as it was.
    """
    data = dict(data or {})
    fields = instance._meta.concrete_fields
    concrete = {field.name for field in fields} | {field.attname for field in fields}
    unknown = set(data) - concrete - {VERSION_FIELD}
    if unknown or VERSION_FIELD in data:
        raise ValueError(f"Not a field model_update sets: {sorted(unknown or {VERSION_FIELD})}")
    _claim(instance, expected_version, data)
    for name, value in data.items():
        setattr(instance, name, value)
    if user is not None:
        instance._history_user = user
    if reason:
        instance._change_reason = reason
    try:
        if clean:
            instance.full_clean()
        instance.save()
    except BaseException:
        # The claim is rolled back with the transaction; the instance says so too.
        setattr(instance, VERSION_FIELD, expected_version)
        raise
    return instance


@transaction.atomic
def model_delete(
    *, instance: VersionedModel, expected_version: int | None, user: User | None = None
) -> None:
    """Delete `instance` (recorded in the history), unless its row changed since
    `expected_version`: nobody deletes what they have not seen."""
    _claim(instance, expected_version, ())
    if user is not None:
        instance._history_user = user
    instance.delete()
