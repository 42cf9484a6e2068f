"""The functional administrators' group may manage its region's governance data and its users."""

from django.db import migrations

from core.admin_permissions import (
    GROUPS,
    NATIONAL,
    REGION,
    REGION_OWNED,
    USERS,
    grant_functional_admin,
    revoke_functional_admin,
)

DECISIONS = {
    "region": REGION,
    "municipality": REGION_OWNED,
    "organisation": REGION_OWNED,
    "body": REGION_OWNED,
    "person": REGION_OWNED,
    "membership": REGION_OWNED,
    "decision": REGION_OWNED,
    "councilview": REGION_OWNED,
    "letter": REGION_OWNED,
    "lettersection": REGION_OWNED,
    "letterblock": REGION_OWNED,
    "letterpdf": REGION_OWNED,
    "lettertemplate": NATIONAL,
    "letterquestion": NATIONAL,
}
AUTH_DECISIONS = {"user": USERS, "group": GROUPS}


def grant(apps, schema_editor):
    grant_functional_admin(apps, "governance", DECISIONS)
    grant_functional_admin(apps, "auth", AUTH_DECISIONS)


def revoke(apps, schema_editor):
    revoke_functional_admin(apps, "governance", DECISIONS)
    revoke_functional_admin(apps, "auth", AUTH_DECISIONS)


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("governance", "0006_person_region"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
