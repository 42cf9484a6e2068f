"""Finance's sheets of the region workbook: distribution keys and their shares.

A key whose shares (those in the workbook together with those it already had) do not add up to
100% is refused (docs/domain-rules.md, "Money"), unless the difference is what rounding each
share to two decimals can explain (half a hundredth per share, as published keys are rounded):
that is reported on the row, and the key is kept as the source wrote it, as the finance pages
report it too. Registered in `FinanceConfig.ready()`.
"""

from decimal import Decimal

from django.db.models import Count, Sum
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.formatting import format_percentage
from core.workbook import DATE, PERCENTAGE, REFERENCE, Column, Sheet
from finance.models import DistributionKey, DistributionShare
from governance.models import Municipality

HUNDRED = Decimal("100.00")
ROUNDING_PER_SHARE = Decimal("0.005")


class ShareSheet(Sheet):
    def check(self, context, result, rows):
        first_rows: dict[int, int] = {}
        for row in rows:
            row_result = result.row(row.number)
            if row_result.problems:
                continue
            key = DistributionKey.objects.filter(slug__iexact=row.texts["key"]).first()
            if key is not None:
                first_rows.setdefault(key.pk, row.number)
        totals = dict(
            DistributionShare.objects.filter(key_id__in=first_rows)
            .values_list("key_id")
            .annotate(total=Sum("percentage"))
        )
        counts = dict(
            DistributionShare.objects.filter(key_id__in=first_rows)
            .values_list("key_id")
            .annotate(count=Count("pk"))
        )
        keys = DistributionKey.objects.in_bulk(list(first_rows))
        for key_id, number in first_rows.items():
            total = totals.get(key_id) or Decimal("0")
            if total == HUNDRED:
                continue
            message = _(
                "de aandelen van de sleutel ‘%(key)s’ tellen op tot %(total)s, niet tot 100%%"
            ) % {"key": keys[key_id].name, "total": format_percentage(total)}
            if abs(total - HUNDRED) <= counts.get(key_id, 0) * ROUNDING_PER_SHARE:
                result.row(number).notes.append(
                    message + _(" (een afrondingsverschil; de sleutel wordt zo bewaard)")
                )
            else:
                result.row(number).problems.append(message)


KEYS = Sheet(
    key="distribution_keys",
    title=gettext_lazy("Verdeelsleutels"),
    description=gettext_lazy(
        "Sleutels om kosten over de gemeenten te verdelen; de aandelen staan op het werkblad "
        "Aandelen en tellen per sleutel op tot 100%."
    ),
    model=DistributionKey,
    order=210,
    lookup=("slug",),
    periods=(("valid_from", "valid_until"),),
    ordering=("slug",),
    columns=(
        Column(
            "slug",
            gettext_lazy("Sleutel"),
            gettext_lazy("Vaste, unieke sleutel, zoals ‘meicirculaire-2021’."),
            required=True,
        ),
        Column(
            "name", gettext_lazy("Naam"), gettext_lazy("De naam van de sleutel."), required=True
        ),
        Column(
            "source",
            gettext_lazy("Bron"),
            gettext_lazy("Het brondocument, bijvoorbeeld de meicirculaire."),
            required=True,
        ),
        Column("valid_from", gettext_lazy("Geldig vanaf"), gettext_lazy("Mag leeg."), kind=DATE),
        Column(
            "valid_until", gettext_lazy("Geldig tot en met"), gettext_lazy("Mag leeg."), kind=DATE
        ),
    ),
)

SHARES = ShareSheet(
    key="distribution_shares",
    title=gettext_lazy("Aandelen"),
    description=gettext_lazy(
        "Het aandeel van elke gemeente in een verdeelsleutel, in procenten; per sleutel samen 100%."
    ),
    model=DistributionShare,
    order=220,
    lookup=("key", "municipality"),
    new_fields=lambda context: {},
    ordering=("key__slug", "municipality__cbs_code"),
    columns=(
        Column(
            "key",
            gettext_lazy("Verdeelsleutel"),
            gettext_lazy("Sleutel van de verdeelsleutel (werkblad Verdeelsleutels)."),
            kind=REFERENCE,
            model=DistributionKey,
            required=True,
        ),
        Column(
            "municipality",
            gettext_lazy("Gemeente"),
            gettext_lazy("Gemeentecode (zoals GM0505) of naam."),
            kind=REFERENCE,
            model=Municipality,
            to=("cbs_code", "name"),
            required=True,
        ),
        Column(
            "percentage",
            gettext_lazy("Aandeel (%)"),
            gettext_lazy("Zoals 32,55 (met een komma) of 32,55%."),
            kind=PERCENTAGE,
            required=True,
        ),
    ),
)

SHEETS = (KEYS, SHARES)
