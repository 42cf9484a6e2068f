import datetime
import io

from django.core.cache import cache
from django.urls import reverse

import lxml.html
import pytest
from openpyxl import load_workbook

from governance.constants import Role
from programme.constants import EffortStatus, ReportStatus
from programme.models import Effort, ProgressReport
from tests.governance.factories import PersonFactory, UserFactory
from tests.programme.factories import EffortFactory, ProjectFactory, ThemeFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def adviser():
    user = UserFactory(role=Role.POLICY_ADVISER)
    PersonFactory(user=user, name="Anna Adviseur")
    return user


@pytest.fixture
def project(adviser):
    project = ProjectFactory(
        code="2.1.2", name="Beter begroten en monitoren", contractor=adviser.person
    )
    EffortFactory(project=project, order=1, text="Prototype monitor", time_target="Q2 2022")
    EffortFactory(project=project, order=2, text="Evaluatie", time_target="2030")
    return project


def _edit_url(project, effort):
    return reverse("programme:effort_edit", args=[project.code, effort.pk])


def test_project_page_shows_the_project_as_the_plan_presents_it(client, adviser, project):
    client.force_login(adviser)
    response = client.get(reverse("programme:project_detail", args=["2.1.2"]))
    content = response.content.decode()
    assert response.status_code == 200
    for text in [
        "Beter begroten en monitoren",
        "Sturingsdriehoek",
        "Ambtelijk opdrachtnemer",
        "Anna Adviseur",
        "Prototype monitor",
        "Q2 2022",
        "Afgesproken tijdsdoel",
    ]:
        assert text in content
    assert "verlopen" in content  # Q2 2022 has ended and is not achieved


def test_unknown_project_is_404(client, adviser):
    client.force_login(adviser)
    assert client.get(reverse("programme:project_detail", args=["9.9.9"])).status_code == 404


def test_contractor_sets_an_effort_achieved_without_javascript(client, adviser, project):
    effort = project.efforts.get(order=1)
    client.force_login(adviser)
    response = client.post(
        _edit_url(project, effort),
        {"status": "achieved", "remark": "Opgeleverd", "edit_version": 1},
    )
    assert response.status_code == 302
    effort.refresh_from_db()
    assert (effort.status, effort.remark) == (EffortStatus.ACHIEVED, "Opgeleverd")
    page = client.get(project.get_absolute_url()).content.decode()
    assert "Opgeleverd" in page and "Anna Adviseur" in page  # who changed it


def test_inline_edit_with_htmx_returns_the_row(client, adviser, project):
    effort = project.efforts.get(order=1)
    client.force_login(adviser)
    form = client.get(_edit_url(project, effort), headers={"HX-Request": "true"})
    assert form.status_code == 200 and "<form" in form.content.decode()
    response = client.post(
        _edit_url(project, effort),
        {"status": "in_progress", "remark": "", "edit_version": 1},
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 200
    assert f'id="inspanning-{effort.pk}"' in response.content.decode()
    assert "In behandeling" in response.content.decode()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"status": "klaar", "remark": "", "edit_version": 1}, "Kies een van de vier statussen."),
        ({"status": "achieved", "remark": "x" * 2001, "edit_version": 1}, "hoogstens 2000 tekens"),
        ({"status": "achieved", "remark": ""}, "laad de pagina opnieuw"),
        ({"remark": "", "edit_version": 1}, "Dit veld is verplicht."),
        ({"status": "achieved", "remark": "", "edit_version": "abc"}, "laad de pagina opnieuw"),
    ],
)
def test_bad_input_gets_a_dutch_message_and_changes_nothing(
    client, adviser, project, data, message
):
    effort = project.efforts.get(order=1)
    client.force_login(adviser)
    response = client.post(_edit_url(project, effort), data)
    assert response.status_code == 422
    assert message in response.content.decode()
    effort.refresh_from_db()
    assert (effort.status, effort.remark, effort.edit_version) == (EffortStatus.UNKNOWN, "", 1)


def test_script_in_a_remark_is_escaped(client, adviser, project):
    effort = project.efforts.get(order=1)
    client.force_login(adviser)
    client.post(
        _edit_url(project, effort),
        {"status": "achieved", "remark": "<script>alert(1)</script>", "edit_version": 1},
    )
    content = client.get(project.get_absolute_url()).content.decode()
    assert "<script>alert(1)</script>" not in content
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in content


def test_stale_save_is_refused_showing_the_newer_value(client, adviser, project):
    effort = project.efforts.get(order=1)
    colleague = UserFactory(role=Role.NETWORK_MT)
    PersonFactory(user=colleague, name="Nora Netwerk")
    client.force_login(colleague)
    client.post(
        _edit_url(project, effort), {"status": "achieved", "remark": "Door Nora", "edit_version": 1}
    )
    client.force_login(adviser)
    response = client.post(
        _edit_url(project, effort),
        {"status": "not_achieved", "remark": "Door Anna", "edit_version": 1},
    )
    assert response.status_code == 409
    content = response.content.decode()
    assert "Nora Netwerk heeft deze inspanning intussen gewijzigd" in content
    assert "Door Nora" in content
    effort.refresh_from_db()
    assert effort.remark == "Door Nora"


