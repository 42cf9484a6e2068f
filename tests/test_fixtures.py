"""The ZHZ reference fixtures: they load, loading them again changes nothing, and they hold the
facts of the source documents (../shared/seeds/, chiefly 003 'Werk voor de Jeugd 2022-2023')."""

import datetime
from decimal import Decimal
from pathlib import Path

from django.apps import apps
from django.core import serializers
from django.core.management import call_command

import pytest

from finance.models import Budget, DistributionKey, FundingSource, SavingsMeasure
from governance.models import CouncilView, Decision, Membership, Municipality, Person, Region
from procurement.constants import SignalKind
from procurement.models import (
    Framework,
    Principle,
    Procedure,
    ProductCategory,
    RiskThreshold,
    Segment,
)
from programme.models import Effort, Experiment, Programme, Project

FIXTURE_DIR = Path(__file__).resolve().parent.parent / "fixtures"
FIXTURES = [
    str(FIXTURE_DIR / f"zhz_{name}.json")
    for name in ("governance", "procurement", "programme", "finance")
]
APPS = ("governance", "procurement", "programme", "finance")


def load():
    call_command("loaddata", *FIXTURES, verbosity=0)


@pytest.fixture
def zhz(db):
    load()


def snapshot():
    """Every row of every model of the four apps, serialised."""
    return {
        model._meta.label: serializers.serialize("json", model.objects.order_by("pk"))
        for app in APPS
        for model in apps.get_app_config(app).get_models()
    }


# --- governance ---------------------------------------------------------------------------------

CURRENT_MUNICIPALITIES = {
    "GM0482": "Alblasserdam",
    "GM0505": "Dordrecht",
    "GM0512": "Gorinchem",
    "GM0523": "Hardinxveld-Giessendam",
    "GM0531": "Hendrik-Ido-Ambacht",
    "GM1963": "Hoeksche Waard",
    "GM1978": "Molenlanden",
    "GM0590": "Papendrecht",
    "GM0610": "Sliedrecht",
    "GM0642": "Zwijndrecht",
}


def test_ten_current_municipalities(zhz):
    current = Municipality.objects.filter(valid_until__isnull=True)
    assert dict(current.values_list("cbs_code", "name")) == CURRENT_MUNICIPALITIES
    region = Region.objects.get_by_natural_key("zhz")
    assert region.central_municipality.cbs_code == "GM0505"


def test_former_municipalities_and_mergers_of_2019(zhz):
    former = Municipality.objects.filter(valid_until__isnull=False)
    assert {m.name: m.merged_into and m.merged_into.name for m in former} == {
        "Binnenmaas": "Hoeksche Waard",
        "Cromstrijen": "Hoeksche Waard",
        "Korendijk": "Hoeksche Waard",
        "Oud-Beijerland": "Hoeksche Waard",
        "Strijen": "Hoeksche Waard",
        "Giessenlanden": "Molenlanden",
        "Molenwaard": "Molenlanden",
        # Left the region for Vijfheerenlanden, which is not one of its municipalities.
        "Leerdam": None,
        "Zederik": None,
    }
    assert {str(m.valid_until) for m in former} == {"2018-12-31"}
    # Until 2019 the region had 17 municipalities.
    assert Municipality.objects.exclude(valid_from="2019-01-01").count() == 17


def test_loading_twice_changes_nothing(zhz):
    before = snapshot()
    load()
    after = snapshot()
    assert {label: len(rows) for label, rows in after.items()} == {
        label: len(rows) for label, rows in before.items()
    }
    for label in before:
        assert after[label] == before[label], label


def test_loading_twice_gives_the_same_row_counts(zhz):
    models = [m for app in APPS for m in apps.get_app_config(app).get_models()]
    before = {m._meta.label: m.objects.count() for m in models}
    load()
    assert {m._meta.label: m.objects.count() for m in models} == before
    # Raw fixture saves leave no history.
    assert all(count == 0 for label, count in before.items() if ".Historical" in label)


