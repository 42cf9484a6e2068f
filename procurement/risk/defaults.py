"""The thresholds a region starts with: one per signal kind, so its risk dashboard works at once.

The percentages come from the published analysis of 2,107 youth-care providers' accounts
(docs/domain-rules.md, "Risk signals"); the amounts per FTE are a first setting that each region's
functional administrators adjust.
"""

from decimal import Decimal

from core.scope import all_regions

DEFAULT_THRESHOLDS = [
    (
        "profit_margin",
        Decimal("10.00"),
        "Een winstmarge boven 10% is een signaal; 3–7% is gebruikelijk in de sector "
        "(analyse van de jaarrekeningen 2019 van 2.107 jeugdhulpaanbieders).",
    ),
    (
        "dividend",
        Decimal("0.00"),
        "Elke dividenduitkering is een signaal (hoge dividenduitkeringen, "
        "raadsinformatiebrief 2024).",
    ),
    (
        "revenue_per_fte",
        Decimal("150000.00"),
        "Hoge omzet per fte. Eerste instelling; stel de drempel bij naar de eigen analyse.",
    ),
    (
        "personnel_cost_per_fte",
        Decimal("45000.00"),
        "Lage personeelskosten per fte. Eerste instelling; stel de drempel bij naar de eigen "
        "analyse.",
    ),
    (
        "personnel_cost_share",
        Decimal("70.00"),
        "Personeelskosten onder 70% van de totale kosten zijn een signaal (analyse van de "
        "jaarrekeningen 2019 van 2.107 jeugdhulpaanbieders).",
    ),
]


def risk_thresholds_ensure(region) -> None:
    """Give `region` a threshold for every signal kind it has none for yet.

    Saved in bulk, so without history, as the migration's rows are: a threshold's history starts
    with its first change by a functional administrator (and loading fixtures stays history-free).
    """
    from .models import RiskThreshold

    with all_regions():
        existing = set(RiskThreshold.objects.filter(region=region).values_list("kind", flat=True))
        RiskThreshold.objects.bulk_create(
            RiskThreshold(region=region, kind=kind, value=value, explanation=explanation)
            for kind, value, explanation in DEFAULT_THRESHOLDS
            if kind not in existing
        )
