from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProcurementConfig(AppConfig):
    name = "procurement"
    verbose_name = _("Inkoop")

    def ready(self):
        from governance.registers.timeline import timeline_sources

        from .timeline import KIND, procurement_events

        timeline_sources.register(KIND, procurement_events, label=_("Inkoop"))
