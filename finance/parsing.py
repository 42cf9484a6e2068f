"""Reading amounts and percentages as Dutch people type them; never through float.

Amounts (`parse_amount`), in euros with at most two decimals:

- '216387', '216387,50' and '216387.50' (a decimal comma or point followed by one or two digits);
- '216.387' and '216.387,50': points that group thousands, exactly as the pages print amounts, so
  an amount copied from a page reads back as the same amount;
- a leading '€' and a minus sign ('-' or the typographic '−') are allowed, spaces are ignored;
- '216,387' (an English thousands comma) and '1.2345' are refused rather than guessed.

Percentages (`parse_percentage`): '32,55', '32.55' or '32,55%', at most two decimals, 0–100.
"""

import re
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _

from .apportionment import MAX_AMOUNT

_MINUS_SIGNS = ("-", "\u2212", "\u2013")
_GROUPED = re.compile(r"[0-9]{1,3}(?:\.[0-9]{3})+(?:,[0-9]{1,2})?")
_DECIMAL_COMMA = re.compile(r"[0-9]+(?:,[0-9]{1,2})?")
_DECIMAL_POINT = re.compile(r"[0-9]+\.[0-9]{1,2}")
_TOO_MANY_DECIMALS = re.compile(r"[0-9]*[.,][0-9]{3,}")
_PERCENTAGE = re.compile(r"[0-9]+(?:[.,][0-9]+)?")


class ParseError(ValueError):
    """Text that is not an amount or percentage; the message is Dutch and meant for the user."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def _strip_sign(text: str) -> tuple[int, str]:
    cleaned = "".join(text.split())  # also drops non-breaking spaces
    sign = 1
    for _round in range(2):  # '−€ 5' and '€ −5' alike
        if cleaned.startswith("€"):
            cleaned = cleaned[1:]
        if cleaned[:1] in _MINUS_SIGNS and sign == 1:
            sign, cleaned = -1, cleaned[1:]
    return sign, cleaned


def parse_amount(text: str) -> Decimal:
    """An amount in euros from Dutch (or plain) notation; raises `ParseError`."""
    sign, cleaned = _strip_sign(str(text))
    if not cleaned:
        raise ParseError(_("Vul een bedrag in, bijvoorbeeld 216.387 of 216387,50."))
    if _GROUPED.fullmatch(cleaned):
        number = cleaned.replace(".", "").replace(",", ".")
    elif _DECIMAL_COMMA.fullmatch(cleaned):
        number = cleaned.replace(",", ".")
    elif _DECIMAL_POINT.fullmatch(cleaned):
        number = cleaned
    elif _TOO_MANY_DECIMALS.fullmatch(cleaned):
        raise ParseError(
            _(
                "'%(text)s' heeft meer dan twee cijfers achter de komma. Schrijf duizendtallen "
                "met een punt of zonder scheidingsteken: 216.387 of 216387."
            )
            % {"text": text}
        )
    else:
        raise ParseError(
            _("'%(text)s' is geen bedrag. Schrijf bijvoorbeeld 216.387 of 216387,50.")
            % {"text": text}
        )
    amount = sign * Decimal(number)
    if abs(amount) > MAX_AMOUNT:
        raise ParseError(_("Een bedrag is hoogstens 999.999.999.999,99 euro."))
    return amount.quantize(Decimal("0.01"))


def parse_percentage(text: str) -> Decimal:
    """A share of a distribution key in percent (0–100, two decimals); raises `ParseError`."""
    cleaned = "".join(str(text).split()).removesuffix("%")
    if not cleaned:
        raise ParseError(_("het percentage ontbreekt"))
    negative = cleaned[:1] in _MINUS_SIGNS
    if negative:
        cleaned = cleaned[1:]
    if not _PERCENTAGE.fullmatch(cleaned):
        raise ParseError(_("'%(text)s' is geen getal") % {"text": text})
    try:
        value = Decimal(cleaned.replace(",", "."))
    except InvalidOperation:  # pragma: no cover - the pattern admits only digits
        raise ParseError(_("'%(text)s' is geen getal") % {"text": text}) from None
    if negative and value != 0:
        raise ParseError(
            _("het percentage %(text)s ligt niet tussen 0 en 100") % {"text": text.strip()}
        )
    if value > 100:
        raise ParseError(
            _("het percentage %(text)s ligt niet tussen 0 en 100") % {"text": text.strip()}
        )
    if value != value.quantize(Decimal("0.01")):
        raise ParseError(
            _("het percentage %(text)s heeft meer dan twee decimalen") % {"text": text.strip()}
        )
    return value.quantize(Decimal("0.01"))
