from django.apps import AppConfig
from django.db.models.signals import post_save
from django.utils.translation import gettext_lazy as _


def _region_created(sender, instance, created, raw=False, **kwargs):
    """A new region starts with a threshold for every risk signal.

    Not when data are loaded (`raw`): fixtures and backups bring the region's own thresholds.
    """
    if created and not raw:
        from .risk.defaults import risk_thresholds_ensure

        risk_thresholds_ensure(instance)


class ProcurementConfig(AppConfig):
    name = "procurement"
    verbose_name = _("Inkoop")

    def ready(self):
        from core.registry import NavigationEntry, TimelineSource, registry
        from governance.models import Region

        from .timeline import KIND, procurement_events, timeline_data

        registry.register_timeline_source(
            TimelineSource(KIND, _("Inkoop"), procurement_events, order=50, data=timeline_data)
        )
        registry.register_navigation_entry(
            NavigationEntry("procurement", _("Inkoop"), "procurement:overview", order=60)
        )
        post_save.connect(_region_created, sender=Region, dispatch_uid="risk_thresholds_ensure")
