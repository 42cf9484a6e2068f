from django.contrib import admin

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
        )
