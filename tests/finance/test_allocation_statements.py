"""All statements of an allocation as one ZIP, made by the background worker for its owner."""

import io
import zipfile
from decimal import Decimal

from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

import pytest

from core.models import BackgroundJob
from finance.models import DistributionKey
from finance.services import allocation_create
from tests.tasks import run_queued_tasks

pytestmark = pytest.mark.django_db


@pytest.fixture
def allocation(zhz):
    nmt = User.objects.get(username="nmt")
    key = DistributionKey.objects.get(slug="meicirculaire-2021")
    return allocation_create(user=nmt, key=key, amount=Decimal("216387"))


def _client(username: str) -> Client:
    client = Client()
    client.force_login(User.objects.get(username=username))
    return client


def test_the_zip_holds_one_statement_per_municipality(allocation):
    nmt = _client("nmt")
    page = nmt.get(reverse("finance:allocation_detail", args=[allocation.pk])).content.decode()
    assert "Alle verklaringen als ZIP" in page
    response = nmt.post(reverse("finance:allocation_statements", args=[allocation.pk]))
    job = BackgroundJob.objects.get()
    assert response["Location"] == reverse("jobs:job_detail", args=[job.pk])
    assert job.params == {"allocation": allocation.pk}

    assert run_queued_tasks() == 1
    job.refresh_from_db()
    shares = allocation.shares.count()
    assert (job.status, job.done, job.total) == ("done", shares, shares)
    result = nmt.get(reverse("jobs:job_result", args=[job.pk]))
    assert result["Content-Type"] == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(b"".join(result.streaming_content)))
    names = archive.namelist()
    assert len(names) == shares == 10
    assert f"verdeling-{allocation.pk}-GM0505-dordrecht.pdf" in names
    assert all(archive.read(name).startswith(b"%PDF-") for name in names)

    # The result is its owner's alone.
    assert _client("adviseur").get(reverse("jobs:job_result", args=[job.pk])).status_code == 404


def test_the_statements_are_asked_by_post_only(allocation):
    url = reverse("finance:allocation_statements", args=[allocation.pk])
    assert _client("nmt").get(url).status_code == 405
    assert (
        _client("nmt").post(reverse("finance:allocation_statements", args=[0])).status_code == 404
    )
    assert not BackgroundJob.objects.exists()


def test_an_allocation_removed_before_the_worker_runs_gives_a_dutch_error(allocation):
    nmt = _client("nmt")
    nmt.post(reverse("finance:allocation_statements", args=[allocation.pk]))
    allocation.shares.all().delete()
    allocation.delete()
    run_queued_tasks()
    job = BackgroundJob.objects.get()
    assert (job.status, job.message) == ("failed", "Deze verdeling bestaat niet meer.")
