from django.core.exceptions import PermissionDenied

import pytest

from core.locking import StaleEditError
from finance.constants import FundingKind
from finance.services import project_funding_set
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
        edit_version=project.edit_version,
    )
    assert dict(project.funding_sources.values_list("kind", "note")) == {
        FundingKind.NETWORK_BUDGET: "€ 12.000",
        FundingKind.OWN_MUNICIPALITY: "",
    }
    deleted = project.funding_sources.model.history.get(history_type="-")
    assert deleted.kind == FundingKind.NATIONAL and deleted.history_user == nmt
    # The funding is part of the project: its edit version counts up, recorded in its history.
    project.refresh_from_db()
    assert project.edit_version == 2
    assert project.history.first().history_change_reason == (
        "Financiering: Gemeente (eigen middelen of formatie), Budget Netwerk MT Jeugd"
    )


def test_a_stale_form_changes_nothing(nmt):
    project = ProjectFactory()
    loaded = project.edit_version
    project_funding_set(
        user=nmt, project=project, sources={FundingKind.NATIONAL: ""}, edit_version=loaded
    )
    with pytest.raises(StaleEditError):
        project_funding_set(user=nmt, project=project, sources={}, edit_version=loaded)
    assert project.funding_sources.count() == 1


def test_the_same_funders_again_change_nothing(nmt):
    project = ProjectFactory()
    FundingSourceFactory(project=project, kind=FundingKind.NATIONAL, note="POK")
    project_funding_set(
        user=nmt, project=project, sources={FundingKind.NATIONAL: "POK"}, edit_version=1
    )
    project.refresh_from_db()
    assert (project.edit_version, project.history.count()) == (1, 1)


def test_readers_may_not(db):
    with pytest.raises(PermissionDenied):
        project_funding_set(
            user=UserFactory(role=Role.GRIFFIE),
            project=ProjectFactory(),
            sources={},
            edit_version=1,
        )
