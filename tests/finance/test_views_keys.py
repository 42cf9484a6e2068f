"""Distribution keys: list and page with source and validity; an upload is all or nothing."""

from decimal import Decimal

from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

import pytest

from finance.models import DistributionKey, DistributionShare
from tests.finance.test_views_budgets import text_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def nmt_client(client, zhz):
    client.force_login(User.objects.get(username="nmt"))
    return client


def test_the_zhz_key_is_flagged_on_the_list_and_its_page(nmt_client):
    page = text_of(nmt_client.get(reverse("finance:key_list")))
    assert "meicirculaire 2021 Meicirculaire gemeentefonds 2021" in page
    assert "100,01% niet 100%: verschil +0,01 procentpunt" in page

    page = text_of(nmt_client.get(reverse("finance:key_detail", args=["meicirculaire-2021"])))
    assert (
        "Let op: de aandelen van deze verdeelsleutel tellen op tot 100,01%, niet tot 100%." in page
    )
    assert "Dordrecht GM0505 32,55%" in page
    assert "Totaal 100,01% niet 100%: verschil +0,01 procentpunt" in page
    assert "Bron Meicirculaire gemeentefonds 2021" in page


def test_the_list_filters_on_complete_keys(nmt_client):
    page = text_of(nmt_client.get(reverse("finance:key_list"), {"complete": "ja"}))
    assert "meicirculaire 2021" not in page
    page = text_of(nmt_client.get(reverse("finance:key_list"), {"complete": "nee"}))
    assert "meicirculaire 2021" in page


def _upload(client, content: bytes, **fields):
    data = {
        "name": "meicirculaire 2024",
        "source": "Meicirculaire gemeentefonds 2024",
        "valid_from": "01-01-2024",
        "valid_until": "",
        "file": SimpleUploadedFile("sleutel.csv", content, content_type="text/csv"),
    }
    data.update(fields)
    return client.post(reverse("finance:key_upload"), data)


GOOD = (
    b"Gemeente;Percentage\n"
    b"Alblasserdam;5,01\nDordrecht;32,55\nGorinchem;8,29\nGM0523;3,81\n"
    b"Hendrik-Ido-Ambacht;5,87\nHoeksche Waard;12,99\nMolenlanden;7,77\nPapendrecht;6,39\n"
    b"Sliedrecht;6,73\nZwijndrecht;10,60\n"
)


def test_a_good_upload_creates_the_key(nmt_client):
    response = _upload(nmt_client, GOOD)
    assert response.status_code == 302
    key = DistributionKey.objects.get(name="meicirculaire 2024")
    assert key.region.slug == "zhz" and str(key.valid_from) == "2024-01-01"
    assert key.shares.count() == 10
    assert key.shares.get(municipality__cbs_code="GM0523").percentage == Decimal("3.81")
    page = text_of(nmt_client.get(response["Location"]))
    assert "is opgeslagen met 10 gemeenten (samen 100,01%)" in page
    assert "niet 100%" in page  # the new key is flagged too


def test_a_malformed_upload_changes_nothing_and_lists_every_bad_row(nmt_client):
    before = (DistributionKey.objects.count(), DistributionShare.objects.count())
    content = (
        b"Gemeente;Percentage\n"
        b"Alblasserdam;5,01\n"
        b"Amsterdam;10\n"
        b"Dordrecht;32,555\n"
        b"Gorinchem;acht\n"
        b"GM0482;1\n"
        b"Sliedrecht;120\n"
        b"Zwijndrecht\n"
    )
    response = _upload(nmt_client, content)
    assert response.status_code == 422
    page = text_of(response)
    assert "Er is niets opgeslagen: het bestand heeft 6 fout(en)." in page
    for message in [
        "Rij 3: onbekende gemeente ‘Amsterdam’ (geen gemeente van deze regio).",
        "Rij 4: het percentage 32,555 heeft meer dan twee decimalen.",
        "Rij 5: ‘acht’ is geen getal.",
        "Rij 6: Alblasserdam staat er al in (rij 2).",
        "Rij 7: het percentage 120 ligt niet tussen 0 en 100.",
        "Rij 8: verwacht twee kolommen (gemeente en percentage), maar deze rij heeft er 1",
    ]:
        assert message in page, message
    assert (DistributionKey.objects.count(), DistributionShare.objects.count()) == before


@pytest.mark.parametrize(
    ("content", "fields", "message"),
    [
        (b"", {}, "Het bestand is leeg."),
        (GOOD, {"name": ""}, "Dit veld is verplicht."),
        (GOOD, {"name": "Meicirculaire 2021"}, "al een verdeelsleutel met deze naam"),
        (GOOD, {"valid_from": "31-02-2024"}, "Vul een geldige datum in"),
        (GOOD, {"valid_until": "01-01-2023"}, "De einddatum ligt vóór de begindatum."),
        (b"\x00\x01binary", {}, "geen CSV-tekstbestand"),
        (b"PK\x03\x04\x00binary", {}, "Het Excel-bestand kan niet worden gelezen"),
        (b'Gemeente;Percentage\nDordrecht;"' + b"x" * 140_000 + b'"\n', {}, "Rij 2: een cel is"),
    ],
)
def test_bad_uploads(nmt_client, content, fields, message):
    before = DistributionKey.objects.count()
    response = _upload(nmt_client, content, **fields)
    assert response.status_code == 422
    assert message in response.content.decode()
    assert DistributionKey.objects.count() == before


def test_no_file_at_all(nmt_client):
    response = nmt_client.post(reverse("finance:key_upload"), {"name": "x", "source": "y"})
    assert response.status_code == 422
    assert "Kies een CSV- of Excel-bestand." in response.content.decode()


@pytest.fixture
def racing_upload(monkeypatch):
    """Another upload that stores its key between this upload's checks and its insert."""
    from finance import services

    # As if the other upload committed after this one's full_clean(): only the database knows.
    monkeypatch.setattr(DistributionKey, "validate_unique", lambda self, exclude=None: None)
    monkeypatch.setattr(DistributionKey, "validate_constraints", lambda self, exclude=None: None)
    real = services._unique_key_slug
    calls = []

    def race(name, *, other_name):
        slug = real(name)
        if not calls:
            other = DistributionKey.objects.get(slug="meicirculaire-2021")
            DistributionKey.objects.create(
                region=other.region, slug=slug, name=other_name or name, source="tegelijk"
            )
        calls.append(slug)
        return slug

    def start(other_name=""):
        monkeypatch.setattr(
            services, "_unique_key_slug", lambda name: race(name, other_name=other_name)
        )
        return calls

    return start


def test_two_uploads_of_the_same_name_at_once_give_the_second_a_form_error(
    nmt_client, racing_upload
):
    racing_upload()
    before = DistributionKey.objects.count()
    response = _upload(nmt_client, GOOD)
    assert response.status_code == 422
    assert "Deze regio heeft al een verdeelsleutel met deze naam." in response.content.decode()
    # The other upload ran inside this one's transaction here, so it is rolled back with it.
    assert DistributionKey.objects.count() == before


def test_two_uploads_racing_for_one_slug_both_succeed(nmt_client, racing_upload):
    calls = racing_upload(other_name="Meicirculaire 2024 (ander bestand)")
    response = _upload(nmt_client, GOOD)
    assert response.status_code == 302
    key = DistributionKey.objects.get(name="meicirculaire 2024")
    assert calls == ["meicirculaire-2024", "meicirculaire-2024-2"]
    assert key.slug == "meicirculaire-2024-2" and key.shares.count() == 10
