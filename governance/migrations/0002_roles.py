from django.db import migrations

ROLES = ["beleidsadviseur", "griffie", "netwerk-mt", "functioneel-beheer"]


def create_roles(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for name in ROLES:
        Group.objects.get_or_create(name=name)


def remove_roles(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=ROLES).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("governance", "0001_initial"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]
