"""`manage.py allocate --key "meicirculaire 2021" --amount 216387`: apportion an amount as CSV.

Computes the apportionment over a distribution key (`finance.apportionment.apportion`, the one
function docs/domain-rules.md allows for it) and prints one CSV row per municipality, in the CSV
flavour of
every export (`core.exports`: `;` and decimal commas, for Dutch Excel); it stores nothing. A key
whose shares do not sum to 100.00% is reported on stderr (docs/domain-rules.md, "Money").

The amount is read by `core.parsing.parse_amount`, as every form reads it: euros with at most two
decimals, '216387,50', '216.387' (a thousands point) and '216.387,50' alike; '216,387' is refused
for having three decimals. A negative amount may be given as ``--amount=-1,5`` (argparse takes a
separate '-1,5' for an option).
"""

from __future__ import annotations

from decimal import Decimal

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db.models import Q

from core.exports import csv_text
from core.parsing import ParseError, parse_amount
from core.scope import all_regions, region_scope
from finance.apportionment import ApportionmentError, apportion
from finance.models import DistributionKey
from governance.models import Region


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
        total = amount_option(amount)
        with (
            all_regions()
        ):  # the key is looked up by name in every region, then worked within its own
            distribution_key = find_key(key.strip(), region.strip())
        with region_scope(distribution_key.region_id):
            shares = list(
                distribution_key.shares.select_related("municipality").order_by(
                    "municipality__name"
                )
            )
        try:
            result = apportion(total, {share.municipality: share.percentage for share in shares})
        except ApportionmentError as error:
            raise CommandError(
                f'Verdeelsleutel "{distribution_key.name}": {error.message}'
            ) from None

        rows = [[share.key.name, share.percentage, share.amount] for share in result.shares]
        self.stdout.write(csv_text(["gemeente", "percentage", "bedrag"], rows), ending="")

        if not result.is_complete:
            self.stderr.write(
                f'Let op: de aandelen van verdeelsleutel "{distribution_key.name}" tellen op tot '
                f"{_dutch(result.key_sum)}% (verschil {_dutch(result.difference, signed=True)} "
                "procentpunt); de bedragen zijn naar rato verdeeld."
            )


def amount_option(text: str) -> Decimal:
    """The amount to apportion; a Dutch CommandError when it is missing or not an amount."""
    if not text.strip():
        raise CommandError("Geef het te verdelen bedrag op met --amount, bijvoorbeeld 216387,50.")
    try:
        return parse_amount(text)
    except ParseError as error:
        raise CommandError(error.message) from None


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
