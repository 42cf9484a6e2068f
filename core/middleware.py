"""Middleware every request passes: the permissions policy header and the region scope."""

from django.conf import settings
from django.urls import Resolver404, resolve
from django.utils.module_loading import import_string

from .scope import NO_REGION_YET, all_regions, region_scope


class PermissionsPolicyMiddleware:
    """Sends the Permissions-Policy header: the app needs no camera, microphone or location."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.policy = settings.PERMISSIONS_POLICY

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", self.policy)
        return response


def region_not_required(view):
    """Mark a view that works without a region (logout, the platform administrator's choice)."""
    view.region_required = False
    return view


class RegionScopeMiddleware:
    """Open the signed-in user's region scope around the whole request.

    The region comes from `settings.REGION_RESOLVER(request)`; core knows no app, the resolver
    (in governance) knows people and regions. Public views (`@login_not_required`) and anonymous
    requests get no scope: a public view that shows region rows opens one itself. A signed-in
    user without a region sees `settings.REGION_MISSING_VIEW`, never data.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.resolve_region = import_string(settings.REGION_RESOLVER)
        self.region_missing = import_string(settings.REGION_MISSING_VIEW)

    def __call__(self, request):
        request.region = None
        view = self._view_of(request)
        if not request.user.is_authenticated or not getattr(view, "login_required", True):
            return self.get_response(request)
        with all_regions():
            region = self.resolve_region(request)
        if region is None:
            if getattr(view, "region_required", True):
                return self.region_missing(request)
            return self.get_response(request)
        if region is NO_REGION_YET:
            with all_regions():
                return self.get_response(request)
        request.region = region
        with region_scope(region):
            return self.get_response(request)

    @staticmethod
    def _view_of(request):
        try:
            match = resolve(request.path_info)
        except Resolver404:
            return None
        return match.func
