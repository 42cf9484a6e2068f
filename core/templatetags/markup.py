from django import template

from core.markup import simple_markup as render_simple_markup

register = template.Library()


@register.filter
def simple_markup(text):
    """Text in the simple markup of `core.markup` as safe HTML."""
    return render_simple_markup(text)
