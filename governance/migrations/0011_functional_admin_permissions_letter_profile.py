"""The functional administrators' group may manage its region's letter profiles."""

from django.db import migrations

from core.admin_permissions import REGION_OWNED, grant_functional_admin, revoke_functional_admin

DECISIONS = {"letterprofile": REGION_OWNED}


def grant(apps, schema_editor):
    grant_functional_admin(apps, "governance", DECISIONS)


def revoke(apps, schema_editor):
    revoke_functional_admin(apps, "governance", DECISIONS)


class Migration(migrations.Migration):
    dependencies = [("governance", "0010_letter_safeguards_and_profiles")]

    operations = [migrations.RunPython(grant, revoke)]
