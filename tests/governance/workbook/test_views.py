"""The workbook page: a functional administrator downloads, uploads, previews and applies."""

import io
import re

from django.contrib.auth.models import User
from django.core import mail
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

import pytest
from openpyxl import load_workbook

from core.models import BackgroundJob
from governance.constants import Role
from governance.models import Municipality, Person
from programme.models import Project
from tests.governance.factories import MunicipalityFactory, RegionFactory, UserFactory
from tests.programme.factories import ProjectFactory
from tests.tasks import run_queued_tasks

from . import handwritten

pytestmark = pytest.mark.django_db

URL = "/beheer/werkmap/"


@pytest.fixture
def region():
    return RegionFactory(slug=handwritten.REGION_SLUG, name=handwritten.REGION_NAME)


@pytest.fixture
def admin_client(client, region):
    client.force_login(UserFactory(role=Role.FUNCTIONAL_ADMIN, region=region))
    return client


def _upload(client, content: bytes, name="werkmap.xlsx"):
    return client.post(URL, {"file": SimpleUploadedFile(name, content)})


def _counts():
    return (Municipality.objects.count(), Person.objects.count(), Project.objects.count())


def test_a_handwritten_workbook_brings_a_new_region_in(
    admin_client, region, django_capture_on_commit_callbacks, settings
):
    settings.SITE_URL = "http://testserver"  # the invitation is sent by the worker
    admin = User.objects.get(person__region=region)
    ProjectFactory(name="Project van een andere regio")  # in another region
    page = admin_client.get(URL)
    assert page.status_code == 200
    assert "Werkmap" in [label for label, _url in page.context["nav_items"]]

    preview = _upload(admin_client, handwritten.workbook_bytes())
    assert preview.status_code == 200, preview.context["plan"].problem_lines()
    plan = preview.context["plan"]
    assert plan.ok and not plan.applied
    assert plan.sheet("municipalities").new == 13
    assert plan.sheet("region").unchanged == 0 and plan.sheet("region").changed == 1
    assert plan.sheet("users").new == 2
    assert Municipality.objects.filter(region=region).count() == 0  # nothing saved yet
    content = preview.content.decode()
    assert "Toepassen" in content
    assert "als het uitkomt" in content  # the unreadable time target is flagged, not refused

    # Applying is a background job: the page of the job shows its progress, then the report.
    applied = admin_client.post(f"{URL}toepassen/", {"token": preview.context["token"]})
    job = BackgroundJob.objects.get()
    assert applied["Location"] == reverse("jobs:job_detail", args=[job.pk])
    assert (job.kind, job.owner, job.status) == ("governance.workbook_import", admin, "queued")
    assert Municipality.objects.filter(region=region).count() == 0  # nothing saved yet
    assert "In de wachtrij" in admin_client.get(applied["Location"]).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        assert run_queued_tasks() == 1
    job.refresh_from_db()
    assert job.status == "done", job.message
    assert not default_storage.exists(job.params["upload"])  # the stored upload is removed
    content = admin_client.get(applied["Location"]).content.decode()
    assert "Werkmap toegepast in Polderstreek" in content
    assert "Wat de werkmap deed" in content and "Gemeenten</th>" in content
    assert "1 nieuwe gebruiker kreeg een uitnodiging per e-mail." in content
    assert "Zonder e-mailadres, dus nog niet uitgenodigd: b.manager." in content
    assert "Naar de werkmap" in content
    assert Municipality.objects.filter(region=region).count() == 13
    region.refresh_from_db()
    assert region.central_municipality.cbs_code == "GM8101"
    project = Project.objects.get(programme__region=region, code="1.1")
    assert project.slug == "jeugd-2025-1-1"
    assert project.administrative_sponsor.slug == "wethouder-aaldorp"
    assert project.theme.code == "1"
    assert set(project.team.values_list("slug", flat=True)) == {
        "manager-beekwoude",
        "beheerder-polderstreek",
    }
    record = project.history.first()
    assert record.history_user.username == admin.username
    assert record.history_change_reason == "Geïmporteerd uit werkmap werkmap.xlsx"
    unread = project.efforts.get(order=2)
    assert unread.time_target == "als het uitkomt" and unread.time_target_unparsed
    assert project.efforts.get(order=1).target_end.isoformat() == "2025-06-30"

    adviser = User.objects.get(username="c.adviseur")
    assert adviser.person.slug == "adviseur-craneveen"
    assert adviser.person.region == region
    assert set(adviser.groups.values_list("name", flat=True)) == {Role.POLICY_ADVISER}
    assert not adviser.has_usable_password() and adviser.is_active
    assert not adviser.is_staff and not adviser.is_superuser
    manager = User.objects.get(username="b.manager")
    assert set(manager.groups.values_list("name", flat=True)) == {Role.NETWORK_MT}

    # The invited adviser chooses a password through the link in the mail and signs in.
    [invitation] = mail.outbox
    assert invitation.to == ["c@craneveen.example"]
    link = re.search(r"http://testserver(/accounts/uitnodiging/\S+/)", invitation.body).group(1)
    client = Client()
    password = "Polder-Streek-2026!"
    chosen = client.post(link, {"new_password1": password, "new_password2": password})
    assert chosen.status_code == 302
    signed_in = client.post("/accounts/login/", {"username": "c.adviseur", "password": password})
    assert signed_in.status_code == 302, signed_in.content.decode()

    # A user of the region sees its projects, and no other region's.
    projects = client.get("/programma/projecten/").content.decode()
    assert "Polderstreek Wijkteams Versterken" in projects
    assert "Project van een andere regio" not in projects

    # The same workbook again: nothing to apply.
    again = _upload(admin_client, handwritten.workbook_bytes())
    assert again.status_code == 200
    assert not again.context["plan"].has_changes
    assert "geen wijzigingen" in again.content.decode()
    assert "Toepassen</button>" not in again.content.decode()


