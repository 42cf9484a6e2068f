"""One overdue rule: the QuerySet method and its Python twin agree, and so do the pages."""

import csv
import datetime
import io

from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from core.scope import region_scope
from governance.constants import Role
from governance.models import Region
from programme import selectors
from programme.constants import EffortStatus, ProjectStatus, Recurrence
from programme.models import Effort, Project
from programme.models.efforts import effort_is_overdue
from tests.governance.factories import UserFactory, default_region
from tests.programme.factories import ProjectFactory
from tests.programme.test_dashboard import ZHZ

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2022, 10, 1)

effort_specs = st.lists(
    st.tuples(
        st.sampled_from(EffortStatus.values),
        st.sampled_from(Recurrence.values),
        st.one_of(
            st.none(),
            st.dates(min_value=datetime.date(2021, 1, 1), max_value=datetime.date(2023, 12, 31)),
        ),
    ),
    min_size=1,
    max_size=8,
)


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    project_status=st.sampled_from(ProjectStatus.values),
    specs=effort_specs,
    today=st.dates(min_value=datetime.date(2020, 6, 1), max_value=datetime.date(2024, 6, 1)),
)
def test_the_queryset_rule_and_its_python_twin_agree(project_status, specs, today):
    project = ProjectFactory(overall_status=project_status)
    efforts = Effort.objects.bulk_create(
        Effort(
            project=project,
            order=order,
            text=f"Inspanning {order}",
            status=status,
            recurrence=recurrence,
            target_end=target_end,
        )
        for order, (status, recurrence, target_end) in enumerate(specs, start=1)
    )
    in_database = set(
        Effort.objects.filter(project=project).overdue(today).values_list("pk", flat=True)
    )
    in_memory = {
        effort.pk
        for effort in efforts
        if effort_is_overdue(effort, project_status=project_status, today=today)
    }
    assert in_database == in_memory
    listed = selectors.projects_for_list(today=today).get(pk=project.pk)
    assert listed.overdue_count == len(in_memory)
    project.delete()


def test_a_finished_or_handed_over_project_has_nothing_overdue():
    for status in (ProjectStatus.COMPLETED, ProjectStatus.HANDED_OVER):
        project = ProjectFactory(overall_status=status)
        Effort.objects.create(project=project, order=1, text="x", time_target="Q1 2022")
        assert not Effort.objects.filter(project=project).overdue(TODAY).exists()


def _overdue_counts_everywhere(client, region: Region) -> dict[str, dict[str, int]]:
    """The overdue count per project code, as the dashboard, the list, the project page and the
    two exports show it."""
    with region_scope(region):
        codes = list(Project.objects.filter(theme__isnull=False).values_list("code", flat=True))
    dashboard = client.get(reverse("programme:dashboard")).context["dashboard"]
    counts = {"dashboard": {row.project.code: len(row.overdue) for row in dashboard.projects}}

    table = client.get(reverse("programme:project_list")).context["table"]
    counts["list"] = {row.record.code: row.record.overdue_count for row in table.paginated_rows}
    listed = client.get(reverse("programme:project_list"), {"_export": "csv"})
    reader = csv.DictReader(io.StringIO(listed.content.decode("utf-8-sig")), delimiter=";")
    counts["list export"] = {row["Nummer"]: int(row["Verlopen"]) for row in reader}

    exported = client.get(reverse("programme:dashboard"), {"export": "csv"})
    reader = csv.DictReader(io.StringIO(exported.content.decode("utf-8-sig")), delimiter=";")
    counts["dashboard export"] = {row["Nummer"]: int(row["Verlopen"]) for row in reader}

    counts["project page"] = {}
    for code in codes:
        page = client.get(reverse("programme:project_detail", kwargs={"code": code}))
        counts["project page"][code] = page.context["overdue_count"]
    return counts


def _assert_all_agree(counts):
    reference = counts["project page"]
    assert reference, "no projects"
    for name, per_project in counts.items():
        assert per_project == reference, name


def test_every_page_counts_the_same_overdue_efforts_for_the_fixtures(client):
    call_command("loaddata", *ZHZ, verbosity=0)
    region = Region.objects.get(slug="zhz")
    client.force_login(UserFactory(role=Role.NETWORK_MT, region=region))
    counts = _overdue_counts_everywhere(client, region)
    _assert_all_agree(counts)
    # Handed over (2.3.x) and finished (2.2.5) projects have nothing overdue on any page.
    for code in ("2.2.5", "2.3.1", "2.3.2", "2.3.3"):
        assert counts["list"][code] == 0
    assert sum(counts["dashboard"].values()) > 0


def test_every_page_counts_the_same_overdue_efforts_for_the_scale_data(client, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    call_command(
        "generate_scale_data",
        "--regions",
        "2",
        "--projects-per-region",
        "12",
        stdout=io.StringIO(),
        stderr=io.StringIO(),
    )
    regions = list(Region.objects.filter(slug__startswith="schaal-s1-"))
    assert len(regions) == 2
    overdue_total = 0
    for region in regions:
        client.force_login(UserFactory(role=Role.NETWORK_MT, region=region))
        counts = _overdue_counts_everywhere(client, region)
        _assert_all_agree(counts)
        overdue_total += sum(counts["list"].values())
    assert overdue_total > 0, "the scale data should have overdue efforts to compare"


def test_the_project_page_says_which_efforts_are_overdue(client):
    project = ProjectFactory(overall_status=ProjectStatus.ON_TRACK)
    Effort.objects.create(
        project=project, order=1, text="Plan van aanpak", time_target="Q1 2022", remark="Wacht"
    )
    client.force_login(UserFactory(role=Role.NETWORK_MT, region=default_region()))
    response = client.get(project.get_absolute_url())
    assert response.context["overdue_count"] == (
        1 if timezone.localdate() > datetime.date(2022, 3, 31) else 0
    )
