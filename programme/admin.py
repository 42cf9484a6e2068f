"""Functional administration of the programme: themes, projects, efforts, reports, experiments."""

from django import forms
from django.contrib import admin
from django.db import models
from django.utils.translation import gettext_lazy as _

from simple_history.admin import SimpleHistoryAdmin

from core.admin import (
    ProtectedAdminMixin,
    ProtectedInlineMixin,
    VersionedAdminMixin,
    VersionedInlineMixin,
)
from governance.admin import PeriodCheckForm, ReadOnlyAdminMixin, ReadOnlyTabularInline, truncated

from .constants import AgendaOutcome, ReportStatus
from .models import (
    Effort,
    EffortDelivery,
    Experiment,
    KeyPerformanceIndicator,
    Programme,
    ProgressReport,
    ProgressReportLine,
    Project,
    SubGoal,
    Theme,
)
from .timetargets import parse_time_target

COMPACT_TEXT = {models.TextField: {"widget": forms.Textarea(attrs={"rows": 2, "cols": 50})}}


# --- Programmes and themes ------------------------------------------------------------------


class ProgrammeForm(PeriodCheckForm):
    periods = (("starts_on", "ends_on"),)


@admin.register(Programme)
class ProgrammeAdmin(ProtectedAdminMixin, SimpleHistoryAdmin):
    form = ProgrammeForm
    list_display = ("name", "region", "owner", "starts_on", "ends_on", "predecessor")
    list_filter = ("region",)
    search_fields = ("name", "slug", "description")
    list_select_related = ("region", "owner", "predecessor")
    autocomplete_fields = ("owner", "predecessor")
    ordering = ("region", "starts_on")


@admin.register(Theme)
class ThemeAdmin(ProtectedAdminMixin, SimpleHistoryAdmin):
    list_display = ("code", "name", "programme", "handed_over_to", "handed_over_on")
    list_display_links = ("code", "name")
    list_filter = ("programme",)
    search_fields = ("code", "name", "slug")
    list_select_related = ("programme",)
    autocomplete_fields = ("programme",)
    ordering = ("programme", "code")


# --- Projects, sub-goals and efforts --------------------------------------------------------


class SubGoalInline(ProtectedInlineMixin, VersionedInlineMixin, admin.TabularInline):
    model = SubGoal
    fields = ("order", "text")
    formfield_overrides = COMPACT_TEXT
    extra = 0


class EffortForm(forms.ModelForm):
    def clean(self):
        cleaned_data = super().clean()
        sub_goal = cleaned_data.get("sub_goal")
        project = cleaned_data.get("project")  # in the project's inline: the parent project
        if sub_goal and project and sub_goal.project_id != project.pk:
            self.add_error("sub_goal", _("Deze subdoelstelling hoort bij een ander project."))
        return cleaned_data


DERIVED_TIME_TARGET = ("target_start", "target_end", "time_target_unparsed")


class EffortInline(ProtectedInlineMixin, VersionedInlineMixin, admin.TabularInline):
    model = Effort
    form = EffortForm
    fields = (
        "order",
        "text",
        "sub_goal",
        "time_target",
        *DERIVED_TIME_TARGET,
        "recurrence",
        "status",
    )
    readonly_fields = DERIVED_TIME_TARGET
    formfield_overrides = COMPACT_TEXT
    show_change_link = True
    extra = 0

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        # Offer only the project's own sub-goals (none yet while the project is being added).
        sub_goal = formset.form.base_fields.get("sub_goal")  # absent when only viewing
        if sub_goal is not None:
            sub_goal.queryset = obj.sub_goals.all() if obj is not None else SubGoal.objects.none()
        return formset


class ProjectForm(PeriodCheckForm):
    periods = (("starts_on", "ends_on"),)

    def clean(self):
        cleaned_data = super().clean()
        code, programme = cleaned_data.get("code"), cleaned_data.get("programme")
        if (
            code
            and programme
            and Project.objects.filter(programme=programme, code=code)
            .exclude(pk=self.instance.pk)
            .exists()
        ):
            self.add_error("code", _("Dit programma heeft al een project met dit nummer."))
        if (
            cleaned_data.get("continues_in")
            and cleaned_data.get("agenda_outcome") != AgendaOutcome.CONTINUES
        ):
            self.add_error(
                "continues_in",
                _("Vul ‘loopt door in’ alleen in als de afloop ‘%(outcome)s’ is.")
                % {"outcome": AgendaOutcome.CONTINUES.label},
            )
        return cleaned_data


@admin.register(Project)
class ProjectAdmin(ProtectedAdminMixin, VersionedAdminMixin, SimpleHistoryAdmin):
    form = ProjectForm
    list_display = (
        "code",
        "name",
        "programme",
        "theme",
        "lead_municipality",
        "overall_status",
        "starts_on",
        "ends_on",
        "edit_version",
    )
    list_display_links = ("code", "name")
    list_filter = ("overall_status", "programme", "theme", "agenda_outcome", "lead_municipality")
    search_fields = ("code", "name", "slug", "goal")
    list_select_related = ("programme", "theme", "lead_municipality")
    autocomplete_fields = (
        "programme",
        "theme",
        "lead_municipality",
        "administrative_sponsor",
        "official_sponsor",
        "contractor",
        "team",
        "continues_in",
    )
    ordering = ("programme", "code", "name")
    fieldsets = (
        (
            None,
            {
                "fields": (
                    "programme",
                    "theme",
                    ("code", "slug"),
                    "name",
                    "goal",
                    "approach",
                    "costs",
                    ("starts_on", "ends_on"),
                    "lead_municipality",
                )
            },
        ),
        (_("Status"), {"fields": ("overall_status", "status_remarks")}),
        (
            _("Sturingsdriehoek en team"),
            {"fields": ("administrative_sponsor", "official_sponsor", "contractor", "team")},
        ),
        (
            _("Afloop en overdracht"),
            {"fields": ("agenda_outcome", "continues_in", "handed_over_to", "handed_over_on")},
        ),
    )
    inlines = (SubGoalInline, EffortInline)

    def view_on_site(self, obj):
        # The project page is found by number; a project without one has no page to link to.
        return obj.get_absolute_url() if obj.code else None


