"""The region is a sealed boundary (docs/architecture.md): every URL, export, PDF, ZIP and partial,
asked as every role of two regions, shows none of the other region's rows.

Two fictional regions are built once for the module (`tests.regions`): every name, title, text
and slug of a region's rows carries its token (KWX, HDQ), so a response that contains the other
region's token has leaked one of its rows. Providers, their figures, product categories and the
letter template are national and carry no token.

- Every URL pattern of the URL conf needs an entry in ROUTES (or ADMIN_ROUTES, for the admin pages
  checked here): how to fill its parameters with an object of the requesting user's own region,
  which query strings to add (exports, htmx, filters naming the other region's objects). A new
  URL without an entry fails `test_every_url_has_a_route`, so no URL escapes these tests.
- `test_a_region_user_sees_only_their_region`: every role of both regions requests every route
  with its own region's objects and finds nothing of the other region.
- `test_another_regions_objects_do_not_exist`: the same routes with the other region's objects in
  the URL answer 404 or 403 (to GET and to POST), never the object.
- `test_a_user_with_a_role_but_no_region_gets_403_and_no_data`: a user with a role but no region
  (no linked person, or a person of no municipality or organisation) sees no region's data, and
  every staff page answers 403.

The public publication of issued letters (/openbaar/brieven/) is public for everyone: what a
region has published there may show on those pages only.
"""

import csv
import io
import logging
import warnings
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from urllib.parse import urlencode, urlparse

from django.contrib import admin
from django.contrib.auth.models import User
from django.db import transaction
from django.test import Client, override_settings
from django.urls import URLPattern, URLResolver, get_resolver, reverse

import pytest
from django_tables2.export import ExportMixin

from core.registry import registry
from core.scope import region_scope
from governance.constants import Role
from tests.regions import FIRST, ROLES, SECOND, BuiltRegion, World, build_world, pdf_text

pytestmark = pytest.mark.django_db

TOKENS = [FIRST.token, SECOND.token]


# --- The data, built once for the module and rolled back after it ---------------------------


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, tmp_path_factory) -> Iterator[World]:
    media_root = str(tmp_path_factory.mktemp("region-isolation-media"))
    with (
        django_db_blocker.unblock(),
        override_settings(MEDIA_ROOT=media_root),
        transaction.atomic(),
    ):
        built = build_world(media_root=media_root)
        if not built.pdf_text_available:
            warnings.warn(
                "pdftotext is not installed: the text of PDFs goes unchecked", stacklevel=1
            )
        yield built
        transaction.set_rollback(True)


@pytest.fixture(autouse=True)
def _media_root(settings, world):
    # The issued letters' PDFs were stored while building the world: keep them reachable.
    settings.MEDIA_ROOT = world.media_root


@pytest.fixture(autouse=True)
def _quiet_refusals(caplog):
    # Hundreds of 403s and 404s are the point here; a server error is still logged.
    caplog.set_level(logging.ERROR, logger="django.request")


# --- Routes: how to fill every URL's parameters ---------------------------------------------

Kwargs = Callable[[BuiltRegion], list[dict]]
Queries = Callable[[BuiltRegion], list[dict]]


@dataclass(frozen=True)
class Route:
    """How the tests request one URL pattern.

    `kwargs(region)`: the URL parameters, one dict per object of `region` to request (none for a
    URL without parameters). `cross(region)`: the parameters naming the other region's objects
    for `test_another_regions_objects_do_not_exist` (default: `kwargs`; False: not applicable, the
    object is national or public). `queries(region)`: extra query strings for the own region's
    objects; `foreign_queries(other)`: query strings naming the other region's objects, which
    must not bring them onto the page. `htmx`: also request as an htmx partial. `shows_own`: a
    200 page shows its own region's object (so an empty page cannot pass for a sealed one).
    `region_free`: usable without a region (login, help, the public publication). `public`: the
    public publication, which may show what every region has published.
    """

    kwargs: Kwargs | None = None
    cross: Kwargs | bool | None = None
    queries: Queries | None = None
    foreign_queries: Queries | None = None
    htmx: bool = False
    shows_own: bool = False
    region_free: bool = False
    public: bool = False

    def own_kwargs(self, region: BuiltRegion) -> list[dict]:
        return self.kwargs(region) if self.kwargs else [{}]

    def cross_kwargs(self, other: BuiltRegion) -> list[dict]:
        if self.kwargs is None or self.cross is False:
            return []
        return (self.cross or self.kwargs)(other)


