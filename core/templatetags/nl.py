"""Template filters for Dutch amounts and dates: {{ amount|euro }}, {{ amount|bedrag }},
{{ pct|procent }}, {{ day|datum }}."""

from django import template

from core.formatting import format_amount, format_date, format_euro, format_percentage

register = template.Library()


@register.filter
def euro(value, arg=None):
    """`{{ 216387|euro }}` → '€ 216.387'; `{{ x|euro:"centen" }}` always shows cents."""
    return format_euro(value, cents=True if arg == "centen" else None)


@register.filter
def bedrag(value, arg=None):
    return format_amount(value, cents=True if arg == "centen" else None)


@register.filter
def procent(value):
    return format_percentage(value)


@register.filter
def datum(value):
    """`{{ day|datum }}` → '20 april 2021', as `|date:"j F Y"` gives it, but cached (a list of
    hundreds of dates repeats the same few)."""
    return format_date(value)
