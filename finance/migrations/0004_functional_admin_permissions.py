"""The functional administrators' group may manage its region's finance data."""

from django.db import migrations

from core.admin_permissions import REGION_OWNED, grant_functional_admin, revoke_functional_admin

DECISIONS = {
    "budget": REGION_OWNED,
    "budgetline": REGION_OWNED,
    "distributionkey": REGION_OWNED,
    "distributionshare": REGION_OWNED,
    "allocation": REGION_OWNED,
    "allocationshare": REGION_OWNED,
    "fundingsource": REGION_OWNED,
    "savingsmeasure": REGION_OWNED,
}


def grant(apps, schema_editor):
    grant_functional_admin(apps, "finance", DECISIONS)


def revoke(apps, schema_editor):
    revoke_functional_admin(apps, "finance", DECISIONS)


class Migration(migrations.Migration):
    dependencies = [
        ("finance", "0003_edit_version"),
        ("programme", "0004_functional_admin_permissions"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
