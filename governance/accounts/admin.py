"""The admin of user accounts, for a region's functional administrator and the platform
administrator.

A user is not region-owned; their region is their person's. So the list holds the users whose
person is of the active region (the platform administrator also sees the accounts without a
region). A functional administrator does not see or change platform administrators, cannot make
anyone staff or superuser or give single permissions (the role does that), chooses only among
the four roles, and never deletes an account: people who leave are deactivated. Nobody deletes
an account that appears in any history; the refusal says where it appears.
"""

from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.forms import UserChangeForm
from django.contrib.auth.models import Group, User
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import HttpResponseRedirect
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from governance.constants import Role
from governance.models import Person

from . import services
from .tables import role_labels

HIDDEN_FROM_FUNCTIONAL_ADMINS = ("is_superuser", "user_permissions", "is_staff", "password")


@admin.action(description=_("Geselecteerde gebruikers deactiveren"), permissions=["change"])
def deactivate_users(modeladmin, request, queryset):
    count = 0
    for user in queryset:
        if user.pk == request.user.pk:
            modeladmin.message_user(
                request, _("U kunt uw eigen account niet deactiveren."), messages.WARNING
            )
            continue
        services.user_deactivate(user=user, acting_user=request.user)
        count += 1
    modeladmin.message_user(
        request, _("%(count)d gebruiker(s) gedeactiveerd.") % {"count": count}, messages.SUCCESS
    )


class FunctionalAdminUserChangeForm(UserChangeForm):
    password = None  # users set their own, through an invitation


class RegionUserAdmin(UserAdmin):
    list_display = ("username", "person_name", "email", "roles", "is_active", "last_login")
    list_filter = ("is_active", "groups")
    search_fields = ("username", "first_name", "last_name", "email", "person__name")
    list_select_related = ("person",)
    actions = (deactivate_users,)

    @admin.display(description=_("persoon"), ordering="person__name")
    def person_name(self, user):
        person = getattr(user, "person", None)
        return person.name if person else _("– geen persoon, dus geen regio –")

    @admin.display(description=_("rol"))
    def roles(self, user):
        return role_labels(user)

    def get_queryset(self, request):
        queryset = super().get_queryset(request).prefetch_related("groups")
        linked = Q(person__in=Person.objects.all())  # the people of the active region
        if request.user.is_superuser:
            return queryset.filter(linked | Q(person__isnull=True))
        return queryset.filter(linked, is_superuser=False)

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if request.user.is_superuser:
            return fieldsets
        return [
            (
                name,
                {
                    **options,
                    "fields": tuple(
                        field
                        for field in options["fields"]
                        if field not in HIDDEN_FROM_FUNCTIONAL_ADMINS
                    ),
                },
            )
            for name, options in fieldsets
        ]

    def get_form(self, request, obj=None, **kwargs):
        if obj is not None and not request.user.is_superuser:
            kwargs["form"] = FunctionalAdminUserChangeForm
        return super().get_form(request, obj, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "groups" and not request.user.is_superuser:
            kwargs["queryset"] = Group.objects.filter(name__in=Role.values).order_by("name")
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def _refuses(self, request, obj) -> bool:
        return obj is not None and obj.is_superuser and not request.user.is_superuser

    def has_view_permission(self, request, obj=None):
        return not self._refuses(request, obj) and super().has_view_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        return not self._refuses(request, obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        # A functional administrator never deletes users; they deactivate them.
        return request.user.is_superuser and super().has_delete_permission(request, obj)

    def get_actions(self, request):
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)  # one at a time, each checked against history
        return actions

    def add_view(self, request, form_url="", extra_context=None):
        # Users are invited (they set their own password) and get a person, hence a region.
        if not request.user.is_superuser:
            return redirect("accounts:user_invite")
        return super().add_view(request, form_url, extra_context)

    def user_change_password(self, request, id, form_url=""):
        if not request.user.is_superuser:
            raise PermissionDenied
        return super().user_change_password(request, id, form_url)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        user = form.instance
        if not user.is_superuser and not request.user.is_superuser:
            # A functional administrator's role brings the admin with it (is_staff).
            roles = set(user.groups.filter(name__in=Role.values).values_list("name", flat=True))
            is_staff = Role.FUNCTIONAL_ADMIN in roles
            if user.is_staff != is_staff:
                user.is_staff = is_staff
                user.save(update_fields=["is_staff"])

    def delete_view(self, request, object_id, extra_context=None):
        user = self.get_object(request, object_id)
        if user is not None and self.has_delete_permission(request, user):
            references = services.user_history_references(user)
            if references:
                self.message_user(
                    request,
                    _(
                        "Het account %(username)s kan niet worden verwijderd: de naam staat in "
                        "de historie (%(where)s). Verwijderen zou die naam overal in ‘onbekend’ "
                        "veranderen. "
                        "Deactiveer het account in plaats daarvan (vink ‘Actief’ uit)."
                    )
                    % {"username": user.get_username(), "where": "; ".join(references)},
                    messages.ERROR,
                )
                return HttpResponseRedirect(reverse("admin:auth_user_change", args=[user.pk]))
        return super().delete_view(request, object_id, extra_context)


admin.site.unregister(User)
admin.site.register(User, RegionUserAdmin)