@pytest.mark.parametrize("role", [Role.GRIFFIE, Role.POLICY_ADVISER, None])
def test_readers_get_403_on_every_edit(client, project, role):
    effort = project.efforts.get(order=1)
    reader = UserFactory(role=role)
    PersonFactory(user=reader)  # in the project's region: refused by role, not by region
    client.force_login(reader)
    posts = [
        _edit_url(project, effort),
        reverse("programme:project_status_edit", args=[project.code]),
        reverse("programme:report_create", args=[project.code]),
    ]
    for url in posts:
        assert client.post(url, {"status": "achieved", "edit_version": 1}).status_code == 403, url
    assert client.get(_edit_url(project, effort)).status_code == 403
    assert Effort.objects.get(pk=effort.pk).status == EffortStatus.UNKNOWN
    assert not ProgressReport.objects.exists()


def test_report_is_created_submitted_adopted_and_printed(client, adviser, project):
    client.force_login(adviser)
    response = client.post(
        reverse("programme:report_create", args=[project.code]), {"report_date": "2023-03-31"}
    )
    report = ProgressReport.objects.get()
    assert response["Location"] == report.get_absolute_url()
    client.post(reverse("programme:report_action", args=[report.pk, "indienen"]))
    # The adviser may not adopt.
    client.post(reverse("programme:report_action", args=[report.pk, "vaststellen"]))
    report.refresh_from_db()
    assert report.status == ReportStatus.SUBMITTED
    nmt = UserFactory(role=Role.NETWORK_MT)
    PersonFactory(user=nmt)
    client.force_login(nmt)
    client.post(reverse("programme:report_action", args=[report.pk, "vaststellen"]))
    report.refresh_from_db()
    assert report.status == ReportStatus.ADOPTED
    page = client.get(report.get_absolute_url()).content.decode()
    assert "Deze rapportage is vastgesteld" in page
    pdf = client.get(reverse("programme:report_pdf", args=[report.pk]))
    assert pdf.status_code == 200
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF-")


def test_adviser_post_to_adopt_is_403(client, adviser, project):
    from programme import services

    report = services.progress_report_create(
        project=project, user=adviser, report_date=datetime.date(2023, 3, 31)
    )
    services.progress_report_submit(report=report, user=adviser)
    client.force_login(adviser)
    response = client.post(reverse("programme:report_action", args=[report.pk, "vaststellen"]))
    assert response.status_code == 403


def test_bad_report_date_changes_nothing(client, adviser, project):
    client.force_login(adviser)
    response = client.post(
        reverse("programme:report_create", args=[project.code]),
        {"report_date": "31-02-2023"},
        follow=True,
    )
    assert "Vul een geldige datum in" in response.content.decode()
    assert not ProgressReport.objects.exists()


def test_compare_shows_what_changed(client, adviser, project):
    from programme import services

    effort = project.efforts.get(order=1)
    services.progress_report_create(
        project=project, user=adviser, report_date=datetime.date(2022, 6, 30)
    )
    services.effort_update(
        effort=effort, user=adviser, status="achieved", remark="Klaar", edit_version=1
    )
    services.progress_report_create(
        project=project, user=adviser, report_date=datetime.date(2022, 12, 31)
    )
    client.force_login(adviser)
    content = client.get(reverse("programme:report_compare", args=[project.code])).content.decode()
    assert "Prototype monitor" in content and "Klaar" in content
    assert "Evaluatie" not in content  # unchanged lines are not listed


def test_list_filters_and_exports(client, adviser, project):
    ProjectFactory(
        code="2.2.1", name="Anders Zorgen", theme=ThemeFactory(programme=project.programme)
    )
    client.force_login(adviser)
    url = reverse("programme:project_list")
    content = client.get(url).content.decode()
    assert "Beter begroten en monitoren" in content and "Anders Zorgen" in content
    overdue_only = client.get(url, {"overdue": "true"}).content.decode()
    assert "Beter begroten en monitoren" in overdue_only and "Anders Zorgen" not in overdue_only
    csv = client.get(url, {"_export": "csv"})
    assert csv.status_code == 200
    assert "Beter begroten en monitoren" in csv.content.decode("utf-8-sig")
    assert "<span" not in csv.content.decode("utf-8-sig")
    xlsx = client.get(url, {"_export": "xlsx"})
    assert xlsx.content[:2] == b"PK"
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    header = [cell.value for cell in sheet[1]]
    overdue = [row[header.index("Verlopen")] for row in sheet.iter_rows(min_row=2)]
    assert overdue and all(cell.data_type == "n" for cell in overdue)  # counts, not '<span>4'
    assert sheet.title == "Projecten"


def test_bad_filter_values_do_not_crash(client, adviser, project):
    client.force_login(adviser)
    response = client.get(
        reverse("programme:project_list"),
        {"theme": "abc", "overall_status": "<script>", "lead_municipality": "-1", "overdue": "x"},
    )
    assert response.status_code == 200