def _codes(r):
    # The code both regions use (2.1.1: the own region's project must win) and the own code.
    return [{"code": r.project_code}, {"code": r.own_project_code}]


def _own_code(r):
    return [{"code": r.own_project_code}]


def _reports(r):
    return [{"pk": r.report_pk}, {"pk": r.draft_report_pk}]


def _letters(r):
    return [{"pk": r.draft_letter_pk}, {"pk": r.issued_letter_pk}]


def _budget(r):
    return [{"slug": r.budget_slug}]


def _budget_line(r):
    return [{"slug": r.budget_slug, "pk": r.budget_line_pk}]


def _accounts(r):
    # The region's accounts: a policy adviser's and a functional administrator's.
    return [{"pk": r.users.get(role, 0)} for role in (Role.POLICY_ADVISER, Role.FUNCTIONAL_ADMIN)]


def _block_queries(r):
    return [
        {"section": r.draft_section_pk, "block_type": key} for key in sorted(registry.letter_blocks)
    ]


def _job(r):
    return [{"pk": r.job_pk}]


ROUTES: dict[str, Route] = {
    # Background jobs: only their owner (the Netwerk MT member) sees them.
    "jobs:job_list": Route(),
    "jobs:job_detail": Route(kwargs=_job, htmx=True),
    "jobs:job_result": Route(kwargs=_job),
    "home": Route(),
    "login": Route(region_free=True),
    "password_change": Route(region_free=True),
    "password_change_done": Route(region_free=True),
    "healthz": Route(region_free=True),
    "help": Route(region_free=True),
    "information_toegankelijkheid": Route(region_free=True),
    "information_privacy": Route(region_free=True),
    "information_contact": Route(region_free=True),
    # The login's second step, the user's own second factor, to and from an identity provider.
    "second_factor": Route(region_free=True),
    "second_factor_settings": Route(region_free=True),
    "oidc_start": Route(region_free=True),
    "oidc_callback": Route(region_free=True),
    # The platform administrator's region choice; everyone else is refused (403).
    "region_switch": Route(region_free=True),
    # Programme.
    "programme:dashboard": Route(
        queries=lambda r: [
            {"export": "csv"},
            {"export": "xlsx"},
            {"theme": r.theme_pk, "lead_municipality": r.municipality_pk},
        ],
        foreign_queries=lambda o: [{"theme": o.theme_pk}, {"lead_municipality": o.municipality_pk}],
        shows_own=True,
    ),
    "programme:project_list": Route(
        foreign_queries=lambda o: [{"theme": o.theme_pk}, {"lead_municipality": o.municipality_pk}],
        shows_own=True,
    ),
    "programme:project_detail": Route(kwargs=_codes, cross=_own_code, shows_own=True),
    "programme:project_status_edit": Route(kwargs=_codes, cross=_own_code),
    "programme:effort_edit": Route(
        kwargs=lambda r: [{"code": r.project_code, "effort_pk": r.effort_pk}], htmx=True
    ),
    "programme:effort_delivery_create": Route(
        kwargs=lambda r: [{"code": r.project_code, "effort_pk": r.effort_pk}]
    ),
    # The plan, edited on the project page.
    "programme:effort_create": Route(kwargs=_codes, cross=_own_code),
    "programme:effort_plan_edit": Route(
        kwargs=lambda r: [{"code": r.project_code, "effort_pk": r.effort_pk}], htmx=True
    ),
    "programme:effort_move": Route(
        kwargs=lambda r: [{"code": r.project_code, "effort_pk": r.effort_pk}]
    ),
    "programme:effort_remove": Route(
        kwargs=lambda r: [{"code": r.project_code, "effort_pk": r.effort_pk}]
    ),
    "programme:sub_goal_create": Route(kwargs=_codes, cross=_own_code),
    "programme:sub_goal_edit": Route(
        kwargs=lambda r: [{"code": r.project_code, "sub_goal_pk": r.sub_goal_pk}]
    ),
    "programme:sub_goal_move": Route(
        kwargs=lambda r: [{"code": r.project_code, "sub_goal_pk": r.sub_goal_pk}]
    ),
    "programme:sub_goal_remove": Route(
        kwargs=lambda r: [{"code": r.project_code, "sub_goal_pk": r.sub_goal_pk}]
    ),
    "programme:project_duration_edit": Route(kwargs=_codes, cross=_own_code),
    "programme:project_triangle_edit": Route(kwargs=_codes, cross=_own_code),
    "programme:report_create": Route(kwargs=_codes, cross=_own_code),
    "programme:report_compare": Route(
        kwargs=_codes,
        cross=_own_code,
        foreign_queries=lambda o: [{"van": o.report_pk, "tot": o.draft_report_pk}],
    ),
    "programme:report_detail": Route(kwargs=_reports, shows_own=True),
    "programme:programme_outcomes": Route(
        kwargs=lambda r: [{"slug": f"{r.spec.slug}-programma"}], shows_own=True
    ),
    "programme:report_pdf": Route(kwargs=_reports),
    "programme:report_action": Route(
        kwargs=lambda r: [{"pk": r.draft_report_pk, "action": "indienen"}]
    ),
    # Governance registers.
    "registers:overview": Route(queries=lambda r: [{"op": "2019-06-01"}], shows_own=True),
    "registers:decision_list": Route(shows_own=True),
    "registers:decision_detail": Route(
        kwargs=lambda r: [{"slug": r.proposal_slug}, {"slug": r.decision_slug}], shows_own=True
    ),
    "registers:decision_send": Route(kwargs=lambda r: [{"slug": r.proposal_slug}]),
    "registers:proposal_create": Route(),
    "registers:council_view_edit": Route(
        kwargs=lambda r: [{"slug": r.proposal_slug, "cbs_code": r.cbs_code}]
    ),
    "registers:council_view_list": Route(shows_own=True),
    "registers:body_detail": Route(kwargs=lambda r: [{"slug": r.body_slug}], shows_own=True),
    "registers:membership_create": Route(kwargs=lambda r: [{"slug": r.body_slug}]),
    "registers:membership_edit": Route(
        kwargs=lambda r: [{"slug": r.body_slug, "pk": r.membership_pk}]
    ),
    "registers:timeline": Route(shows_own=True),
    # Procurement.
    "procurement:overview": Route(
        queries=lambda r: [{"kader": r.framework_slug}, {"kader": r.later_framework_slug}],
        foreign_queries=lambda o: [{"kader": o.framework_slug}],
        shows_own=True,
    ),
    "procurement:segment_list": Route(shows_own=True),
    "procurement:segment_detail": Route(
        kwargs=lambda r: [{"framework_slug": r.framework_slug, "code": r.segment_code}],
        shows_own=True,
    ),
    "procurement:provider_list": Route(),
    # A provider is national: its page shows the contracts of the own region only.
    "procurement:provider_detail": Route(
        kwargs=lambda r: [{"slug": r.provider_slug}], cross=False, shows_own=True
    ),
    "procurement:norm_list": Route(shows_own=True),
    "procurement:risk_dashboard": Route(queries=lambda r: [{"jaar": 2023}]),
    "procurement:risk_thresholds": Route(),
    "procurement:financials_import": Route(),
    "procurement:risk_provider": Route(kwargs=lambda r: [{"slug": r.provider_slug}], cross=False),
    # Finance.
    "finance:index": Route(shows_own=True),
    "finance:budget_detail": Route(kwargs=_budget, shows_own=True),
    "finance:budget_line_create": Route(kwargs=_budget),
    "finance:budget_line_edit": Route(kwargs=_budget_line),
    "finance:budget_line_delete": Route(kwargs=_budget_line),
    "finance:key_list": Route(shows_own=True),
    "finance:key_upload": Route(),
    "finance:key_detail": Route(kwargs=lambda r: [{"slug": r.key_slug}], shows_own=True),
    "finance:allocation_list": Route(shows_own=True),
    "finance:allocation_create": Route(
        queries=lambda r: [{"begroting": r.budget_slug}],
        foreign_queries=lambda o: [{"begroting": o.budget_slug}],
    ),
    "finance:allocation_detail": Route(kwargs=lambda r: [{"pk": r.allocation_pk}], shows_own=True),
    "finance:allocation_statement": Route(
        kwargs=lambda r: [{"pk": r.allocation_pk, "cbs_code": r.cbs_code}]
    ),
    "finance:allocation_statements": Route(kwargs=lambda r: [{"pk": r.allocation_pk}]),
    "finance:funding_matrix": Route(shows_own=True),
    "finance:funding_edit": Route(kwargs=lambda r: [{"slug": r.project_slug}]),
    "finance:savings": Route(shows_own=True),
    # Letters.
    "letters:letter_list": Route(
        foreign_queries=lambda o: [{"municipality": o.municipality_pk}], shows_own=True
    ),
    "letters:letter_create": Route(),
    "letters:board_letter_create": Route(),
    "letters:letter_detail": Route(
        kwargs=_letters,
        queries=lambda r: [{"gemeente": r.cbs_code}],
        foreign_queries=lambda o: [{"gemeente": o.cbs_code}],
        shows_own=True,
    ),
    "letters:letter_edit": Route(kwargs=lambda r: [{"pk": r.draft_letter_pk}], shows_own=True),
    "letters:block_add": Route(
        kwargs=lambda r: [{"pk": r.draft_letter_pk}],
        queries=_block_queries,
        foreign_queries=lambda o: [{"section": o.draft_section_pk, "block_type": "table"}],
    ),
    "letters:letter_preview": Route(kwargs=_letters, shows_own=True),
    "letters:letter_pdf": Route(
        kwargs=lambda r: [{"pk": r.issued_letter_pk, "cbs_code": r.cbs_code}]
    ),
    "letters:letter_zip": Route(kwargs=lambda r: [{"pk": r.issued_letter_pk}]),
    "letters:letter_action": Route(
        kwargs=lambda r: [{"pk": r.draft_letter_pk, "action": "gereed-melden"}]
    ),
    "letters:letter_issue_confirm": Route(kwargs=_letters),
    "letters:letter_draft_pdf": Route(
        kwargs=lambda r: [{"pk": r.draft_letter_pk}],
        queries=lambda r: [{"gemeente": r.cbs_code}],
        foreign_queries=lambda o: [{"gemeente": o.cbs_code}],
    ),
    "letters:letter_bin": Route(),
    "letters:letter_restore": Route(kwargs=lambda r: [{"pk": r.draft_letter_pk}]),
    "letters:letter_profile_list": Route(),
    "letters:letter_profile_edit": Route(
        kwargs=lambda r: [{"cbs_code": r.cbs_code}], shows_own=True
    ),
    # Users of the region (functional administrators; everyone else 403).
    "accounts:user_list": Route(
        queries=lambda r: [{"q": "adviseur"}, {"role": Role.NETWORK_MT}, {"is_active": "nee"}],
        shows_own=True,
    ),
    "accounts:user_invite": Route(),
    "accounts:user_detail": Route(kwargs=_accounts, shows_own=True),
    "accounts:user_invitation_send": Route(kwargs=_accounts),
    # The platform administrator's new region: everyone else is refused (403).
    "accounts:region_create": Route(region_free=True),
    # A forged invitation link: public, refused for everyone.
    "invitation_accept": Route(
        kwargs=lambda r: [{"uidb64": "MQ", "token": "vals-token"}], cross=False, region_free=True
    ),
    # The region workbook of the functional administrator: the own region's rows only.
    "workbook:index": Route(),
    "workbook:apply": Route(),
    "workbook:template": Route(queries=lambda r: [{"formaat": "zip"}]),
    "workbook:export": Route(queries=lambda r: [{"formaat": "zip"}]),
    # The region's theme: the form of its functional administrator, and the stylesheet and logo
    # every page links to (public: a public page wears the theme of the region it is about).
    "theme_admin:theme_edit": Route(shows_own=True),
    "themes:theme_stylesheet": Route(
        kwargs=lambda r: [{"slug": f"{r.spec.slug}-regio"}], cross=False, region_free=True
    ),
    "themes:theme_logo": Route(
        kwargs=lambda r: [{"slug": f"{r.spec.slug}-regio"}], cross=False, region_free=True
    ),
    # The public publication: public for every region, so no other region's object is hidden.
    "public_letters:letter_list": Route(region_free=True, public=True),
    "public_letters:letter_detail": Route(
        kwargs=lambda r: [{"public_id": r.issued_public_id, "cbs_code": r.cbs_code}],
        cross=False,
        region_free=True,
        public=True,
    ),
    "public_letters:letter_pdf": Route(
        kwargs=lambda r: [{"public_id": r.issued_public_id, "cbs_code": r.cbs_code}],
        cross=False,
        region_free=True,
        public=True,
    ),
}

