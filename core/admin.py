"""The admin's shared rules: no lost updates, nothing final changed, no delete that cascades.

A row of a `VersionedModel` is also edited in the staff pages; the admin takes part in the same
scheme, or a change made here would be silently overwritten there, and the other way round.
`VersionedAdminMixin` (for a ModelAdmin) and `VersionedInlineMixin` (for an inline) put the
hidden version in the form, refuse a stale save with a Dutch error on the form, and save through
`core.services.model_update`.

`ProtectedAdminMixin` (for every ModelAdmin) and `ProtectedInlineMixin` (for every inline) keep
what is final and what others refer to (docs/domain-rules.md, "Nothing is destroyed by
accident"): a final row (an adopted report, an issued letter) can be looked at only, on its
change form, in its inlines and in simple-history's revert; a delete that would cascade into other
records, or remove a row that other rows or their history name, is refused with the reasons
(`core.deletion`). The system check `core.E002` (`core.checks`) fails when a ModelAdmin or
inline of the project's own apps lacks them.
"""

from typing import ClassVar

from django import forms
from django.contrib import messages
from django.contrib.admin.utils import flatten_fieldsets, unquote
from django.core import checks
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.forms.models import BaseInlineFormSet
from django.http import Http404, HttpResponseRedirect
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from simple_history.manager import SIMPLE_HISTORY_REVERSE_ATTR_NAME

from .admin_lists import KeptChangeListMixin
from .deletion import deletion_refusals, part_models
from .forms import VersionedFormMixin
from .locking import StaleEditError
from .models import VERSION_FIELD
from .scope import active_region, in_active_region
from .services import model_delete, model_update


def _current(instance):
    """The row as it is in the database now; held until the admin's transaction ends."""
    rows = type(instance)._base_manager.filter(pk=instance.pk)
    if transaction.get_connection().in_atomic_block:
        rows = rows.select_for_update()
    return rows.first()


def _stale_error(stale: StaleEditError) -> ValidationError:
    return ValidationError(
        "%(message)s %(advice)s",
        code="stale_edit",
        params={
            "message": stale.message,
            "advice": _(
                "Uw wijzigingen zijn niet opgeslagen. Open de pagina opnieuw om de nieuwste "
                "gegevens te zien."
            ),
        },
    )


class VersionedAdminForm(VersionedFormMixin, forms.ModelForm):
    """An admin form of a versioned row; `versioned_admin_form` puts it in front of any form."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is None:
            # A new row (the add page, an inline's extra form) has no version to be stale against.
            self.fields[VERSION_FIELD].required = False
        elif self.is_revert:
            # simple-history's revert page edits an old version of the row: it is checked against
            # the version the row has now, as any other change.
            current = _current(self.instance)
            if current is not None:
                self.initial[VERSION_FIELD] = getattr(current, VERSION_FIELD)

    @property
    def is_revert(self) -> bool:
        return getattr(self.instance, SIMPLE_HISTORY_REVERSE_ATTR_NAME, None) is not None

    def edited_fields(self) -> list[str]:
        """The model's fields where the submitted form differs from the row as it is now."""
        names = {field.name for field in self._meta.model._meta.get_fields()}
        return [name for name in self.changed_data if name in names and name != VERSION_FIELD]

    def needs_saving(self) -> bool:
        # A form whose values equal the row's (only its version differs) writes nothing.
        return self.is_revert or bool(self.edited_fields())

    def clean(self):
        cleaned_data = super().clean()
        if self.instance.pk is not None and self.needs_saving():
            current = _current(self.instance)
            loaded = cleaned_data.get(VERSION_FIELD)
            if current is None or loaded != getattr(current, VERSION_FIELD):
                raise _stale_error(StaleEditError(current, fields=self.edited_fields()))
        return cleaned_data


def versioned_admin_form(form_class: type[forms.ModelForm]) -> type[forms.ModelForm]:
    """`form_class` with the edit version and its check (itself when it has them already)."""
    if issubclass(form_class, VersionedAdminForm):
        return form_class
    return type(form_class.__name__, (VersionedAdminForm, form_class), {})


class _VersionFieldMixin:
    """The hidden version in the fieldsets, and out of the model fields (it is not editable)."""

    def get_fieldsets(self, request, obj=None):
        fieldsets = list(super().get_fieldsets(request, obj))
        if not fieldsets or VERSION_FIELD in flatten_fieldsets(fieldsets):
            return fieldsets
        name, options = fieldsets[0]
        fieldsets[0] = (name, {**options, "fields": (*options["fields"], VERSION_FIELD)})
        return fieldsets

    def get_exclude(self, request, obj=None):
        excluded = super().get_exclude(request, obj)
        if excluded is None:
            excluded = getattr(getattr(self.form, "_meta", None), "exclude", None)
        return (*(excluded or ()), VERSION_FIELD)


