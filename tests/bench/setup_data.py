"""The bench's in-process part, run in a child process with Django set up: the people, the
project and the letters the measurements need, the query counts of the pages, and the letter PDF
beside WeasyPrint on a plain document. Writes what it made and measured as JSON."""

from __future__ import annotations

import io
import json
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
EFFORTS_ON_PROJECT = 150
BATCH_SIZES = (1, 10, 25)
ROLES = {
    "adviseur": "beleidsadviseur",
    "griffie": "griffie",
    "nmt": "netwerk-mt",
    "beheer": "functioneel-beheer",
}
SHORT_TEXT = "<p>Het college informeert de raad kort over de stand van zaken in de regio.</p>"

# The baseline of the letter: one page of plain text in the same fonts (print.css's four faces),
# through the same helper (shared font configuration and stylesheets, PDF/A-3a): what WeasyPrint
# costs at best for one page, measured in the same process and interleaved with the letter.
PLAIN_DOCUMENT = """<!DOCTYPE html>
<html lang="nl"><head><meta charset="utf-8"><title>Eén pagina tekst</title>
<meta name="author" content="Jeugdregio">
<link rel="stylesheet" href="css/print.css"></head>
<body><h1>Eén pagina tekst</h1>
{paragraphs}
</body></html>"""
PARAGRAPH = (
    "<p>De gemeenteraad heeft een <strong>kaderstellende</strong> en <em>controlerende</em> "
    "functie. Het college is verantwoordelijk voor de uitvoering van het jeugdbeleid; een deel "
    "daarvan is via mandaat belegd bij de gemeenschappelijke regeling.</p>"
)


PARAGRAPHS_PER_PAGE = 12  # fills one page of print.css; 13 start a second


def plain_document(pages: int = 1) -> str:
    return PLAIN_DOCUMENT.format(paragraphs="\n".join([PARAGRAPH] * PARAGRAPHS_PER_PAGE * pages))


def _setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def target_region(scale: str):
    """ZHZ at ZHZ scale; at national scale the generated region with the most municipalities."""
    from django.db.models import Count

    from governance.models import Region

    if scale == "zhz":
        return Region.objects.get(slug="zhz")
    return (
        Region.objects.filter(slug__startswith="schaal")
        .annotate(size=Count("municipalities"))
        .order_by("-size", "pk")
        .first()
    ) or Region.objects.annotate(size=Count("municipalities")).order_by("-size").first()


def bench_users(region) -> dict[str, str]:
    """One user per role in `region` (bench-<role>, password 'demo'), each with a person there;
    the functional administrator with the demo app as second factor. Returns role → username."""
    from django.contrib.auth.models import Group, User

    from django_otp.plugins.otp_totp.models import TOTPDevice

    from demo.services import DEMO_TOTP_KEY, DEMO_TOTP_NAME
    from governance.models import Municipality, Person

    central = region.central_municipality or Municipality.objects.filter(region=region).first()
    made = {}
    for short, role in ROLES.items():
        username = f"bench-{short}"
        user, _created = User.objects.get_or_create(username=username)
        user.set_password("demo")
        user.is_staff = role == "functioneel-beheer"
        user.email = f"{username}@bench.example.org"
        user.save()
        user.groups.set([Group.objects.get_or_create(name=role)[0]])
        Person.objects.filter(user=user).update(user=None)
        Person.objects.create(
            region=region,
            name=f"Meting {short}",
            slug=f"meting-{short}-{region.pk}",
            municipality=central if short in ("adviseur", "griffie") else None,
            user=user,
        )
        if user.is_staff:
            TOTPDevice.objects.get_or_create(
                user=user, name=DEMO_TOTP_NAME, defaults={"key": DEMO_TOTP_KEY, "confirmed": True}
            )
        made[short] = username
    platform = User.objects.get(username="platform")
    TOTPDevice.objects.get_or_create(
        user=platform, name=DEMO_TOTP_NAME, defaults={"key": DEMO_TOTP_KEY, "confirmed": True}
    )
    return made