# Not requested: logging out ends the session the other requests need.
SKIPPED = {"logout"}


def _admin_change(attribute: str) -> Kwargs:
    return lambda r: [{"object_id": getattr(r, attribute)}]


# The admin is not walked page by page; these are its key pages for a functional administrator.
ADMIN_ROUTES: dict[str, Route] = {
    "admin:index": Route(),
    **{
        f"admin:{model}_changelist": Route()
        for model in (
            "governance_municipality",
            "governance_organisation",
            "governance_body",
            "governance_person",
            "governance_decision",
            "governance_councilview",
            "governance_timelineentry",
            "governance_letter",
            "programme_programme",
            "programme_project",
            "programme_effort",
            "programme_progressreport",
            "procurement_framework",
            "procurement_segment",
            "procurement_contract",
            "finance_budget",
            "finance_budgetline",
            "finance_distributionkey",
            "finance_allocation",
            "finance_savingsmeasure",
            "auth_user",
        )
    },
    "admin:auth_user_change": Route(kwargs=lambda r: [{"object_id": r.users.get(Role.GRIFFIE, 0)}]),
    "admin:programme_project_change": Route(kwargs=_admin_change("project_pk")),
    "admin:governance_decision_change": Route(kwargs=_admin_change("decision_pk")),
    "admin:procurement_contract_change": Route(kwargs=_admin_change("contract_pk")),
    "admin:finance_budget_change": Route(kwargs=_admin_change("budget_pk")),
    "admin:governance_letter_change": Route(kwargs=_admin_change("draft_letter_pk")),
}

