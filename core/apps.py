from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = _("Basis")

    def ready(self):
        from django.core import checks

        from .checks import check_protected_admins

        checks.register(check_protected_admins, checks.Tags.admin)
