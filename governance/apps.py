from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GovernanceConfig(AppConfig):
    name = "governance"
    verbose_name = _("Bestuur")

    def ready(self):
        from .letters import admin, blocks  # noqa: F401  (the letter admin; the free table block)

        blocks.register_free_table()

        # The public information pages always exist (also after a flush), with their starting text.
        from django.db.models.signals import post_migrate

        from .information import ensure_information_pages

        post_migrate.connect(
            ensure_information_pages, sender=self, dispatch_uid="information-pages"
        )

        from core.registry import BackgroundJobKind, DailyTask, registry

        from .letters.services import LETTER_BATCH_JOB, letter_batch_job, letters_purge_daily

        registry.register_daily_task(
            DailyTask("letters-bin", _("Prullenbak van brieven legen"), letters_purge_daily)
        )
        registry.register_job_kind(
            BackgroundJobKind(LETTER_BATCH_JOB, _("Regionale brief verzenden"), letter_batch_job)
        )

        # The griffie's work queues on the home page; the daily reminder of council views due.
        from .reminders import reminders_daily
        from .work_queues import WORK_QUEUES

        for queue in WORK_QUEUES:
            registry.register_work_queue(queue)
        registry.register_daily_task(
            DailyTask(
                "governance-reminders",
                _("Herinneringen: zienswijzen binnen 14 dagen"),
                reminders_daily,
                reminder=True,
            )
        )

        from .registers.timeline import GOVERNANCE_SOURCES

        for source in GOVERNANCE_SOURCES:
            registry.register_timeline_source(source)

        from .context_processors import NAVIGATION

        for entry in NAVIGATION:
            registry.register_navigation_entry(entry)

        # The users of a region: the admin of accounts, and the users page in the menu; the
        # region workbook, its sheets and its page.
        from .accounts import admin as accounts_admin  # noqa: F401
        from .accounts.navigation import USERS_ENTRY
        from .themes.navigation import THEME_ENTRY
        from .workbook.jobs import WORKBOOK_IMPORT_JOB, workbook_import_job
        from .workbook.navigation import WORKBOOK_ENTRY
        from .workbook.sheets import SHEETS as WORKBOOK_SHEETS

        registry.register_job_kind(
            BackgroundJobKind(
                WORKBOOK_IMPORT_JOB,
                _("Werkmap toepassen"),
                workbook_import_job,
                report_template="governance/workbook/_job_report.html",
            )
        )
        registry.register_navigation_entry(USERS_ENTRY)
        registry.register_navigation_entry(WORKBOOK_ENTRY)
        registry.register_navigation_entry(THEME_ENTRY)
        for sheet in WORKBOOK_SHEETS:
            registry.register_workbook_sheet(sheet)
