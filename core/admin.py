"""The admin's part in the one lost-update mechanism: its change forms carry the edit version too.

A row of a `VersionedModel` is also edited in the staff pages; the admin takes part in the same
scheme, or a change made here would be silently overwritten there, and the other way round.
`VersionedAdminMixin` (for a ModelAdmin) and `VersionedInlineMixin` (for an inline) put the
hidden version in the form, refuse a stale save with a Dutch error on the form, and save through
`core.services.model_update`.
"""

from django import forms
from django.contrib import messages
from django.contrib.admin.utils import flatten_fieldsets
from django.core import checks
from django.core.exceptions import ValidationError
from django.db import transaction
from django.forms.models import BaseInlineFormSet
from django.http import HttpResponseRedirect
from django.utils.translation import gettext as _

from simple_history.manager import SIMPLE_HISTORY_REVERSE_ATTR_NAME

from .forms import VersionedFormMixin
from .locking import StaleEditError
from .models import VERSION_FIELD
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