@admin.register(SubGoal)
class SubGoalAdmin(ProtectedAdminMixin, VersionedAdminMixin, SimpleHistoryAdmin):
    list_display = ("order", "short_text", "project")
    list_display_links = ("order", "short_text")
    list_filter = ("project__programme",)
    search_fields = ("text", "project__code", "project__name")
    list_select_related = ("project",)
    autocomplete_fields = ("project",)
    ordering = ("project", "order")

    @admin.display(description=_("subdoelstelling"), ordering="text")
    def short_text(self, obj):
        return truncated(obj.text)


@admin.register(Effort)
class EffortAdmin(ProtectedAdminMixin, VersionedAdminMixin, SimpleHistoryAdmin):
    form = EffortForm
    list_display = (
        "project",
        "order",
        "short_text",
        "time_target",
        "target_start",
        "target_end",
        "time_target_unparsed",
        "status",
    )
    list_display_links = ("order", "short_text")
    list_filter = ("status", "time_target_unparsed", "recurrence", "project__programme")
    search_fields = ("text", "time_target", "remark", "project__code", "project__name")
    list_select_related = ("project",)
    autocomplete_fields = ("project", "sub_goal")
    readonly_fields = (*DERIVED_TIME_TARGET, "time_target_reason")
    ordering = ("project", "order")

    @admin.display(description=_("waarom niet herkend"))
    def time_target_reason(self, obj):
        return parse_time_target(obj.time_target).flag_reason if obj.time_target_unparsed else ""

    @admin.display(description=_("inspanning"), ordering="text")
    def short_text(self, obj):
        return truncated(obj.text)


# --- Progress reports -----------------------------------------------------------------------


class ProgressReportLineInline(ReadOnlyTabularInline):
    model = ProgressReportLine
    fields = ("order", "effort_text", "time_target", "status", "remark")


@admin.register(EffortDelivery)
class EffortDeliveryAdmin(ProtectedAdminMixin, SimpleHistoryAdmin):
    list_display = ("delivered_on", "effort", "recorded_by")
    list_filter = ("effort__project__programme",)
    search_fields = ("remark", "effort__text", "effort__project__code")
    list_select_related = ("effort", "recorded_by")
    autocomplete_fields = ("effort",)
    readonly_fields = ("recorded_by",)
    ordering = ("effort", "-delivered_on")


@admin.register(ProgressReport)
class ProgressReportAdmin(ProtectedAdminMixin, SimpleHistoryAdmin):
    """The workflow (draft → submitted → adopted) goes through the services, so it is shown only."""

    list_display = (
        "project",
        "report_date",
        "status",
        "overall_status",
        "submitted_at",
        "adopted_at",
    )
    list_filter = ("status", "overall_status", "project__programme")
    search_fields = ("project__code", "project__name", "status_remarks")
    list_select_related = ("project",)
    autocomplete_fields = ("project",)
    readonly_fields = (
        "status",
        "created_by",
        "submitted_by",
        "submitted_at",
        "adopted_by",
        "adopted_at",
        "return_reason",
        "returned_by",
        "returned_at",
    )
    ordering = ("project", "-report_date")
    date_hierarchy = "report_date"
    inlines = (ProgressReportLineInline,)
    delete_parts = ("lines",)  # a report not yet adopted goes with its snapshot lines

    def get_queryset(self, request):
        # __str__ names the project.
        return super().get_queryset(request).select_related("project")

    def final_reason(self, obj):
        if obj.status == ReportStatus.ADOPTED:
            return _("Deze rapportage is vastgesteld en kan niet meer worden gewijzigd.")
        return None


@admin.register(ProgressReportLine)
class ProgressReportLineAdmin(ProtectedAdminMixin, ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ("report", "order", "short_text", "time_target", "status")
    list_display_links = ("order", "short_text")
    list_filter = ("status",)
    search_fields = ("effort_text", "report__project__code", "report__project__name")
    list_select_related = ("report__project",)
    ordering = ("report", "order")

    def final_reason(self, obj):
        if obj.report.status == ReportStatus.ADOPTED:
            return _(
                "Deze regel hoort bij een vastgestelde rapportage en kan niet meer worden "
                "gewijzigd."
            )
        return None

    @admin.display(description=_("inspanning"), ordering="effort_text")
    def short_text(self, obj):
        return truncated(obj.effort_text)


# --- Experiments and KPIs -------------------------------------------------------------------


@admin.register(Experiment)
class ExperimentAdmin(ProtectedAdminMixin, SimpleHistoryAdmin):
    list_display = ("name", "programme", "project")
    list_filter = ("programme", "municipalities")
    search_fields = ("name", "slug", "description")
    list_select_related = ("programme", "project")
    autocomplete_fields = ("programme", "project", "municipalities")
    ordering = ("programme", "name")


@admin.register(KeyPerformanceIndicator)
class KeyPerformanceIndicatorAdmin(ProtectedAdminMixin, SimpleHistoryAdmin):
    list_display = ("name", "project", "measurable")
    list_filter = ("measurable", "project__programme")
    search_fields = ("name", "project__code", "project__name")
    list_select_related = ("project",)
    autocomplete_fields = ("project", "municipalities")
    ordering = ("project", "name")
