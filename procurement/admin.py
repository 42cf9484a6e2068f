"""Functional administration of procurement: frameworks and their parts, providers, contracts."""

from django import forms
from django.contrib import admin
from django.db import models
from django.utils.translation import gettext_lazy as _

from simple_history.admin import SimpleHistoryAdmin

from core.admin import ProtectedAdminMixin, ProtectedInlineMixin, VersionedAdminMixin
from core.formatting import format_euro, format_percentage
from governance.admin import PeriodCheckForm, ReadOnlyAdminMixin, truncated

from .models import (
    Contract,
    CoreValue,
    Framework,
    Norm,
    Phase,
    Principle,
    Procedure,
    ProductCategory,
    Provider,
    ProviderFinancialYear,
    ProviderRiskPageView,
    RiskThreshold,
    Segment,
)
from .risk.signals import DEFINITIONS

COMPACT_TEXT = {models.TextField: {"widget": forms.Textarea(attrs={"rows": 2, "cols": 60})}}


# --- Framework and its parts ----------------------------------------------------------------


class PrincipleInline(ProtectedInlineMixin, admin.TabularInline):
    model = Principle
    fields = ("order", "text", "added_by_council_views")
    formfield_overrides = COMPACT_TEXT
    extra = 0


class CoreValueInline(ProtectedInlineMixin, admin.TabularInline):
    model = CoreValue
    fields = ("order", "text")
    formfield_overrides = COMPACT_TEXT
    extra = 0


class PhaseForm(PeriodCheckForm):
    periods = (("starts_on", "ends_on"),)


class PhaseInline(ProtectedInlineMixin, admin.TabularInline):
    model = Phase
    form = PhaseForm
    fields = ("number", "name", "starts_on", "ends_on")
    extra = 0


class ProcedureInline(ProtectedInlineMixin, admin.TabularInline):
    model = Procedure
    fields = ("kind", "choice", "rationale")
    formfield_overrides = COMPACT_TEXT
    extra = 0


class SegmentInline(ProtectedInlineMixin, admin.TabularInline):
    """Code and name only; the long descriptions are edited on the segment itself."""

    model = Segment
    fields = ("order", "code", "name")
    show_change_link = True
    extra = 0


class FrameworkForm(PeriodCheckForm):
    periods = (("valid_from", "valid_until"),)


@admin.register(Framework)
class FrameworkAdmin(ProtectedAdminMixin, SimpleHistoryAdmin):
    form = FrameworkForm
    list_display = ("name", "region", "valid_from", "valid_until", "adopted_by")
    list_filter = ("region",)
    search_fields = ("name", "slug", "description")
    list_select_related = ("region", "adopted_by__body")
    autocomplete_fields = ("adopted_by",)
    ordering = ("region", "valid_from")
    inlines = (PrincipleInline, CoreValueInline, PhaseInline, ProcedureInline, SegmentInline)
    # The text of the framework itself; its segments (with contracts, norms, lineage) are not.
    delete_parts = ("principles", "core_values", "phases", "procedures")


@admin.register(Principle)
class PrincipleAdmin(ProtectedAdminMixin, SimpleHistoryAdmin):
    list_display = ("order", "short_text", "framework", "added_by_council_views")
    list_display_links = ("order", "short_text")
    list_filter = ("framework", "added_by_council_views")
    search_fields = ("text",)
    list_select_related = ("framework",)
    ordering = ("framework", "order")

    @admin.display(description=_("uitgangspunt"), ordering="text")
    def short_text(self, obj):
        return truncated(obj.text)


@admin.register(CoreValue)
class CoreValueAdmin(ProtectedAdminMixin, SimpleHistoryAdmin):
    list_display = ("order", "short_text", "framework")
    list_display_links = ("order", "short_text")
    list_filter = ("framework",)
    search_fields = ("text",)
    list_select_related = ("framework",)
    ordering = ("framework", "order")

    @admin.display(description=_("kernwaarde"), ordering="text")
    def short_text(self, obj):
        return truncated(obj.text)


@admin.register(Segment)
class SegmentAdmin(ProtectedAdminMixin, SimpleHistoryAdmin):
    list_display = ("code", "name", "framework", "order")
    list_display_links = ("code", "name")
    list_filter = ("framework",)
    search_fields = ("code", "name", "target_group")
    list_select_related = ("framework",)
    autocomplete_fields = ("successors",)
    ordering = ("framework", "order", "code")


@admin.register(Phase)
class PhaseAdmin(ProtectedAdminMixin, SimpleHistoryAdmin):
    form = PhaseForm
    list_display = ("number", "name", "framework", "starts_on", "ends_on")
    list_display_links = ("number", "name")
    list_filter = ("framework",)
    search_fields = ("name", "description")
    list_select_related = ("framework",)
    ordering = ("framework", "number")


@admin.register(Procedure)
class ProcedureAdmin(ProtectedAdminMixin, SimpleHistoryAdmin):
    list_display = ("kind", "choice", "framework")
    list_filter = ("kind", "choice", "framework")
    search_fields = ("framework__name", "rationale")
    list_select_related = ("framework",)
    ordering = ("framework", "kind")


# --- Product categories, providers, contracts, norms ----------------------------------------


