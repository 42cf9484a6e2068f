"""Procurement frameworks with principles, segments (and their lineage), phases, procedures;
providers, their contracts, norms and annual figures."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from procurement.constants import LegalForm, ProcedureChoice, ProcedureKind
from procurement.models import (
    Contract,
    CoreValue,
    Framework,
    Norm,
    Phase,
    Principle,
    Procedure,
    Provider,
    ProviderFinancialYear,
    Segment,
)

from . import names, texts
from .base import Builder, at

RATIONALES = {
    ProcedureKind.EUROPEAN_TENDER: "Te veel administratieve lasten voor aanbieders en gemeenten.",
    ProcedureKind.OPEN_HOUSE: "Geeft geen grip op het aantal aanbieders.",
    ProcedureKind.INNOVATION_DIALOGUE: "Samen met aanbieders werken aan vernieuwing van de hulp.",
    ProcedureKind.SIMPLIFIED_SAS: "Past bij sociale en andere specifieke diensten.",
}


def build_frameworks(builder: Builder) -> None:
    rng = builder.rng
    frameworks, successors = [], []
    for data in builder.regions:
        start = date(data.base_year, 1, 1)
        first = Framework(
            region=data.region,
            slug=f"{data.key}-inkoopkader-{start.year}",
            name=f"Inkoopkader jeugdhulp {start.year} e.v.",
            description="De bestuurlijke uitgangspunten voor de inkoop van jeugdhulp.",
            valid_from=start,
            valid_until=date(start.year + 3, 12, 31),
            adopted_by=data.decisions.get("framework"),
            created=at(start - timedelta(days=200)),
        )
        data.frameworks.append(first)
        frameworks.append(first)
        if builder.chance(0.4):
            # A next contract period in which segments 1 and 5 merge (as in ZHZ from 2026).
            later = date(start.year + 4, 1, 1)
            successor = Framework(
                region=data.region,
                slug=f"{data.key}-inkoopkader-{later.year}",
                name=f"Inkoopkader jeugdhulp – contractperiode {later.year} e.v.",
                description="Hetzelfde kader, met een nieuw segment voor strategische partners.",
                valid_from=later,
                created=at(min(later - timedelta(days=300), date(2025, 6, 1))),
            )
            data.frameworks.append(successor)
            frameworks.append(successor)
    builder.save(Framework, frameworks, when=at(date(2020, 1, 6)))

    principles, values, segments, phases, procedures = [], [], [], [], []
    for data in builder.regions:
        first = data.frameworks[0]
        for order, text in enumerate(rng.sample(texts.PRINCIPLES, rng.randint(4, 6)), start=1):
            principles.append(
                Principle(
                    framework=first,
                    order=order,
                    text=text,
                    added_by_council_views=text.startswith("Kostenbeheersing"),
                )
            )
        for order, text in enumerate(texts.CORE_VALUES, start=1):
            values.append(CoreValue(framework=first, order=order, text=text))
        # Segments 1 and 5 always, a selection of the others, in the strategy's order.
        chosen = [code for code, _ in texts.SEGMENTS if code in ("1", "5") or builder.chance(0.8)]
        for order, (code, name) in enumerate(
            [segment for segment in texts.SEGMENTS if segment[0] in chosen], start=1
        ):
            segment = Segment(
                framework=first,
                code=code,
                order=order,
                name=name,
                purchasing_method=builder.pick(
                    ["Taakgerichte bekostiging.", "Prijs × volume.", "Lumpsum per gemeente."]
                ),
                access=builder.pick(["Lokaal team.", "Huisarts en lokaal team.", "GI."]),
            )
            data.segments.append(segment)
            segments.append(segment)
        if len(data.frameworks) > 1:
            later = data.frameworks[1]
            merged = Segment(
                framework=later, code="1+5", order=1, name="Hoogspecialistisch en crisis"
            )
            segments.append(merged)
            lineage = {"1": merged, "5": merged}
            for order, segment in enumerate(
                [s for s in data.segments if s.code not in ("1", "5")], start=2
            ):
                copy = Segment(framework=later, code=segment.code, order=order, name=segment.name)
                segments.append(copy)
                lineage[segment.code] = copy
            successors += [(segment, lineage[segment.code]) for segment in data.segments]
        for number, name, description in texts.PHASES:
            starts = first.valid_from - timedelta(days=30 * (5 - number) * 3)
            phases.append(
                Phase(
                    framework=first,
                    number=number,
                    name=name,
                    description=description,
                    starts_on=starts,
                    ends_on=starts + timedelta(days=80),
                )
            )
        chosen_kinds = {ProcedureKind.INNOVATION_DIALOGUE, ProcedureKind.SIMPLIFIED_SAS}
        if builder.chance(0.2):
            chosen_kinds = {ProcedureKind.OPEN_HOUSE}
        for kind in ProcedureKind:
            procedure = Procedure(
                framework=first,
                kind=kind,
                choice=ProcedureChoice.CHOSEN if kind in chosen_kinds else ProcedureChoice.REJECTED,
                rationale=RATIONALES[kind],
            )
            procedures.append(procedure)
            if kind in chosen_kinds:
                data.procedures.append(procedure)
    when = at(date(2020, 6, 1))
    builder.save(Principle, principles, when=when)
    builder.save(CoreValue, values, when=when)
    builder.save(Segment, segments, when=when)
    builder.link(
        Segment.successors.through,
        (Segment.successors.through(from_segment=old, to_segment=new) for old, new in successors),
    )
    builder.save(Phase, phases, when=when)
    builder.save(Procedure, procedures, when=when)


def build_providers(builder: Builder) -> None:
    rng = builder.rng
    providers, contracts, norms = [], [], []
    per_provider: list[tuple[object, Provider]] = []
    kvk_numbers: set[str] = set()
    for data in builder.regions:
        for number in range(1, rng.randint(10, 25) + 1):
            form, legal_form, supervised = builder.pick(names.PROVIDER_FORMS)
            place = builder.pick(data.municipalities).name
            kvk = f"{rng.randint(10000000, 99999999)}"
            while kvk in kvk_numbers:
                kvk = f"{rng.randint(10000000, 99999999)}"
            kvk_numbers.add(kvk)
            provider = Provider(
                slug=f"{data.key}-aanbieder-{number:03d}",
                name=form.format(stem=builder.pick(names.PROVIDER_STEMS), place=place),
                kvk_number=kvk,
                legal_form=LegalForm(legal_form),
                has_supervisory_board=(
                    None if supervised is None else builder.chance(0.9 if supervised else 0.3)
                ),
                is_demo=True,
            )
            providers.append(provider)
            per_provider.append((data, provider))
    builder.save(Provider, providers, when=at(date(2020, 6, 1)))

    for data, provider in per_provider:
        framework = data.frameworks[0]
        for segment in rng.sample(data.segments, rng.randint(1, min(3, len(data.segments)))):
            contracts.append(
                Contract(
                    provider=provider,
                    segment=segment,
                    procedure=builder.pick(data.procedures),
                    reference=f"SOJ-{framework.valid_from.year}-{len(contracts) + 1:05d}",
                    valid_from=framework.valid_from,
                    valid_until=framework.valid_until,
                )
            )
    for data in builder.regions:
        for segment in data.segments:
            for _ in range(rng.randint(0, 2)):
                text, has_months, has_hours = builder.pick(texts.NORMS)
                months, hours = rng.choice([3, 6, 9, 12]), rng.choice([4, 8, 12, 16])
                norms.append(
                    Norm(
                        segment=segment,
                        product_code=f"{rng.randint(40, 55)}A{rng.randint(10, 99)}",
                        description=text.format(months=months, hours=hours),
                        max_duration_months=months if has_months else None,
                        max_hours_per_month=hours if has_hours else None,
                    )
                )
    builder.save(Contract, contracts, when=at(date(2021, 10, 1)))
    builder.save(Norm, norms, when=at(date(2021, 10, 1)))
    builder.save(
        ProviderFinancialYear,
        [year for _data, provider in per_provider for year in _financial_years(builder, provider)],
        when=at(date(2024, 7, 1)),
    )


def _financial_years(builder: Builder, provider: Provider) -> list[ProviderFinancialYear]:
    """Two or three annual accounts; most look like the sector (a 3–7% margin, personnel costs
    around 75%), some trip a risk signal (a high margin, dividend, low personnel costs)."""
    rng = builder.rng
    revenue = Decimal(rng.randint(4, 400) * 100_000)
    suspicious = builder.chance(0.12)
    years = []
    for year in range(2024 - rng.randint(1, 2), 2025):
        revenue = (revenue * Decimal(rng.randint(95, 110)) / 100).quantize(Decimal("1"))
        margin = Decimal(rng.randint(10, 25) if suspicious else rng.randint(-3, 7)) / 100
        result = (revenue * margin).quantize(Decimal("1"))
        total_costs = revenue - result
        share = Decimal(rng.randint(45, 65) if suspicious else rng.randint(68, 85)) / 100
        personnel = (total_costs * share).quantize(Decimal("1"))
        dividend = Decimal("0")
        if provider.legal_form == LegalForm.PRIVATE_COMPANY and result > 0 and builder.chance(0.5):
            dividend = (result * Decimal(rng.randint(20, 80)) / 100).quantize(Decimal("1"))
        years.append(
            ProviderFinancialYear(
                provider=provider,
                year=year,
                revenue=revenue,
                operating_result=result,
                dividend_paid=dividend,
                fte=(personnel / Decimal(rng.randint(60, 80) * 1000)).quantize(Decimal("0.01")),
                personnel_costs=personnel,
                total_costs=total_costs,
                source=f"Jaarverantwoording {year}",
                created=at(date(year + 1, 6, 1)),
            )
        )
    return years
