from django.contrib import admin
from django.urls import reverse

from core.login import PasswordChangeView
from governance.accounts.second_factor import MISSING_KEY as SECOND_FACTOR_MISSING
from governance.constants import Role
from governance.permissions import has_role


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

    def password_change(self, request, extra_context=None):
        """As the admin's own, but the old password counts as a login attempt (core/login.py)."""
        request.current_app = self.name
        return PasswordChangeView.as_view(
            success_url=reverse("admin:password_change_done", current_app=self.name),
            extra_context={**self.each_context(request), **(extra_context or {})},
        )(request)
