"""`{{ value|in_unit:unit }}`: a risk indicator's value or threshold in its own unit."""

from django import template

from core.formatting import format_amount, format_euro, format_percentage

register = template.Library()


@register.filter
def in_unit(value, unit):
    """'–' without a value; a percentage, euros, or an amount with cents (a ratio)."""
    if value is None:
        return "–"
    if unit == "percentage":
        return format_percentage(value)
    if unit == "euro":
        return format_euro(value)
    return format_amount(value, cents=True)
