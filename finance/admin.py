"""Functional administration of money: budgets, distribution keys, allocations, funding, savings."""

from decimal import Decimal

from django import forms
from django.contrib import admin
from django.db import transaction
from django.db.models import Count, DecimalField, Q, Sum, Value
from django.db.models.functions import Coalesce
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _

from simple_history.admin import SimpleHistoryAdmin

from core.admin import (
    ProtectedAdminMixin,
    ProtectedInlineMixin,
    VersionedAdminMixin,
    VersionedInlineMixin,
)
from governance.admin import PeriodCheckForm, ReadOnlyAdminMixin, ReadOnlyTabularInline
from programme.models import Project

from .constants import LineDirection
from .models import (
    MONEY,
    Allocation,
    AllocationShare,
    Budget,
    BudgetLine,
    DistributionKey,
    DistributionShare,
    FundingSource,
    SavingsMeasure,
)
from .services import project_funding_counted

HUNDRED = Decimal("100.00")


def euros(amount: Decimal | None) -> str | None:
    """An amount in Dutch notation (€ 1.234,56); None stays None, so the admin shows its dash."""
    if amount is None:
        return None
    return f"€ {number_format(amount, decimal_pos=2, use_l10n=True, force_grouping=True)}"


def percent(value: Decimal | None) -> str | None:
    if value is None:
        return None
    return f"{number_format(value, decimal_pos=2, use_l10n=True)} %"


# --- Budgets --------------------------------------------------------------------------------


class BudgetLineForm(forms.ModelForm):
    """A line has an amount or is pro memorie, never both and never neither."""

    def clean(self):
        cleaned_data = super().clean()
        if {"amount", "is_pro_memorie"} <= set(self.fields) and "amount" not in self.errors:
            amount, pro_memorie = cleaned_data.get("amount"), cleaned_data.get("is_pro_memorie")
            if pro_memorie and amount is not None:
                self.add_error("amount", _("Een pro-memorieregel heeft geen bedrag."))
            elif not pro_memorie and amount is None:
                self.add_error("amount", _("Vul een bedrag in, of vink pro memorie aan."))
        return cleaned_data


class BudgetLineInline(ProtectedInlineMixin, VersionedInlineMixin, admin.TabularInline):
    model = BudgetLine
    form = BudgetLineForm
    fk_name = "budget"
    fields = (
        "order",
        "direction",
        "label",
        "project",
        "amount",
        "is_pro_memorie",
        "carried_over_from",
    )
    autocomplete_fields = ("project", "carried_over_from")
    extra = 0


def _line_total(direction: str) -> Sum:
    # Pro-memorie lines have no amount; they are left out explicitly rather than counted as 0.
    return Sum(
        "lines__amount",
        filter=Q(lines__direction=direction, lines__is_pro_memorie=False),
        output_field=DecimalField(**MONEY),
    )


@admin.register(Budget)
class BudgetAdmin(ProtectedAdminMixin, SimpleHistoryAdmin):
    list_display = (
        "title",
        "owner",
        "year",
        "kind",
        "income_total",
        "cost_total",
        "balance_total",
        "pro_memorie_lines",
    )
    list_filter = ("kind", "year", "owner")
    search_fields = ("title", "slug", "owner__name", "owner__abbreviation")
    list_select_related = ("owner",)
    autocomplete_fields = ("owner",)
    ordering = ("owner", "year", "kind")
    inlines = (BudgetLineInline,)

    def get_queryset(self, request):
        zero = Value(Decimal("0"), output_field=DecimalField(**MONEY))
        return (
            super()
            .get_queryset(request)
            .select_related("owner")  # __str__ shows the owner's abbreviation
            .annotate(
                income=_line_total(LineDirection.INCOME),
                cost=_line_total(LineDirection.COST),
                pro_memorie_count=Count("lines", filter=Q(lines__is_pro_memorie=True)),
            )
            .annotate(
                balance=Coalesce("income", zero) - Coalesce("cost", zero),
            )
        )

    @admin.display(description=_("baten"), ordering="income")
    def income_total(self, obj):
        return euros(obj.income)

    @admin.display(description=_("lasten"), ordering="cost")
    def cost_total(self, obj):
        return euros(obj.cost)

    @admin.display(description=_("saldo (baten − lasten)"), ordering="balance")
    def balance_total(self, obj):
        return euros(obj.balance)

    @admin.display(description=_("PM-regels"), ordering="pro_memorie_count")
    def pro_memorie_lines(self, obj):
        return obj.pro_memorie_count