ALL_ROUTES = {**ROUTES, **ADMIN_ROUTES}


def url_patterns(resolver=None, namespace="", prefix="") -> Iterator[tuple[str, URLPattern, str]]:
    """Every URL pattern of the URL conf, includes followed: (namespaced name, pattern, route).

    A pattern without a name is named by its route, so that it cannot slip through either.
    """
    for pattern in (resolver or get_resolver()).url_patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            inner = ":".join(part for part in (namespace, pattern.namespace) if part)
            yield from url_patterns(pattern, inner, route)
        elif isinstance(pattern, URLPattern):
            name = pattern.name or f"<{route}>"
            yield (f"{namespace}:{name}" if namespace else name), pattern, route


def _admin_names() -> set[str]:
    return {name for name, _pattern, route in url_patterns() if route.startswith("admin/")}


def _is_admin(name: str) -> bool:
    return name.startswith("admin:")


def test_every_url_has_a_route():
    patterns = {name: pattern for name, pattern, _route in url_patterns()}
    names = set(patterns) - _admin_names()
    missing = sorted(names - set(ROUTES) - SKIPPED)
    assert not missing, f"URLs without an entry in ROUTES of {__name__}: {missing}"
    stale = sorted((set(ROUTES) | SKIPPED) - names) + sorted(set(ADMIN_ROUTES) - set(patterns))
    assert not stale, f"Entries for URLs that no longer exist: {stale}"
    for name, route in ALL_ROUTES.items():
        parameters = set(patterns[name].pattern.converters)
        for kwargs in route.own_kwargs(SAMPLE):
            assert set(kwargs) == parameters, (name, sorted(kwargs), sorted(parameters))


