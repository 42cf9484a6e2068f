from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FinanceConfig(AppConfig):
    name = "finance"
    verbose_name = _("Financiën")

    def ready(self):
        # Fill the extension points (docs/architecture.md): the money-of-the-year panel of
        # the dashboard and the allocation and savings blocks of the council letter.
        from core.registry import BackgroundJobKind, NavigationEntry, registry

        from .extensions import ALLOCATION_BLOCK, MONEY_OF_YEAR_PANEL, SAVINGS_BLOCK

        registry.register_dashboard_panel(MONEY_OF_YEAR_PANEL)
        registry.register_letter_block(ALLOCATION_BLOCK)
        registry.register_letter_block(SAVINGS_BLOCK)
        registry.register_navigation_entry(
            NavigationEntry("finance", _("Financiën"), "finance:index", order=70)
        )

        from .jobs import ALLOCATION_STATEMENTS_JOB, allocation_statements_job

        registry.register_job_kind(
            BackgroundJobKind(
                ALLOCATION_STATEMENTS_JOB,
                _("Verklaringen van een verdeling (ZIP)"),
                allocation_statements_job,
            )
        )

        from .workbook import SHEETS as WORKBOOK_SHEETS

        for sheet in WORKBOOK_SHEETS:
            registry.register_workbook_sheet(sheet)