@pytest.mark.parametrize(
    ("slug", "body", "date", "outcome", "reference"),
    [
        ("ab-2020-01-30-concept-bestuursopdracht-governance", "AB", "2020-01-30", "discussed", ""),
        ("ab-2020-03-05-afschaffen-solidariteit", "AB", "2020-03-05", "adopted", ""),
        ("ab-2020-03-05-budgetmaxima-nee-tenzij", "AB", "2020-03-05", "held_over", ""),
        ("ab-2020-03-05-middelen-naar-de-voorkant", "AB", "2020-03-05", "adopted", ""),
        (
            "raad-dordrecht-2020-11-10-zienswijze-inkoopkader",
            "Raad Dordrecht",
            "2020-11-10",
            "adopted",
            "RIS 2629403",
        ),
        (
            "raad-dordrecht-2020-11-10-zienswijze-governance",
            "Raad Dordrecht",
            "2020-11-10",
            "adopted",
            "RIS 2629440",
        ),
        ("ab-2020-12-10-inkoopkader", "AB", "2020-12-10", "adopted", ""),
        ("ab-2020-12-10-opzegging-overeenkomst-soj-sjt", "AB", "2020-12-10", "agreed", ""),
        ("ab-2021-02-11-integratie-soj-in-dgj", "AB", "2021-02-11", "agreed", ""),
    ],
)
def test_decisions(zhz, slug, body, date, outcome, reference):
    decision = Decision.objects.get_by_natural_key(slug)
    assert decision.body.abbreviation == body
    assert str(decision.date) == date
    assert decision.outcome == outcome
    assert decision.reference == reference


def test_ab_meeting_of_5_march_2020_took_three_decisions(zhz):
    outcomes = Decision.objects.filter(body__slug="ab-dgj", date="2020-03-05").values_list(
        "outcome", flat=True
    )
    assert sorted(outcomes) == ["adopted", "adopted", "held_over"]


def test_council_views_of_dordrecht(zhz):
    views = CouncilView.objects.filter(municipality__cbs_code="GM0505")
    assert {(v.decision.slug, v.reference, str(v.date)) for v in views} == {
        ("ab-2020-12-10-inkoopkader", "RIS 2629403", "2020-11-10"),
        ("ab-2020-12-10-opzegging-overeenkomst-soj-sjt", "RIS 2629440", "2020-11-10"),
    }


def test_demo_people_for_the_demo_accounts(zhz):
    people = Person.objects.in_bulk(
        [
            "demo-adviseur-sliedrecht",
            "demo-adviseur-gorinchem",
            "demo-griffie-dordrecht",
            "demo-netwerk-mt",
            "demo-beheer",
        ],
        field_name="slug",
    )
    assert len(people) == 5
    assert not Person.objects.filter(is_demo=False).exists()
    assert people["demo-adviseur-sliedrecht"].municipality.name == "Sliedrecht"
    assert set(
        people["demo-adviseur-sliedrecht"].projects_as_contractor.values_list("code", flat=True)
    ) >= {"2.1.2", "2.2.2"}
    gorinchem = people["demo-adviseur-gorinchem"]
    assert gorinchem.municipality.name == "Gorinchem"
    assert gorinchem.projects_as_contractor.exists()
    assert gorinchem.project_teams.exclude(contractor=gorinchem).exists()
    griffie = people["demo-griffie-dordrecht"]
    assert griffie.municipality.name == "Dordrecht"
    assert not griffie.projects_as_contractor.exists()
    assert not griffie.project_teams.exists()
    assert people["demo-netwerk-mt"].memberships.filter(body__slug="netwerk-mt-jeugd").exists()
    assert people["demo-netwerk-mt"].projects_as_official_sponsor.exists()
    assert people["demo-beheer"].organisation.slug == "dgj"
    # One alderman per municipality in the PFO.
    pfo = Person.objects.filter(memberships__body__slug="pfo-jeugd")
    assert set(pfo.values_list("municipality__cbs_code", flat=True)) == set(CURRENT_MUNICIPALITIES)


