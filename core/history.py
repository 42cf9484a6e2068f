"""What every model's history shares: a change reason that always fits its column.

django-simple-history keeps the reason of a change in `history_change_reason`, a column of 100
characters. A reason built from what a person chose (the decisions a letter cites, a regional
letter's addressees) can be longer; PostgreSQL then refuses the whole save. Every historical
record passes through `fit_change_reason` before it is written (a `pre_create_historical_record`
receiver, connected in `core.apps`), so no reason is ever too long, whoever wrote it.
"""

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