class VersionedAdminMixin(_VersionFieldMixin):
    """For the ModelAdmin of a `VersionedModel`; put it before `SimpleHistoryAdmin`."""

    def get_form(self, request, obj=None, change=False, **kwargs):
        return versioned_admin_form(super().get_form(request, obj, change, **kwargs))

    def save_model(self, request, obj, form, change):
        if not change:
            super().save_model(request, obj, form, change)
        elif form.needs_saving():
            model_update(
                instance=obj,
                expected_version=form.cleaned_data.get(VERSION_FIELD),
                user=request.user,
                clean=False,  # the admin form validated the row
            )

    def _refused(self, request, stale: StaleEditError) -> HttpResponseRedirect:
        # Only when a save came between the form's check and its own (the transaction is
        # rolled back): the same message, on the page opened again.
        self.message_user(request, _stale_error(stale).messages[0], messages.ERROR)
        return HttpResponseRedirect(request.get_full_path())

    def changeform_view(self, request, *args, **kwargs):
        try:
            return super().changeform_view(request, *args, **kwargs)
        except StaleEditError as stale:
            return self._refused(request, stale)

    def history_form_view(self, request, *args, **kwargs):
        try:
            return super().history_form_view(request, *args, **kwargs)
        except StaleEditError as stale:
            return self._refused(request, stale)

    def check(self, **kwargs):
        errors = super().check(**kwargs)
        if self.list_editable:
            errors.append(
                checks.Error(
                    "A versioned model's rows are changed on their change form, which carries "
                    "the edit version; the change list cannot edit them.",
                    hint="Remove list_editable.",
                    obj=self.__class__,
                    id="core.E001",
                )
            )
        return errors


class VersionedInlineFormSet(BaseInlineFormSet):
    """Saves and deletes versioned rows through `model_update` and `model_delete`."""

    history_user = None  # set per request by VersionedInlineMixin.get_formset

    def clean(self):
        super().clean()
        for form in self.deleted_forms:
            if form.instance.pk is None:
                continue
            current = _current(form.instance)
            loaded = getattr(form, "cleaned_data", {}).get(VERSION_FIELD)
            if current is not None and loaded != getattr(current, VERSION_FIELD):
                raise _stale_error(StaleEditError(current, fields=form.edited_fields()))

    def save_existing(self, form, obj, commit=True):
        if not commit:
            return super().save_existing(form, obj, commit=commit)
        if form.needs_saving():
            model_update(
                instance=obj,
                expected_version=form.cleaned_data.get(VERSION_FIELD),
                user=self.history_user,
                clean=False,
            )
        form._save_m2m()
        return obj

    def delete_existing(self, obj, commit=True):
        if not commit:
            return
        form = next(form for form in self.deleted_forms if form.instance is obj)
        model_delete(
            instance=obj,
            expected_version=form.cleaned_data.get(VERSION_FIELD),
            user=self.history_user,
        )


class VersionedInlineMixin(_VersionFieldMixin):
    """For an inline of a `VersionedModel`, on whichever admin page it appears."""

    formset = VersionedInlineFormSet

    def get_formset(self, request, obj=None, **kwargs):
        kwargs.setdefault("form", versioned_admin_form(self.form))
        formset = super().get_formset(request, obj, **kwargs)
        formset.history_user = request.user  # a class made for this request
        return formset


# --- Final records and deletes that never cascade -------------------------------------------


def _deny(*args, **kwargs) -> bool:
    return False


def _parts_lookup(admin_site):
    """`parts_of(model)` for `core.deletion`: the `delete_parts` of the model's ModelAdmin."""

    def parts_of(model):
        return getattr(admin_site._registry.get(model), "delete_parts", ())

    return parts_of


def _final_reason_of(admin_site, obj) -> str | None:
    model_admin = admin_site._registry.get(type(obj))
    return (
        model_admin.final_reason_of(obj) if isinstance(model_admin, ProtectedAdminMixin) else None
    )


