"""Budgets and realisations with their lines, distribution keys, an allocation of each region's
deficit, savings measures and who funds each project."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from finance.apportionment import apportion
from finance.constants import BudgetKind, FundingKind, LineDirection
from finance.models import (
    Allocation,
    AllocationShare,
    Budget,
    BudgetLine,
    DistributionKey,
    DistributionShare,
    FundingSource,
    SavingsMeasure,
)

from . import texts
from .base import REFERENCE_DATE, Builder, RegionSet, at, euro_text

HUNDRED = Decimal("100.00")


def _euros(builder: Builder, low: int, high: int, step: int = 500) -> Decimal:
    return Decimal(builder.rng.randint(low // step, high // step) * step)


def _balance(lines: list[BudgetLine]) -> Decimal:
    """Income minus cost; pro-memorie lines have no amount and are not counted."""
    return sum(
        (
            line.amount if line.direction == LineDirection.INCOME else -line.amount
            for line in lines
            if not line.is_pro_memorie
        ),
        Decimal("0"),
    )


def build_budgets(builder: Builder) -> None:
    """Two realisations and a provisional budget of the Netwerk MT per region."""
    budgets, lines, carried = [], [], []
    per_region: list[tuple[RegionSet, list[tuple[Budget, list[BudgetLine]]]]] = []
    for data in builder.regions:
        # Realisations of two finished years and the budget of the year after.
        owner, first = data.bodies["nmt"], min(data.base_year + 1, REFERENCE_DATE.year - 2)
        specs = [
            (first, BudgetKind.REALISATION, f"Realisatie {first} Netwerk MT Jeugd"),
            (first + 1, BudgetKind.REALISATION, f"Realisatie {first + 1} Netwerk MT Jeugd"),
            (first + 2, BudgetKind.PROVISIONAL_BUDGET, f"Voorlopige begroting {first + 2}"),
        ]
        region_budgets = []
        for year, kind, title in specs:
            budget = Budget(
                owner=owner,
                slug=f"{data.key}-{kind.replace('_', '-')}-{year}",
                year=year,
                kind=kind,
                title=title,
                created=at(min(date(year, 1, 15), REFERENCE_DATE)),
            )
            budgets.append(budget)
            region_budgets.append((budget, []))
        per_region.append((data, region_budgets))
    builder.save(Budget, budgets, when=at(date(2020, 1, 6)))

    for data, region_budgets in per_region:
        realisations = region_budgets[:2]
        for budget, budget_lines in realisations:
            costs = [
                (project.name, _euros(builder, 5000, 90000), project)
                for project in builder.rng.sample(data.projects, min(len(data.projects), 5))
            ]
            costs.append((texts.COST_LINES[3], _euros(builder, 50000, 160000, 50), None))
            total = sum((amount for _, amount, _ in costs), Decimal("0"))
            # Income close to the cost: a realisation ends with a small surplus or deficit.
            contributions = (total * builder.rng.randint(93, 105) / 100).quantize(Decimal("1"))
            specs = [
                (LineDirection.INCOME, "Inleg gemeenten", contributions, None),
                (LineDirection.INCOME, "Bijdrage GR Jeugd", _euros(builder, 0, 30000), None),
                *((LineDirection.COST, label, amount, project) for label, amount, project in costs),
            ]
            for order, (direction, label, amount, project) in enumerate(specs, start=1):
                budget_lines.append(
                    BudgetLine(
                        budget=budget,
                        order=order,
                        direction=direction,
                        label=label,
                        project=project,
                        amount=amount,
                        created=budget.created,
                    )
                )
        provisional, provisional_lines = region_budgets[2]
        remainder = sum((_balance(lines) for _, lines in realisations), Decimal("0"))
        year = provisional.year
        specs = [
            (LineDirection.INCOME, f"Restant {year - 2}–{year - 1}", remainder, False),
            (
                LineDirection.INCOME,
                "Inleg gemeenten (reeds besloten)",
                _euros(builder, 20000, 90000),
                False,
            ),
            (LineDirection.COST, texts.COST_LINES[1], _euros(builder, 10000, 40000), False),
            (
                LineDirection.COST,
                "Passend zorglandschap: project",
                _euros(builder, 40000, 120000),
                False,
            ),
            (LineDirection.COST, "Passend zorglandschap: realisatie", None, True),
            (LineDirection.COST, texts.COST_LINES[3], _euros(builder, 80000, 160000, 50), False),
        ]
        for order, (direction, label, amount, pro_memorie) in enumerate(specs, start=1):
            provisional_lines.append(
                BudgetLine(
                    budget=provisional,
                    order=order,
                    direction=direction,
                    label=label,
                    amount=amount,
                    is_pro_memorie=pro_memorie,
                    created=provisional.created,
                )
            )
        carried += [(provisional_lines[0], budget) for budget, _ in realisations]
        data.provisional = (provisional, provisional_lines)
        for _, budget_lines in region_budgets:
            lines += budget_lines
    builder.save(BudgetLine, lines, when=at(date(2020, 1, 6)))
    builder.link(
        BudgetLine.carried_over_from.through,
        (
            BudgetLine.carried_over_from.through(budgetline=line, budget=budget)
            for line, budget in carried
        ),
    )


def build_keys_and_allocations(builder: Builder) -> None:
    """Keys whose shares sum to exactly 100.00 (largest remainder over random weights, through
    the one apportionment function), and the provisional budget's deficit allocated over them."""
    rng = builder.rng
    keys, shares = [], []
    for data in builder.regions:
        year = data.base_year
        specs = [
            (f"meicirculaire {year}", f"Meicirculaire gemeentefonds {year}", data.weights),
            (
                f"inwonertal 1 januari {year + 1}",
                "CBS, bevolking op 1 januari",
                [max(1, min(100, weight + rng.randint(-3, 3))) for weight in data.weights],
            ),
        ]
        for number, (name, source, weights) in enumerate(specs, start=1):
            key = DistributionKey(
                region=data.region,
                slug=f"{data.key}-sleutel-{number}",
                name=name,
                source=source,
                valid_from=date(year + number - 1, 1, 1),
                valid_until=date(year + number - 1, 12, 31) if number == 1 else None,
            )
            keys.append(key)
            data.keys.append(key)
            percentages = apportion(HUNDRED, dict(enumerate(weights))).amounts
            for index, municipality in enumerate(data.municipalities):
                shares.append(
                    DistributionShare(
                        key=key, municipality=municipality, percentage=percentages[index]
                    )
                )
    builder.save(DistributionKey, keys, when=at(date(2021, 6, 1)))
    builder.save(DistributionShare, shares, when=at(date(2021, 6, 1)))

    allocations, allocation_shares = [], []
    for data in builder.regions:
        budget, lines = data.provisional
        amount = -_balance(lines)  # a deficit is what the municipalities owe together
        if amount == 0:
            continue
        key = data.keys[-1]
        key_shares = {
            share.municipality_id: share.percentage for share in shares if share.key is key
        }
        result = apportion(amount, key_shares)
        allocation = Allocation(
            key=key,
            label=f"Saldo {budget.title}",
            amount=amount,
            budget=budget,
            key_sum=result.key_sum,
            created=at(min(date(budget.year, 2, 1), REFERENCE_DATE)),
        )
        allocations.append(allocation)
        allocation_shares += [
            AllocationShare(
                allocation=allocation,
                municipality_id=share.key,
                percentage=share.percentage,
                amount=share.amount,
            )
            for share in result.shares
        ]
    builder.save(Allocation, allocations, when=at(date(2022, 2, 1)))
    builder.save(AllocationShare, allocation_shares, when=at(date(2022, 2, 1)))


def build_savings_and_funding(builder: Builder) -> None:
    rng = builder.rng
    measures, sources = [], []
    for data in builder.regions:
        for municipality in data.municipalities:
            if not builder.chance(0.4):
                continue
            for name in rng.sample(texts.SAVINGS_MEASURES, rng.randint(1, 3)):
                first = _euros(builder, 50000, 700000, 1000)
                for year, amount in ((2025, first), (None, first * rng.randint(1, 3))):
                    measures.append(
                        SavingsMeasure(
                            municipality=municipality,
                            name=name,
                            year=year,
                            amount=amount,
                            source=f"Raadsinformatiebrief {municipality.name} 2024",
                        )
                    )
        for project in data.projects:
            kinds = rng.sample(list(FundingKind), rng.randint(1, 2))
            for kind in kinds:
                sources.append(
                    FundingSource(
                        project=project,
                        kind=kind,
                        note=f"{euro_text(_euros(builder, 5000, 60000))} per jaar"
                        if builder.chance(0.5)
                        else "",
                        created=project.created + timedelta(days=1),
                    )
                )
    builder.save(SavingsMeasure, measures, when=at(date(2024, 10, 1)))
    builder.save(FundingSource, sources, when=at(date(2022, 1, 1)))
