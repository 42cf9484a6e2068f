# Risk thresholds, which their edit form guarded by the time of the last change, get the edit
# version every edited row uses for optimistic locking (core.models.VersionedModel).

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("procurement", "0002_provider_financials_and_risk_signals"),
    ]

    operations = [
        migrations.AddField(
            model_name="riskthreshold",
            name="edit_version",
            field=models.PositiveIntegerField(
                default=1,
                editable=False,
                help_text="Telt op bij elke wijziging; een verouderd formulier wordt geweigerd.",
                verbose_name="bewerkingsversie",
            ),
        ),
        migrations.AddField(
            model_name="historicalriskthreshold",
            name="edit_version",
            field=models.PositiveIntegerField(
                default=1,
                editable=False,
                help_text="Telt op bij elke wijziging; een verouderd formulier wordt geweigerd.",
                verbose_name="bewerkingsversie",
            ),
        ),
    ]
