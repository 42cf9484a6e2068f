"""`manage.py allocate`: CSV per municipality (for Dutch Excel), a warning for an incomplete key,
Dutch errors."""

import csv
import io
from decimal import Decimal

from django.core.management import CommandError, call_command

import pytest
from django_scopes import scope

from finance.models import DistributionKey, DistributionShare
from governance.models import Municipality, Region

ZHZ_KEY = [
    ("Alblasserdam", "GM0482", "5,01"),
    ("Dordrecht", "GM0505", "32,55"),
    ("Gorinchem", "GM0512", "8,29"),
    ("Hardinxveld-Giessendam", "GM0523", "3,81"),
    ("Hendrik-Ido-Ambacht", "GM0531", "5,87"),
    ("Hoeksche Waard", "GM1963", "12,99"),
    ("Molenlanden", "GM1978", "7,77"),
    ("Papendrecht", "GM0590", "6,39"),
    ("Sliedrecht", "GM0610", "6,73"),
    ("Zwijndrecht", "GM0642", "10,60"),
]


@pytest.fixture
def region() -> Region:
    return Region.objects.create(slug="zhz", name="Zuid-Holland Zuid")


@pytest.fixture
def key(region: Region) -> DistributionKey:
    key = DistributionKey.objects.create(
        region=region, slug="meicirculaire-2021", name="meicirculaire 2021", source="Meicirculaire"
    )
    # Created in reverse so that the CSV's order by name is the command's doing.
    for name, cbs_code, percentage in reversed(ZHZ_KEY):
        municipality = Municipality.objects.create(region=region, name=name, cbs_code=cbs_code)
        DistributionShare.objects.create(
            key=key, municipality=municipality, percentage=Decimal(percentage.replace(",", "."))
        )
    return key


def allocate(*args: str, **options: str) -> tuple[list[list[str]], str]:
    """Run the command as `manage.py` does: with no region scope open (the test body has one)."""
    stdout, stderr = io.StringIO(), io.StringIO()
    with scope():
        call_command("allocate", *args, stdout=stdout, stderr=stderr, **options)
    return list(csv.reader(io.StringIO(stdout.getvalue()), delimiter=";")), stderr.getvalue()


def number(cell: str) -> Decimal:
    """A number as the CSV for Dutch Excel writes it: a decimal comma, no thousands point."""
    return Decimal(cell.replace(",", "."))


@pytest.mark.django_db
def test_prints_the_apportionment_as_csv_and_reports_the_key_sum(key: DistributionKey) -> None:
    rows, warning = allocate("--key", "meicirculaire 2021", "--amount", "216387")

    assert rows[0] == ["gemeente", "percentage", "bedrag"]
    assert [row[0] for row in rows[1:]] == [name for name, _, _ in ZHZ_KEY]
    assert [row[1] for row in rows[1:]] == [pct for _, _, pct in ZHZ_KEY]
    assert rows[2] == ["Dordrecht", "32,55", "70426,92"]
    assert sum(number(row[2]) for row in rows[1:]) == Decimal("216387.00")
    assert all(len(row[2].split(",")[1]) == 2 for row in rows[1:])
    assert warning.strip() == (
        'Let op: de aandelen van verdeelsleutel "meicirculaire 2021" tellen op tot 100,01% '
        "(verschil +0,01 procentpunt); de bedragen zijn naar rato verdeeld."
    )


@pytest.mark.django_db
def test_a_complete_key_gives_no_warning(key: DistributionKey) -> None:
    key.shares.filter(municipality__name="Zwijndrecht").update(percentage=Decimal("10.59"))

    rows, warning = allocate("--key", "meicirculaire 2021", "--amount", "216387")

    assert warning == ""
    assert sum(number(row[2]) for row in rows[1:]) == Decimal("216387.00")
    assert rows[2] == ["Dordrecht", "32,55", "70433,97"]


