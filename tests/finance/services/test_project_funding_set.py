from django.core.exceptions import PermissionDenied

import pytest

from finance.constants import FundingKind
from finance.services import StaleEditError, funding_fingerprint, project_funding_set
from governance.constants import Role
from tests.finance.factories import FundingSourceFactory
from tests.governance.factories import UserFactory
from tests.programme.factories import ProjectFactory

pytestmark = pytest.mark.django_db


def test_the_funders_become_exactly_the_ones_given(nmt):
    project = ProjectFactory()
    FundingSourceFactory(project=project, kind=FundingKind.NATIONAL, note="POK")
    FundingSourceFactory(project=project, kind=FundingKind.NETWORK_BUDGET, note="€ 10.000")
    project_funding_set(
        user=nmt,
        project=project,
        sources={FundingKind.NETWORK_BUDGET: "€ 12.000", FundingKind.OWN_MUNICIPALITY: ""},
        version=funding_fingerprint(project),
    )
    assert dict(project.funding_sources.values_list("kind", "note")) == {
        FundingKind.NETWORK_BUDGET: "€ 12.000",
        FundingKind.OWN_MUNICIPALITY: "",
    }
    deleted = project.funding_sources.model.history.get(history_type="-")
    assert deleted.kind == FundingKind.NATIONAL and deleted.history_user == nmt


def test_a_stale_form_changes_nothing(nmt):
    project = ProjectFactory()
    version = funding_fingerprint(project)
    FundingSourceFactory(project=project, kind=FundingKind.NATIONAL)
    with pytest.raises(StaleEditError):
        project_funding_set(user=nmt, project=project, sources={}, version=version)
    assert project.funding_sources.count() == 1


def test_readers_may_not(db):
    with pytest.raises(PermissionDenied):
        project_funding_set(
            user=UserFactory(role=Role.GRIFFIE), project=ProjectFactory(), sources={}, version=""
        )