@admin.register(BudgetLine)
class BudgetLineAdmin(ProtectedAdminMixin, VersionedAdminMixin, SimpleHistoryAdmin):
    form = BudgetLineForm
    list_display = ("label", "budget", "order", "direction", "amount_or_pm", "project")
    list_filter = ("direction", "is_pro_memorie", "budget__year", "budget__kind", "budget")
    search_fields = ("label", "budget__title", "project__code", "project__name")
    list_select_related = ("budget__owner", "project")
    autocomplete_fields = ("budget", "project", "carried_over_from")
    ordering = ("budget", "direction", "order")

    @admin.display(description=_("bedrag"), ordering="amount")
    def amount_or_pm(self, obj):
        return _("PM") if obj.is_pro_memorie else euros(obj.amount)


# --- Distribution keys and allocations ------------------------------------------------------


class DistributionKeyForm(PeriodCheckForm):
    periods = (("valid_from", "valid_until"),)


class DistributionShareInline(ProtectedInlineMixin, admin.TabularInline):
    model = DistributionShare
    fields = ("municipality", "percentage")
    autocomplete_fields = ("municipality",)
    extra = 0


class ShareTotalFilter(admin.SimpleListFilter):
    title = _("som van de aandelen")
    parameter_name = "som"

    def lookups(self, request, model_admin):
        return (("100", _("precies 100%")), ("anders", _("niet 100%")))

    def queryset(self, request, queryset):
        if self.value() == "100":
            return queryset.filter(share_total=HUNDRED)
        if self.value() == "anders":
            # A key without shares has no total (NULL); it is not 100% either.
            return queryset.filter(Q(share_total__isnull=True) | ~Q(share_total=HUNDRED))
        return queryset


@admin.register(DistributionKey)
class DistributionKeyAdmin(ProtectedAdminMixin, SimpleHistoryAdmin):
    """A key whose shares do not add up to 100% is shown as such, so it can be put right."""

    form = DistributionKeyForm
    list_display = (
        "name",
        "region",
        "source",
        "valid_from",
        "valid_until",
        "share_total_display",
        "sums_to_hundred",
    )
    list_filter = ("region", ShareTotalFilter)
    search_fields = ("name", "slug", "source")
    list_select_related = ("region",)
    readonly_fields = ("share_total_display", "sums_to_hundred")
    ordering = ("region", "name")
    inlines = (DistributionShareInline,)
    # The shares are the key itself; a key used for an allocation is kept (the allocation
    # refers to it), so its shares stay with it.
    delete_parts = ("shares",)

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                share_total=Sum(
                    "shares__percentage", output_field=DecimalField(max_digits=8, decimal_places=2)
                )
            )
        )

    @admin.display(description=_("som van de aandelen"), ordering="share_total")
    def share_total_display(self, obj):
        return percent(getattr(obj, "share_total", None))

    @admin.display(description=_("telt op tot 100%"), boolean=True)
    def sums_to_hundred(self, obj):
        return getattr(obj, "share_total", None) == HUNDRED


@admin.register(DistributionShare)
class DistributionShareAdmin(ProtectedAdminMixin, SimpleHistoryAdmin):
    list_display = ("municipality", "key", "percentage")
    list_filter = ("key__region", "key")
    search_fields = ("municipality__name", "municipality__cbs_code", "key__name")
    list_select_related = ("municipality", "key")
    autocomplete_fields = ("key", "municipality")
    ordering = ("key", "municipality__name")