@pytest.mark.django_db
def test_a_key_below_100_percent_is_reported_with_a_minus(key: DistributionKey) -> None:
    key.shares.filter(municipality__name="Zwijndrecht").update(percentage=Decimal("10.50"))

    _, warning = allocate("--key", "meicirculaire 2021", "--amount", "1000")

    assert "tellen op tot 99,91% (verschil -0,09 procentpunt)" in warning


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "amount", "total"),
    [
        ("MEICIRCULAIRE 2021", "216387,50", Decimal("216387.50")),
        ("meicirculaire-2021", "216387.5", Decimal("216387.50")),
        (" meicirculaire 2021 ", " € 216387 ", Decimal("216387.00")),
        ("meicirculaire 2021", "-216387", Decimal("-216387.00")),
        ("meicirculaire 2021", "-1,5", Decimal("-1.50")),
        ("meicirculaire 2021", "0", Decimal("0.00")),
        ("meicirculaire 2021", "216.387", Decimal("216387.00")),  # as the pages print it
        ("meicirculaire 2021", "216.387,50", Decimal("216387.50")),
    ],
)
def test_key_by_name_or_slug_and_amounts_in_dutch_or_plain_notation(
    key: DistributionKey, name: str, amount: str, total: Decimal
) -> None:
    rows, _ = allocate(f"--key={name}", f"--amount={amount}")

    assert sum(number(row[2]) for row in rows[1:]) == total


@pytest.mark.django_db
def test_a_name_used_in_two_regions_needs_the_region(key: DistributionKey) -> None:
    other = Region.objects.create(slug="rotterdam-rijnmond", name="Rijnmond")
    other_key = DistributionKey.objects.create(
        region=other, slug="meicirculaire-2021-rijnmond", name="Meicirculaire 2021", source="-"
    )
    municipality = Municipality.objects.create(region=other, name="Rotterdam", cbs_code="GM0599")
    DistributionShare.objects.create(key=other_key, municipality=municipality, percentage=100)

    with pytest.raises(CommandError, match="bestaat in meer dan één regio") as raised:
        allocate("--key", "meicirculaire 2021", "--amount", "10")
    assert "--region" in str(raised.value)

    rows, warning = allocate(
        "--key", "meicirculaire 2021", "--amount", "10", "--region", "rotterdam-rijnmond"
    )
    assert rows[1:] == [["Rotterdam", "100,00", "10,00"]]
    assert warning == ""


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["--key", "junicirculaire", "--amount", "1"],
            'Onbekende verdeelsleutel "junicirculaire". Beschikbaar: "meicirculaire 2021" '
            "(meicirculaire-2021, regio zhz).",
        ),
        (["--key", "", "--amount", "1"], "Geef de naam of sleutel van een verdeelsleutel op"),
        (["--amount", "1"], "Geef de naam of sleutel van een verdeelsleutel op"),
        (["--key", "meicirculaire 2021"], "Geef het te verdelen bedrag op met --amount"),
        (["--key", "meicirculaire 2021", "--amount", "abc"], "‘abc’ is geen bedrag"),
        (["--key", "meicirculaire 2021", "--amount", "1,5,0"], "‘1,5,0’ is geen bedrag"),
        (["--key", "meicirculaire 2021", "--amount", "1e5"], "‘1e5’ is geen bedrag"),
        (["--key", "meicirculaire 2021", "--amount", "NaN"], "‘NaN’ is geen bedrag"),
        (["--key", "meicirculaire 2021", "--amount", "1,000.50"], "‘1,000.50’ is geen bedrag"),
        (
            ["--key", "meicirculaire 2021", "--amount", "1,505"],
            "‘1,505’ heeft meer dan twee cijfers achter de komma",
        ),
        (
            # Dutch for 216.387 with three decimals, or English for 216 thousand: never guessed.
            ["--key", "meicirculaire 2021", "--amount", "216,387"],
            "‘216,387’ heeft meer dan twee cijfers achter de komma",
        ),
        (
            ["--key", "meicirculaire 2021", "--amount", "10000000000000"],
            "hoogstens 999.999.999.999,99 euro",
        ),
        (
            ["--key", "meicirculaire 2021", "--amount", "1", "--region", "nergens"],
            'Onbekende regio "nergens". Bekende regio\'s: zhz.',
        ),
    ],
)
def test_bad_input_is_a_dutch_command_error(
    key: DistributionKey, args: list[str], message: str
) -> None:
    with pytest.raises(CommandError) as raised:
        allocate(*args)

    assert message in str(raised.value)


@pytest.mark.django_db
def test_a_key_without_shares_is_refused(region: Region) -> None:
    DistributionKey.objects.create(region=region, slug="leeg", name="lege sleutel", source="-")

    with pytest.raises(CommandError) as raised:
        allocate("--key", "lege sleutel", "--amount", "1")

    assert str(raised.value) == (
        'Verdeelsleutel "lege sleutel": De verdeelsleutel heeft geen aandelen.'
    )


@pytest.mark.django_db
def test_without_any_key_it_says_so() -> None:
    with pytest.raises(CommandError, match="Er zijn nog geen verdeelsleutels."):
        allocate("--key", "meicirculaire 2021", "--amount", "1")
