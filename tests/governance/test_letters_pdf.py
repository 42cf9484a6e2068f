"""The issued PDF: archival (PDF/A-3a), tagged, Dutch, fonts embedded, one CSV per live block, and
the header of a council letter; the preview is the same HTML."""

import csv
import io
import re
import shutil
import subprocess

from django.test import Client

import pikepdf
import pytest

from governance.constants import Role
from governance.letters import services
from governance.letters.document import printed_letter, render_letter_html
from governance.letters.selectors import letter_for_print
from governance.models import LetterPdf
from programme.constants import EffortStatus, ProjectStatus
from tests.governance.factories import DecisionFactory, MunicipalityFactory, RegionFactory
from tests.governance.letter_factories import (
    QUESTIONS_2024,
    LetterFactory,
    LetterTemplateFactory,
    register_fake_block,
    section_of,
    user_with_role,
)
from tests.programme.factories import EffortFactory, ProjectFactory, ThemeFactory

pytestmark = pytest.mark.django_db

HEADER = {
    "date": "20 april 2021",
    "case_number": "InProces BBV: 2021-0053769",
    "subject": "Regionale en lokale ontwikkelingen jeugdhulp",
    "portfolio_holder": "Bram Voorbeeldt",
    "budget_programme": "Sociaal en Zorgzaam Dordrecht",
    "pillar": "Sociale Leefomgeving",
    "core_team": "Opgaven - Zorgzame Stad",
    "author": "Noor Memostra",
    "email": "griffie@example.org",
    "responsible": "Loes Stuurman",
}


@pytest.fixture
def issued(monkeypatch):
    """A Dordrecht letter on the 2024 template with a progress block, a free table and a fake
    allocation-like block, issued through the service."""
    register_fake_block(monkeypatch)
    region = RegionFactory(slug="zhz")
    dordrecht = MunicipalityFactory(region=region, name="Dordrecht", cbs_code="GM0505")
    MunicipalityFactory(region=region, name="Gorinchem", cbs_code="GM0512")
    griffie = user_with_role(Role.GRIFFIE, municipality=dordrecht)
    theme = ThemeFactory(programme__region=region, code="2.2", name="Meer lokaal")
    project = ProjectFactory(
        theme=theme, code="2.2.1", name="Lokale toegang", overall_status=ProjectStatus.ON_TRACK
    )
    EffortFactory(project=project, status=EffortStatus.ACHIEVED)
    EffortFactory(project=project, status=EffortStatus.IN_PROGRESS)
    letter = LetterFactory(
        municipality=dordrecht,
        template=LetterTemplateFactory(questions=QUESTIONS_2024, valid_from="2024-01-01"),
        subject=HEADER["subject"],
        portfolio_holder=HEADER["portfolio_holder"],
        budget_programme=HEADER["budget_programme"],
        pillar=HEADER["pillar"],
        core_team=HEADER["core_team"],
        responsible=HEADER["responsible"],
    )
    letter.related_decisions.add(
        DecisionFactory(
            body__region=region, title="Zienswijze inkoopkader", reference="RIS 2629403"
        )
    )
    section = section_of(letter, 1)
    section.text = "Aanleiding <script>alert('x')</script> & meer.\n\n- eerste punt\n- tweede punt"
    section.save()
    for lock, (block_type, params) in enumerate(
        [
            ("programme_progress", {"theme": str(theme.pk), "detail": "projects"}),
            ("table", {"title": "Besparingen", "table": "Maatregel;2025\nTaskforce;611.000"}),
            ("fake", {"share": "1"}),
        ],
        start=1,
    ):
        services.letter_block_add(
            letter=letter,
            user=griffie,
            section=section_of(letter, 4),
            block_type=block_type,
            params=params,
            edit_version=lock,
        )
    services.letter_approve(letter=letter, user=griffie)
    services.letter_issue(letter=letter, user=griffie)
    document = LetterPdf.objects.get(letter=letter)
    return {"letter": letter, "document": document, "pdf": document.file.read(), "user": griffie}


def test_the_pdf_declares_pdf_a_3a_with_dutch_language_and_a_structure_tree(issued):
    with pikepdf.open(io.BytesIO(issued["pdf"])) as pdf:
        metadata = pdf.open_metadata()
        assert metadata["pdfaid:part"] == "3"
        assert metadata["pdfaid:conformance"] == "A"
        assert str(pdf.Root.Lang) in ("nl", "nl-NL")
        assert "/StructTreeRoot" in pdf.Root
        assert pdf.Root.MarkInfo.Marked
        assert str(pdf.docinfo["/Title"]) == HEADER["subject"]
        assert str(pdf.docinfo["/Author"]) == "Noor Memostra"


def _fonts(pdf):
    for page in pdf.pages:
        for font in page.Resources.get("/Font", {}).values():
            descriptor = font.get("/FontDescriptor") or font.DescendantFonts[0].FontDescriptor
            yield (
                str(font.BaseFont),
                any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3")),
            )


