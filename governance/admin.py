"""Functional administration of governance, and the admin building blocks the other apps use."""

from typing import ClassVar

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from simple_history.admin import SimpleHistoryAdmin

from core.admin import (
    ProtectedAdminMixin,
    ProtectedInlineMixin,
    VersionedAdminMixin,
    VersionedInlineMixin,
)

from .constants import CouncilViewStatus
from .letters.constants import LetterStatus
from .models import (
    Body,
    CouncilView,
    Decision,
    ExternalIdentity,
    IdentityProvider,
    InformationPage,
    Membership,
    Municipality,
    Organisation,
    Person,
    Region,
    RegionTheme,
    TimelineEntry,
)

admin.site.site_header = _("Jeugdregio – functioneel beheer")
admin.site.site_title = _("Jeugdregio")
admin.site.index_title = _("Gegevens beheren")


# --- Building blocks ------------------------------------------------------------------------


def truncated(text: str, length: int = 80) -> str:
    """Long texts (principles, efforts, norms) shortened for a list column."""
    return Truncator(text).chars(length)


class PeriodCheckForm(forms.ModelForm):
    """Checks that each period in `periods` does not end before it starts.

    The models guard this with a `CheckConstraint`; Django's generic message for it ("Beperking
    '…' is geschonden") tells an administrator nothing. The error is put on the end field, so the
    form leaves the constraint alone and shows only this message.
    """

    periods: ClassVar[tuple[tuple[str, str], ...]] = ()

    def clean(self):
        cleaned_data = super().clean()
        opts = self._meta.model._meta
        for start, end in self.periods:
            begins, ends = cleaned_data.get(start), cleaned_data.get(end)
            if end in self.fields and begins and ends and ends < begins:
                self.add_error(
                    end,
                    ValidationError(
                        _("‘%(end)s’ mag niet vóór ‘%(start)s’ liggen."),
                        code="period_end_before_start",
                        params={
                            "start": opts.get_field(start).verbose_name,
                            "end": opts.get_field(end).verbose_name,
                        },
                    ),
                )
        return cleaned_data


class ReadOnlyAdminMixin:
    """For records that are computed or snapshotted by a service: they can be looked at only."""

    def has_add_permission(self, request, *args):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ReadOnlyTabularInline(ProtectedInlineMixin, ReadOnlyAdminMixin, admin.TabularInline):
    extra = 0
    can_delete = False

    def get_readonly_fields(self, request, obj=None):
        return self.fields


# --- Region and municipalities --------------------------------------------------------------


@admin.register(Region)
class RegionAdmin(ProtectedAdminMixin, SimpleHistoryAdmin):
    list_display = ("name", "slug", "central_municipality")
    search_fields = ("name", "slug")
    list_select_related = ("central_municipality",)
    autocomplete_fields = ("central_municipality",)
    ordering = ("name",)
    delete_parts = ("theme",)  # a region's theme goes with it

    def get_queryset(self, request):
        # The platform administrator manages every region; a functional administrator sees
        # their own (the region scope).
        if request.user.is_superuser:
            return Region._base_manager.all()
        return super().get_queryset(request)

    def has_add_permission(self, request):
        return request.user.is_superuser

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser


class MunicipalityForm(PeriodCheckForm):
    periods = (("valid_from", "valid_until"),)


@admin.register(Municipality)
class MunicipalityAdmin(ProtectedAdminMixin, SimpleHistoryAdmin):
    form = MunicipalityForm
    list_display = ("name", "cbs_code", "region", "valid_from", "valid_until", "merged_into")
    list_filter = ("region",)
    search_fields = ("name", "cbs_code")
    list_select_related = ("region", "merged_into")
    autocomplete_fields = ("merged_into",)
    ordering = ("name",)


# --- Organisations, bodies, people ----------------------------------------------------------


class OrganisationForm(PeriodCheckForm):
    periods = (("founded_on", "ended_on"),)


@admin.register(Organisation)
class OrganisationAdmin(ProtectedAdminMixin, SimpleHistoryAdmin):
    form = OrganisationForm
    list_display = ("name", "abbreviation", "kind", "region", "parent", "founded_on", "ended_on")
    list_filter = ("region", "kind")
    search_fields = ("name", "abbreviation", "slug")
    list_select_related = ("region", "parent")
    autocomplete_fields = ("parent", "merged_into")
    ordering = ("name",)


class MembershipForm(PeriodCheckForm):
    periods = (("valid_from", "valid_until"),)


class MembershipInline(ProtectedInlineMixin, VersionedInlineMixin, admin.TabularInline):
    """Used on both a body and a person; the formset leaves out whichever is the parent."""

    model = Membership
    form = MembershipForm
    fields = ("person", "body", "role", "municipality", "valid_from", "valid_until")
    autocomplete_fields = ("person", "body", "municipality")
    extra = 0