# --- Requests and what they return ----------------------------------------------------------


@dataclass(frozen=True)
class Request:
    name: str
    url: str
    route: Route
    variant: str  # "", "htmx", "csv", "xlsx", "query", "foreign query"
    headers: dict

    def where(self, status: int) -> str:
        return f"{self.url} [{self.variant or 'page'}] {status}"


def _export_formats(pattern: URLPattern) -> list[str]:
    view_class = getattr(pattern.callback, "view_class", None)
    if view_class is not None and issubclass(view_class, ExportMixin):
        return list(view_class.export_formats)
    return []


PATTERNS: dict[str, URLPattern] = {}


def _pattern(name: str) -> URLPattern:
    if not PATTERNS:
        PATTERNS.update((name, pattern) for name, pattern, _route in url_patterns())
    return PATTERNS[name]


def requests_for(name: str, route: Route, own: BuiltRegion, other: BuiltRegion):
    """Every request of one route with the own region's objects: plain, exports, htmx, queries."""
    exports = _export_formats(_pattern(name))
    for kwargs in route.own_kwargs(own):
        url = reverse(name, kwargs=kwargs)
        yield Request(name, url, route, "", {})
        if route.htmx:
            yield Request(name, url, route, "htmx", {"HX-Request": "true"})
        for export in exports:
            yield Request(name, f"{url}?_export={export}", route, export, {})
        for query in route.queries(own) if route.queries else ():
            yield Request(name, f"{url}?{urlencode(query)}", route, "query", {})
        for query in route.foreign_queries(other) if route.foreign_queries else ():
            yield Request(name, f"{url}?{urlencode(query)}", route, "foreign query", {})


