"""The municipalities' savings measures, as one table per municipality."""

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from finance.models import SavingsMeasure
from governance.models import Municipality


@dataclass(frozen=True)
class SavingsRow:
    name: str
    cells: list[Decimal | None]  # one per year of the municipality's table
    structural: Decimal | None
    source: str


@dataclass
class MunicipalitySavings:
    municipality: Municipality
    years: list[int] = field(default_factory=list)
    rows: list[SavingsRow] = field(default_factory=list)
    year_totals: list[Decimal] = field(default_factory=list)
    structural_total: Decimal | None = None


def savings_overview(municipality: Municipality | None = None) -> list[MunicipalitySavings]:
    """Each municipality's measures as a table: one column per year, then the structural effect
    (only `municipality`'s when given)."""
    measures = SavingsMeasure.objects.select_related("municipality")
    if municipality is not None:
        measures = measures.filter(municipality=municipality)
    grouped: dict[int, list[SavingsMeasure]] = defaultdict(list)
    municipalities: dict[int, Municipality] = {}
    for measure in measures.order_by("municipality__name", "pk"):
        grouped[measure.municipality_id].append(measure)
        municipalities[measure.municipality_id] = measure.municipality

    overview = []
    for municipality_id, items in grouped.items():
        years = sorted({m.year for m in items if m.year is not None})
        by_name: dict[str, dict] = {}
        for measure in items:
            entry = by_name.setdefault(
                measure.name, {"years": {}, "structural": None, "source": measure.source}
            )
            if measure.year is None:
                entry["structural"] = measure.amount
            else:
                entry["years"][measure.year] = measure.amount
        rows = [
            SavingsRow(
                name=name,
                cells=[entry["years"].get(year) for year in years],
                structural=entry["structural"],
                source=entry["source"],
            )
            for name, entry in by_name.items()
        ]
        structural = [row.structural for row in rows if row.structural is not None]
        overview.append(
            MunicipalitySavings(
                municipality=municipalities[municipality_id],
                years=years,
                rows=rows,
                year_totals=[
                    sum((row.cells[i] or Decimal("0") for row in rows), Decimal("0.00"))
                    for i in range(len(years))
                ],
                structural_total=sum(structural, Decimal("0.00")) if structural else None,
            )
        )
    return overview
