# Budget lines keep their version under the one name every edited row uses for optimistic
# locking (core.models.VersionedModel); the counts are kept.

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("finance", "0002_carried_over_from_many_and_line_version"),
    ]

    operations = [
        migrations.RenameField(model_name="budgetline", old_name="version", new_name="edit_version"),
        migrations.RenameField(model_name="historicalbudgetline", old_name="version", new_name="edit_version"),
        migrations.AlterField(
            model_name="budgetline",
            name="edit_version",
            field=models.PositiveIntegerField(
                default=1,
                editable=False,
                help_text="Telt op bij elke wijziging; een verouderd formulier wordt geweigerd.",
                verbose_name="bewerkingsversie",
            ),
        ),
        migrations.AlterField(
            model_name="historicalbudgetline",
            name="edit_version",
            field=models.PositiveIntegerField(
                default=1,
                editable=False,
                help_text="Telt op bij elke wijziging; een verouderd formulier wordt geweigerd.",
                verbose_name="bewerkingsversie",
            ),
        ),
    ]
