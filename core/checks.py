"""System checks of the admin's shared rules (`core.admin`), registered in `CoreConfig.ready`."""

from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.contrib import admin
from django.contrib.admin.options import InlineModelAdmin
from django.core import checks
from django.db import models

from .admin import ProtectedAdminMixin, ProtectedInlineMixin
from .deletion import reverse_relations


def _is_project_model(model) -> bool:
    """Whether `model` belongs to one of the project's own apps (not an installed package, even
    when the virtual environment lives inside the project's directory)."""
    path = Path(apps.get_app_config(model._meta.app_label).path).resolve()
    if {"site-packages", "dist-packages"} & set(path.parts):
        return False
    return Path(settings.BASE_DIR).resolve() in path.parents


def _takes_part(cls: type, mixin: type, base: type) -> bool:
    """Whether `cls` has `mixin` ahead of every class of Django's `base` in its MRO, so that the
    mixin's methods are the ones that run."""
    mro = cls.__mro__
    if mixin not in mro:
        return False
    first_base = next(
        index
        for index, ancestor in enumerate(mro)
        if issubclass(ancestor, base) and not issubclass(ancestor, mixin)
    )
    return mro.index(mixin) < first_base


def check_protected_admins(app_configs=None, **kwargs):
    """Every ModelAdmin and inline of the project's own apps keeps the admin's delete rules."""
    errors = []
    for model, model_admin in admin.site._registry.items():
        if not _is_project_model(model):
            continue
        if not _takes_part(type(model_admin), ProtectedAdminMixin, admin.ModelAdmin):
            errors.append(
                checks.Error(
                    "An admin delete never cascades and final rows stay read-only; this "
                    "ModelAdmin does not take part.",
                    hint="Put core.admin.ProtectedAdminMixin first among its bases.",
                    obj=type(model_admin),
                    id="core.E002",
                )
            )
            continue
        relations = {
            relation.get_accessor_name(): relation for relation in reverse_relations(model)
        }
        for name in model_admin.delete_parts:
            relation = relations.get(name)
            if relation is None or relation.on_delete is not models.CASCADE:
                errors.append(
                    checks.Error(
                        f"delete_parts names {name!r}, which is not a cascading reverse "
                        f"relation of {model._meta.label}.",
                        obj=type(model_admin),
                        id="core.E003",
                    )
                )
        for inline in model_admin.inlines:
            if not _takes_part(inline, ProtectedInlineMixin, InlineModelAdmin):
                errors.append(
                    checks.Error(
                        "An inline's deletes follow the admin's delete rules; this inline does "
                        "not take part.",
                        hint="Put core.admin.ProtectedInlineMixin first among its bases.",
                        obj=inline,
                        id="core.E002",
                    )
                )
    return errors
