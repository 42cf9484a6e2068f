"""Every PDF prints in its region's colours with its logo; two regions, two looks."""

import io
import types

import pikepdf
import pytest

from core.scope import region_scope
from governance.letters.document import printed_letter, render_letter_html, render_letter_pdf
from governance.letters.selectors import letter_for_print
from governance.models import RegionTheme
from programme.dashboard_views import dashboard_pdf_job
from tests.governance.factories import MunicipalityFactory, RegionFactory
from tests.governance.letter_factories import LetterFactory

from .helpers import has_colour, png

pytestmark = pytest.mark.django_db

RED, GREEN = "#7b1e3a", "#1a5e3a"


@pytest.fixture
def regions():
    red = RegionFactory(slug="rood", name="Regio Rood")
    green = RegionFactory(slug="groen", name="Regio Groen")
    for region, colour in ((red, RED), (green, GREEN)):
        logo = png(colour)
        RegionTheme.objects.create(
            region=region, primary=colour, link=colour, logo=logo, logo_sha256="x" * 64
        )
    return red, green


def _images(pdf_bytes: bytes) -> int:
    with pikepdf.open(io.BytesIO(pdf_bytes)) as pdf:
        return sum(len(list(page.images)) for page in pdf.pages)


def _letter_pdf(region) -> tuple[str, bytes]:
    municipality = MunicipalityFactory(region=region)
    letter = LetterFactory(municipality=municipality)
    with region_scope(region):
        printed = printed_letter(letter_for_print(pk=letter.pk), municipality)
        return render_letter_pdf(printed)


def test_a_letter_prints_in_its_regions_colour_with_its_logo(regions):
    red, green = regions
    red_html, red_pdf = _letter_pdf(red)
    _green_html, green_pdf = _letter_pdf(green)
    assert 'class="print-logo" src="data:image/png;base64,' in red_html
    assert has_colour(red_pdf, RED) and not has_colour(red_pdf, GREEN)
    assert has_colour(green_pdf, GREEN) and not has_colour(green_pdf, RED)
    assert _images(red_pdf) == 1 and _images(green_pdf) == 1
    with pikepdf.open(io.BytesIO(red_pdf)) as pdf:
        assert "pdfaid" in str(pdf.open_metadata())  # still PDF/A
        assert "/StructTreeRoot" in pdf.Root  # still tagged
        assert str(pdf.Root.Lang) == "nl"


def test_the_letter_preview_links_the_stylesheet_instead_of_a_data_uri(regions):
    red, _green = regions
    municipality = MunicipalityFactory(region=red)
    letter = LetterFactory(municipality=municipality)
    with region_scope(red):
        printed = printed_letter(letter_for_print(pk=letter.pk), municipality, asset_base="/s/")
        html = render_letter_html(printed)
    assert 'href="/thema/rood.css?v=' in html and "data:text/css" not in html


def test_a_region_without_a_theme_prints_in_the_neutral_default():
    plain = RegionFactory(slug="zonder", name="Regio zonder huisstijl")
    html, pdf = _letter_pdf(plain)
    assert "print-logo" not in html
    assert has_colour(pdf, "#33414e")


def test_the_dashboard_pdf_of_each_region_wears_its_theme(regions):
    for region, colour, other in ((regions[0], RED, GREEN), (regions[1], GREEN, RED)):
        job = types.SimpleNamespace(params={"query": ""}, region=region)
        with region_scope(region):
            outcome = dashboard_pdf_job(job, lambda *args: None)
        assert has_colour(outcome.content, colour) and not has_colour(outcome.content, other)
        assert _images(outcome.content) >= 1  # the logo