class BodyForm(PeriodCheckForm):
    periods = (("founded_on", "ended_on"),)


@admin.register(Body)
class BodyAdmin(ProtectedAdminMixin, SimpleHistoryAdmin):
    form = BodyForm
    list_display = ("name", "abbreviation", "kind", "region", "organisation", "municipality")
    list_filter = ("region", "kind")
    search_fields = ("name", "abbreviation", "slug")
    list_select_related = ("region", "organisation", "municipality")
    autocomplete_fields = ("organisation", "municipality")
    ordering = ("region", "name")
    inlines = (MembershipInline,)


@admin.register(Person)
class PersonAdmin(ProtectedAdminMixin, SimpleHistoryAdmin):
    # Whether a person has an account, not its name: the list then shows only rows with a
    # change date and is kept while they are unchanged (core.admin_lists). The account is on the
    # person's page and the accounts' list names the person.
    list_display = ("name", "job_title", "municipality", "organisation", "has_account", "is_demo")
    list_filter = ("is_demo", "municipality", "organisation")
    search_fields = ("name", "job_title", "email", "slug", "user__username")
    list_select_related = ("municipality", "organisation")
    autocomplete_fields = ("municipality", "organisation", "user")
    ordering = ("name",)
    inlines = (MembershipInline,)

    @admin.display(description=_("account"), boolean=True, ordering="user")
    def has_account(self, obj):
        return obj.user_id is not None


@admin.register(Membership)
class MembershipAdmin(ProtectedAdminMixin, VersionedAdminMixin, SimpleHistoryAdmin):
    form = MembershipForm
    list_display = ("person", "role", "body", "municipality", "valid_from", "valid_until")
    list_filter = ("role", "body__region", "body")
    search_fields = ("person__name", "body__name", "body__abbreviation", "municipality__name")
    autocomplete_fields = ("person", "body", "municipality")
    ordering = ("body", "valid_from")
    date_hierarchy = "valid_from"

    def get_queryset(self, request):
        # __str__ (history page title, delete confirmation) names the person and the body.
        return super().get_queryset(request).select_related("person", "body", "municipality")


# --- Decisions and council views ------------------------------------------------------------


class CouncilViewForm(forms.ModelForm):
    def clean(self):
        cleaned_data = super().clean()
        if (
            "date" in self.fields
            and cleaned_data.get("status") == CouncilViewStatus.RECEIVED
            and not cleaned_data.get("date")
        ):
            self.add_error("date", _("Vul de datum in waarop de zienswijze is ontvangen."))
        return cleaned_data


class CouncilViewInline(ProtectedInlineMixin, VersionedInlineMixin, admin.TabularInline):
    model = CouncilView
    form = CouncilViewForm
    fields = ("municipality", "status", "deadline", "date", "reference")
    autocomplete_fields = ("municipality",)
    show_change_link = True
    extra = 0


@admin.register(Decision)
class DecisionAdmin(ProtectedAdminMixin, SimpleHistoryAdmin):
    list_display = ("date", "body", "title", "outcome", "reference")
    list_filter = ("outcome", "body__region", "body")
    search_fields = ("title", "reference", "slug", "summary")
    autocomplete_fields = ("body",)
    ordering = ("-date", "title")
    date_hierarchy = "date"
    inlines = (CouncilViewInline,)

    def get_queryset(self, request):
        # __str__ (also in autocomplete results elsewhere) shows the body's abbreviation.
        return super().get_queryset(request).select_related("body")

    def final_reason(self, obj):
        # An issued letter lists the decisions it cites, in its page and in its stored PDF.
        letters = obj.letters.filter(status=LetterStatus.ISSUED).order_by("date", "pk")
        count = letters.count()
        if not count:
            return None
        return ngettext(
            "Dit besluit staat in de verzonden brief ‘%(letter)s’ en kan niet meer worden "
            "gewijzigd of verwijderd.",
            "Dit besluit staat in %(count)s verzonden brieven (de eerste: ‘%(letter)s’) en kan "
            "niet meer worden gewijzigd of verwijderd.",
            count,
        ) % {"count": count, "letter": letters.first()}


@admin.register(CouncilView)
class CouncilViewAdmin(ProtectedAdminMixin, VersionedAdminMixin, SimpleHistoryAdmin):
    form = CouncilViewForm
    list_display = ("decision", "municipality", "status", "deadline", "date", "reference")
    list_filter = ("status", "municipality", "decision__body")
    search_fields = ("decision__title", "municipality__name", "reference", "summary")
    autocomplete_fields = ("municipality", "decision")
    ordering = ("decision", "municipality")

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("decision__body", "municipality")