def test_the_boards_of_the_joint_arrangement_have_their_members(zhz):
    # The AB: one member per municipality, from its first decision in the register.
    general = Membership.objects.filter(body__slug="ab-dgj")
    assert set(general.values_list("municipality__cbs_code", flat=True)) == set(
        CURRENT_MUNICIPALITIES
    )
    assert set(general.values_list("valid_from", flat=True)) == {datetime.date(2020, 1, 30)}
    # The DB: chair, secretary and deputy secretary, who sign the board's letter of 2021.
    executive = Membership.objects.filter(body__slug="db-dgj")
    assert set(executive.values_list("role", flat=True)) == {
        "chair",
        "secretary",
        "deputy_secretary",
    }
    assert executive.get(role="secretary").person.job_title == "Directeur DG&J"
    assert all(person.is_demo for person in Person.objects.filter(memberships__in=executive))


# --- procurement --------------------------------------------------------------------------------


def test_framework_2022_segments_and_the_2026_merge(zhz):
    framework = Framework.objects.get_by_natural_key("inkoopkader-2022")
    assert framework.adopted_by.slug == "ab-2020-12-10-inkoopkader"
    assert list(framework.segments.values_list("code", flat=True)) == [
        "1",
        "2",
        "3",
        "4a",
        "4b",
        "5",
        "6",
        "7",
    ]
    merged = Segment.objects.get_by_natural_key("contractperiode-2026", "1+5")
    assert str(merged.framework.valid_from) == "2026-01-01"
    assert set(merged.predecessors.values_list("framework__slug", "code")) == {
        ("inkoopkader-2022", "1"),
        ("inkoopkader-2022", "5"),
    }
    assert not framework.segments.exclude(code__in=["1", "5"]).filter(successors__isnull=False)


def test_principles_core_values_and_procedures(zhz):
    framework = Framework.objects.get_by_natural_key("inkoopkader-2022")
    assert framework.core_values.count() == 6
    cost_control = Principle.objects.get(framework=framework, text__startswith="Kostenbeheersing")
    assert cost_control.added_by_council_views
    assert dict(Procedure.objects.values_list("kind", "choice")) == {
        "european_tender": "rejected",
        "open_house": "rejected",
        "innovation_dialogue": "chosen",
        "simplified_sas": "chosen",
    }
    assert list(ProductCategory.objects.values_list("code", flat=True)) == [
        str(code) for code in range(40, 56)
    ]


def test_the_region_of_the_fixtures_gets_its_risk_thresholds(zhz):
    region = Region.objects.get_by_natural_key("zhz")
    assert set(RiskThreshold.objects.filter(region=region).values_list("kind", flat=True)) == set(
        SignalKind.values
    )
    assert RiskThreshold.objects.count() == len(SignalKind.values)


# --- programme ----------------------------------------------------------------------------------

WVDJ_PROJECTS = {
    "2.1.1": "Samen in een leeromgeving",
    "2.1.2": "Beter begroten en monitoren",
    "2.1.3": "Contractmanagement 3.0",
    "2.2.1": "Anders Zorgen",
    "2.2.2": "Jeugdhulp naar de Voorkant",
    "2.2.3": "Afbakening jeugdhulp in de praktijk",
    "2.2.4": "Expertteam en passend zorglandschap",
    "2.2.5": "Lokale contractering jeugdprofessionals",
    "2.3.1": "Geweld hoort nergens thuis",
    "2.3.2": "Veilig opgroeien is teamwerk",
    "2.3.3": "Beweging naar nul",
}


def test_werk_voor_de_jeugd_has_three_themes_and_eleven_projects(zhz):
    programme = Programme.objects.get_by_natural_key("werk-voor-de-jeugd-2022-2023")
    assert programme.owner.slug == "netwerk-mt-jeugd"
    assert programme.predecessor.slug == "ontwikkelagenda-2021"
    assert list(programme.themes.values_list("code", "name")) == [
        ("2.1", "Slimmer door 10"),
        ("2.2", "Meer lokaal"),
        ("2.3", "Veilig opgroeien"),
    ]
    projects = programme.projects.select_related("theme")
    assert {p.code: p.name for p in projects} == WVDJ_PROJECTS
    assert all(p.code.startswith(p.theme.code + ".") for p in projects)
    for project in projects:
        assert project.administrative_sponsor and project.official_sponsor and project.contractor


