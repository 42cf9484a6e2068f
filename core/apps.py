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

        from simple_history.signals import pre_create_historical_record

        from .admin_permissions import regrant_after_flush
        from .checks import check_protected_admins
        from .history import fit_change_reason_receiver
        from .jobs.list_export import list_export_job
        from .jobs.services import jobs_clean_up
        from .logs import clear_request_id
        from .registry import BackgroundJobKind, DailyTask, registry
        from .sessions import mark_signed_in
        from .tables import install as install_table_speed_ups
        from .views import LIST_EXPORT_JOB

        install_table_speed_ups()

        request_finished.connect(clear_request_id, dispatch_uid="core.logs.clear_request_id")
        user_logged_in.connect(mark_signed_in, dispatch_uid="core.sessions.mark_signed_in")
        checks.register(check_protected_admins, checks.Tags.admin)
        registry.register_daily_task(
            DailyTask(
                key="jobs", label=_("Achtergrondtaken opruimen"), run=jobs_clean_up, order=900
            )
        )
        registry.register_job_kind(
            BackgroundJobKind(LIST_EXPORT_JOB, _("Export van een lange lijst"), list_export_job)
        )
        pre_create_historical_record.connect(
            fit_change_reason_receiver, dispatch_uid="core.history.fit_change_reason"
        )
        # Once per migrate or flush, after the last app's permissions are made (in the order
        # migrate makes them, so that their keys are the same after a flush).
        last = [config for config in self.apps.get_app_configs() if config.models_module][-1]
        post_migrate.connect(
            regrant_after_flush, sender=last, dispatch_uid="core.regrant_after_flush"
        )
