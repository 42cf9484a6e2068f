"""The region's theme is a region's own row: its functional administrators keep it (on its own
page, which checks contrast; the admin only shows it)."""

from django.db import migrations

from core.admin_permissions import REGION_OWNED, grant_functional_admin, revoke_functional_admin

DECISIONS = {"regiontheme": REGION_OWNED}


def grant(apps, schema_editor):
    grant_functional_admin(apps, "governance", DECISIONS)


def revoke(apps, schema_editor):
    revoke_functional_admin(apps, "governance", DECISIONS)


class Migration(migrations.Migration):
    dependencies = [("governance", "0020_region_theme")]

    operations = [migrations.RunPython(grant, revoke)]
