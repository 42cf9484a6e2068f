"""Which region a signed-in user works in, and the platform administrator's region switch.

A user's region is their person's region (`Person.region`, set by the functional administrator
when linking the account). The platform administrator (a superuser) is not bound to one region:
they choose one with the switcher in the header and see that region until they choose another.
"""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from core.middleware import region_not_required
from core.scope import NO_REGION_YET, all_regions

from .models import Person, Region

SESSION_KEY = "jeugdregio_region"


def request_region(request: HttpRequest):
    """The region of the signed-in user; for the platform administrator, the one they chose."""
    user = request.user
    if user.is_superuser:
        chosen = request.session.get(SESSION_KEY)
        if chosen is not None:
            region = (
                Region.objects.filter(pk=chosen)
                .select_related("theme")
                .defer("theme__logo")
                .first()
            )
            if region is not None:
                return region
        person_region = _person_region(user)
        if person_region is not None:
            return person_region
        # The middleware asks this across regions: every region counts here.
        regions = list(Region.objects.order_by("pk")[:2])
        if not regions:
            return NO_REGION_YET
        return regions[0] if len(regions) == 1 else None
    return _person_region(user)


def _person_region(user) -> Region | None:
    """The region of the user's person, in one query; the person stays cached on the user."""
    descriptor = get_user_model().person  # the request's user is a lazy object
    if not descriptor.related.is_cached(user):
        # The region's theme comes along for the page's header (its logo bytes stay behind),
        # the municipality for the start page.
        person = (
            Person._base_manager.select_related("region", "region__theme", "municipality")
            .defer("region__theme__logo")
            .filter(user_id=user.pk)
            .first()
        )
        descriptor.related.set_cached_value(user, person)
    person = getattr(user, "person", None)
    return person.region if person is not None else None


def region_missing(request: HttpRequest):
    """What a signed-in user without a region sees on every page: why, and what to do."""
    if request.user.is_superuser:
        query = urlencode({"next": request.get_full_path()})
        return redirect(f"{reverse('region_switch')}?{query}")
    return TemplateResponse(request, "core/no_region.html", status=403).render()


@region_not_required
@require_http_methods(["GET", "POST"])
def region_switch(request: HttpRequest):
    """The platform administrator chooses the region they work in."""
    if not request.user.is_superuser:
        raise PermissionDenied
    with all_regions():  # the platform administrator chooses among every region
        regions = list(Region.objects.order_by("name"))
    next_url = request.POST.get("next") or request.GET.get("next") or "/"
    if not url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
        next_url = "/"
    if request.method == "POST":
        chosen = request.POST.get("region", "")
        region = next((region for region in regions if str(region.pk) == chosen), None)
        if region is None:
            messages.error(request, _("Kies een regio uit de lijst."))
        else:
            request.session[SESSION_KEY] = region.pk
            messages.success(request, _("U werkt nu in de regio %(region)s.") % {"region": region})
            return redirect(next_url)
    return TemplateResponse(
        request,
        "core/region_switch.html",
        {"regions": regions, "current": request.region, "next": next_url},
    )