def _overdue_choice(content: str) -> tuple[list[str], list[str]]:
    """The options of the "Met verlopen inspanningen" select, and the selected ones."""
    options = lxml.html.fromstring(content).xpath('//select[@name="overdue"]/option')
    selected = [option.text for option in options if option.get("selected") is not None]
    return [option.text for option in options], selected


@pytest.mark.parametrize(
    ("value", "shown", "selected"),
    [
        ("", {"Beter begroten en monitoren", "Anders Zorgen"}, "Alle projecten"),
        ("true", {"Beter begroten en monitoren"}, "Ja"),
        ("false", {"Anders Zorgen"}, "Nee"),
    ],
)
def test_the_overdue_filter_offers_all_projects_yes_and_no(
    client, adviser, project, value, shown, selected
):
    ProjectFactory(
        code="2.2.1", name="Anders Zorgen", theme=ThemeFactory(programme=project.programme)
    )
    client.force_login(adviser)
    response = client.get(reverse("programme:project_list"), {"overdue": value})
    assert response.status_code == 200
    content = response.content.decode()
    listed = {name for name in ("Beter begroten en monitoren", "Anders Zorgen") if name in content}
    assert listed == shown
    assert _overdue_choice(content) == (["Alle projecten", "Ja", "Nee"], [selected])
    assert 'for="id_overdue"' in content  # the label names the select


def test_an_unknown_overdue_value_gets_a_dutch_message(client, adviser, project):
    client.force_login(adviser)
    response = client.get(reverse("programme:project_list"), {"overdue": "banaan"})
    assert response.status_code == 200
    content = response.content.decode()
    assert "Kies Ja, Nee of Alle projecten." in content
    # As with the other filters' bad values, the list waits for a valid choice.
    assert "Beter begroten en monitoren" not in content


def _make_projects(count):
    theme = ThemeFactory()
    sponsor = PersonFactory()
    for _ in range(count):
        project = ProjectFactory(theme=theme, contractor=sponsor, official_sponsor=sponsor)
        EffortFactory(project=project, order=1)


@pytest.mark.parametrize("url_name", ["programme:project_list", "programme:project_detail"])
def test_query_count_does_not_grow_with_projects(
    client, adviser, django_assert_num_queries, django_assert_max_num_queries, url_name
):
    """List: session, user, roles, person, region (2), count, page, filter choices, the table's
    fingerprint.
    Detail: session, user, roles, person, region (2), the heading, the body's fingerprint,
    project + 5 prefetches, history (2)."""
    project = ProjectFactory(code="2.1.2", contractor=adviser.person)
    EffortFactory.create_batch(3, project=project)
    url = reverse(url_name, args=["2.1.2"] if url_name.endswith("detail") else [])
    client.force_login(adviser)
    _make_projects(10)
    client.get(url)  # warm caches (content types, sessions)
    cache.clear()  # the list's table built, not read from the cache
    with django_assert_max_num_queries(25) as small:
        client.get(url)
    _make_projects(490)
    cache.clear()
    with django_assert_num_queries(len(small.captured_queries)):
        client.get(url)


def test_the_effort_rows_addresses_are_those_reverse_gives():
    """The addresses reversed once per project and filled in per row are Django's own."""
    from programme.selectors import EFFORT_URL_NAMES, effort_urls

    for code, pk in [("2.1.2", 7), ("10.3", 2_147_483_646), ("A-1", 1)]:
        urls = effort_urls(code, pk)
        expected = {key: reverse(name, args=[code, pk]) for key, name in EFFORT_URL_NAMES.items()}
        assert urls == expected


def test_the_project_list_counts_and_sorts_by_the_efforts(client, adviser):
    """The counts are subqueries now: still right per project, and still sortable."""
    theme = ThemeFactory()
    few = ProjectFactory(theme=theme, code="1.1", name="Weinig")
    many = ProjectFactory(theme=theme, code="1.2", name="Veel")
    EffortFactory(project=few, order=1, status=EffortStatus.ACHIEVED)
    for order in range(1, 4):
        EffortFactory(project=many, order=order, status=EffortStatus.IN_PROGRESS)
    ProjectFactory(theme=theme, code="1.3", name="Geen")
    client.force_login(adviser)
    response = client.get(reverse("programme:project_list"), {"sort": "-effort_count"})
    rows = [
        (row.record.code, row.record.effort_count, row.record.achieved_count)
        for row in response.context["table"].page.object_list
    ]
    assert rows[:3] == [("1.2", 3, 0), ("1.1", 1, 1), ("1.3", 0, 0)]


@pytest.mark.parametrize("page", ["abc", "-1", "999"])
def test_a_page_number_that_is_not_there_shows_a_page_of_the_list(client, adviser, page):
    """As on the other lists: the nearest page, never a 404 for a typed address."""
    ProjectFactory(name="Samen sterker")
    client.force_login(adviser)
    response = client.get(reverse("programme:project_list"), {"page": page})
    assert response.status_code == 200
    assert "Samen sterker" in response.content.decode()
