"""A person belongs to a region: the region of their municipality or organisation."""

import django.db.models.deletion
from django.db import migrations, models


def fill_region(apps, schema_editor):
    Person = apps.get_model("governance", "Person")
    Region = apps.get_model("governance", "Region")
    regions = list(Region.objects.order_by("pk")[:2])
    only_region = regions[0] if len(regions) == 1 else None
    for person in Person.objects.select_related("municipality", "organisation"):
        place = person.municipality or person.organisation
        person.region_id = place.region_id if place else getattr(only_region, "pk", None)
        if person.region_id is None:
            raise RuntimeError(
                f"Persoon {person.slug} heeft geen gemeente of organisatie; kies eerst een regio."
            )
        person.save(update_fields=["region"])


class Migration(migrations.Migration):

    dependencies = [
        ('governance', '0005_edit_version'),
    ]

    operations = [
        migrations.AddField(
            model_name='historicalperson',
            name='region',
            field=models.ForeignKey(blank=True, db_constraint=False, help_text='De regio waarin deze persoon werkt; een gekoppeld gebruikersaccount ziet alleen de gegevens van deze regio.', null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='governance.region', verbose_name='regio'),
        ),
        migrations.AddField(
            model_name='person',
            name='region',
            field=models.ForeignKey(help_text='De regio waarin deze persoon werkt; een gekoppeld gebruikersaccount ziet alleen de gegevens van deze regio.', null=True, on_delete=django.db.models.deletion.PROTECT, related_name='people', to='governance.region', verbose_name='regio'),
        ),
        migrations.RunPython(fill_region, migrations.RunPython.noop),
        migrations.AlterField(
            model_name='person',
            name='region',
            field=models.ForeignKey(help_text='De regio waarin deze persoon werkt; een gekoppeld gebruikersaccount ziet alleen de gegevens van deze regio.', on_delete=django.db.models.deletion.PROTECT, related_name='people', to='governance.region', verbose_name='regio'),
        ),
    ]
