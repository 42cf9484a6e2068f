"""Template helpers of the money pages: `{% load money %}`."""

from django import template
from django.utils.html import format_html

from finance.tables import key_sum_html

register = template.Library()


@register.simple_tag
def key_sum(total):
    """The sum of a key's shares; flagged, with the difference, unless it is exactly 100%."""
    if total is None:
        return ""
    return key_sum_html(total)


def _reachable(project) -> bool:
    # A project page exists for projects with a number in a theme of a programme.
    return bool(project is not None and project.code and project.theme_id)


@register.simple_tag
def project_link(project):
    """A link to the project's page; a project of an earlier agenda links to its successor."""
    if project is None:
        return ""
    if _reachable(project):
        return format_html('<a href="{}">{}</a>', project.get_absolute_url(), project)
    successor = project.continues_in
    if _reachable(successor):
        return format_html(
            '{} <span class="small">(→ <a href="{}">{}</a>)</span>',
            project,
            successor.get_absolute_url(),
            successor.code,
        )
    return format_html("{}", project)