def project_with_efforts(region) -> str:
    """A project of `region` with EFFORTS_ON_PROJECT efforts (copies of one of its own)."""
    from django.db.models import Count

    from programme.models import Effort, Project

    project = (
        Project.objects.filter(programme__region=region)
        .annotate(count=Count("efforts"))
        .filter(count__gt=0)
        .order_by("-count", "code")
        .first()
    )
    model = project.efforts.order_by("pk").first()
    last = max(project.efforts.values_list("order", flat=True))
    fields = [f.attname for f in Effort._meta.concrete_fields if not f.primary_key]
    copies = []
    for number in range(project.efforts.count(), EFFORTS_ON_PROJECT):
        copy = Effort(**{name: getattr(model, name) for name in fields})
        copy.order = last = last + 1
        copy.text = f"Inspanning {number + 1} van de meting"
        copies.append(copy)
    Effort.objects.bulk_create(copies)
    return project.code


def batch_letters(region, approver) -> dict[int, int]:
    """Approved regional letters to 1, 10 and 25 councils of `region` (as many as it has), with a
    short text in every section: size → letter pk."""
    from django.contrib.auth.models import User

    from governance.letters import services
    from governance.models import LetterTemplate, Municipality
    from tests.governance.letter_factories import regional_letter

    councils = list(Municipality.objects.filter(region=region).order_by("name"))
    user = User.objects.get(username=approver)
    template = LetterTemplate.objects.order_by("-valid_from", "-version").first()
    letters = {}
    for size in BATCH_SIZES:
        if size > len(councils):
            continue
        letter = regional_letter(
            municipalities=councils[:size],
            subject=f"Meting {size}",
            template=template,
            portfolio_holder="Wethouder Jeugd",
            responsible="Directeur Jeugd",
        )
        letter.sections.update(text=SHORT_TEXT)
        letters[size] = services.letter_approve(letter=letter, user=user).pk
    return letters


def an_allocation(region, username: str) -> None:
    """An allocation in `region` if it has none (ZHZ's fixtures have none; every generated
    region has one), so that both scales show the dashboard's allocation panel and their query
    counts compare like for like: the README's example amount over the region's first key."""
    from decimal import Decimal

    from django.contrib.auth.models import User

    from finance import services
    from finance.models import Allocation, DistributionKey

    if Allocation.objects.filter(key__region=region).exists():
        return
    key = DistributionKey.objects.filter(region=region).order_by("pk").first()
    if key is not None:
        user = User.objects.get(username=username)
        services.allocation_create(user=user, key=key, amount=Decimal("216387"))


def _pages(pdf: bytes) -> int:
    import pikepdf

    return len(pikepdf.open(io.BytesIO(pdf)).pages)


def letters_against_plain(region, repeats: int) -> list[dict]:
    """A short letter with its data block, and one without a block or related decisions (one
    page, as most letters to a council), each beside WeasyPrint on plain text
    (`letter_against_plain`)."""
    from governance.models import Letter

    letters = Letter.objects.filter(region=region).order_by("pk")
    with_block = letters.filter(sections__blocks__isnull=False).first()
    without_block = letters.exclude(sections__blocks__isnull=False).first()
    if without_block is not None:
        # One page: without the list of related decisions, which runs onto a second.
        without_block.related_decisions.clear()
    return [
        letter_against_plain(letter, name, repeats)
        for letter, name in (
            (with_block, "raadsinformatiebrief (kort, met blok)"),
            (without_block, "raadsinformatiebrief (kort, zonder blok)"),
        )
        if letter is not None
    ]