def response_text(response) -> str:
    """What a response shows, whatever its kind: HTML, CSV, XLSX, PDF (text and attachments), ZIP
    (names and members); with the headers that name things (redirects, file names)."""
    content = (
        b"".join(response.streaming_content) if response.streaming else bytes(response.content)
    )
    content_type = response.get("Content-Type", "")
    parts = [response.get("Location", ""), response.get("Content-Disposition", "")]
    if content_type.startswith("application/pdf"):
        parts.append(pdf_text(content))
    elif content_type.startswith("application/zip"):
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            for member in archive.namelist():
                parts.append(member)
                data = archive.read(member)
                parts.append(
                    pdf_text(data) if member.endswith(".pdf") else data.decode("utf-8", "replace")
                )
    elif "spreadsheetml" in content_type:
        from openpyxl import load_workbook

        workbook = load_workbook(io.BytesIO(content), read_only=True)
        for sheet in workbook.worksheets:
            parts.append(sheet.title)
            for row in sheet.iter_rows(values_only=True):
                parts.extend(str(value) for value in row if value is not None)
    else:
        parts.append(content.decode("utf-8-sig", "replace"))
    return "\n".join(parts)


def _client(user_pk: int) -> Client:
    client = Client()
    client.force_login(User.objects.get(pk=user_pk))
    return client


def _leaked(text: str, region: BuiltRegion, *, public: bool, url: str = "") -> list[str]:
    """The other region's markers in `text`: none may show, except on the public publication
    what that region has published, and what the requested URL itself names."""
    found = region.spec.markers_in(text) - region.spec.markers_in(url)
    if public:
        found -= region.published_markers
    return sorted(found)


def _summary(markers: list[str], limit: int = 6) -> str:
    shown = ", ".join(markers[:limit])
    return f"{shown}, … ({len(markers)} in all)" if len(markers) > limit else shown


def _report(problems: list[str], title: str) -> str:
    return f"{title}: {len(problems)} problem(s)\n  " + "\n  ".join(problems)


