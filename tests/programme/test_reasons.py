"""Red explains itself: a red status needs a reason, and the dashboard shows it behind the mark."""

from django.core.exceptions import ValidationError
from django.urls import reverse

import pytest

from governance.constants import Role
from programme import services
from programme.constants import EffortStatus, ProjectStatus
from tests.governance.factories import PersonFactory, UserFactory, default_region
from tests.programme.factories import EffortFactory, ProjectFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def adviser():
    user = UserFactory(role=Role.POLICY_ADVISER)
    PersonFactory(user=user, name="Anna Adviseur")
    return user


@pytest.fixture
def project(adviser):
    project = ProjectFactory(code="2.2.4", name="Expertteam", contractor=adviser.person)
    EffortFactory(project=project, order=1, text="Kwartaalrapportage", time_target="Q1 2022")
    return project


def test_not_achieved_without_a_reason_is_a_dutch_form_error_and_changes_nothing(
    client, adviser, project
):
    effort = project.efforts.get()
    client.force_login(adviser)
    url = reverse("programme:effort_edit", args=[project.code, effort.pk])
    response = client.post(url, {"status": "not_achieved", "remark": "  ", "edit_version": 1})
    assert response.status_code == 422
    assert "Bij de status &#x27;Niet behaald&#x27; hoort een reden" in response.content.decode()
    effort.refresh_from_db()
    assert effort.status == EffortStatus.UNKNOWN
    response = client.post(
        url, {"status": "not_achieved", "remark": "Geen capaciteit", "edit_version": 1}
    )
    assert response.status_code == 302
    effort.refresh_from_db()
    assert (effort.status, effort.remark) == (EffortStatus.NOT_ACHIEVED, "Geen capaciteit")


def test_the_services_refuse_a_red_status_without_a_reason(adviser, project):
    effort = project.efforts.get()
    with pytest.raises(ValidationError) as error:
        services.effort_update(
            effort=effort, user=adviser, status=EffortStatus.NOT_ACHIEVED, remark="", edit_version=1
        )
    assert "hoort een reden" in error.value.message_dict["remark"][0]
    for status in (ProjectStatus.DELAYED, ProjectStatus.AT_RISK):
        with pytest.raises(ValidationError) as error:
            services.project_update_status(
                project=project,
                user=adviser,
                overall_status=status,
                status_remarks="",
                edit_version=1,
            )
        assert "hoort een reden" in error.value.message_dict["status_remarks"][0]
    project.refresh_from_db()
    assert project.overall_status == ProjectStatus.UNKNOWN


def test_delayed_without_a_reason_on_the_project_page_is_refused(client, adviser, project):
    client.force_login(adviser)
    url = reverse("programme:project_status_edit", args=[project.code])
    response = client.post(
        url, {"overall_status": "delayed", "status_remarks": "", "edit_version": 1}, follow=True
    )
    assert "Bij de status &#x27;Vertraagd&#x27; hoort een reden" in response.content.decode()
    project.refresh_from_db()
    assert project.overall_status == ProjectStatus.UNKNOWN


def test_the_network_mt_sees_the_reason_behind_each_red_mark(client, adviser, project):
    effort = project.efforts.get()
    services.effort_update(
        effort=effort,
        user=adviser,
        status=EffortStatus.NOT_ACHIEVED,
        remark="Geen capaciteit bij de jeugdteams",
        edit_version=1,
    )
    services.project_update_status(
        project=project,
        user=adviser,
        overall_status=ProjectStatus.DELAYED,
        status_remarks="Wacht op het besluit van het PFO",
        edit_version=1,
    )
    client.force_login(UserFactory(role=Role.NETWORK_MT, region=default_region()))
    content = client.get(reverse("programme:dashboard")).content.decode()
    assert '<details class="reason">' in content
    assert "Wacht op het besluit van het PFO" in content  # behind 'Vertraagd'
    assert "1 niet behaald: waarom?" in content
    assert "1 verlopen" in content
    assert "verlopen sinds 1 april 2022" in content  # Q1 2022 ended on 31 March
    assert "“Geen capaciteit bij de jeugdteams”" in content
    assert "tijdsdoel</span>" not in content  # the explanation reads as text
