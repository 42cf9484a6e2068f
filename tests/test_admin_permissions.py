"""The functional administrators' group has a decision for every model of our apps.

The decisions live in the apps' data migrations (`DECISIONS` in every
`<app>/migrations/*functional_admin_permissions*.py`): a new model without one fails here, with the
advice to grant it in a new migration of its app.
"""

import importlib
import pkgutil

from django.apps import apps
from django.contrib.auth.models import Group

import pytest

from core.admin_permissions import (
    FUNCTIONAL_ADMIN_GROUP,
    GROUPS,
    NATIONAL,
    REGION,
    REGION_OWNED,
    USERS,
)

pytestmark = pytest.mark.django_db

OUR_APPS = ("governance", "procurement", "programme", "finance")


def _decisions(app_label: str, name: str = "DECISIONS") -> dict[str, tuple[str, ...]]:
    package = importlib.import_module(f"{app_label}.migrations")
    decisions = {}
    for module in pkgutil.iter_modules(package.__path__):
        if "functional_admin_permissions" in module.name:
            migration = importlib.import_module(f"{package.__name__}.{module.name}")
            decisions.update(getattr(migration, name, {}))
    return decisions


def _models(app_label: str):
    for model in apps.get_app_config(app_label).get_models():
        # History is read through its model's admin page, with the model's permissions.
        if not model.__name__.startswith("Historical"):
            yield model


def _expected_kind(model) -> tuple[str, ...]:
    path = getattr(model._default_manager, "scope_path", None)
    if path == "pk":
        return REGION
    return REGION_OWNED if path else NATIONAL


@pytest.mark.parametrize("app_label", OUR_APPS)
def test_every_model_has_a_decision(app_label):
    decisions = _decisions(app_label)
    missing = sorted(
        model._meta.model_name
        for model in _models(app_label)
        if model._meta.model_name not in decisions
    )
    assert not missing, (
        f"{app_label}: no decision for the functional administrator on {missing}; grant it in a "
        f"new migration {app_label}/migrations/00NN_functional_admin_permissions_….py"
    )
    stale = set(decisions) - {model._meta.model_name for model in _models(app_label)}
    assert not stale, f"{app_label}: decisions for models that no longer exist: {sorted(stale)}"


@pytest.mark.parametrize("app_label", OUR_APPS)
def test_each_decision_fits_whether_the_model_is_a_regions(app_label):
    decisions = _decisions(app_label)
    wrong = {
        model._meta.model_name: (decisions[model._meta.model_name], _expected_kind(model))
        for model in _models(app_label)
        if decisions.get(model._meta.model_name) != _expected_kind(model)
    }
    assert not wrong, f"{app_label}: decision, and what the model's scope asks for: {wrong}"


def test_the_group_has_exactly_the_decided_permissions():
    expected = {
        f"{app_label}.{action}_{model}"
        for app_label in OUR_APPS
        for model, actions in _decisions(app_label).items()
        for action in actions
    }
    expected |= {f"auth.{action}_user" for action in USERS}
    expected |= {f"auth.{action}_group" for action in GROUPS}
    group = Group.objects.get(name=FUNCTIONAL_ADMIN_GROUP)
    granted = {
        f"{app_label}.{codename}"
        for app_label, codename in group.permissions.values_list(
            "content_type__app_label", "codename"
        )
    }
    assert granted == expected


def test_regions_and_users_are_not_added_or_deleted_by_the_group():
    group = Group.objects.get(name=FUNCTIONAL_ADMIN_GROUP)
    codenames = set(group.permissions.values_list("codename", flat=True))
    assert {"change_region", "view_region", "add_user", "change_user"} <= codenames
    assert not {"add_region", "delete_region", "delete_user", "add_group"} & codenames
    assert "add_provider" not in codenames and "view_provider" in codenames


@pytest.mark.django_db(transaction=True)
def test_a_flush_keeps_the_groups_permissions():
    """`flush` (as between transactional tests) empties the tables; the grants come back."""
    from django.core.management import call_command

    call_command("flush", "--noinput", verbosity=0)
    group = Group.objects.get(name=FUNCTIONAL_ADMIN_GROUP)
    assert group.permissions.filter(codename="change_project").exists()
    assert not group.permissions.filter(codename="add_region").exists()