# A stand-in region for checking the routes' parameters without a database.
SAMPLE = BuiltRegion(
    **{
        name: (0 if annotation is int else "x")
        for name, annotation in BuiltRegion.__annotations__.items()
        if name not in {"spec", "users", "published_markers"}
    },
    spec=FIRST,
    users={},
    published_markers=frozenset(),
)


# --- Every role of both regions: only their own region ---------------------------------------


def _provider_count_problems(text: str, own: BuiltRegion) -> list[str]:
    """The national provider's contract count in the provider list's CSV is the own region's."""
    content = text.split("\n", 2)[-1]  # after the Location and Content-Disposition lines
    # The one CSV flavour of every export: Dutch Excel's (`;`, UTF-8 with a byte order mark).
    rows = list(csv.reader(io.StringIO(content.lstrip("\ufeff")), delimiter=";"))
    count = rows[0].index("Aantal")
    for row in rows[1:]:
        if (
            row
            and row[0] == "Landelijke Jeugdhulp"
            and row[count] != str(own.spec.shared_contracts)
        ):
            return [
                f"the national provider has {row[count]} contracts in the list; "
                f"{own.spec.shared_contracts} of them are the region's"
            ]
    return []


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("token", TOKENS)
def test_a_region_user_sees_only_their_region(world, token, role):
    own, other = world.regions[token], world.other(token)
    client = _client(own.users[role])
    problems, answered = [], 0
    for name, route in ALL_ROUTES.items():
        for request in requests_for(name, route, own, other):
            response = client.get(request.url, headers=request.headers)
            status, issues = response.status_code, []
            if status >= 500:
                issues.append("server error")
            text = response_text(response)
            leaked = _leaked(text, other, public=route.public)
            if leaked:
                issues.append(f"shows {other.token}: {_summary(leaked)}")
            answered += status == 200
            # A sealed page is not an empty one: it shows the own region's object.
            page = status == 200 and response.get("Content-Type", "").startswith("text/html")
            if page and route.shows_own and not request.variant and not own.spec.markers_in(text):
                issues.append("shows nothing of its own region")
            if name == "procurement:provider_list" and request.variant == "csv":
                issues += _provider_count_problems(text, own)
            if issues:
                problems.append(f"{request.where(status)}: {'; '.join(issues)}")
    assert answered > 30, f"only {answered} pages answered 200: the test sees too little"
    if problems:
        pytest.fail(_report(problems, f"{role} of {token}"), pytrace=False)


# --- The other region's objects do not exist ----------------------------------------------


def _refused(name: str, response) -> bool:
    status = response.status_code
    if _is_admin(name):
        # The admin sends an unknown object back to its index, and a non-administrator to the
        # login page; anything else shows or changes the object.
        location = urlparse(response.get("Location", "")).path
        away = {reverse("admin:index"), reverse("admin:login"), reverse("login")}
        return status in (403, 404) or (status == 302 and location in away)
    return status in (403, 404, 405)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("token", TOKENS)
def test_another_regions_objects_do_not_exist(world, token, role):
    own, other = world.regions[token], world.other(token)
    client = _client(own.users[role])
    problems, requested = [], 0
    for name, route in ALL_ROUTES.items():
        for kwargs in route.cross_kwargs(other):
            url = reverse(name, kwargs=kwargs)
            for method in ("get", "post"):
                requested += 1
                response = getattr(client, method)(url)
                issues = [] if _refused(name, response) else ["answers for the object"]
                leaked = _leaked(response_text(response), other, public=False, url=url)
                if leaked:
                    issues.append(f"shows {other.token}: {_summary(leaked)}")
                if issues:
                    problems.append(
                        f"{method.upper()} {url} {response.status_code}: {'; '.join(issues)}"
                    )
    assert requested > 40
    if problems:
        pytest.fail(
            _report(problems, f"{role} of {token}, on {other.token}'s objects"), pytrace=False
        )


# --- The admin, page by page, as a region's functional administrator ------------------------


def _admin_url(model, view: str, *args) -> str:
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


