"""The region's theme in a page and in a PDF: its stylesheet and its logo.

On screen the theme is a stylesheet URL (`/thema/<regio>.css?v=…`), never an inline style, which
the content security policy forbids. A PDF carries both as `data:` URIs, the only thing besides
the project's static files that the PDF renderer may fetch (`core.pdf`).
"""

import base64

from django import template
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.html import format_html

from core.scope import active_region
from governance.models import Region
from governance.themes.selectors import theme_of

register = template.Library()


def _theme_for(region):
    if region is None:
        region = active_region()
        if region is not None and not isinstance(region, Region):
            region = Region.objects.filter(pk=region).first()
    return theme_of(region)


@register.simple_tag
def theme_stylesheet(theme):
    """The <link> to the region's stylesheet, after tokens.css; nothing without a theme."""
    if theme is None:
        return ""
    url = reverse("themes:theme_stylesheet", args=[theme.region.slug])
    return format_html('<link rel="stylesheet" href="{}?v={}">', url, theme.fingerprint)


@register.simple_tag
def theme_logo_url(theme):
    if theme is None or not theme.has_logo:
        return ""
    url = reverse("themes:theme_logo", args=[theme.region.slug])
    return f"{url}?v={theme.fingerprint}"


@register.simple_tag
def pdf_theme_stylesheet(region=None, asset_base=""):
    """The theme's tokens for a print template; in a browser preview (asset_base set), its URL."""
    theme = _theme_for(region)
    if theme is None:
        return ""
    if asset_base:
        return theme_stylesheet(theme)
    css = render_to_string("governance/themes/theme.css", {"theme": theme})
    encoded = base64.b64encode(css.encode()).decode()
    return format_html('<link rel="stylesheet" href="data:text/css;base64,{}">', encoded)


@register.simple_tag
def pdf_theme_logo(region=None, css_class="print-logo"):
    """The region's logo as an <img> with a `data:` URI, or nothing when it has none."""
    theme = _theme_for(region)
    if theme is None or not theme.has_logo:
        return ""
    logo = bytes(type(theme).objects.filter(pk=theme.pk).values_list("logo", flat=True)[0])
    encoded = base64.b64encode(logo).decode()
    return format_html(
        '<img class="{}" src="data:image/png;base64,{}" alt="{}">',
        css_class,
        encoded,
        theme.logo_alt,
    )
