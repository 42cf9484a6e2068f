"""One way to turn a template into a PDF, for letters, progress reports and statements.

WeasyPrint is imported inside the function: it is slow to import and only PDF views need it.
It fetches only the project's own static files and `data:` URIs (`assets_only_fetcher`): text a
person typed into a letter can never make the server read another file or call out to the network.
"""

import logging
import re
import threading
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlparse
from urllib.request import url2pathname

from django.conf import settings
from django.template.loader import render_to_string

logger = logging.getLogger(__name__)

# PDF templates refer to their stylesheet and fonts relative to this folder ("fonts/…").
PDF_ASSETS_DIR = Path(settings.BASE_DIR) / "static"
DEFAULT_VARIANT = "pdf/a-3a"  # archival (PDF/A-3) and tagged (accessible, /Lang from <html lang>)


@dataclass(frozen=True)
class PdfAttachment:
    name: str
    content: bytes
    description: str = ""


class PdfRenderError(Exception):
    """Rendering failed; the message is for the person who asked for the PDF."""


def render_to_pdf(
    template_name: str,
    context: dict,
    *,
    attachments: tuple[PdfAttachment, ...] = (),
    variant: str = DEFAULT_VARIANT,
) -> tuple[str, bytes]:
    """Render a template to HTML and that HTML to PDF; returns both, so tests can read the HTML."""
    html = render_to_string(template_name, context)
    return html, html_to_pdf(html, attachments=attachments, variant=variant)


def is_project_asset(url: str) -> bool:
    """A `data:` URI, or a `file:` URL of a file under the static folder the templates use."""
    if url.startswith("data:"):
        return True
    if not url.startswith("file:"):
        return False
    path = Path(url2pathname(urlparse(url).path)).resolve()
    return path.is_relative_to(PDF_ASSETS_DIR.resolve())


def assets_only_fetcher():
    """WeasyPrint's fetcher, refusing every URL but the project's assets (WeasyPrint skips it)."""
    from weasyprint.urls import URLFetcher

    class AssetsOnlyFetcher(URLFetcher):
        def fetch(self, url, headers=None):
            if not is_project_asset(url):
                raise ValueError(f"Not a project asset: {url}")
            return super().fetch(url, headers)

    return AssetsOnlyFetcher(allowed_protocols={"data", "file"}, allow_redirects=False)


_fonts = threading.local()


def shared_font_config():
    """One WeasyPrint font configuration per thread, kept for the life of the process.

    A fresh configuration (WeasyPrint's default, per document) loads Fontconfig again and
    decompresses every WOFF2 font of the stylesheet's `@font-face` rules again: about a quarter
    of a one-page letter. A kept one does that once; it writes each font once to its own
    temporary folder and finds it there for every later PDF. Fontconfig is not thread-safe, so
    each thread keeps its own.
    """
    config = getattr(_fonts, "config", None)
    if config is None:
        from weasyprint.text.fonts import FontConfiguration

        config = _fonts.config = FontConfiguration()
    return config


# The print templates' stylesheets: `<link rel="stylesheet" href="css/…">` (relative to the
# static folder) and inline `<style>` elements, in the order they appear.
_STYLESHEET = re.compile(
    r'<link rel="stylesheet" href="(?P<href>[\w./-]+\.css)">|<style>(?P<inline>.*?)</style>', re.S
)


def shared_stylesheet(href: str):
    """The parsed stylesheet of a static file, kept per thread beside the font configuration.

    Parsing print.css and letter-print.css (cssselect2 compiles every selector) took about a
    third of a one-page letter; a kept `CSS` object is parsed once, and its `@font-face` rules
    register the fonts once, in the thread's own font configuration. A changed file (its
    modification time) is parsed again.
    """
    import weasyprint

    path = (PDF_ASSETS_DIR / href).resolve()
    if not path.is_relative_to(PDF_ASSETS_DIR.resolve()):
        raise ValueError(f"Not a project asset: {href}")
    key = (str(path), path.stat().st_mtime_ns)
    config = shared_font_config()
    # The fonts of a sheet's @font-face rules live in the configuration it was parsed with.
    owner, cache = getattr(_fonts, "stylesheets", (None, {}))
    if owner is not config:
        cache = {}
        _fonts.stylesheets = (config, cache)
    sheet = cache.get(key)
    if sheet is None:
        sheet = cache[key] = weasyprint.CSS(
            filename=str(path), url_fetcher=assets_only_fetcher(), font_config=config
        )
    return sheet


def _split_stylesheets(html: str) -> tuple[str, list]:
    """The HTML without its stylesheets, and the stylesheets in their order: linked project
    files from the per-thread cache, inline ones parsed for this document. The cascade is the
    same: all are author stylesheets, applied in the order given."""
    import weasyprint

    sheets = []

    def take(match):
        href = match.group("href")
        if href is not None:
            path = (PDF_ASSETS_DIR / href).resolve()
            if not (path.is_relative_to(PDF_ASSETS_DIR.resolve()) and path.is_file()):
                return match.group(0)  # not a project file: WeasyPrint's fetcher refuses it
            sheets.append(shared_stylesheet(href))
        else:
            sheets.append(
                weasyprint.CSS(
                    string=match.group("inline"),
                    base_url=PDF_ASSETS_DIR.as_uri() + "/",
                    url_fetcher=assets_only_fetcher(),
                    font_config=shared_font_config(),
                )
            )
        return ""

    return _STYLESHEET.sub(take, html), sheets


def html_to_pdf(
    html: str, *, attachments: tuple[PdfAttachment, ...] = (), variant: str = DEFAULT_VARIANT
) -> bytes:
    import weasyprint

    try:
        html, stylesheets = _split_stylesheets(html)
        document = weasyprint.HTML(
            string=html, base_url=PDF_ASSETS_DIR.as_uri() + "/", url_fetcher=assets_only_fetcher()
        )
        return document.write_pdf(
            stylesheets=stylesheets,
            font_config=shared_font_config(),
            pdf_variant=variant,
            attachments=[
                weasyprint.Attachment(
                    string=attachment.content,
                    name=attachment.name,
                    description=attachment.description,
                )
                for attachment in attachments
            ],
        )
    except Exception as error:  # WeasyPrint raises many kinds; the caller needs one.
        logger.exception("PDF rendering failed")
        raise PdfRenderError("Het maken van de PDF is mislukt.") from error