def _admin_rows(model, region_pk: int) -> list:
    """The primary keys of `model` that the region's administrator manages (or, for a national
    model, reads)."""
    if model is User:
        return list(
            User.objects.filter(person__region_id=region_pk, is_superuser=False).values_list(
                "pk", flat=True
            )
        )
    with region_scope(region_pk):
        return list(model._default_manager.values_list("pk", flat=True))


@pytest.mark.parametrize("token", TOKENS)
def test_a_functional_administrator_walks_the_whole_admin_of_their_region_only(world, token):
    """Not a superuser, no permission of their own: the role's group opens every changelist and
    change page of the region's rows (and the national ones), and none of the other region's."""
    own, other = world.regions[token], world.other(token)
    administrator = User.objects.get(pk=own.users[Role.FUNCTIONAL_ADMIN])
    assert not administrator.is_superuser and not administrator.user_permissions.exists()
    client = _client(administrator.pk)
    problems, pages = [], 0
    for model in sorted(admin.site._registry, key=lambda model: model._meta.label):
        opts = model._meta
        may_view = administrator.has_perm(f"{opts.app_label}.view_{opts.model_name}")
        response = client.get(_admin_url(model, "changelist"))
        if not may_view:
            if response.status_code != 403:
                problems.append(f"{opts.label}: changelist {response.status_code} without rights")
            continue
        urls = [_admin_url(model, "changelist")]
        urls += [_admin_url(model, "change", pk) for pk in _admin_rows(model, own.region_pk)]
        for url in urls:
            response = client.get(url)
            pages += 1
            leaked = _leaked(response_text(response), other, public=False)
            if response.status_code != 200 or leaked:
                problems.append(f"{url} {response.status_code}: {_summary(leaked)}")
        scoped = getattr(model._default_manager, "scope_path", None) or model is User
        for pk in _admin_rows(model, other.region_pk)[:3] if scoped else ():
            url = _admin_url(model, "change", pk)
            response = client.get(url)
            if not _refused("admin:", response):
                problems.append(f"{url} {response.status_code}: another region's row opens")
    assert pages > 100, f"only {pages} admin pages were walked"
    if problems:
        pytest.fail(_report(problems, f"the admin of {token}"), pytrace=False)


# --- A role but no region: 403 and no data --------------------------------------------------


@pytest.mark.parametrize("who", ROLES)
def test_a_user_with_a_role_but_no_region_gets_403_and_no_data(world, who):
    client = _client(world.no_region_users[who])
    first, second = world.regions[FIRST.token], world.regions[SECOND.token]
    problems, seen = [], set()
    for name, route in ALL_ROUTES.items():
        for own, other in ((first, second), (second, first)):
            for request in requests_for(name, route, own, other):
                if request.variant == "foreign query" or (request.url, request.variant) in seen:
                    continue  # the other region's own objects come round in their turn
                seen.add((request.url, request.variant))
                response = client.get(request.url, headers=request.headers)
                status, issues = response.status_code, []
                if not route.region_free and status != 403:
                    issues.append("expected 403")
                text = response_text(response)
                for region in (first, second):
                    leaked = _leaked(text, region, public=route.public, url=request.url)
                    if leaked:
                        issues.append(f"shows {region.token}: {_summary(leaked, 3)}")
                if issues:
                    problems.append(f"{request.where(status)}: {'; '.join(issues)}")
    if problems:
        pytest.fail(_report(problems, f"{who} without a region"), pytrace=False)


def test_the_two_regions_are_told_apart(world):
    """The markers of one region are never those of the other: a finding is a real leak."""
    first, second = world.regions[FIRST.token], world.regions[SECOND.token]
    assert not FIRST.markers_in(f"{SECOND.token}-project-2.1.1 {SECOND.cbs(1)}")
    assert not SECOND.markers_in(f"{FIRST.token}-project-2.1.1 {FIRST.cbs(1)}")
    assert FIRST.markers_in("/programma/kwx-project-2-1-1/") == {"kwx-project-2-1-1"}
    assert second.published_markers and first.published_markers
    assert Role.GRIFFIE in first.users