def test_veilig_opgroeien_is_handed_over(zhz):
    theme = Programme.objects.get_by_natural_key("werk-voor-de-jeugd-2022-2023").themes.get(
        code="2.3"
    )
    assert theme.handed_over_to == "Toekomstscenario kind- en gezinsbescherming"
    assert theme.projects.count() == 3
    assert not theme.projects.exclude(handed_over_to=theme.handed_over_to).exists()


def test_ontwikkelagenda_2021_lineage(zhz):
    agenda = Programme.objects.get_by_natural_key("ontwikkelagenda-2021")
    lineage = {
        p.name: (p.agenda_outcome, p.continues_in and p.continues_in.code)
        for p in agenda.projects.select_related("continues_in")
    }
    assert lineage == {
        "Implementatie governance Jeugd: opvolging AEF": ("done", None),
        "Lokale contractering Jeugdprofessionals": ("done", None),
        "Aanscherping inkoopstrategie": ("done", None),
        "Implementatie governance Jeugd: contractmanagement SOJ": ("continues", "2.1.3"),
        "Anders zorgen": ("continues", "2.2.1"),
        "Jeugdhulp naar de Voorkant": ("continues", "2.2.2"),
        "Veilig Opgroeien is Teamwerk": ("continues", "2.3.2"),
        "Doorontwikkelen Expertteam": ("continues", "2.2.4"),
        "Leeromgeving perspectiefbenadering": ("continues", "2.1.1"),
        "Afbakening jeugdhulp": ("continues", "2.2.3"),
        "Beter begroten en monitoren": ("continues", "2.1.2"),
        "Passend zorglandschap": ("continues", "2.2.4"),
    }


# The agreed time targets exactly as 003 writes them, per project, in the order of the efforts.
TIME_TARGETS = {
    "2.1.3": ["Q2 2022", "Q2 2022", "Q4 2022", "halverwege 2022"],
    "2.2.1": ["eind 2022", "Q4 2022"],
    "2.2.2": ["in de loop van 2022"],
    "2.2.3": ["oktober 2022", "oktober 2022", "december 2022"],
    "2.2.4": [
        "l 2021",
        "mei 2021",
        "voor de zomer 2021",
        "zomer 2021 – eind 2022",
        "2023",
        "Q3 2022",
    ],
    "2.3.1": ["Q3 van 2022", "sept 2022"],
    "2.3.2": ["Q3 van 2022", "Q4 2022"],
    "2.3.3": ["Q3 van 2022", "Q4 2022"],
}


def test_time_targets_kept_as_written(zhz):
    efforts = Effort.objects.filter(project__programme__slug="werk-voor-de-jeugd-2022-2023")
    found = {}
    for effort in efforts.exclude(time_target="").select_related("project"):
        found.setdefault(effort.project.code, []).append(effort.time_target)
    assert found == TIME_TARGETS


def test_every_time_target_is_parsed_or_flagged(zhz):
    efforts = Effort.objects.exclude(time_target="")
    assert efforts.count() == sum(len(targets) for targets in TIME_TARGETS.values())
    for effort in efforts:
        assert effort.target_start is not None or effort.time_target_unparsed, effort.time_target
    # An effort without a time target is never flagged.
    assert not Effort.objects.filter(time_target="", time_target_unparsed=True).exists()


def test_efforts_default_to_unknown_and_recurring_reports(zhz):
    assert set(Effort.objects.values_list("status", flat=True)) == {"unknown", "achieved"}
    assert Effort.objects.filter(status="achieved").get().project.code == "2.2.5"
    expert_team = Project.objects.get(code="2.2.4")
    assert sorted(
        expert_team.efforts.exclude(recurrence="").values_list("recurrence", flat=True)
    ) == [
        "bimonthly",
        "quarterly",
    ]
    # Sub-goals belong to the effort's own project.
    for effort in Effort.objects.filter(sub_goal__isnull=False).select_related("sub_goal"):
        assert effort.sub_goal.project_id == effort.project_id


