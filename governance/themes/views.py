"""The region's theme: its stylesheet and logo (public, cacheable) and the form that sets it."""

from collections.abc import Callable

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils.cache import get_conditional_response
from django.utils.http import quote_etag
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from core.locking import StaleEditError
from core.middleware import region_not_required
from core.scope import crosses_regions
from governance.accounts.permissions import permission_required

from . import services
from .forms import RegionThemeForm
from .selectors import theme_by_slug, theme_of

# A stylesheet or logo URL carries the theme's fingerprint (?v=…): a changed theme is a new URL,
# so browsers may keep one for a day and revalidate by its ETag after that.
CACHE_CONTROL = "public, max-age=86400"


def _cacheable(request, theme, content: Callable[[], bytes], content_type: str) -> HttpResponse:
    """The theme's stylesheet or logo, or a 304 when the browser's copy has the theme's ETag.

    Django's own precondition rules decide (weak and listed ETags, `*`); `content` is only
    produced when the body is sent.
    """
    etag = quote_etag(theme.fingerprint)
    response = get_conditional_response(request, etag=etag)
    if response is None:
        response = HttpResponse(content(), content_type=content_type)
    if response.status_code in (200, 304):  # never a failed precondition kept for a day
        response["ETag"] = etag
        response["Cache-Control"] = CACHE_CONTROL
    return response


@login_not_required
@region_not_required
@crosses_regions  # a theme is public by nature: public pages of every region wear theirs
@require_GET
def theme_stylesheet(request, slug):
    theme = theme_by_slug(slug)
    if theme is None:
        raise Http404
    return _cacheable(
        request,
        theme,
        lambda: render_to_string("governance/themes/theme.css", {"theme": theme}).encode(),
        "text/css; charset=utf-8",
    )


@login_not_required
@region_not_required
@crosses_regions
@require_GET
def theme_logo(request, slug):
    theme = theme_by_slug(slug)
    if theme is None or not theme.has_logo:
        raise Http404
    response = _cacheable(request, theme, lambda: bytes(theme.logo), "image/png")
    response["Content-Security-Policy"] = "default-src 'none'"
    return response


@permission_required("manage_theme")
@require_http_methods(["GET", "POST"])
def theme_edit(request):
    theme = theme_of(request.region)
    template = "governance/themes/theme_form.html"
    initial = {
        "edit_version": theme.edit_version,
        "display_name": theme.display_name,
        "logo_description": theme.logo_description,
        "primary": theme.primary,
        "primary_text": theme.primary_text,
        "link": theme.link,
        "focus": theme.focus,
    }
    if request.method == "GET":
        form = RegionThemeForm(initial=initial)
        return render(request, template, {"form": form, "theme": theme})
    form = RegionThemeForm(request.POST, request.FILES)
    context = {"form": form, "theme": theme}
    if not form.is_valid():
        return render(request, template, context, status=422)
    data = form.cleaned_data
    upload = data["logo"]
    try:
        services.region_theme_update(
            region=request.region,
            user=request.user,
            expected_version=data["edit_version"],
            display_name=data["display_name"],
            logo_description=data["logo_description"],
            primary=data["primary"],
            primary_text=data["primary_text"],
            link=data["link"],
            focus=data["focus"],
            logo=upload.read(services.LOGO_MAX_BYTES + 1) if upload else None,
            remove_logo=data["remove_logo"] or upload is False,
        )
    except StaleEditError:
        form.add_error(
            None,
            _(
                "Iemand anders heeft de huisstijl intussen gewijzigd. Laad de pagina opnieuw "
                "en kies dan opnieuw."
            ),
        )
        return render(request, template, context, status=409)
    except ValidationError as error:
        form.add_service_error(error)
        return render(request, template, context, status=422)
    messages.success(request, _("De huisstijl van de regio is opgeslagen."))
    return redirect("theme_admin:theme_edit")
