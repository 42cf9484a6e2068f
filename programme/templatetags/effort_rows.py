"""`{% effort_rows rows %}` writes a table's effort rows, `{% effort_row row %}` one of them:
with the page's `permissions` and CSRF token (programme/effort_rows.py)."""

from django import template

from programme.effort_rows import EffortRowRenderer, csrf_input
from programme.effort_rows import move_buttons as render_move_buttons

register = template.Library()


def _renderer(context) -> EffortRowRenderer:
    return EffortRowRenderer(context.get("permissions"), context.get("csrf_token"))


@register.simple_tag(takes_context=True)
def effort_rows(context, rows):
    return _renderer(context).render_all(rows)


@register.simple_tag(takes_context=True)
def effort_row(context, row):
    return _renderer(context).render(row)


@register.simple_tag(takes_context=True)
def move_buttons(context, action, row, label):
    """The up and down buttons of a sub-goal or an effort; `row` has the `edit_version`."""
    return render_move_buttons(
        action, row.edit_version, label, csrf_input(context.get("csrf_token"))
    )