def test_six_experiments_of_the_learning_environment(zhz):
    assert set(Experiment.objects.values_list("name", flat=True)) == {
        "Nul uithuisplaatsingen",
        "Voogden lokaal",
        "Afbakening Jeugdhulp",
        "Jeugdhulp naar de Voorkant",
        "Beter begroten en monitoren",
        "Expertteam",
    }


# --- finance ------------------------------------------------------------------------------------


def totals(budget):
    """Income, cost and balance from the lines; pro-memorie lines are shown, never counted."""
    lines = budget.lines.filter(is_pro_memorie=False)
    income = sum(line.amount for line in lines if line.direction == "income")
    cost = sum(line.amount for line in lines if line.direction == "cost")
    return income, cost, income - cost


@pytest.mark.parametrize(
    ("slug", "kind", "income", "cost", "balance"),
    [
        ("nmt-realisatie-2021", "realisation", 133_550, 140_150, -6_600),
        ("nmt-realisatie-2022", "realisation", 326_879, 320_066, 6_813),
        ("nmt-voorlopige-begroting-2023", "provisional_budget", 50_213, 266_600, -216_387),
    ],
)
def test_budget_totals(zhz, slug, kind, income, cost, balance):
    budget = Budget.objects.get_by_natural_key(slug)
    assert budget.owner.slug == "netwerk-mt-jeugd"
    assert budget.kind == kind
    assert totals(budget) == (Decimal(income), Decimal(cost), Decimal(balance))


def test_pro_memorie_and_carried_over_lines_of_2023(zhz):
    budget = Budget.objects.get_by_natural_key("nmt-voorlopige-begroting-2023")
    pm = budget.lines.get(is_pro_memorie=True)
    assert pm.amount is None
    assert pm.label == "Passend zorglandschap realisatie voorziening"
    remainder = budget.lines.get(label="Restant 2021-2022")
    assert remainder.amount == Decimal("213")
    assert sorted(remainder.carried_over_from.values_list("slug", flat=True)) == [
        "nmt-realisatie-2021",
        "nmt-realisatie-2022",
    ]
    # The remainder is what 2021 and 2022 left together.
    realised = [
        Budget.objects.get_by_natural_key(f"nmt-realisatie-{year}") for year in (2021, 2022)
    ]
    assert sum(totals(b)[2] for b in realised) == remainder.amount


def test_distribution_key_meicirculaire_2021(zhz):
    key = DistributionKey.objects.get_by_natural_key("meicirculaire-2021")
    assert key.name == "meicirculaire 2021"
    shares = dict(key.shares.values_list("municipality__name", "percentage"))
    assert shares == {
        "Alblasserdam": Decimal("5.01"),
        "Dordrecht": Decimal("32.55"),
        "Gorinchem": Decimal("8.29"),
        "Hardinxveld-Giessendam": Decimal("3.81"),
        "Hendrik-Ido-Ambacht": Decimal("5.87"),
        "Hoeksche Waard": Decimal("12.99"),
        "Molenlanden": Decimal("7.77"),
        "Papendrecht": Decimal("6.39"),
        "Sliedrecht": Decimal("6.73"),
        "Zwijndrecht": Decimal("10.60"),
    }
    # The shares as published in 003 §3.3 add up to 100.01%, not 100.00% (the plan's 'Totaal
    # 100%' is rounded). The fixture keeps the published figures; the application has to report
    # such a key rather than silently use it.
    assert sum(shares.values()) == Decimal("100.01")


def test_funding_sources_from_the_project_texts(zhz):
    def kinds(code):
        return set(FundingSource.objects.filter(project__code=code).values_list("kind", flat=True))

    assert kinds("2.1.3") == {"joint_arrangement", "own_municipality"}
    assert kinds("2.3.2") == {"national", "network_budget"}
    assert (
        "0,11 fte" in FundingSource.objects.get(project__code="2.1.3", kind="own_municipality").note
    )


def test_savings_measures_of_dordrecht(zhz):
    measures = SavingsMeasure.objects.filter(municipality__cbs_code="GM0505")
    in_2025 = sum(m.amount for m in measures.filter(year=2025))
    structural = sum(m.amount for m in measures.filter(year__isnull=True))
    assert (in_2025, structural) == (Decimal("1298000"), Decimal("2262000"))