class AllocationShareInline(ReadOnlyTabularInline):
    model = AllocationShare
    fields = ("municipality", "percentage", "amount")


@admin.register(Allocation)
class AllocationAdmin(ProtectedAdminMixin, ReadOnlyAdminMixin, admin.ModelAdmin):
    """Allocations are computed by the apportioning service and kept as computed then."""

    list_display = ("label", "key", "amount_display", "key_sum", "key_was_complete", "created")
    list_filter = ("key",)
    search_fields = ("label", "key__name")
    list_select_related = ("key", "budget")
    ordering = ("-created",)
    date_hierarchy = "created"
    inlines = (AllocationShareInline,)

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("key")  # __str__ names the key

    @admin.display(description=_("bedrag"), ordering="amount")
    def amount_display(self, obj):
        return euros(obj.amount)

    @admin.display(description=_("sleutel telde op tot 100%"), boolean=True)
    def key_was_complete(self, obj):
        return obj.key_sum == HUNDRED


@admin.register(AllocationShare)
class AllocationShareAdmin(ProtectedAdminMixin, ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ("municipality", "allocation", "percentage", "amount_display")
    list_filter = ("allocation__key", "municipality")
    search_fields = ("municipality__name", "allocation__label")
    list_select_related = ("municipality", "allocation__key")
    ordering = ("allocation", "municipality__name")

    @admin.display(description=_("bedrag"), ordering="amount")
    def amount_display(self, obj):
        return euros(obj.amount)


# --- Funding and savings --------------------------------------------------------------------


@admin.register(FundingSource)
class FundingSourceAdmin(ProtectedAdminMixin, SimpleHistoryAdmin):
    """A funding row is part of its project, whose edit version guards the funding form: every
    change here counts it up, so a funding form opened before goes stale."""

    list_display = ("project", "kind", "note")
    list_filter = ("kind", "project__programme")
    search_fields = ("project__code", "project__name", "note")
    list_select_related = ("project",)
    autocomplete_fields = ("project",)
    ordering = ("project", "kind")

    @transaction.atomic
    def _count(self, request, project_ids):
        for project in Project.objects.select_for_update().filter(pk__in=set(project_ids)):
            project_funding_counted(
                project=project, user=request.user, expected_version=project.edit_version
            )

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        projects = {obj.project_id, form.initial.get("project")} - {None}
        self._count(request, projects)

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        self._count(request, [obj.project_id])

    def delete_queryset(self, request, queryset):
        projects = list(queryset.values_list("project_id", flat=True))
        super().delete_queryset(request, queryset)
        self._count(request, projects)


class SavingsMeasureForm(forms.ModelForm):
    def clean(self):
        cleaned_data = super().clean()
        municipality, name = cleaned_data.get("municipality"), cleaned_data.get("name")
        if municipality and name:
            # The two uniqueness rules are conditional (per year, or structural); Django reports
            # those with a generic constraint message, so they are checked here in words.
            same = SavingsMeasure.objects.filter(
                municipality=municipality, name=name, year=cleaned_data.get("year")
            ).exclude(pk=self.instance.pk)
            if same.exists():
                self.add_error(
                    "name",
                    _("Deze gemeente heeft deze maatregel al voor dit jaar.")
                    if cleaned_data.get("year")
                    else _("Deze gemeente heeft deze maatregel al als structureel effect."),
                )
        return cleaned_data


@admin.register(SavingsMeasure)
class SavingsMeasureAdmin(ProtectedAdminMixin, SimpleHistoryAdmin):
    form = SavingsMeasureForm
    list_display = ("name", "municipality", "year", "amount_display", "source")
    list_filter = ("municipality", "year")
    search_fields = ("name", "municipality__name", "source")
    autocomplete_fields = ("municipality",)
    ordering = ("municipality", "name", "year")

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("municipality")  # __str__

    @admin.display(description=_("netto effect"), ordering="amount")
    def amount_display(self, obj):
        return euros(obj.amount)