def test_a_workbook_of_another_region_is_refused(admin_client, region):
    content = handwritten.sheets()
    content["Regio"][1] = ["elders", "Elders", ""]
    before = _counts()
    response = _upload(admin_client, handwritten.workbook_bytes(content))
    assert response.status_code == 422
    assert "Deze werkmap is voor de regio ‘elders’" in response.content.decode()
    assert _counts() == before


def test_the_region_sheet_may_be_left_out(admin_client, region):
    content = handwritten.sheets()
    del content["Regio"]
    response = _upload(admin_client, handwritten.workbook_bytes(content))
    assert response.status_code == 200
    assert response.context["plan"].ok


def test_a_file_of_50_mb_is_refused_before_it_is_read(admin_client):
    response = _upload(admin_client, b"PK\x03\x04" + b"\0" * 50_000_000)
    assert response.status_code == 422
    assert "Het bestand is groter dan 10 MB" in response.content.decode()


def test_a_binary_file_gets_a_dutch_message(admin_client):
    response = _upload(admin_client, bytes(range(256)) * 40, name="foto.xlsx")
    assert response.status_code == 422
    assert "geen Excel-werkmap (.xlsx) en geen ZIP-bestand met CSV-bestanden" in (
        response.content.decode()
    )


def test_applying_needs_the_previewed_upload(admin_client, region):
    response = admin_client.post(f"{URL}toepassen/", {"token": "verzonnen"}, follow=True)
    assert "Er is geen werkmap om toe te passen" in response.content.decode()
    preview = _upload(admin_client, handwritten.workbook_bytes())
    token = preview.context["token"]
    assert admin_client.post(f"{URL}toepassen/", {"token": token}).status_code == 302
    # Applied once: the same confirmation again finds nothing to apply.
    again = admin_client.post(f"{URL}toepassen/", {"token": token}, follow=True)
    assert "Er is geen werkmap om toe te passen" in again.content.decode()
    assert BackgroundJob.objects.count() == 1


