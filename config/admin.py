from django.contrib import admin
from django.urls import reverse
from django.utils.functional import Promise

from core.fragments import cached_value
from core.login import PasswordChangeView
from governance.accounts.second_factor import MISSING_KEY as SECOND_FACTOR_MISSING
from governance.constants import Role
from governance.permissions import has_role


def _plain(entry: dict) -> dict:
    """An entry of the app list with its lazy names translated (for the cache)."""
    return {
        name: [_plain(model) for model in value]
        if name == "models"
        else str(value)
        if isinstance(value, Promise)
        else value
        for name, value in entry.items()
    }


class JeugdregioAdminSite(admin.AdminSite):
    """The admin is for functional administrators only (docs/domain-rules.md), not for every staff
    user."""

    def has_permission(self, request):
        user = request.user
        return (
            user.is_active
            and user.is_staff
            and (user.is_superuser or has_role(user, Role.FUNCTIONAL_ADMIN))
            # A provider login without a second factor gives ours first (second_factor.py).
            and not request.session.get(SECOND_FACTOR_MISSING)
        )

    def get_app_list(self, request, app_label=None):
        """The models the user may reach, for the index and every page's side bar: built from
        their model permissions only (each ModelAdmin's `has_*_permission` without a row), so
        kept per set of permissions, language and region instead of asking all ModelAdmins on
        every admin page."""
        user = request.user
        build = super().get_app_list
        return cached_value(
            "admin.app_list",
            vary_on=(user.is_superuser, sorted(user.get_all_permissions()), app_label),
            data=(),
            compute=lambda: [_plain(app) for app in build(request, app_label)],
        )

    def password_change(self, request, extra_context=None):
        """As the admin's own, but the old password counts as a login attempt (core/login.py)."""
        request.current_app = self.name
        return PasswordChangeView.as_view(
            success_url=reverse("admin:password_change_done", current_app=self.name),
            extra_context={**self.each_context(request), **(extra_context or {})},
        )(request)
