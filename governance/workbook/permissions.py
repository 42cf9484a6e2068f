"""Who may use the region workbook: decided here, and only here.

The functional administrators keep their region's reference data (docs/domain-rules.md, "Who
steers what"), so they export their region, download the template and bring a workbook in; so
does the platform administrator (superuser), in the region chosen at the top of the page.
Everyone else is refused (403).
"""

from django.contrib.auth.models import AnonymousUser, User

from governance.constants import Role
from governance.permissions import user_roles


def can_use_workbook(user: User | AnonymousUser) -> bool:
    if not user.is_authenticated:
        return False
    return user.is_superuser or Role.FUNCTIONAL_ADMIN in user_roles(user)
