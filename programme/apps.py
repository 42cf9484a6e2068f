from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProgrammeConfig(AppConfig):
    name = "programme"
    verbose_name = _("Programma")

    def ready(self):
        from .letter_blocks import register

        register()

        from core.registry import NavigationEntry, registry

        registry.register_navigation_entry(
            NavigationEntry("programme", _("Programma"), "programme:dashboard", order=20)
        )
        registry.register_navigation_entry(
            NavigationEntry("projects", _("Projecten"), "programme:project_list", order=30)
        )

        from .workbook import SHEETS as WORKBOOK_SHEETS

        for sheet in WORKBOOK_SHEETS:
            registry.register_workbook_sheet(sheet)

        from core.registry import BackgroundJobKind

        from .dashboard_views import DASHBOARD_PDF_JOB, dashboard_pdf_job

        registry.register_job_kind(
            BackgroundJobKind(DASHBOARD_PDF_JOB, _("Programmadashboard als PDF"), dashboard_pdf_job)
        )

        # The Netwerk MT's and the advisers' work queues on the home page; the daily reminder of
        # efforts due.
        from core.registry import DailyTask

        from .reminders import reminders_daily
        from .work_queues import WORK_QUEUES

        for queue in WORK_QUEUES:
            registry.register_work_queue(queue)
        registry.register_daily_task(
            DailyTask(
                "programme-reminders",
                _("Herinneringen: tijdsdoelen binnen 14 dagen"),
                reminders_daily,
                reminder=True,
            )
        )
