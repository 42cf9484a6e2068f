"""No lost updates: the one error a save over someone else's newer change raises.

Every edit form carries the edit version its row had when the form was loaded
(`core.models.VersionedModel`, `core.forms.VersionedFormMixin`); `core.services.model_update`
saves only when the row still has it. Otherwise it raises `StaleEditError` with the row as it is
now, so the person sees the newer value and can decide again.
"""

import datetime
from collections.abc import Iterable
from decimal import Decimal

from django.db import models
from django.utils import timezone
from django.utils.formats import date_format, number_format
from django.utils.text import Truncator
from django.utils.translation import gettext as _


def display_value(instance: models.Model, name: str) -> str:
    """A field's value as a person reads it: the label of a choice, ja/nee, a Dutch date."""
    field = instance._meta.get_field(name)
    if field.many_to_many:
        related = ", ".join(str(item) for item in getattr(instance, name).all())
        return related or "–"
    if field.choices:
        return str(getattr(instance, f"get_{name}_display")()) or "–"
    value = getattr(instance, name)
    if value is None or value == "":
        return "–"
    if isinstance(value, bool):
        return _("ja") if value else _("nee")
    if isinstance(value, datetime.datetime):
        return date_format(timezone.localtime(value), "j F Y H:i")
    if isinstance(value, datetime.date):
        return date_format(value, "j F Y")
    if isinstance(value, Decimal | float):
        return number_format(value, use_l10n=True, force_grouping=True)
    return Truncator(str(value)).chars(200)


class StaleEditError(Exception):
    """Someone else saved first.

    `current` is the row as it is now (None when it was deleted meanwhile); `fields` are the
    names the refused form edits, whose newer values the message shows.
    """

    def __init__(self, current: models.Model | None, *, fields: Iterable[str] = ()):
        self.current = current
        self.fields = tuple(fields)
        super().__init__(self.message)

    def newer_values(self) -> list[tuple[str, str]]:
        """(label, newer value) for each field the refused form edits."""
        if self.current is None:
            return []
        opts = self.current._meta
        return [
            (str(opts.get_field(name).verbose_name), display_value(self.current, name))
            for name in self.fields
        ]

    @property
    def message(self) -> str:
        if self.current is None:
            return _("Iemand anders heeft dit intussen verwijderd.")
        values = "; ".join(f"{label} ‘{value}’" for label, value in self.newer_values())
        if not values:
            return _("Iemand anders heeft dit intussen gewijzigd.")
        return _("Iemand anders heeft dit intussen gewijzigd: %(values)s.") % {"values": values}