def test_every_font_is_embedded_and_is_the_shipped_one(issued):
    with pikepdf.open(io.BytesIO(issued["pdf"])) as pdf:
        fonts = list(_fonts(pdf))
    assert fonts
    assert all(embedded for _name, embedded in fonts)
    assert all("Source-Sans-3" in name for name, _embedded in fonts)


def _attachments(pdf_bytes):
    with pikepdf.open(io.BytesIO(pdf_bytes)) as pdf:
        return {
            name: list(
                csv.reader(
                    io.StringIO(spec.get_file().read_bytes().decode("utf-8-sig")), delimiter=";"
                )
            )
            for name, spec in pdf.attachments.items()
        }


def test_every_live_block_is_attached_as_csv_with_its_rows(issued):
    attachments = _attachments(issued["pdf"])
    assert sorted(attachments) == [
        "blok-1-voortgang-programmalijn-22-meer-lokaal.csv",
        "blok-2-besparingen.csv",
        "blok-3-verdeling-nep.csv",
    ]
    progress = attachments["blok-1-voortgang-programmalijn-22-meer-lokaal.csv"]
    assert progress[0] == [
        "Project",
        "Algehele status",
        "Behaald",
        "In behandeling",
        "Niet behaald",
        "Onbekend",
        "Inspanningen",
    ]
    assert progress[1] == ["2.2.1 Lokale toegang", "Op schema", "1", "1", "0", "0", "2"]
    assert attachments["blok-2-besparingen.csv"] == [
        ["Maatregel", "2025"],
        ["Taskforce", "611.000"],
    ]
    assert attachments["blok-3-verdeling-nep.csv"] == [
        ["Gemeente", "Bedrag"],
        ["Dordrecht", "100"],
        ["Gorinchem", "100"],
    ]


def _issued_html(issued):
    letter = letter_for_print(pk=issued["letter"].pk)
    return render_letter_html(printed_letter(letter, letter.municipality))


def test_the_html_of_the_pdf_holds_the_header_and_escapes_html(issued):
    html = _issued_html(issued)
    assert '<html lang="nl">' in html
    assert f"<title>{HEADER['subject']}</title>" in html
    assert '<meta name="author" content="Noor Memostra">' in html
    assert 'href="css/print.css"' in html
    for value in HEADER.values():
        assert value in html
    for label in ("Datum", "Zaaknummer", "Betreft", "Portefeuillehouder",
                  "Begrotingsprogramma", "Pijler", "Kernteam/Opgave", "Auteur", "E-mail",
                  "Verantwoordelijke", "Openbaar"):  # fmt: skip
        assert f'<th scope="row">{label}</th>' in html
    # The letter has no meeting: an empty field is never printed.
    assert "Vergadering van" not in html
    assert 'Gemeente</span> <span class="sender__name">Dordrecht' in html
    assert "<script>" not in html
    # Text written without the editor is text: its '<script>' is shown, never run.
    assert "&lt;script&gt;alert('x')&lt;/script&gt; &amp; meer." in html
    assert "<li>eerste punt</li>" in html
    assert "Zienswijze inkoopkader – RIS 2629403" in html
    assert html.index("Hoe zijn de bevoegdheden") < html.index("Wat is de aanleiding")
    assert "Voorbeeld – deze brief is nog niet verzonden" not in html


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) ontbreekt")
def test_the_pdf_text_holds_the_header_fields_and_page_numbers(issued, tmp_path):
    path = tmp_path / "brief.pdf"
    path.write_bytes(issued["pdf"])
    text = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    for value in HEADER.values():
        assert value in text
    assert "Gemeente" in text and "Dordrecht" in text
    assert "Raadsinformatiebrief" in text
    assert "Hoe zijn de bevoegdheden rond dit onderwerp verdeeld?" in text
    assert "<script>alert('x')</script> & meer." in text
    assert "pagina 1 van" in text
    assert "Voortgang programmalijn 2.2 Meer lokaal" in text


def test_the_preview_is_the_html_of_the_pdf_with_assets_from_static(issued):
    client = Client()
    client.force_login(issued["user"])
    response = client.get(f"/brieven/{issued['letter'].pk}/voorbeeld/")
    assert response.status_code == 200
    preview = response.content.decode()
    # The same HTML; only the base of the stylesheets (and through them the fonts) differs, and
    # the region's theme is linked rather than inlined as a data: URL (the CSP refuses those).
    theme_link = re.compile(r'<link rel="stylesheet" href="(data:text/css;base64,|/thema/)[^"]*">')
    expected = _issued_html(issued).replace('href="css/', 'href="/static/css/')
    assert theme_link.sub("THEME", preview) == theme_link.sub("THEME", expected)
    assert "/thema/" in preview
    assert preview.count('href="/static/css/') == 2


def test_the_stored_pdf_is_downloaded_unchanged(issued):
    client = Client()
    client.force_login(issued["user"])
    response = client.get(f"/brieven/{issued['letter'].pk}/pdf/GM0505/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content) == issued["pdf"]
    assert response["ETag"] == f'"{issued["document"].sha256}"'
