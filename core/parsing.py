"""Reading numbers and dates as Dutch people type them: one rule for every form, upload and command.

Numbers (`parse_amount`, `parse_percentage`, `parse_decimal`) are read into `Decimal`, never
through float. The one rule, Dutch notation:

- the **comma is the decimal separator**: '216387,50' is 216387.50;
- the **point groups thousands**, in groups of exactly three digits after a first group of one to
  three (not starting with 0): '216.387' is 216387 and '1.234.567,89' is 1234567.89 — exactly as
  `core.formatting` prints amounts, so an amount copied from a page reads back as itself;
- a point followed by one or two digits and nothing else ('12.5', '216387.50') cannot be a
  thousands point, so it is read as a decimal point: what spreadsheets and other systems write;
- '216,387' is 216.387, a number with three decimals. Money has at most two (cents), so
  `parse_amount('216,387')` is refused with a Dutch message that says how to write two hundred
  and sixteen thousand, rather than guessed. Likewise '1.2345' and '0.123' (not thousands groups:
  decimals, too many of them);
- both separators the English way round ('1,000.50'), two commas, an exponent ('1e5'), 'NaN' and
  'Infinity' are not numbers;
- spaces (also non-breaking ones) are ignored; a sign '-', '+' or the typographic '−' may lead,
  and for amounts a '€' before or after the sign; for percentages a trailing '%'.

Dates (`parse_date`): '20-04-2021', '20/04/2021' and '20.04.2021' (day first, one or two digits
for day and month, the year in four), ISO '2021-04-20', and '20 april 2021' or '20 apr. 2021' as
the pages print dates. A two-digit year is refused, not guessed; so is a day that does not exist
('31-02-2023'). `DATE_INPUT_FORMATS` are the same numeric notations for Django's date fields.

Every function raises `ParseError`, a `ValueError` whose `message` is Dutch and meant for the
person who typed the value.
"""

import datetime
import re
from decimal import Decimal

from django.utils.translation import gettext as _

from .formatting import format_amount

# What a money field of the project (max_digits=14, decimal_places=2) holds.
MAX_AMOUNT = Decimal("999999999999.99")

# The numeric date notations `parse_date` reads, for `forms.DateField(input_formats=...)`.
DATE_INPUT_FORMATS = ["%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y", "%d.%m.%Y"]

_MINUS_SIGNS = ("-", "\u2212", "\u2013")  # hyphen-minus, minus sign, en dash
_GROUPED = re.compile(r"[1-9][0-9]{0,2}(?:\.[0-9]{3})+")
_DIGITS = re.compile(r"[0-9]+")
_POINT_DECIMAL = re.compile(r"[0-9]+\.[0-9]+")

MONTHS = {
    "januari": 1,
    "februari": 2,
    "maart": 3,
    "april": 4,
    "mei": 5,
    "juni": 6,
    "juli": 7,
    "augustus": 8,
    "september": 9,
    "oktober": 10,
    "november": 11,
    "december": 12,
}
_MONTH_ABBREVIATIONS = {
    "jan": 1,
    "feb": 2,
    "mrt": 3,
    "mar": 3,
    "apr": 4,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "sept": 9,
    "okt": 10,
    "nov": 11,
    "dec": 12,
}
_ISO_DATE = re.compile(r"([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})(?:[T ][0-9:.]+)?")
_DUTCH_DATE = re.compile(r"([0-9]{1,2})([-/.])([0-9]{1,2})\2([0-9]+)")
_WRITTEN_DATE = re.compile(r"([0-9]{1,2})\s+([^\W\d_]+)\.?\s+([0-9]+)")


