"""A municipality's letter profile: the griffie sets it, a new letter starts with its defaults,
and the PDF header prints only the fields it carries, never an empty one."""

import shutil
import subprocess

from django.urls import reverse

import pytest

from governance.constants import Role
from governance.models import Letter, LetterPdf, LetterProfile
from tests.governance.factories import MunicipalityFactory, RegionFactory
from tests.governance.letter_factories import LetterTemplateFactory, user_with_role

pytestmark = pytest.mark.django_db


@pytest.fixture
def dordrecht():
    return MunicipalityFactory(region=RegionFactory(), name="Dordrecht", cbs_code="GM0505")


@pytest.fixture
def griffie(dordrecht):
    return user_with_role(Role.GRIFFIE, municipality=dordrecht)


def _pdf_text(pdf: bytes) -> str:
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) ontbreekt")
    result = subprocess.run(["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True)
    return " ".join(result.stdout.decode().split())


def test_griffie_sets_the_profile_and_a_new_letter_starts_from_it(
    client, griffie, dordrecht, tmp_path
):
    client.force_login(griffie)
    # The list goes straight to the one profile a griffie keeps.
    response = client.get(reverse("letters:letter_profile_list"))
    url = reverse("letters:letter_profile_edit", args=["GM0505"])
    assert response["Location"] == url
    assert "nog geen briefprofiel" in client.get(url).content.decode()
    response = client.post(
        url,
        {
            "edit_version": 1,
            "printed_fields": ["portfolio_holder", "budget_programme", "pillar", "responsible"],
            "portfolio_holder": "Bram Voorbeeldt",
            "budget_programme": "Sociaal en Zorgzaam Dordrecht",
            "pillar": "Sociale Leefomgeving",
            "core_team": "Opgaven - Zorgzame Stad",  # kept, but the letters do not carry it
            "email": "",
            "responsible": "",
        },
        follow=True,
    )
    assert "Het briefprofiel van Dordrecht is opgeslagen." in response.content.decode()
    profile = LetterProfile.objects.get()
    assert profile.history.first().history_user == griffie

    response = client.post(
        reverse("letters:letter_create"),
        {
            "kind": "municipal",
            "municipality": dordrecht.pk,
            "template": LetterTemplateFactory().pk,
            "date": "2024-11-01",
            "subject": "Profielbrief",
            "case_number": "Z-1",
            "is_public": "ja",
        },
    )
    letter = Letter.objects.get()
    assert (letter.portfolio_holder, letter.budget_programme, letter.pillar) == (
        "Bram Voorbeeldt",
        "Sociaal en Zorgzaam Dordrecht",
        "Sociale Leefomgeving",
    )
    assert letter.core_team == "" and letter.responsible == ""
    editor = client.get(reverse("letters:letter_edit", args=[letter.pk])).content.decode()
    assert 'name="pillar"' in editor and 'name="core_team"' not in editor
    assert 'name="case_number"' not in editor  # not carried either

    # Issued by a second person (four eyes), the stored PDF's header shows only those fields.
    colleague = user_with_role(Role.GRIFFIE, municipality=dordrecht)
    client.force_login(colleague)
    client.post(reverse("letters:letter_action", args=[letter.pk, "gereed-melden"]))
    client.post(
        reverse("letters:letter_action", args=[letter.pk, "verzenden"]), {"bevestigd": "ja"}
    )
    document = LetterPdf.objects.get(letter=letter)
    pdf = document.file.read()
    (tmp_path / "profiel.pdf").write_bytes(pdf)
    text = _pdf_text(pdf)
    for shown in (
        "Portefeuillehouder Bram Voorbeeldt",
        "Begrotingsprogramma Sociaal en Zorgzaam Dordrecht",
        "Pijler Sociale Leefomgeving",
        "Openbaar Ja",
        "Betreft Profielbrief",
    ):
        assert shown in text
    # Not carried by the profile (Kernteam, Zaaknummer, Auteur, E-mail) or empty
    # (Verantwoordelijke, Vergadering van): never printed.
    for hidden in (
        "Kernteam",
        "Zaaknummer",
        "Z-1",
        "Auteur",
        "E-mail",
        "Verantwoordelijke",
        "Vergadering",
    ):
        assert hidden not in text


def test_without_a_profile_every_filled_field_is_printed_and_no_empty_one(griffie, dordrecht):
    from governance.letters.document import printed_letter, render_letter_html
    from governance.letters.selectors import letter_for_print
    from tests.governance.letter_factories import LetterFactory

    letter = LetterFactory(municipality=dordrecht, pillar="Pijlertekst", meeting="")
    html = render_letter_html(printed_letter(letter_for_print(pk=letter.pk), dordrecht))
    assert '<th scope="row">Pijler</th>' in html and "Pijlertekst" in html
    assert "Vergadering van" not in html and "Begrotingsprogramma" not in html


def test_only_the_griffie_of_the_municipality_keeps_its_profile(client, dordrecht):
    other = MunicipalityFactory(region=dordrecht.region, cbs_code="GM0512")
    url = reverse("letters:letter_profile_edit", args=["GM0505"])
    client.force_login(user_with_role(Role.GRIFFIE, municipality=other))
    assert client.get(url).status_code == 404  # not among the profiles she keeps
    assert client.post(url, {"edit_version": 1, "printed_fields": []}).status_code == 404
    client.force_login(user_with_role(Role.POLICY_ADVISER, municipality=dordrecht))
    assert client.get(url).status_code == 403
    assert client.get(reverse("letters:letter_profile_list")).status_code == 403
    assert not LetterProfile.objects.exists()


def test_bad_input_on_the_profile_changes_nothing(client, griffie):
    client.force_login(griffie)
    url = reverse("letters:letter_profile_edit", args=["GM0505"])
    response = client.post(
        url, {"edit_version": 1, "printed_fields": ["shoe_size"], "email": "geen-adres"}
    )
    assert response.status_code == 422
    content = response.content.decode()
    assert "Kies kopvelden uit de lijst." in content or "geen van de beschikbare" in content
    assert "Vul een geldig e-mailadres in" in content
    assert not LetterProfile.objects.exists()
