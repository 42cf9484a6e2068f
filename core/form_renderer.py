"""The form renderer (settings.FORM_RENDERER): Django's own templates, except that a <select>
and a plain <input> are written here in Python.

Django renders every <option> by including a template, which costs about 0.15 ms an option: the
four person selects of a project's sponsor triangle (128 people in a large region) took 80 ms of
the project page. An <input> is three templates deep, which is most of the time of the admin's
action checkbox on each of its hundred rows. This writes the same markup, escaped the same way,
in a fraction of that time. Widgets with their own option template keep Django's rendering.
"""

from __future__ import annotations

from django.forms.renderers import DjangoTemplates
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString, mark_safe

SELECT_TEMPLATE = "django/forms/widgets/select.html"
OPTION_TEMPLATE = "django/forms/widgets/select_option.html"
# The widgets whose template is only `{% include "django/forms/widgets/input.html" %}`.
INPUT_TEMPLATES = frozenset(
    f"django/forms/widgets/{name}.html"
    for name in (
        "input", "text", "number", "email", "url", "password", "hidden", "checkbox", "date",
        "datetime", "time", "search", "tel", "color",
    )
)  # fmt: skip


def _attrs(attrs: dict) -> str:
    """django/forms/widgets/attrs.html: False leaves the attribute out, True writes it bare."""
    return "".join(
        f" {conditional_escape(name)}"
        if value is True
        else format_html(' {}="{}"', name, value if isinstance(value, SafeString) else str(value))
        for name, value in attrs.items()
        if value is not False
    )


def _option(option: dict) -> str:
    return format_html(
        '<option value="{}"{}>{}</option>',
        str(option["value"]),
        mark_safe(_attrs(option["attrs"])),
        option["label"],
    )


def render_select(widget: dict) -> SafeString:
    """django/forms/widgets/select.html with its options, from the widget's context."""
    attrs = mark_safe(_attrs(widget["attrs"]))
    parts = [format_html('<select name="{}"{}>', widget["name"], attrs)]
    for group_name, options, _index in widget["optgroups"]:
        if group_name:
            parts.append(format_html('<optgroup label="{}">', group_name))
        parts.extend(_option(option) for option in options)
        if group_name:
            parts.append("</optgroup>")
    parts.append("</select>")
    return mark_safe("\n".join(parts))


def render_input(widget: dict) -> SafeString:
    """django/forms/widgets/input.html: the value only when there is one."""
    value = widget["value"]
    shown = "" if value is None else format_html(' value="{}"', str(value))
    attrs = mark_safe(_attrs(widget["attrs"]))
    return format_html(
        '<input type="{}" name="{}"{}{}>', widget["type"], widget["name"], shown, attrs
    )


def _plain_options(widget: dict) -> bool:
    return all(
        option["template_name"] == OPTION_TEMPLATE
        for _name, options, _index in widget["optgroups"]
        for option in options
    )


class FormRenderer(DjangoTemplates):
    def render(self, template_name, context, request=None):
        widget = context.get("widget")
        if template_name == SELECT_TEMPLATE and widget and _plain_options(widget):
            return render_select(widget)
        if template_name in INPUT_TEMPLATES and widget:
            return render_input(widget)
        return super().render(template_name, context, request=request)
