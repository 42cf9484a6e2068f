import django.utils.timezone
from django.db import migrations, models


class Migration(migrations.Migration):
    """History keeps `updated` too, so the dashboard 'as of' a date knows each last update."""

    dependencies = [("programme", "0001_initial")]

    operations = [
        migrations.AddField(
            model_name=model_name,
            name="updated",
            field=models.DateTimeField(
                blank=True, default=django.utils.timezone.now, editable=False, verbose_name="gewijzigd"
            ),
            preserve_default=False,
        )
        for model_name in ("historicalproject", "historicaleffort")
    ]