class ParseError(ValueError):
    """Text that is not the number or date asked for; `message` is Dutch, for the user."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def _clean(value) -> str:
    return "".join(str(value).split())  # str.split() also splits on non-breaking spaces


def _split_sign(cleaned: str, *, currency: bool) -> tuple[int, str]:
    sign = 1
    for _round in range(2):  # '−€ 5' and '€ −5' alike
        if currency and cleaned.startswith("€"):
            cleaned = cleaned[1:]
        if sign == 1 and cleaned[:1] in _MINUS_SIGNS:
            sign, cleaned = -1, cleaned[1:]
        elif cleaned[:1] == "+":
            cleaned = cleaned[1:]
    if currency:
        cleaned = cleaned.removesuffix("€")
    return sign, cleaned


def _number(body: str) -> Decimal | None:
    """The unsigned number `body` in Dutch notation, or None when it is not one."""
    if body.count(",") == 1:
        whole, fraction = body.split(",")
        if not _DIGITS.fullmatch(fraction):
            return None
        if whole and not (_DIGITS.fullmatch(whole) or _GROUPED.fullmatch(whole)):
            return None
        return Decimal((whole.replace(".", "") or "0") + "." + fraction)
    if "," in body:
        return None
    if _DIGITS.fullmatch(body) or _GROUPED.fullmatch(body):
        return Decimal(body.replace(".", ""))
    if _POINT_DECIMAL.fullmatch(body):
        return Decimal(body)
    return None


def _places(number: Decimal) -> int:
    """The decimals written: '216,380' has three; a number given as a number, its real ones."""
    exponent = number.as_tuple().exponent
    return -exponent if isinstance(exponent, int) and exponent < 0 else 0


def _read(value, *, currency: bool = False) -> Decimal | None:
    """A signed number, or None when `value` is not one.

    Text keeps the decimals as written (Decimal('216.380') for '216,380'), so that too many of
    them are refused even when they are zeros; a number given as a number (an int, a Decimal,
    a float from a spreadsheet) keeps only its significant decimals.
    """
    if isinstance(value, bool):
        return None
    if isinstance(value, Decimal | int | float):
        number = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
        if not number.is_finite():
            return None
        return Decimal(int(number)) if number == number.to_integral_value() else number.normalize()
    sign, body = _split_sign(_clean(value), currency=currency)
    number = _number(body) if body else None
    if number is None:
        return None
    return sign * number if number else number  # no '-0'


def parse_amount(value, *, maximum: Decimal = MAX_AMOUNT) -> Decimal:
    """An amount in euros with at most two decimals, quantized to cents; see the module rule."""
    text = str(value).strip()
    if not _clean(text).strip("€"):
        raise ParseError(_("Vul een bedrag in, bijvoorbeeld 216.387 of 216387,50."))
    amount = _read(value, currency=True)
    if amount is None:
        raise ParseError(
            _("‘%(text)s’ is geen bedrag. Schrijf bijvoorbeeld 216.387 of 216387,50.")
            % {"text": text}
        )
    if _places(amount) > 2:
        raise ParseError(
            _(
                "‘%(text)s’ heeft meer dan twee cijfers achter de komma; een bedrag heeft "
                "hoogstens centen. Schrijf duizendtallen met een punt of zonder scheidingsteken "
                "(216.387 of 216387) en centen na een komma (216387,50)."
            )
            % {"text": text}
        )
    if abs(amount) > maximum:
        raise ParseError(
            _("Een bedrag is hoogstens %(maximum)s euro.")
            % {"maximum": format_amount(maximum, cents=True)}
        )
    return amount.quantize(Decimal("0.01"))


def parse_decimal(value, *, places: int = 2, maximum: Decimal = MAX_AMOUNT) -> Decimal:
    """A number (not money) with at most `places` decimals, such as a number of fte."""
    text = str(value).strip()
    if not _clean(text):
        raise ParseError(_("Vul een getal in, bijvoorbeeld 25,5."))
    number = _read(value)
    if number is None:
        raise ParseError(_("‘%(text)s’ is geen getal. Schrijf bijvoorbeeld 25,5.") % {"text": text})
    if _places(number) > places:
        raise ParseError(
            _("‘%(text)s’ heeft meer dan %(places)d cijfers achter de komma.")
            % {"text": text, "places": places}
        )
    if abs(number) > maximum:
        raise ParseError(_("‘%(text)s’ is te groot.") % {"text": text})
    return number.quantize(Decimal(1).scaleb(-places))


def parse_percentage(value, *, maximum: Decimal = Decimal(100)) -> Decimal:
    """A percentage from 0 to `maximum` with at most two decimals: '32,55', '32.55', '32,55%'."""
    text = str(value).strip()
    cleaned = _clean(text).removesuffix("%")
    if not cleaned:
        raise ParseError(_("het percentage ontbreekt"))
    number = _read(cleaned) if isinstance(value, str) else _read(value)
    if number is None:
        raise ParseError(_("‘%(text)s’ is geen getal") % {"text": text})
    if number < 0 or number > maximum:
        raise ParseError(
            _("het percentage %(text)s ligt niet tussen 0 en %(maximum)s")
            % {"text": text, "maximum": f"{maximum:f}".replace(".", ",")}
        )
    if _places(number) > 2:
        raise ParseError(
            _("het percentage %(text)s heeft meer dan twee decimalen") % {"text": text}
        )
    return number.quantize(Decimal("0.01"))


def _month(name: str) -> int | None:
    name = name.casefold()
    return MONTHS.get(name) or _MONTH_ABBREVIATIONS.get(name)


def parse_date(value) -> datetime.date:
    """A date in Dutch or ISO notation; see the module rule."""
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    text = " ".join(str(value).split())
    if not text:
        raise ParseError(_("Vul een datum in, bijvoorbeeld 20-04-2021."))
    parts = None
    if match := _ISO_DATE.fullmatch(text):
        parts = (match[1], match[2], match[3])
    elif match := _DUTCH_DATE.fullmatch(text):
        parts = (match[4], match[3], match[1])
    elif (match := _WRITTEN_DATE.fullmatch(text)) and _month(match[2]):
        parts = (match[3], str(_month(match[2])), match[1])
    if parts is None:
        raise ParseError(
            _("‘%(text)s’ is geen datum. Schrijf bijvoorbeeld 20-04-2021.") % {"text": text}
        )
    year, month, day = parts
    if len(year) != 4:
        raise ParseError(
            _("Schrijf het jaar in ‘%(text)s’ met vier cijfers, bijvoorbeeld 20-04-2021.")
            % {"text": text}
        )
    try:
        return datetime.date(int(year), int(month), int(day))
    except ValueError:
        raise ParseError(_("De datum ‘%(text)s’ bestaat niet.") % {"text": text}) from None
