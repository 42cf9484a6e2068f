"""Risk thresholds belong to a region: each region sets its own, starting from the same values."""

import django.db.models.deletion
from django.db import migrations, models


def thresholds_per_region(apps, schema_editor):
    Region = apps.get_model("governance", "Region")
    RiskThreshold = apps.get_model("procurement", "RiskThreshold")
    shared = list(RiskThreshold.objects.filter(region__isnull=True))
    for region in Region.objects.order_by("pk"):
        for row in shared:
            RiskThreshold.objects.create(
                region=region,
                kind=row.kind,
                value=row.value,
                is_active=row.is_active,
                explanation=row.explanation,
            )
    RiskThreshold.objects.filter(region__isnull=True).delete()


class Migration(migrations.Migration):

    dependencies = [
        ('governance', '0006_person_region'),
        ('procurement', '0003_edit_version'),
    ]

    operations = [
        migrations.AlterModelOptions(
            name='riskthreshold',
            options={'ordering': ['region', 'kind'], 'verbose_name': 'drempel voor een risicosignaal', 'verbose_name_plural': 'drempels voor risicosignalen'},
        ),
        migrations.AddField(
            model_name='historicalriskthreshold',
            name='region',
            field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='governance.region', verbose_name='regio'),
        ),
        migrations.AddField(
            model_name='riskthreshold',
            name='region',
            field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.PROTECT, related_name='risk_thresholds', to='governance.region', verbose_name='regio'),
        ),
        migrations.RunPython(thresholds_per_region, migrations.RunPython.noop),
        migrations.AlterField(
            model_name='riskthreshold',
            name='region',
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='risk_thresholds', to='governance.region', verbose_name='regio'),
        ),
        migrations.AlterField(
            model_name='historicalriskthreshold',
            name='kind',
            field=models.CharField(choices=[('profit_margin', 'Hoge winstmarge'), ('dividend', 'Dividenduitkering'), ('revenue_per_fte', 'Hoge omzet per fte'), ('personnel_cost_per_fte', 'Lage personeelskosten per fte'), ('personnel_cost_share', 'Laag aandeel personeelskosten')], max_length=40, verbose_name='signaal'),
        ),
        migrations.AlterField(
            model_name='riskthreshold',
            name='kind',
            field=models.CharField(choices=[('profit_margin', 'Hoge winstmarge'), ('dividend', 'Dividenduitkering'), ('revenue_per_fte', 'Hoge omzet per fte'), ('personnel_cost_per_fte', 'Lage personeelskosten per fte'), ('personnel_cost_share', 'Laag aandeel personeelskosten')], max_length=40, verbose_name='signaal'),
        ),
        migrations.AddConstraint(
            model_name='riskthreshold',
            constraint=models.UniqueConstraint(fields=('region', 'kind'), name='risk_threshold_one_per_kind_per_region'),
        ),
    ]
