"""The functional administrators' group may manage its region's programme data."""

from django.db import migrations

from core.admin_permissions import REGION_OWNED, grant_functional_admin, revoke_functional_admin

DECISIONS = {
    "programme": REGION_OWNED,
    "theme": REGION_OWNED,
    "project": REGION_OWNED,
    "subgoal": REGION_OWNED,
    "effort": REGION_OWNED,
    "experiment": REGION_OWNED,
    "keyperformanceindicator": REGION_OWNED,
    "progressreport": REGION_OWNED,
    "progressreportline": REGION_OWNED,
}


def grant(apps, schema_editor):
    grant_functional_admin(apps, "programme", DECISIONS)


def revoke(apps, schema_editor):
    revoke_functional_admin(apps, "programme", DECISIONS)


class Migration(migrations.Migration):
    dependencies = [
        ("procurement", "0006_functional_admin_permissions"),
        ("programme", "0003_edit_version"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