class ProtectedAdminMixin(KeptChangeListMixin):
    """For every ModelAdmin: final rows are read-only, and a delete never cascades.

    `final_reason(obj)` says, in Dutch, why a row can no longer be changed (None while it can);
    such a row is shown read-only with that reason, its inlines too, and is not deleted, reverted
    or changed by a POST. `delete_parts` names the reverse relations (accessor names, cascading
    foreign keys only) whose rows are true parts of the row and go with it; any other row that
    would go with it, refers to it, or names it in its history refuses the delete, on the delete
    page and in the bulk action alike, with the reasons listed. Put it first among the bases.

    Being every ModelAdmin's base, it also sets their change lists' page: 25 rows, as the staff
    lists have (rendering the admin's hundred rows was most of a change list's time), and no
    second count of all rows beside the filtered count; and its change list is kept while its
    rows are unchanged (`core.admin_lists`).
    """

    delete_parts: ClassVar[tuple[str, ...]] = ()
    list_per_page = 25
    show_full_result_count = False
    change_form_template = "admin/core/change_form.html"
    delete_confirmation_template = "admin/core/delete_confirmation.html"
    delete_selected_confirmation_template = "admin/core/delete_selected_confirmation.html"

    def final_reason(self, obj) -> str | None:
        return None

    def final_reason_of(self, obj) -> str | None:
        """`final_reason` of the row as it is stored (also for an old version in the revert)."""
        if obj is None or obj.pk is None:
            return None
        if not hasattr(obj, "_final_reason"):
            stored = obj
            if getattr(obj, SIMPLE_HISTORY_REVERSE_ATTR_NAME, None) is not None:
                stored = type(obj)._base_manager.filter(pk=obj.pk).first()
            obj._final_reason = self.final_reason(stored) if stored is not None else None
        return obj._final_reason

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and not self.final_reason_of(obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and not self.final_reason_of(obj)

    def deletion_refusals(self, objs) -> list[str]:
        """Why `objs` cannot be deleted: each final row's reason, then what the delete touches."""
        objs = list(objs)
        final = [
            _("‘%(row)s’: %(reason)s") % {"row": obj, "reason": reason}
            for obj in objs
            if (reason := self.final_reason_of(obj))
        ]
        return final + deletion_refusals(objs, _parts_lookup(self.admin_site))

    def get_deleted_objects(self, objs, request):
        objs = list(objs)
        refusals = self.deletion_refusals(objs)
        if refusals:
            # Shown as the "cannot delete" page; the delete view and the bulk action delete
            # nothing while this list is not empty.
            return [], {}, set(), refusals
        deleted, model_count, perms_needed, protected = super().get_deleted_objects(objs, request)
        # A row's parts go with it: the permission to delete the row covers them.
        parts = part_models(self.model, _parts_lookup(self.admin_site))
        perms_needed -= {str(model._meta.verbose_name) for model in parts}
        return deleted, model_count, perms_needed, protected

    def delete_view(self, request, object_id, extra_context=None):
        obj = self.get_object(request, unquote(object_id))
        reason = self.final_reason_of(obj)
        if reason and self.has_view_permission(request, obj):
            # The delete page of a final row says why, instead of a bare 403.
            context = {
                **self.admin_site.each_context(request),
                "title": _("%(name)s kan niet worden verwijderd")
                % {"name": capfirst(self.opts.verbose_name)},
                "subtitle": None,
                "object_name": str(self.opts.verbose_name),
                "object": obj,
                "deleted_objects": [],
                "model_count": [],
                "perms_lacking": set(),
                "protected": [reason],
                "opts": self.opts,
                "app_label": self.opts.app_label,
                "preserved_filters": self.get_preserved_filters(request),
                "is_popup": False,
                "to_field": None,
                **(extra_context or {}),
            }
            response = self.render_delete_form(request, context)
            response.status_code = 403
            return response
        return super().delete_view(request, object_id, extra_context)

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        context["final_reason"] = self.final_reason_of(obj)
        return super().render_change_form(request, context, add, change, form_url, obj)

    def get_inline_instances(self, request, obj=None):
        inlines = super().get_inline_instances(request, obj)
        if self.final_reason_of(obj):
            for inline in inlines:  # fresh instances, made for this request
                inline.has_add_permission = _deny
                inline.has_change_permission = _deny
                inline.has_delete_permission = _deny
                inline.max_num = 0
        return inlines

    # simple-history's revert page saves without asking for the change permission, and finds
    # the old version outside the region scope; both are checked here.

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        current = self.get_object(request, unquote(object_id))
        if current is None:
            raise Http404
        if request.method == "POST" and not self.has_change_permission(request, current):
            raise PermissionDenied
        return super().history_form_view(request, object_id, version_id, extra_context)

    def get_history_queryset(self, request, history_manager, pk_name, object_id):
        queryset = super().get_history_queryset(request, history_manager, pk_name, object_id)
        manager = self.model._default_manager
        path = getattr(manager, "scope_path", None)
        if path is None or self.get_object(request, unquote(str(object_id))) is not None:
            # A national model, or a row this page may show: all of its history.
            return queryset
        # A deleted row: only if it was of the open region.
        region = active_region()
        if region is None:  # across regions it stays as it is; without a scope it fails
            return in_active_region(queryset, path)
        if path == "pk":  # the region itself: its history rows keep its key as `id`
            return queryset.filter(**{pk_name: getattr(region, "pk", region)})
        # The same filter as the model's rows, shared rows included (norms of a category).
        return queryset.filter(manager.region_filter(region))


class ProtectedInlineFormSetMixin:
    """Refuses, on the parent's page, deleting an inline row that others need, or changing a
    final one."""

    admin_site = None  # set per request by ProtectedInlineMixin.get_formset

    def clean(self):
        super().clean()
        errors = []
        for form in self.initial_forms:
            if form in self.deleted_forms or form.has_changed():
                reason = _final_reason_of(self.admin_site, form.instance)
                if reason:
                    errors.append(
                        _("‘%(row)s’: %(reason)s") % {"row": form.instance, "reason": reason}
                    )
        deleted = [form.instance for form in self.deleted_forms if form.instance.pk is not None]
        errors += deletion_refusals(deleted, _parts_lookup(self.admin_site))
        if errors:
            raise ValidationError(errors)


class ProtectedInlineMixin:
    """For every inline: its deletes follow the same rules as the ModelAdmin's."""

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        return type(
            formset.__name__,
            (ProtectedInlineFormSetMixin, formset),
            {"admin_site": self.admin_site},
        )
