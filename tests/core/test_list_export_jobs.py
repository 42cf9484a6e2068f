"""Long list exports as background jobs (core.views.ListPageMixin, core.jobs.list_export): above
`EXPORT_INLINE_ROWS` rows the export is queued and the user goes to the job's page; the job
writes the same file as the inline export, with the same filters and sort, for its owner alone,
and checks again at run time that the owner may still have it."""

import io

from django.urls import reverse

import pytest
from openpyxl import load_workbook

from core import views as core_views
from core.models import BackgroundJob
from governance.constants import DecisionOutcome, Role
from governance.models import Person
from tests.governance.factories import (
    BodyFactory,
    DecisionFactory,
    PersonFactory,
    RegionFactory,
    UserFactory,
)
from tests.tasks import run_queued_tasks

pytestmark = pytest.mark.django_db

QUERY = {"outcome": DecisionOutcome.ADOPTED, "sort": "title"}


@pytest.fixture
def region():
    return RegionFactory(slug="zhz", name="Zuid-Holland Zuid")


def user_in(region, role=Role.POLICY_ADVISER):
    user = UserFactory(role=role)
    PersonFactory(user=user, region=region)
    return user


@pytest.fixture
def decisions(region):
    body = BodyFactory(region=region)
    adopted = [DecisionFactory(body=body, title=f"Besluit {n:02d}") for n in range(7)]
    DecisionFactory(body=body, title="Aangehouden", outcome=DecisionOutcome.HELD_OVER)
    return adopted


@pytest.fixture
def adviser(client, region, decisions):
    user = user_in(region)
    client.force_login(user)
    return user


def _export(client, export_format="csv", **extra):
    query = {**QUERY, "_export": export_format}
    return client.get(reverse("registers:decision_list"), query, **extra)


def _result(client, job) -> bytes:
    response = client.get(reverse("jobs:job_result", args=[job.pk]))
    assert response.status_code == 200
    return b"".join(response.streaming_content)


def test_a_short_list_is_exported_in_the_request(client, adviser, settings):
    settings.EXPORT_INLINE_ROWS = 7
    response = _export(client)
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    assert not BackgroundJob.objects.exists()


@pytest.mark.parametrize("export_format", ["csv", "xlsx"])
def test_a_long_list_is_exported_by_a_job_with_the_same_rows(
    client, adviser, settings, monkeypatch, export_format
):
    settings.EXPORT_INLINE_ROWS = 100
    inline = _export(client, export_format).content
    settings.EXPORT_INLINE_ROWS = 5
    monkeypatch.setattr(core_views, "EXPORT_CHUNK_ROWS", 2)  # read in chunks of two rows
    response = _export(client, export_format)
    job = BackgroundJob.objects.get()
    assert response["Location"] == reverse("jobs:job_detail", args=[job.pk])
    assert (job.kind, job.owner, job.status) == ("core.list_export", adviser, "queued")
    assert job.params["query"] == "outcome=adopted&sort=title"
    page = client.get(response["Location"]).content.decode()
    assert "het bestand wordt op de achtergrond gemaakt" in page and "In de wachtrij" in page

    assert run_queued_tasks() == 1
    job.refresh_from_db()
    assert (job.status, job.done, job.total) == ("done", 7, 7), job.message
    assert job.result_name == f"besluiten.{export_format}"
    content = _result(client, job)
    if export_format == "csv":
        assert content == inline
        lines = content.decode("utf-8-sig").splitlines()
        assert len(lines) == 8 and "Aangehouden" not in content.decode()
        assert "Besluit 00" in lines[1] and "Besluit 01" in lines[2]  # sorted on the title
    else:
        sheet = load_workbook(io.BytesIO(content)).active
        expected = load_workbook(io.BytesIO(inline)).active
        rows = list(sheet.iter_rows(values_only=True))
        assert rows == list(expected.iter_rows(values_only=True)) and len(rows) == 8
    page = client.get(reverse("jobs:job_detail", args=[job.pk])).content.decode()
    assert "Terug naar de lijst" in page and "besluiten/?outcome=adopted&amp;sort=title" in page


def test_nobody_else_gets_the_export_job_or_its_result(client, adviser, region, settings):
    settings.EXPORT_INLINE_ROWS = 5
    _export(client)
    job = BackgroundJob.objects.get()
    run_queued_tasks()
    for outsider in (user_in(region), user_in(RegionFactory(slug="twee", name="Regio Twee"))):
        client.force_login(outsider)
        assert client.get(reverse("jobs:job_detail", args=[job.pk])).status_code == 404
        assert client.get(reverse("jobs:job_result", args=[job.pk])).status_code == 404


@pytest.mark.parametrize("change", ["deactivated", "moved"])
def test_the_job_checks_again_that_its_owner_may_export(client, adviser, settings, change):
    settings.EXPORT_INLINE_ROWS = 5
    _export(client)
    if change == "deactivated":
        adviser.is_active = False
        adviser.save()
    else:
        other = RegionFactory(slug="twee", name="Regio Twee")
        Person.objects.filter(user=adviser).update(region=other)
    run_queued_tasks()
    job = BackgroundJob.objects.get()
    assert job.status == "failed" and not job.result
    assert job.message.startswith("U mag deze lijst niet (meer) exporteren")


def test_the_limit_per_user_holds_for_exports(client, adviser, settings):
    settings.EXPORT_INLINE_ROWS = 5
    settings.JOBS_PER_USER = 1
    _export(client)
    response = _export(client, follow=True)
    assert BackgroundJob.objects.count() == 1
    assert response.redirect_chain[-1][0] == reverse("registers:decision_list") + (
        "?outcome=adopted&sort=title"
    )
    assert "U hebt al 1 taak in de wachtrij of in bewerking" in response.content.decode()