@admin.register(InformationPage)
class InformationPageAdmin(ProtectedAdminMixin, SimpleHistoryAdmin):
    """The public pages of the installation: the platform administrator keeps their text; the
    three pages are always there (never added or deleted)."""

    list_display = ("title", "kind", "updated")
    readonly_fields = ("kind",)
    fields = ("kind", "title", "body")

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return request.user.is_superuser


@admin.register(TimelineEntry)
class TimelineEntryAdmin(ProtectedAdminMixin, SimpleHistoryAdmin):
    """Dated documents and events of the timeline that are not a decision (a report, a
    contract taking effect); decisions come from the decisions themselves."""

    list_display = ("date", "kind", "title", "reference", "region")
    list_filter = ("kind", "region")
    search_fields = ("title", "description", "reference", "slug")
    list_select_related = ("region",)
    ordering = ("-date", "title")
    date_hierarchy = "date"

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "link":
            kwargs["assume_scheme"] = "https"  # a link typed without its scheme
        return super().formfield_for_dbfield(db_field, request, **kwargs)


@admin.register(RegionTheme)
class RegionThemeAdmin(ProtectedAdminMixin, ReadOnlyAdminMixin, SimpleHistoryAdmin):
    """The region's theme is shown here; it is set on its own page (/beheer/huisstijl/), which
    checks the colours' contrast and the logo before saving."""

    list_display = ("region", "display_name", "primary", "link", "focus", "updated")
    fields = readonly_fields = (
        "region",
        "display_name",
        "logo_description",
        "primary",
        "primary_text",
        "link",
        "focus",
        "logo_sha256",
    )
    list_select_related = ("region",)


# --- Identity providers (the platform administrator's) --------------------------------------


class IdentityProviderForm(forms.ModelForm):
    """The client secret is written, never shown back: left empty, the stored one stays."""

    client_secret = forms.CharField(
        label=_("client-secret"),
        required=False,
        widget=forms.PasswordInput(render_value=False, attrs={"autocomplete": "new-password"}),
        help_text=_("Laat leeg om het opgeslagen geheim te houden."),
    )

    class Meta:
        model = IdentityProvider
        fields = (
            "region",
            "name",
            "is_active",
            "issuer",
            "client_id",
            "client_secret",
            "authorization_endpoint",
            "token_endpoint",
            "userinfo_endpoint",
            "jwks_uri",
            "end_session_endpoint",
            "create_users",
            "group_claim",
        )

    def clean_client_secret(self):
        secret = self.cleaned_data.get("client_secret", "")
        if not secret and self.instance.pk:
            return IdentityProvider._base_manager.get(pk=self.instance.pk).client_secret
        return secret


class PlatformAdministratorOnlyMixin:
    """Rows the platform administrator (superuser) adds and deletes; seeing them takes the
    permission."""

    def has_add_permission(self, request, *args):
        return request.user.is_superuser

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser and super().has_delete_permission(request, obj)


# What a region's functional administrator may change of its provider: whether new accounts
# come in through it, and the claim with their roles. The client secret is not even shown.
REGION_ADMINISTRATOR_PROVIDER_FIELDS = ("create_users", "group_claim")


@admin.register(IdentityProvider)
class IdentityProviderAdmin(ProtectedAdminMixin, PlatformAdministratorOnlyMixin, admin.ModelAdmin):
    form = IdentityProviderForm
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    list_display = ("name", "region", "issuer", "is_active", "create_users")
    list_select_related = ("region",)

    def get_queryset(self, request):
        # The platform administrator keeps every region's provider; anyone else sees their own.
        if request.user.is_superuser:
            return IdentityProvider._base_manager.select_related("region")
        return super().get_queryset(request)

    def get_fields(self, request, obj=None):
        fields = IdentityProviderForm.Meta.fields
        if request.user.is_superuser:
            return fields
        return tuple(field for field in fields if field != "client_secret")

    def get_readonly_fields(self, request, obj=None):
        if request.user.is_superuser:
            return ()
        return tuple(
            field
            for field in self.get_fields(request, obj)
            if field not in REGION_ADMINISTRATOR_PROVIDER_FIELDS
        )

    def get_autocomplete_fields(self, request):
        return ("region",) if request.user.is_superuser else ()


@admin.register(ExternalIdentity)
class ExternalIdentityAdmin(ProtectedAdminMixin, PlatformAdministratorOnlyMixin, admin.ModelAdmin):
    list_display = ("user", "issuer", "subject", "created_at", "last_login_at")
    list_select_related = ("user",)
    search_fields = ("user__username", "subject", "issuer")
    readonly_fields = ("user", "issuer", "subject", "created_at", "last_login_at")

    def get_queryset(self, request):
        identities = super().get_queryset(request)
        if request.user.is_superuser:
            return identities
        # The accounts of the administrator's region only (their person is of the region).
        return identities.filter(user__person__in=Person.objects.all())

    def has_add_permission(self, request, *args):
        return False

    def has_change_permission(self, request, obj=None):
        return False
