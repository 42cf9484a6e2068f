"""Dutch number formatting for pages, exports and PDFs: € 216.387, −6.600, 32,55%."""

import functools
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import get_language

MINUS = "\u2212"  # a real minus sign, as Dutch financial documents print it


def _group_thousands(digits: str) -> str:
    groups = []
    while len(digits) > 3:
        groups.insert(0, digits[-3:])
        digits = digits[:-3]
    groups.insert(0, digits)
    return ".".join(groups)


def format_amount(value, *, cents: bool | None = None) -> str:
    """216387 → '216.387'; -6600 → '−6.600'; 70426.92 → '70.426,92'.

    Cents are shown when the amount has them, or always with `cents=True`.
    """
    if value is None:
        return ""
    amount = Decimal(value).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    show_cents = cents if cents is not None else amount != amount.to_integral_value()
    sign = MINUS if amount < 0 else ""
    whole, fraction = f"{abs(amount):.2f}".split(".")
    text = _group_thousands(whole)
    if show_cents:
        text += "," + fraction
    return sign + text


def format_euro(value, *, cents: bool | None = None) -> str:
    if value is None:
        return ""
    return "€ " + format_amount(value, cents=cents)


def format_percentage(value) -> str:
    """32.55 → '32,55%'."""
    if value is None:
        return ""
    amount = Decimal(value).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    sign = MINUS if amount < 0 else ""
    return f"{sign}{abs(amount):.2f}".replace(".", ",") + "%"


def format_date(value) -> str:
    """'20 april 2021' in the active language; '' for None.

    The same few dates recur on a page (targets, deliveries, quarter ends), and Django's `date`
    filter looks up the month's name through the translation machinery on every call: a page
    with a few hundred dates spent much of its time there. Cached per date and language.
    """
    if value is None or value == "":
        return ""
    if isinstance(value, datetime):
        value = timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    return _format_date(value, get_language())


@functools.lru_cache(maxsize=4096)
def _format_date(value: date, language: str | None) -> str:
    return date_format(value, "j F Y")