def test_a_workbook_that_no_longer_fits_is_not_applied_and_the_job_says_why(admin_client, region):
    """Between the preview and the worker another region gets a municipality with the first
    code of the workbook: the job checks again, reports the problem with its sheet and row,
    and saves nothing."""
    preview = _upload(admin_client, handwritten.workbook_bytes())
    admin_client.post(f"{URL}toepassen/", {"token": preview.context["token"]})
    MunicipalityFactory(cbs_code="GM8101", name="Elders")  # in another region
    before = _counts()
    run_queued_tasks()
    job = BackgroundJob.objects.get()
    assert job.status == "failed"
    assert job.message.startswith("Er is niets opgeslagen:")
    assert _counts() == before
    content = admin_client.get(reverse("jobs:job_detail", args=[job.pk])).content.decode()
    assert "Niet ingelezen" in content and "Gemeenten" in content
    lines = job.params["report"]["problem_lines"]
    assert ("Gemeenten", 2) in [(sheet, row) for sheet, row, _message in lines]  # sheet and row


def test_a_job_of_someone_who_lost_the_right_saves_nothing(admin_client, region):
    preview = _upload(admin_client, handwritten.workbook_bytes())
    admin_client.post(f"{URL}toepassen/", {"token": preview.context["token"]})
    job = BackgroundJob.objects.get()
    job.owner.groups.clear()
    run_queued_tasks()
    job.refresh_from_db()
    assert job.status == "failed" and "niet (meer) toepassen" in job.message
    assert Municipality.objects.filter(region=region).count() == 0


def test_the_template_explains_every_sheet(admin_client):
    response = admin_client.get(f"{URL}sjabloon/")
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="werkmap-sjabloon.xlsx"'
    book = load_workbook(io.BytesIO(response.content), read_only=True)
    assert book.sheetnames == ["Toelichting", *handwritten.sheets()]
    explanation = [row for row in book["Toelichting"].iter_rows(values_only=True)]
    assert ("Gemeenten", "Gemeentecode (CBS)", "ja") in [row[:3] for row in explanation]
    assert ("Gemeenten", "Opgegaan in", "nee") in [row[:3] for row in explanation]
    for title, rows in handwritten.sheets().items():
        assert [cell for cell in next(book[title].iter_rows(values_only=True))] == rows[0]
    archive = admin_client.get(f"{URL}sjabloon/?formaat=zip")
    assert archive["Content-Type"] == "application/zip"


def test_the_export_holds_the_own_region_only(admin_client, region):
    MunicipalityFactory(region=region, cbs_code="GM8101", name="Aaldorp")
    MunicipalityFactory(cbs_code="GM8999", name="Vreemdeveen")  # another region
    response = admin_client.get(f"{URL}export/")
    book = load_workbook(io.BytesIO(response.content), read_only=True)
    rows = list(book["Gemeenten"].iter_rows(values_only=True))
    assert [row[:2] for row in rows[1:]] == [("GM8101", "Aaldorp")]
    assert book["Regio"]["A2"].value == handwritten.REGION_SLUG


@pytest.mark.parametrize("role", [Role.POLICY_ADVISER, Role.GRIFFIE, Role.NETWORK_MT])
def test_others_are_refused(client, region, role):
    client.force_login(UserFactory(role=role, region=region))
    for path in ("", "sjabloon/", "export/"):
        assert client.get(f"{URL}{path}").status_code == 403
    assert _upload(client, handwritten.workbook_bytes()).status_code == 403
    assert client.post(f"{URL}toepassen/", {"token": "x"}).status_code == 403
    assert Municipality.objects.count() == 0
    labels = [label for label, _url in client.get("/hulp/").context["nav_items"]]
    assert "Werkmap" not in labels


def test_the_platform_administrator_may(client, region):
    client.force_login(User.objects.create_superuser("platform", password="x"))
    assert client.get(URL).status_code == 200
