"""What every model's history shares: an index to find a row's records, and a change reason that
always fits its column.

A page asks for the newest records of one row ("last changed by", the project's changes):
`WHERE id = … ORDER BY history_date DESC LIMIT n`. With only django-simple-history's separate
indexes on `id` and on `history_date`, PostgreSQL walks the date index backwards and filters,
hoping to meet the row early; for a row last changed long ago, or never recorded, it reads the
whole table (2.2 s for a project page of 150 efforts among 57,000 effort records). Every
historical model has an index on (`id`, `history_date`) instead, which answers in one step
(`HistoricalRecords` here, which the models use in place of simple-history's own).

django-simple-history keeps the reason of a change in `history_change_reason`, a column of 100
characters. A reason built from what a person chose (the decisions a letter cites, a regional
letter's addressees) can be longer; PostgreSQL then refuses the whole save. Every historical
record passes through `fit_change_reason` before it is written (a `pre_create_historical_record`
receiver, connected in `core.apps`), so no reason is ever too long, whoever wrote it.
"""

from django.db import models

from simple_history.models import HistoricalRecords as SimpleHistoricalRecords

ELLIPSIS = "…"
REASON_FIELD = "history_change_reason"


def shorten(text: str, max_length: int | None) -> str:
    """`text` cut to `max_length` characters, ending in '…' when anything was cut."""
    if max_length is None or len(text) <= max_length:
        return text
    return text[: max_length - len(ELLIPSIS)].rstrip() + ELLIPSIS


def fit_change_reason(history_instance) -> None:
    """Shorten the change reason of a historical record to its column's `max_length`."""
    reason = getattr(history_instance, REASON_FIELD, None)
    if not reason:
        return
    max_length = type(history_instance)._meta.get_field(REASON_FIELD).max_length
    setattr(history_instance, REASON_FIELD, shorten(reason, max_length))


def fit_change_reason_receiver(sender, history_instance, **kwargs) -> None:
    fit_change_reason(history_instance)


class HistoricalRecords(SimpleHistoricalRecords):
    """simple-history's records, with an index on the row's id and the moment of the record."""

    def get_meta_options(self, model):
        options = super().get_meta_options(model)
        row = model._meta.pk.attname
        options["indexes"] = (
            *options.get("indexes", ()),
            models.Index(fields=(row, "history_date")),
        )
        return options
