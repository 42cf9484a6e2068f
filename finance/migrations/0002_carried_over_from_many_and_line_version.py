# A line may carry over the balances of several budgets ('Restant 2021-2022' = the balance of
# 2021 plus that of 2022), so `BudgetLine.carried_over_from` becomes a many-to-many field; the
# existing links are copied over. Budget lines get a version for edits without lost updates.

from django.db import migrations, models


def copy_links_forward(apps, schema_editor):
    BudgetLine = apps.get_model("finance", "BudgetLine")
    Through = BudgetLine.carried_over_from.through
    Through.objects.bulk_create(
        Through(budgetline_id=line_id, budget_id=budget_id)
        for line_id, budget_id in BudgetLine.objects.filter(
            carried_over_from_old__isnull=False
        ).values_list("pk", "carried_over_from_old")
    )


def copy_links_backward(apps, schema_editor):
    BudgetLine = apps.get_model("finance", "BudgetLine")
    Through = BudgetLine.carried_over_from.through
    # A foreign key holds one budget: keep the latest of each line's budgets.
    for link in Through.objects.order_by("budget__year"):
        BudgetLine.objects.filter(pk=link.budgetline_id).update(
            carried_over_from_old=link.budget_id
        )


class Migration(migrations.Migration):
    dependencies = [
        ("finance", "0001_initial"),
    ]

    operations = [
        migrations.RenameField(
            model_name="budgetline",
            old_name="carried_over_from",
            new_name="carried_over_from_old",
        ),
        migrations.AlterField(
            model_name="budgetline",
            name="carried_over_from_old",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=models.SET_NULL,
                related_name="+",
                to="finance.budget",
            ),
        ),
        migrations.AddField(
            model_name="budgetline",
            name="carried_over_from",
            field=models.ManyToManyField(
                blank=True,
                help_text=(
                    "Voor de regel met het restant van eerdere realisaties: het bedrag is de som "
                    "van hun saldi (bijvoorbeeld 'Restant 2021-2022' = saldo 2021 + saldo 2022)."
                ),
                related_name="carried_into",
                to="finance.budget",
                verbose_name="overgeheveld saldo van",
            ),
        ),
        migrations.RunPython(copy_links_forward, copy_links_backward),
        migrations.RemoveField(
            model_name="budgetline",
            name="carried_over_from_old",
        ),
        migrations.RemoveField(
            model_name="historicalbudgetline",
            name="carried_over_from",
        ),
        migrations.AddField(
            model_name="budgetline",
            name="version",
            field=models.PositiveIntegerField(
                default=1,
                editable=False,
                help_text=(
                    "Telt op bij elke wijziging, zodat een verouderd formulier niets overschrijft."
                ),
                verbose_name="versie",
            ),
        ),
        migrations.AddField(
            model_name="historicalbudgetline",
            name="version",
            field=models.PositiveIntegerField(
                default=1,
                editable=False,
                help_text=(
                    "Telt op bij elke wijziging, zodat een verouderd formulier niets overschrijft."
                ),
                verbose_name="versie",
            ),
        ),
        migrations.AlterField(
            model_name="allocation",
            name="amount",
            field=models.DecimalField(
                decimal_places=2,
                help_text=(
                    "Positief: door de gemeenten te betalen; negatief: aan hen terug te betalen."
                ),
                max_digits=14,
                verbose_name="bedrag (€)",
            ),
        ),
    ]
