"""Remove generated scale data, with its history rows, leaving every other region untouched."""

from __future__ import annotations

from django.db import models, transaction

from simple_history.utils import get_history_model_for_model

from core.scope import all_regions
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
from governance.models import (
    Body,
    CouncilView,
    Decision,
    Membership,
    Municipality,
    Organisation,
    Person,
    Region,
    RegionTheme,
)
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
    ProviderRiskPageView,
    RiskThreshold,
    Segment,
)
from programme.models import (
    Effort,
    Experiment,
    KeyPerformanceIndicator,
    Programme,
    ProgressReport,
    ProgressReportLine,
    Project,
    SubGoal,
    Theme,
)

from .base import has_history


def _in_order(prefix: str) -> list[models.QuerySet]:
    """The scale data under `prefix`, each model after everything that refers to it."""
    regions = Region.objects.filter(slug__startswith=prefix)
    projects = Project.objects.filter(programme__region__in=regions)
    frameworks = Framework.objects.filter(region__in=regions)
    return [
        AllocationShare.objects.filter(allocation__key__region__in=regions),
        Allocation.objects.filter(key__region__in=regions),
        DistributionShare.objects.filter(key__region__in=regions),
        DistributionKey.objects.filter(region__in=regions),
        BudgetLine.objects.filter(budget__owner__region__in=regions),
        Budget.objects.filter(owner__region__in=regions),
        SavingsMeasure.objects.filter(municipality__region__in=regions),
        FundingSource.objects.filter(project__in=projects),
        ProgressReportLine.objects.filter(report__project__in=projects),
        ProgressReport.objects.filter(project__in=projects),
        KeyPerformanceIndicator.objects.filter(project__in=projects),
        Experiment.objects.filter(programme__region__in=regions),
        Effort.objects.filter(project__in=projects),
        SubGoal.objects.filter(project__in=projects),
        projects,
        Theme.objects.filter(programme__region__in=regions),
        Programme.objects.filter(region__in=regions),
        Contract.objects.filter(segment__framework__in=frameworks),
        Norm.objects.filter(segment__framework__in=frameworks),
        Segment.objects.filter(framework__in=frameworks),
        Phase.objects.filter(framework__in=frameworks),
        Procedure.objects.filter(framework__in=frameworks),
        Principle.objects.filter(framework__in=frameworks),
        CoreValue.objects.filter(framework__in=frameworks),
        frameworks,
        RiskThreshold.objects.filter(region__in=regions),
        ProviderRiskPageView.objects.filter(provider__slug__startswith=prefix),
        ProviderFinancialYear.objects.filter(provider__slug__startswith=prefix),
        Provider.objects.filter(slug__startswith=prefix),
        CouncilView.objects.filter(municipality__region__in=regions),
        Membership.objects.filter(body__region__in=regions),
        Decision.objects.filter(body__region__in=regions),
        Person.objects.filter(slug__startswith=prefix),
        Body.objects.filter(region__in=regions),
        Organisation.objects.filter(region__in=regions),
        Municipality.objects.filter(region__in=regions),
        RegionTheme.objects.filter(region__in=regions),
        regions,
    ]


# Primary keys per history query: well below SQLite's limit on query parameters.
CHUNK = 5000


@transaction.atomic
def delete_scale_data(prefix: str) -> int:
    """Delete the scale data whose slugs start with `prefix`; returns the number of rows.

    Raises Django's ProtectedError when other data (say, a letter) still refers to it.
    """
    removed = 0
    with all_regions():
        Region.objects.filter(slug__startswith=prefix).update(central_municipality=None)
        for queryset in _in_order(prefix):
            if not has_history(queryset.model):
                removed += queryset.delete()[0]
                continue
            # Deleting is not an edit anyone made: the history rows of the generated objects
            # go with them, and so do the 'deleted' rows the delete itself writes. (Switching
            # history off instead would mean changing settings, for everything else running in
            # the process too.)
            history = get_history_model_for_model(queryset.model).objects
            pks = list(queryset.values_list("pk", flat=True))
            removed += history.filter(id__in=queryset.values("pk")).delete()[0]
            removed += queryset.delete()[0]
            for start in range(0, len(pks), CHUNK):
                history.filter(id__in=pks[start : start + CHUNK]).delete()
    return removed
