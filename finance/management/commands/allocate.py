"""`manage.py allocate --key "meicirculaire 2021" --amount 216387`: apportion an amount as CSV.

Computes the apportionment over a distribution key (`finance.apportionment.apportion`, the one
function DESIGN.md allows for it) and prints one CSV row per municipality; it stores nothing. A key
whose shares do not sum to 100.00% is reported on stderr (DESIGN.md, "Money").

The amount is euros with at most two decimals. Both '216387,50' (Dutch decimal comma) and
'216387.50' are read as 216387.50. There is no thousands separator: '216.387' reads as 216.387 and
is refused for having three decimals, and '216.387,50' is refused as ambiguous. A negative amount
may be given as ``--amount=-1,5`` (argparse takes a separate '-1,5' for an option).
"""

from __future__ import annotations

import csv
import io
import re
from decimal import Decimal

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db.models import Q

from finance.apportionment import ApportionmentError, apportion
from finance.models import DistributionKey
from governance.models import Region

_AMOUNT = re.compile(r"[+-]?[0-9]+(?:[.,][0-9]+)?")


class Command(BaseCommand):
    help = (
        "Verdeel een bedrag over de gemeenten volgens een verdeelsleutel (grootste-restmethode) "
        "en schrijf het resultaat als CSV."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--key", default="", help="Naam of sleutel (slug) van de verdeelsleutel."
        )
        parser.add_argument(
            "--amount", default="", help="Bedrag in euro's, bijvoorbeeld 216387 of 216387,50."
        )
        parser.add_argument(
            "--region", default="", help="Sleutel (slug) van de regio, als de naam niet uniek is."
        )

    def handle(self, *args, key: str, amount: str, region: str, **options) -> None:
        total = parse_amount(amount)
        distribution_key = find_key(key.strip(), region.strip())
        shares = list(
            distribution_key.shares.select_related("municipality").order_by("municipality__name")
        )
        try:
            result = apportion(total, {share.municipality: share.percentage for share in shares})
        except ApportionmentError as error:
            raise CommandError(
                f'Verdeelsleutel "{distribution_key.name}": {error.message}'
            ) from None

        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(["gemeente", "percentage", "bedrag"])
        for share in result.shares:
            writer.writerow([share.key.name, f"{share.percentage:.2f}", f"{share.amount:.2f}"])
        self.stdout.write(buffer.getvalue(), ending="")

        if not result.is_complete:
            self.stderr.write(
                f'Let op: de aandelen van verdeelsleutel "{distribution_key.name}" tellen op tot '
                f"{_dutch(result.key_sum)}% (verschil {_dutch(result.difference, signed=True)} "
                "procentpunt); de bedragen zijn naar rato verdeeld."
            )


def parse_amount(text: str) -> Decimal:
    """Read an amount in euros: a decimal comma or point, at most two decimals, no thousands."""
    cleaned = text.strip().replace("\u2212", "-").removeprefix("€").strip()
    if not cleaned:
        raise CommandError("Geef het te verdelen bedrag op met --amount, bijvoorbeeld 216387,50.")
    if "," in cleaned and "." in cleaned:
        raise CommandError(
            f'Bedrag "{text}" is niet eenduidig: gebruik geen scheidingsteken voor duizendtallen, '
            "alleen een komma of punt voor de centen (bijvoorbeeld 216387,50)."
        )
    if not _AMOUNT.fullmatch(cleaned):
        raise CommandError(
            f'Bedrag "{text}" is geen getal; schrijf bijvoorbeeld 216387 of 216387,50.'
        )
    if re.search(r"[.,][0-9]{3,}$", cleaned):
        # Also catches '216.387', which in Dutch might mean two hundred thousand: never guess.
        raise CommandError(
            f'Een bedrag heeft hoogstens twee decimalen: "{text}". '
            "Gebruik geen scheidingsteken voor duizendtallen."
        )
    return Decimal(cleaned.replace(",", "."))


def find_key(name: str, region_slug: str) -> DistributionKey:
    """The key with this name (any case) or slug, within `region_slug` when given."""
    if not name:
        raise CommandError("Geef de naam of sleutel van een verdeelsleutel op met --key.")
    keys = DistributionKey.objects.select_related("region")
    if region_slug:
        if not Region.objects.filter(slug=region_slug).exists():
            known = ", ".join(Region.objects.order_by("slug").values_list("slug", flat=True))
            raise CommandError(f'Onbekende regio "{region_slug}". Bekende regio\'s: {known}.')
        keys = keys.filter(region__slug=region_slug)
    matches = list(
        keys.filter(Q(name__iexact=name) | Q(slug__iexact=name)).order_by("region__slug")
    )
    if not matches:
        available = ", ".join(
            f'"{key.name}" ({key.slug}, regio {key.region.slug})'
            for key in DistributionKey.objects.select_related("region").order_by("name", "slug")
        )
        raise CommandError(
            f'Onbekende verdeelsleutel "{name}". '
            + (f"Beschikbaar: {available}." if available else "Er zijn nog geen verdeelsleutels.")
        )
    if len(matches) > 1:
        regions = ", ".join(key.region.slug for key in matches)
        raise CommandError(
            f'Verdeelsleutel "{name}" bestaat in meer dan één regio ({regions}); '
            "kies er een met --region <slug>."
        )
    return matches[0]


def _dutch(number: Decimal, *, signed: bool = False) -> str:
    text = f"{number:+.2f}" if signed else f"{number:.2f}"
    return text.replace(".", ",")
