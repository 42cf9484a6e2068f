import datetime
import io

from django.core.cache import cache
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

import pytest
from openpyxl import load_workbook

from governance.constants import Role
from governance.models import Region
from programme.constants import EffortStatus
from programme.models import Effort, Project, Theme
from tests.governance.factories import PersonFactory, UserFactory, default_region

pytestmark = pytest.mark.django_db

ZHZ = [
    "fixtures/zhz_governance.json",
    "fixtures/zhz_procurement.json",
    "fixtures/zhz_programme.json",
    "fixtures/zhz_finance.json",
]


@pytest.fixture
def zhz():
    call_command("loaddata", *ZHZ, verbosity=0)


@pytest.fixture
def nmt(client):
    # The ZHZ fixtures' region, or the factories' default region when a test builds its own.
    region = Region.objects.filter(slug="zhz").first() or default_region()
    user = UserFactory(role=Role.NETWORK_MT, region=region)
    client.force_login(user)
    return user


def test_nmt_sees_three_themes_and_eleven_projects(client, zhz, nmt):
    response = client.get(reverse("programme:dashboard"))
    assert response.status_code == 200
    dashboard = response.context["dashboard"]
    assert [block.theme.code for block in dashboard.themes] == ["2.1", "2.2", "2.3"]
    assert len(dashboard.projects) == 11
    content = response.content.decode()
    for text in [
        "Slimmer door 10",
        "Meer lokaal",
        "Veilig opgroeien",
        "2.2.3 Afbakening jeugdhulp",
    ]:
        assert text in content
    assert "<svg" in content and "<title" in content  # the chart with its text alternative


def test_nmt_home_lists_what_waits_and_links_to_the_dashboard(client, nmt):
    response = client.get(reverse("home"))
    assert response.status_code == 200
    content = response.content.decode()
    assert reverse("programme:dashboard") in content
    assert "Rapportages om vast te stellen" in content


def test_a_status_changed_by_the_adviser_shows_on_the_next_load(client, zhz, nmt):
    from programme import services

    adviser = UserFactory(role=Role.POLICY_ADVISER)
    project = Project.objects.get(code="2.1.2", theme__isnull=False)
    project.contractor = PersonFactory(user=adviser)
    project.save()
    effort = project.efforts.order_by("order").first()
    before = client.get(reverse("programme:dashboard")).context["dashboard"]
    achieved_before = sum(row.counts[EffortStatus.ACHIEVED] for row in before.projects)
    services.effort_update(
        effort=effort,
        user=adviser,
        status=EffortStatus.ACHIEVED,
        remark="",
        edit_version=effort.edit_version,
    )
    after = client.get(reverse("programme:dashboard")).context["dashboard"]
    assert sum(row.counts[EffortStatus.ACHIEVED] for row in after.projects) == achieved_before + 1


def test_filters_narrow_the_dashboard(client, zhz, nmt):
    theme = Theme.objects.get(code="2.2")
    response = client.get(reverse("programme:dashboard"), {"theme": theme.pk})
    assert [block.theme.code for block in response.context["dashboard"].themes] == ["2.2"]
    overdue = client.get(reverse("programme:dashboard"), {"overdue_only": "on"})
    assert all(row.overdue for row in overdue.context["dashboard"].projects)


def test_bad_filter_input_is_a_dutch_message_not_an_error(client, zhz, nmt):
    response = client.get(reverse("programme:dashboard"), {"as_of": "31-02-2023", "theme": "x"})
    assert response.status_code == 200
    assert "Vul een geldige datum in" in response.content.decode()


def test_as_of_shows_the_state_from_history(client, nmt):
    from tests.programme.factories import EffortFactory, ProjectFactory

    effort = EffortFactory(project=ProjectFactory(), status=EffortStatus.UNKNOWN)
    long_ago = timezone.now() - datetime.timedelta(days=30)
    effort.history.update(history_date=long_ago)
    effort.project.history.update(history_date=long_ago)
    effort.status = EffortStatus.ACHIEVED
    effort.save()
    today = client.get(reverse("programme:dashboard")).context["dashboard"]
    assert today.projects[0].counts[EffortStatus.ACHIEVED] == 1
    as_of = (timezone.localdate() - datetime.timedelta(days=10)).isoformat()
    earlier = client.get(reverse("programme:dashboard"), {"as_of": as_of}).context["dashboard"]
    assert earlier.projects[0].counts[EffortStatus.UNKNOWN] == 1
    assert earlier.projects[0].counts[EffortStatus.ACHIEVED] == 0


