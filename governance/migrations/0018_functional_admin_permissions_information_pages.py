"""The functional administrators' group may read the public information pages (they are the
installation's: only the platform administrator changes them)."""

from django.db import migrations

from core.admin_permissions import NATIONAL, grant_functional_admin, revoke_functional_admin

DECISIONS = {"informationpage": NATIONAL}


def grant(apps, schema_editor):
    grant_functional_admin(apps, "governance", DECISIONS)


def revoke(apps, schema_editor):
    revoke_functional_admin(apps, "governance", DECISIONS)


class Migration(migrations.Migration):
    dependencies = [("governance", "0017_information_pages")]

    operations = [migrations.RunPython(grant, revoke)]
