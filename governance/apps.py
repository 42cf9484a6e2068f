from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GovernanceConfig(AppConfig):
    name = "governance"
    verbose_name = _("Bestuur")

    def ready(self):
        from .letters import admin, blocks  # noqa: F401  (the letter admin; the free table block)

        blocks.register_free_table()

        from core.registry import registry

        from .registers.timeline import GOVERNANCE_SOURCES

        for source in GOVERNANCE_SOURCES:
            registry.register_timeline_source(source)

        from .context_processors import NAVIGATION

        for entry in NAVIGATION:
            registry.register_navigation_entry(entry)

        from .workbook.sheets import SHEETS as WORKBOOK_SHEETS

        for sheet in WORKBOOK_SHEETS:
            registry.register_workbook_sheet(sheet)

        from core.registry import NavigationEntry

        from .workbook.permissions import can_use_workbook

        registry.register_navigation_entry(
            NavigationEntry(
                "workbook", _("Werkmap"), "workbook:index", order=85, visible=can_use_workbook
            )
        )