@admin.register(ProductCategory)
class ProductCategoryAdmin(ProtectedAdminMixin, admin.ModelAdmin):
    list_display = ("code", "name")
    list_display_links = ("code", "name")
    search_fields = ("code", "name")
    autocomplete_fields = ("segments",)
    ordering = ("code",)


class ContractForm(PeriodCheckForm):
    periods = (("valid_from", "valid_until"),)


class ContractInline(ProtectedInlineMixin, admin.TabularInline):
    model = Contract
    form = ContractForm
    fields = ("segment", "procedure", "reference", "valid_from", "valid_until")
    autocomplete_fields = ("segment", "procedure")
    show_change_link = True
    extra = 0


class ProviderFinancialYearInline(ProtectedInlineMixin, admin.TabularInline):
    model = ProviderFinancialYear
    fields = (
        "year",
        "revenue",
        "operating_result",
        "dividend_paid",
        "fte",
        "personnel_costs",
        "total_costs",
        "source",
    )
    show_change_link = True
    extra = 0


@admin.register(Provider)
class ProviderAdmin(ProtectedAdminMixin, SimpleHistoryAdmin):
    list_display = ("name", "kvk_number", "legal_form", "has_supervisory_board", "is_demo")
    list_filter = ("legal_form", "has_supervisory_board", "is_demo")
    search_fields = ("name", "kvk_number", "slug")
    ordering = ("name",)
    inlines = (ContractInline, ProviderFinancialYearInline)


@admin.register(Contract)
class ContractAdmin(ProtectedAdminMixin, SimpleHistoryAdmin):
    form = ContractForm
    list_display = ("provider", "segment", "procedure", "reference", "valid_from", "valid_until")
    list_filter = ("segment__framework", "segment")
    search_fields = ("provider__name", "reference", "segment__code", "segment__name")
    autocomplete_fields = ("provider", "segment", "procedure")
    ordering = ("provider", "segment", "valid_from")

    def get_queryset(self, request):
        # __str__ names the provider and the segment code.
        return super().get_queryset(request).select_related("provider", "segment", "procedure")


class NormForm(forms.ModelForm):
    def clean(self):
        cleaned_data = super().clean()
        if (
            {"segment", "product_category"} <= set(self.fields)
            and not cleaned_data.get("segment")
            and not cleaned_data.get("product_category")
        ):
            self.add_error("segment", _("Kies een segment of een productcategorie (of allebei)."))
        return cleaned_data


@admin.register(Norm)
class NormAdmin(ProtectedAdminMixin, SimpleHistoryAdmin):
    form = NormForm
    list_display = (
        "short_description",
        "segment",
        "product_category",
        "product_code",
        "max_duration_months",
        "max_hours_per_month",
    )
    list_filter = ("segment__framework", "product_category")
    search_fields = ("description", "product_code", "segment__code", "segment__name")
    list_select_related = ("segment", "product_category")
    autocomplete_fields = ("segment", "product_category")
    ordering = ("segment", "product_category", "product_code")

    @admin.display(description=_("norm"), ordering="description")
    def short_description(self, obj):
        return truncated(obj.description)


# --- Provider financials and risk signals ---------------------------------------------------


@admin.register(ProviderFinancialYear)
class ProviderFinancialYearAdmin(ProtectedAdminMixin, SimpleHistoryAdmin):
    list_display = (
        "provider",
        "year",
        "revenue_display",
        "operating_result_display",
        "profit_margin",
        "dividend_display",
        "fte",
        "source",
    )
    list_filter = ("year", "provider__is_demo")
    search_fields = ("provider__name", "provider__kvk_number", "source")
    list_select_related = ("provider",)
    autocomplete_fields = ("provider",)
    ordering = ("provider__name", "-year")

    @admin.display(description=_("omzet"), ordering="revenue")
    def revenue_display(self, obj):
        return format_euro(obj.revenue)

    @admin.display(description=_("bedrijfsresultaat"), ordering="operating_result")
    def operating_result_display(self, obj):
        return format_euro(obj.operating_result)

    @admin.display(description=_("dividend"), ordering="dividend_paid")
    def dividend_display(self, obj):
        return format_euro(obj.dividend_paid)

    @admin.display(description=_("winstmarge"))
    def profit_margin(self, obj):
        value = DEFINITIONS["profit_margin"].compute(obj)
        return "–" if value is None else format_percentage(value)


@admin.register(RiskThreshold)
class RiskThresholdAdmin(ProtectedAdminMixin, VersionedAdminMixin, SimpleHistoryAdmin):
    """One row per signal kind; a signal is switched off with 'actief', not deleted.

    Changed on its change form, which carries the edit version (not in the list: a list's
    forms would not), or on the thresholds page.
    """

    list_display = ("kind", "value", "is_active", "updated")
    readonly_fields = ("updated",)
    ordering = ("kind",)

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(ProviderRiskPageView)
class ProviderRiskPageViewAdmin(ProtectedAdminMixin, ReadOnlyAdminMixin, admin.ModelAdmin):
    """The log of who opened which provider's risk page: to be looked at, never changed."""

    list_display = ("viewed_at", "username", "provider")
    list_filter = ("provider",)
    search_fields = ("username", "provider__name")
    list_select_related = ("provider",)
    date_hierarchy = "viewed_at"
    ordering = ("-viewed_at",)
