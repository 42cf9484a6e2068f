"""What the functional administrator of a region may do in the admin, per kind of model.

The role `functioneel-beheer` is a Django group; its model permissions are granted by a data
migration of each app (`<app>/migrations/00NN_functional_admin_permissions*.py`), in the order of
the apps. Each such migration names every model of its app with one of the kinds below, in a
`DECISIONS` mapping of model name to actions; `tests/test_admin_permissions.py` fails when a
model has no decision, or when a decision does not fit the model's kind.

- A region's own rows (every model with a `region_scoped_manager`): add, change, delete, view —
  the admin's region scope keeps them to the administrator's region.
- The region itself: view and change; adding and deleting regions is for the platform
  administrator (superuser).
- National rows (providers and their figures, product categories, letter templates): view only.
- User accounts: add, change and view, never delete (people leaving are deactivated);
  groups (the roles): view only.
"""

import sys

FUNCTIONAL_ADMIN_GROUP = "functioneel-beheer"

REGION_OWNED = ("add", "change", "delete", "view")
REGION = ("change", "view")
NATIONAL = ("view",)
USERS = ("add", "change", "view")
GROUPS = ("view",)


def _permissions(apps, app_label: str, decisions: dict[str, tuple[str, ...]]):
    from django.contrib.auth.management import create_permissions

    app_config = apps.get_app_config(app_label)
    # The migration state's app config has no models module; create_permissions wants one.
    if getattr(app_config, "models_module", None) is None:
        app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    Permission = apps.get_model("auth", "Permission")  # noqa: N806
    codenames = [f"{action}_{model}" for model, actions in decisions.items() for action in actions]
    permissions = list(
        Permission.objects.filter(content_type__app_label=app_label, codename__in=codenames)
    )
    missing = set(codenames) - {permission.codename for permission in permissions}
    if missing:
        raise RuntimeError(f"Permissions missing for {app_label}: {sorted(missing)}")
    return permissions


def grant_functional_admin(apps, app_label: str, decisions: dict[str, tuple[str, ...]]) -> None:
    """Give the functional administrators' group the permissions `decisions` names (migrations)."""
    Group = apps.get_model("auth", "Group")  # noqa: N806
    group, _created = Group.objects.get_or_create(name=FUNCTIONAL_ADMIN_GROUP)
    group.permissions.add(*_permissions(apps, app_label, decisions))


def revoke_functional_admin(apps, app_label: str, decisions: dict[str, tuple[str, ...]]) -> None:
    Group = apps.get_model("auth", "Group")  # noqa: N806
    group = Group.objects.filter(name=FUNCTIONAL_ADMIN_GROUP).first()
    if group is not None:
        group.permissions.remove(*_permissions(apps, app_label, decisions))


def regrant_after_flush(sender, apps=None, **kwargs) -> None:
    """Grant the group again what the data migrations granted (a `post_migrate` receiver).

    `migrate` sends `post_migrate`, and so does `flush`, which empties every table, the group's
    permissions included, and runs no migration. Every `*functional_admin_permissions*`
    migration's `grant` runs again here; granting what the group has changes nothing.
    """
    from django.apps import apps as global_apps
    from django.db.migrations.loader import MigrationLoader

    apps = apps or global_apps  # flush sends no `apps`
    loader = MigrationLoader(None, ignore_no_migrations=True)
    for (_app_label, name), migration in sorted(loader.disk_migrations.items()):
        if "functional_admin_permissions" in name:
            sys.modules[type(migration).__module__].grant(apps, None)
