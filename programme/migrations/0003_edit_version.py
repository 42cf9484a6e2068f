# Projects and efforts keep their version under the one name every edited row uses for
# optimistic locking (core.models.VersionedModel); the counts are kept.

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("programme", "0002_history_keeps_updated"),
    ]

    operations = [
        migrations.RenameField(model_name="project", old_name="version", new_name="edit_version"),
        migrations.RenameField(model_name="historicalproject", old_name="version", new_name="edit_version"),
        migrations.RenameField(model_name="effort", old_name="version", new_name="edit_version"),
        migrations.RenameField(model_name="historicaleffort", old_name="version", new_name="edit_version"),
        migrations.AlterField(
            model_name="project",
            name="edit_version",
            field=models.PositiveIntegerField(
                default=1,
                editable=False,
                help_text="Telt op bij elke wijziging; een verouderd formulier wordt geweigerd.",
                verbose_name="bewerkingsversie",
            ),
        ),
        migrations.AlterField(
            model_name="historicalproject",
            name="edit_version",
            field=models.PositiveIntegerField(
                default=1,
                editable=False,
                help_text="Telt op bij elke wijziging; een verouderd formulier wordt geweigerd.",
                verbose_name="bewerkingsversie",
            ),
        ),
        migrations.AlterField(
            model_name="effort",
            name="edit_version",
            field=models.PositiveIntegerField(
                default=1,
                editable=False,
                help_text="Telt op bij elke wijziging; een verouderd formulier wordt geweigerd.",
                verbose_name="bewerkingsversie",
            ),
        ),
        migrations.AlterField(
            model_name="historicaleffort",
            name="edit_version",
            field=models.PositiveIntegerField(
                default=1,
                editable=False,
                help_text="Telt op bij elke wijziging; een verouderd formulier wordt geweigerd.",
                verbose_name="bewerkingsversie",
            ),
        ),
    ]
