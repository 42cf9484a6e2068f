"""The PDF helper reads only the project's own assets, whatever a letter's text refers to."""

import io

import pikepdf
import pytest

from core.pdf import PDF_ASSETS_DIR, assets_only_fetcher, html_to_pdf, is_project_asset

FONT = next((PDF_ASSETS_DIR / "fonts").glob("*.woff2"))


@pytest.mark.parametrize(
    ("url", "allowed"),
    [
        ("data:text/plain,hallo", True),
        (FONT.as_uri(), True),
        ((PDF_ASSETS_DIR / "css" / ".." / ".." / "manage.py").as_uri(), False),
        ("file:///etc/passwd", False),
        ("http://127.0.0.1:9/plaatje.png", False),
        ("https://example.org/stijl.css", False),
        ("ftp://example.org/x", False),
    ],
)
def test_only_data_uris_and_static_files_are_fetched(url, allowed):
    assert is_project_asset(url) == allowed
    fetcher = assets_only_fetcher()
    if allowed:
        fetcher.fetch(url)
    else:
        with pytest.raises(ValueError):
            fetcher.fetch(url)


def test_a_reference_to_another_file_is_left_out_of_the_pdf(tmp_path):
    secret = tmp_path / "geheim.txt"
    secret.write_text("GEHEIM")
    html = (
        f'<html lang="nl"><head><title>Proef</title>'
        f'<link rel="stylesheet" href="{secret.as_uri()}"></head>'
        f'<body><p>Tekst</p><img src="{secret.as_uri()}" alt="x">'
        f'<img src="http://127.0.0.1:9/x.png" alt="y"></body></html>'
    )
    pdf = html_to_pdf(html)
    with pikepdf.open(io.BytesIO(pdf)) as document:
        assert len(document.pages) == 1
    assert b"GEHEIM" not in pdf


def _embedded_fonts(pdf: bytes) -> set[str]:
    with pikepdf.open(io.BytesIO(pdf)) as document:
        return {
            str(font.BaseFont).split("+", 1)[-1]
            for page in document.pages
            for font in page.Resources.Font.values()
        }


def test_every_pdf_embeds_its_fonts_though_the_font_configuration_is_kept(monkeypatch):
    """The kept configuration loads the fonts once; each later PDF still embeds what it uses."""
    from core import pdf

    monkeypatch.setattr(pdf._fonts, "config", None, raising=False)
    html = (
        '<html lang="nl"><head><link rel="stylesheet" href="css/print.css"></head>'
        "<body><p>Gewoon <strong>vet</strong></p></body></html>"
    )
    first = html_to_pdf(html)
    config = pdf.shared_font_config()
    second = html_to_pdf(html)
    assert pdf.shared_font_config() is config
    assert _embedded_fonts(first) == _embedded_fonts(second)
    assert {"Source-Sans-3-Bold"} <= _embedded_fonts(second)


def test_the_print_stylesheets_are_parsed_once_and_kept_in_their_order():
    """Linked project stylesheets come from the per-thread cache; inline ones are parsed for the
    document; the order (and so the cascade) is the document's own."""
    from core.pdf import _split_stylesheets, shared_stylesheet

    html = (
        '<html lang="nl"><head><title>Proef</title>'
        '<link rel="stylesheet" href="css/print.css"><style>p { color: red; }</style>'
        '<link rel="stylesheet" href="css/letter-print.css"></head><body><p>x</p></body></html>'
    )
    rest, sheets = _split_stylesheets(html)
    assert "stylesheet" not in rest and "<style>" not in rest and "<p>x</p>" in rest
    assert len(sheets) == 3
    assert sheets[0] is shared_stylesheet("css/print.css")
    assert sheets[2] is shared_stylesheet("css/letter-print.css")
    assert sheets[1] not in (sheets[0], sheets[2])
    assert _split_stylesheets(html)[1][0] is sheets[0]  # the next PDF: the same parsed sheet


def test_a_link_outside_the_static_folder_is_left_to_the_fetcher_which_refuses_it():
    from core.pdf import _split_stylesheets

    html = '<head><link rel="stylesheet" href="../../manage.css"></head><body>x</body>'
    rest, sheets = _split_stylesheets(html)
    assert sheets == [] and 'href="../../manage.css"' in rest
    assert html_to_pdf(html).startswith(b"%PDF")