def test_the_table_export_is_kept_until_a_project_changes(client, nmt):
    from tests.programme.factories import ProjectFactory

    project = ProjectFactory(name="Eerste naam")
    path = reverse("programme:dashboard")
    for export in ("csv", "xlsx"):  # kept apart: the second is no copy of the first
        response = client.get(path, {"export": export})
        assert response["Content-Type"].startswith(
            "text/csv" if export == "csv" else "application/vnd.openxmlformats"
        )
    assert "Eerste naam" in client.get(path, {"export": "csv"}).content.decode("utf-8-sig")
    project.name = "Tweede naam"
    project.save()
    assert "Tweede naam" in client.get(path, {"export": "csv"}).content.decode("utf-8-sig")


@pytest.mark.parametrize("export", ["csv", "xlsx", "pdf"])
def test_exports(client, zhz, nmt, export):
    if export == "pdf":  # it starts work, so the button posts
        response = client.post(reverse("programme:dashboard"), {"export": export})
    else:
        response = client.get(reverse("programme:dashboard"), {"export": export})
    if export == "csv":
        assert "Beter begroten en monitoren" in response.content.decode("utf-8-sig")
    elif export == "xlsx":
        assert response.status_code == 200
        sheet = load_workbook(io.BytesIO(response.content)).active
        assert sheet.title == "Programmadashboard"
        header = [cell.value for cell in sheet[1]]
        row = sheet[2]
        assert row[header.index("Behaald")].data_type == "n"
        assert row[header.index("Laatste update")].is_date
    else:  # made by the background worker: see tests/core/test_jobs.py
        assert response.status_code == 302
        assert response["Location"].startswith("/taken/")


@pytest.mark.parametrize("role", [Role.POLICY_ADVISER, Role.GRIFFIE, Role.FUNCTIONAL_ADMIN, None])
def test_every_logged_in_role_may_read(client, role):
    client.force_login(UserFactory(role=role, region=default_region()))
    assert client.get(reverse("programme:dashboard")).status_code == 200


@pytest.mark.parametrize("role", [Role.POLICY_ADVISER, Role.NETWORK_MT, None])
def test_an_account_without_a_region_sees_why_and_no_data(client, zhz, role):
    client.force_login(UserFactory(role=role))
    response = client.get(reverse("programme:dashboard"))
    assert response.status_code == 403
    content = response.content.decode()
    assert "Uw account is niet gekoppeld aan een regio" in content
    assert "Meer lokaal" not in content and "dashboard" not in response.context


def _multiply_zhz(times: int) -> None:
    """Copy the ZHZ projects and efforts `times` times over (bulk, for the query-count test)."""
    projects = list(Project.objects.filter(theme__isnull=False))
    efforts = list(Effort.objects.filter(project__in=projects))
    for copy in range(times):
        clones = Project.objects.bulk_create(
            [
                Project(
                    programme_id=p.programme_id,
                    theme_id=p.theme_id,
                    code=f"{p.code}.{copy}",
                    slug=f"{p.slug}-{copy}",
                    name=p.name,
                    contractor_id=p.contractor_id,
                    official_sponsor_id=p.official_sponsor_id,
                    administrative_sponsor_id=p.administrative_sponsor_id,
                    overall_status=p.overall_status,
                )
                for p in projects
            ]
        )
        by_original = {p.pk: clone for p, clone in zip(projects, clones, strict=True)}
        Effort.objects.bulk_create(
            [
                Effort(
                    project=by_original[e.project_id],
                    order=e.order,
                    text=e.text,
                    time_target=e.time_target,
                    target_start=e.target_start,
                    target_end=e.target_end,
                    status=e.status,
                )
                for e in efforts
            ]
        )


def test_query_count_is_the_same_at_a_hundred_times_the_data(
    client, zhz, nmt, django_assert_num_queries, django_assert_max_num_queries
):
    """Session, user, roles, person/region, filter choices (2), projects, people, themes,
    efforts, adopted reports, and the finance panel's own queries."""
    url = reverse("programme:dashboard")
    client.get(url)
    cache.clear()  # the body built, not read from the cache
    with django_assert_max_num_queries(40) as zhz_size:
        client.get(url)
    _multiply_zhz(99)
    assert Project.objects.filter(theme__isnull=False).count() == 1100
    cache.clear()
    with django_assert_num_queries(len(zhz_size.captured_queries)):
        client.get(url)


def test_money_of_the_year_and_the_latest_allocation_as_charts(client, zhz, nmt):
    from decimal import Decimal

    from finance.models import DistributionKey
    from finance.services import allocation_create

    content = client.get(reverse("programme:dashboard")).content.decode()
    assert "Lasten per jaar: begroot en gerealiseerd" in content
    assert "140.150" in content and "320.066" in content and "266.600" in content
    key = DistributionKey.objects.get(slug="meicirculaire-2021")
    allocation_create(user=nmt, key=key, amount=Decimal("216387"), label="Saldo 2023")
    content = client.get(reverse("programme:dashboard")).content.decode()
    assert "Verdeling per gemeente: Saldo 2023" in content
    assert "Dordrecht: 70.426,92" in content  # the chart's text alternative
