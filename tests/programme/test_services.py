import datetime

from django.core.exceptions import PermissionDenied, ValidationError

import pytest

from core.locking import StaleEditError
from governance.constants import Role
from programme import services
from programme.constants import EffortStatus, ReportStatus
from tests.governance.factories import PersonFactory, UserFactory
from tests.programme.factories import EffortFactory, ProjectFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def contractor():
    user = UserFactory(role=Role.POLICY_ADVISER)
    PersonFactory(user=user, name="Anna Adviseur")
    return user


@pytest.fixture
def effort(contractor):
    return EffortFactory(project=ProjectFactory(contractor=contractor.person))


def test_effort_update_records_who_and_bumps_the_version(effort, contractor):
    updated = services.effort_update(
        effort=effort, user=contractor, status=EffortStatus.ACHIEVED, remark="Klaar", edit_version=1
    )
    assert (updated.status, updated.remark, updated.edit_version) == (
        EffortStatus.ACHIEVED,
        "Klaar",
        2,
    )
    latest = updated.history.first()
    assert latest.history_user == contractor
    assert latest.status == EffortStatus.ACHIEVED


def test_second_save_on_a_stale_version_is_refused_and_overwrites_nothing(effort, contractor):
    services.effort_update(
        effort=effort, user=contractor, status=EffortStatus.ACHIEVED, remark="Eerst", edit_version=1
    )
    with pytest.raises(StaleEditError) as stale:
        services.effort_update(
            effort=effort,
            user=contractor,
            status=EffortStatus.NOT_ACHIEVED,
            remark="Tweede",
            edit_version=1,
        )
    assert stale.value.current.remark == "Eerst"
    effort.refresh_from_db()
    assert (effort.status, effort.remark, effort.edit_version) == (
        EffortStatus.ACHIEVED,
        "Eerst",
        2,
    )


def test_unknown_status_and_overlong_remark_change_nothing(effort, contractor):
    with pytest.raises(ValidationError):
        services.effort_update(
            effort=effort, user=contractor, status="done", remark="", edit_version=1
        )
    with pytest.raises(ValidationError):
        services.effort_update(
            effort=effort,
            user=contractor,
            status=EffortStatus.ACHIEVED,
            remark="x" * 2001,
            edit_version=1,
        )
    effort.refresh_from_db()
    assert (effort.status, effort.edit_version) == (EffortStatus.UNKNOWN, 1)


def test_reader_may_not_edit(effort):
    with pytest.raises(PermissionDenied):
        services.effort_update(
            effort=effort,
            user=UserFactory(role=Role.GRIFFIE),
            status=EffortStatus.ACHIEVED,
            remark="",
            edit_version=1,
        )


def test_report_workflow_snapshot_submit_adopt_and_never_again(effort, contractor):
    nmt = UserFactory(role=Role.NETWORK_MT)
    services.effort_update(
        effort=effort,
        user=contractor,
        status=EffortStatus.ACHIEVED,
        remark="Gedaan",
        edit_version=1,
    )
    report = services.progress_report_create(
        project=effort.project, user=contractor, report_date=datetime.date(2023, 3, 31)
    )
    assert report.status == ReportStatus.DRAFT
    line = report.lines.get()
    assert (line.status, line.remark, line.effort_text) == (
        EffortStatus.ACHIEVED,
        "Gedaan",
        effort.text,
    )
    assert report.contractor_name == "Anna Adviseur"

    with pytest.raises(ValidationError):
        services.progress_report_adopt(report=report, user=nmt)  # a draft cannot be adopted
    report = services.progress_report_submit(report=report, user=contractor)
    assert report.status == ReportStatus.SUBMITTED and report.submitted_by == contractor
    with pytest.raises(PermissionDenied):
        services.progress_report_adopt(report=report, user=contractor)
    report = services.progress_report_adopt(report=report, user=nmt)
    assert report.status == ReportStatus.ADOPTED and report.adopted_by == nmt

    # The snapshot does not follow later edits, and an adopted report cannot move.
    services.effort_update(
        effort=effort,
        user=contractor,
        status=EffortStatus.NOT_ACHIEVED,
        remark="Uitgesteld",
        edit_version=2,
    )
    assert report.lines.get().status == EffortStatus.ACHIEVED
    for service, user in [
        (services.progress_report_submit, contractor),
        (services.progress_report_return, nmt),
        (services.progress_report_refresh, contractor),
    ]:
        with pytest.raises(ValidationError):
            service(report=report, user=user)
