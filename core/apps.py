from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = _("Basis")

    def ready(self):
        from django.contrib.auth.signals import user_logged_in
        from django.core import checks
        from django.core.signals import request_finished
        from django.db.models.signals import post_migrate

        from .admin_permissions import regrant_after_flush
        from .checks import check_protected_admins
        from .logs import clear_request_id
        from .sessions import mark_signed_in

        request_finished.connect(clear_request_id, dispatch_uid="core.logs.clear_request_id")
        user_logged_in.connect(mark_signed_in, dispatch_uid="core.sessions.mark_signed_in")
        checks.register(check_protected_admins, checks.Tags.admin)
        # Once per migrate or flush (sent for core); it creates the permissions it grants.
        post_migrate.connect(
            regrant_after_flush, sender=self, dispatch_uid="core.regrant_after_flush"
        )
