"""The functional administrators' group may manage its region's procurement data; national rows
(providers, their figures, product categories) it may only view."""

from django.db import migrations

from core.admin_permissions import (
    NATIONAL,
    REGION_OWNED,
    grant_functional_admin,
    revoke_functional_admin,
)

DECISIONS = {
    "framework": REGION_OWNED,
    "principle": REGION_OWNED,
    "corevalue": REGION_OWNED,
    "segment": REGION_OWNED,
    "phase": REGION_OWNED,
    "procedure": REGION_OWNED,
    "contract": REGION_OWNED,
    "norm": REGION_OWNED,
    "riskthreshold": REGION_OWNED,
    "providerriskpageview": REGION_OWNED,
    "productcategory": NATIONAL,
    "provider": NATIONAL,
    "providerfinancialyear": NATIONAL,
}


def grant(apps, schema_editor):
    grant_functional_admin(apps, "procurement", DECISIONS)


def revoke(apps, schema_editor):
    revoke_functional_admin(apps, "procurement", DECISIONS)


class Migration(migrations.Migration):
    dependencies = [
        ("governance", "0007_functional_admin_permissions"),
        ("procurement", "0005_risk_page_view_region"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
