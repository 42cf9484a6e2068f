from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = _("Basis")

    def ready(self):
        from django.core.signals import request_finished

        from .logs import clear_request_id

        request_finished.connect(clear_request_id, dispatch_uid="core.logs.clear_request_id")
