# Letters keep their lock_version under the one name every edited row uses for optimistic
# locking (core.models.VersionedModel); the counts are kept. Council views, which their
# edit form guarded by the time of the last change, get an edit version of their own.

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("governance", "0004_council_view_awaited_by_default"),
    ]

    operations = [
        migrations.RenameField(model_name="letter", old_name="lock_version", new_name="edit_version"),
        migrations.RenameField(model_name="historicalletter", old_name="lock_version", new_name="edit_version"),
        migrations.AlterField(
            model_name="letter",
            name="edit_version",
            field=models.PositiveIntegerField(
                default=1,
                editable=False,
                help_text="Telt op bij elke wijziging; een verouderd formulier wordt geweigerd.",
                verbose_name="bewerkingsversie",
            ),
        ),
        migrations.AlterField(
            model_name="historicalletter",
            name="edit_version",
            field=models.PositiveIntegerField(
                default=1,
                editable=False,
                help_text="Telt op bij elke wijziging; een verouderd formulier wordt geweigerd.",
                verbose_name="bewerkingsversie",
            ),
        ),
        migrations.AddField(
            model_name="councilview",
            name="edit_version",
            field=models.PositiveIntegerField(
                default=1,
                editable=False,
                help_text="Telt op bij elke wijziging; een verouderd formulier wordt geweigerd.",
                verbose_name="bewerkingsversie",
            ),
        ),
        migrations.AddField(
            model_name="historicalcouncilview",
            name="edit_version",
            field=models.PositiveIntegerField(
                default=1,
                editable=False,
                help_text="Telt op bij elke wijziging; een verouderd formulier wordt geweigerd.",
                verbose_name="bewerkingsversie",
            ),
        ),
    ]
