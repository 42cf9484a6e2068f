"""`manage.py generate_scale_data`: synthetic regions, complete, deterministic, guarded."""

import hashlib
import io
from decimal import Decimal

from django.core.management import CommandError, call_command
from django.db.models import F, Sum

import pytest

from demo.scale_data import governance_data
from finance.models import BudgetLine, DistributionKey, DistributionShare
from governance.models import Body, Municipality, Person, Region
from procurement.models import Provider, ProviderFinancialYear
from programme.constants import EffortStatus
from programme.models import Effort, Project
from programme.timetargets import parse_time_target

SMALL = {"projects_per_region": 8}


def generate(*args: str, **options) -> tuple[str, str]:
    stdout, stderr = io.StringIO(), io.StringIO()
    call_command("generate_scale_data", *args, stdout=stdout, stderr=stderr, **options)
    return stdout.getvalue(), stderr.getvalue()


def digest() -> str:
    """A fingerprint of the generated names and values (primary keys left out)."""
    rows = [
        *Region.objects.values_list("slug", "name", "central_municipality__cbs_code", "created"),
        *Municipality.objects.values_list("cbs_code", "name", "region__slug"),
        *Person.objects.values_list("slug", "name", "email", "job_title"),
        *Project.objects.values_list(
            "slug",
            "code",
            "name",
            "overall_status",
            "starts_on",
            "ends_on",
            "administrative_sponsor__slug",
            "contractor__slug",
            "updated",
        ),
        *Effort.objects.values_list(
            "project__slug", "order", "text", "time_target", "status", "edit_version", "updated"
        ),
        *Effort.history.values_list(
            "project__slug", "order", "history_type", "status", "history_date"
        ),
        *BudgetLine.objects.values_list("budget__slug", "order", "label", "amount"),
        *DistributionShare.objects.values_list("key__slug", "municipality__cbs_code", "percentage"),
    ]
    return hashlib.sha256(repr(sorted(rows, key=repr)).encode()).hexdigest()


@pytest.mark.django_db
def test_two_regions_with_everything_a_region_has(monkeypatch) -> None:
    # An existing region whose CBS codes lie in the range the generator draws from.
    # Room for the two largest regions (30 and 24 municipalities) beside the taken codes.
    monkeypatch.setattr(governance_data, "CBS_CODES", range(2000, 2070))
    existing = Region.objects.create(slug="bestaand", name="Bestaande regio")
    taken = {f"GM{number}" for number in range(2000, 2010)}
    for code in sorted(taken):
        Municipality.objects.create(region=existing, name=f"Gemeente {code}", cbs_code=code)

    out, err = generate("--regions", "2", **SMALL)

    regions = list(Region.objects.filter(slug__startswith="schaal-s1-"))
    assert len(regions) == 2
    assert all(region.name.startswith("Regio ") for region in regions)
    generated = Municipality.objects.filter(region__in=regions)
    codes = list(generated.values_list("cbs_code", flat=True))
    assert len(codes) == len(set(codes)) >= 6
    assert not taken & set(codes)
    for region in regions:
        assert region.central_municipality.region_id == region.pk
        abbreviations = set(
            Body.objects.filter(region=region).values_list("abbreviation", flat=True)
        )
        assert abbreviations == {"AB", "DB", "PFO", "NMT", "AOJ"}
    assert Person.objects.filter(slug__startswith="schaal-s1-", is_demo=False).count() == 0
    providers = Provider.objects.filter(slug__startswith="schaal-s1-")
    assert providers.exists() and not providers.filter(is_demo=False).exists()
    assert all(provider.financial_years.count() >= 2 for provider in providers)
    assert not ProviderFinancialYear.objects.filter(personnel_costs__gt=F("total_costs")).exists()

    projects = Project.objects.filter(programme__region__in=regions, theme__isnull=False)
    assert projects.count() == 2 * SMALL["projects_per_region"]
    assert not projects.filter(administrative_sponsor=None).exists()
    assert not projects.filter(official_sponsor=None).exists()
    assert not projects.filter(contractor=None).exists()

    efforts = Effort.objects.filter(project__in=projects)
    assert efforts.count() >= 6 * projects.count()
    # The written time target and the parsed period agree, as the pre_save signal would have it.
    for effort in efforts:
        parsed = parse_time_target(effort.time_target)
        assert (effort.target_start, effort.target_end) == (parsed.start, parsed.end)
    assert efforts.exclude(status=EffortStatus.UNKNOWN).exists()
    # History: a creation row for each effort, and one row per later status change, the last
    # of which holds the effort's current state.
    assert Effort.history.filter(history_type="+").count() == efforts.count()
    for effort in efforts.exclude(status=EffortStatus.UNKNOWN)[:50]:
        records = list(Effort.history.filter(id=effort.pk).order_by("history_date"))
        assert len(records) == effort.edit_version
        assert [records[-1].status, records[-1].edit_version] == [
            effort.status,
            effort.edit_version,
        ]

    for key in DistributionKey.objects.filter(region__in=regions):
        assert key.shares.aggregate(total=Sum("percentage"))["total"] == Decimal("100.00")
        assert key.shares.count() == generated.filter(region=key.region).count()

    assert "aangemaakt" in out
    assert "13/13" in err  # the progress bar reached its end


@pytest.mark.django_db
def test_the_same_seed_gives_the_same_data_and_another_seed_other_data() -> None:
    generate("--regions", "2", "--seed", "7", **SMALL)
    first = digest()

    generate("--regions", "2", "--seed", "7", "--replace", **SMALL)
    assert digest() == first

    generate("--regions", "2", "--seed", "8", "--replace", **SMALL)
    assert digest() != first


@pytest.mark.django_db
def test_refuses_to_generate_a_seed_twice_and_replaces_on_request() -> None:
    other = Region.objects.create(slug="zhz", name="Zuid-Holland Zuid")
    generate("--regions", "2", **SMALL)
    efforts = Effort.objects.count()

    with pytest.raises(CommandError, match="seed 1.*--replace"):
        generate("--regions", "2", **SMALL)
    assert Effort.objects.count() == efforts

    generate("--regions", "1", "--replace", **SMALL)
    assert Region.objects.filter(slug__startswith="schaal-").count() == 1
    assert Region.objects.filter(pk=other.pk).exists()
    # The history of the removed data went with it.
    assert not Effort.history.exclude(id__in=Effort.objects.values("pk")).exists()
    # Timestamps are the wall clock's again once the generator is done.
    assert Municipality._meta.get_field("updated").auto_now


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--regions", "0"], "--regions moet tussen 1 en 100 liggen"),
        (["--regions", "1000"], "--regions moet tussen 1 en 100 liggen"),
        (["--regions", "-3"], "--regions moet tussen 1 en 100 liggen"),
        (["--regions", "2", "--seed", "-1"], "--seed moet 0 of groter zijn"),
        (["--regions", "2", "--projects-per-region", "0"], "--projects-per-region moet tussen"),
    ],
)
def test_bad_input_is_refused_in_dutch_and_writes_nothing(args, message) -> None:
    with pytest.raises(CommandError, match=message):
        generate(*args)
    assert not Region.objects.exists()