def letter_against_plain(letter, name: str, repeats: int) -> dict:
    """The letter's full render (data, template, WeasyPrint) and WeasyPrint on the plain page,
    alternately in this process, after one warm-up each."""
    from core.pdf import html_to_pdf
    from governance.letters import document, selectors
    from governance.models import LetterSection

    # A short text in every section, its blocks kept.
    LetterSection.objects.filter(letter=letter).update(text=SHORT_TEXT)
    municipality = letter.addressee_list()[0]
    plain = plain_document()

    def full():
        printed = document.printed_letter(selectors.letter_for_print(pk=letter.pk), municipality)
        return document.render_letter_pdf(printed)[1]

    letter_pdf, plain_pdf = full(), html_to_pdf(plain)
    # A letter that runs onto a second page is also set beside plain text of as many pages.
    pages = _pages(letter_pdf)
    as_long = plain_document(pages) if pages > 1 else None
    as_long_pdf = html_to_pdf(as_long) if as_long else None
    own, base, long_base = [], [], []
    for _ in range(repeats):
        before = time.perf_counter()
        full()
        own.append((time.perf_counter() - before) * 1000)
        before = time.perf_counter()
        html_to_pdf(plain)
        base.append((time.perf_counter() - before) * 1000)
        if as_long:
            before = time.perf_counter()
            html_to_pdf(as_long)
            long_base.append((time.perf_counter() - before) * 1000)
    same_pages = {}
    if long_base:
        same_pages = {
            "same_pages_p50_ms": round(statistics.median(long_base), 1),
            "same_pages": _pages(as_long_pdf),
            "same_pages_ratio": round(statistics.median(own) / statistics.median(long_base), 2),
        }
    return {
        **same_pages,
        "name": name,
        "baseline": "platte pagina",
        "p50_ms": round(statistics.median(own), 1),
        "baseline_p50_ms": round(statistics.median(base), 1),
        "ratio": round(statistics.median(own) / statistics.median(base), 2),
        "pages": pages,
        "baseline_pages": _pages(plain_pdf),
        "samples_ms": [round(v, 1) for v in own],
        "baseline_samples_ms": [round(v, 1) for v in base],
        "harfbuzz_subset": _harfbuzz_subset(),
    }


def _harfbuzz_subset() -> bool:
    """Whether WeasyPrint subsets fonts with HarfBuzz (libharfbuzz-subset0), ten times faster
    than its fallback."""
    from weasyprint.text.ffi import harfbuzz_subset

    return harfbuzz_subset is not None


def query_counts(pages: list[dict]) -> dict[str, int | None]:
    """Queries per page with Django's test Client (a second request, after a warm one)."""
    from django.contrib.auth.models import User
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client(HTTP_HOST="127.0.0.1", raise_request_exception=False)
    counts: dict[str, int | None] = {}
    for page in pages:
        if page.get("region_session") is not None:
            counts[page["key"]] = None  # the platform administrator's session: HTTP only
            continue
        client.force_login(User.objects.get(username=page["user"]))
        client.get(page["path"].replace("{fresh}", "warm"))
        with CaptureQueriesContext(connection) as queries:
            client.get(page["path"].replace("{fresh}", "counted"))
        counts[page["key"]] = len(queries.captured_queries)
    return counts


def main(scale: str, result_file: str, *, pdf_repeats: int) -> None:
    _setup_django()
    from core.scope import all_regions, region_scope

    with all_regions():
        region = target_region(scale)
        users = bench_users(region)
        project = project_with_efforts(region)
        letters = batch_letters(region, users["beheer"])
        size = region.municipalities.count()
    with region_scope(region):
        an_allocation(region, users["beheer"])
        pdf = letters_against_plain(region, pdf_repeats) if scale == "zhz" else []
    result = {
        "region": {"pk": region.pk, "slug": region.slug, "municipalities": size},
        "users": users,
        "project": project,
        "batch_letters": letters,
        "pdf": pdf,
    }
    Path(result_file).write_text(json.dumps(result, default=str))


def counts_main(result_file: str, pages_file: str) -> None:
    _setup_django()
    pages = json.loads(Path(pages_file).read_text())
    Path(result_file).write_text(json.dumps(query_counts(pages)))


if __name__ == "__main__":
    if sys.argv[1] == "counts":
        counts_main(sys.argv[2], sys.argv[3])
    else:
        main(sys.argv[1], sys.argv[2], pdf_repeats=int(sys.argv[3]))
