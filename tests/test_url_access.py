"""Every URL of the app, asked as every demo role and anonymously: the allowed status codes.

No page answers 5xx to anyone; anonymous visitors are sent to the login page except on the few
public pages; restricted pages refuse the roles that may not see them.
"""

import datetime
import uuid
from decimal import Decimal

from django.contrib.auth.models import User
from django.core.management import call_command
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

import pytest

from finance.models import Budget, DistributionKey
from governance.models import Decision, Letter, Membership
from procurement.models import Provider
from programme.models import Project

pytestmark = pytest.mark.django_db

PUBLIC = {
    "login",
    "healthz",
    "logout",
    "public_letters:letter_list",
    "invitation_accept",
    "information_toegankelijkheid",
    "information_privacy",
    "information_contact",
    # A region's theme: public pages wear it too.
    "themes:theme_stylesheet",
    "themes:theme_logo",
}
# The login's second step and the way to and from an identity provider.
PUBLIC |= {"second_factor", "oidc_start", "oidc_callback"}
PUBLIC_PREFIXES = ("public_letters:",)
ROLES = ["adviseur", "adviseur2", "griffie", "griffie2", "nmt", "beheer", "platform"]

# A forged link answers 400 to everyone (the route is requested with a made-up token).
REFUSED_LINKS = {"invitation_accept"}

# Pages some roles may not see, and who gets 403 there.
FORBIDDEN = {
    "procurement:risk_dashboard": {"adviseur", "adviseur2", "griffie"},
    "procurement:risk_provider": {"adviseur", "adviseur2", "griffie"},
    "procurement:risk_thresholds": {"adviseur", "adviseur2", "griffie", "nmt"},
    "procurement:financials_import": {"adviseur", "adviseur2", "griffie", "nmt"},
    "finance:budget_line_create": {"adviseur", "adviseur2", "griffie"},
    "finance:key_upload": {"adviseur", "adviseur2", "griffie"},
    "programme:effort_edit": {"griffie"},
    **{
        f"programme:{name}": {"griffie"}
        for name in (
            "effort_create",
            "effort_plan_edit",
            "effort_remove",
            "sub_goal_create",
            "sub_goal_edit",
            "sub_goal_remove",
            "project_duration_edit",
        )
    },
    # Proposals to the councils come from the Netwerk MT and functional administrators.
    "registers:proposal_create": {"adviseur", "adviseur2", "griffie", "griffie2"},
    # Memberships of bodies are kept by the Netwerk MT and functional administrators.
    "registers:membership_create": {"adviseur", "adviseur2", "griffie", "griffie2"},
    "registers:membership_edit": {"adviseur", "adviseur2", "griffie", "griffie2"},
    # The sponsor triangle is set by the Netwerk MT and functional administrators.
    "programme:project_triangle_edit": {"adviseur", "adviseur2", "griffie"},
    **{
        f"accounts:{name}": {"adviseur", "adviseur2", "griffie", "nmt"}
        for name in ("user_list", "user_invite", "user_detail", "user_invitation_send")
    },
    **{
        f"workbook:{name}": {"adviseur", "adviseur2", "griffie", "nmt"}
        for name in ("index", "apply", "template", "export")
    },
    # A letter profile is kept by the municipality's griffie and functional administrators.
    "letters:letter_profile_list": {"adviseur", "adviseur2", "nmt", "platform"},
    "letters:letter_profile_edit": {"adviseur", "adviseur2", "nmt", "platform"},
    # A board's letter is started by the board's secretariat and functional administrators.
    "letters:board_letter_create": {
        "adviseur",
        "adviseur2",
        "griffie",
        "griffie2",
        "nmt",
        "platform",
    },
    # The region's theme is set by its functional administrator.
    "theme_admin:theme_edit": {"adviseur", "adviseur2", "griffie", "griffie2", "nmt"},
    # The platform administrator's page only.
    "accounts:region_create": {"adviseur", "adviseur2", "griffie", "nmt", "beheer"},
}


def _routes(resolver=None, namespace=""):
    for pattern in (resolver or get_resolver()).url_patterns:
        if isinstance(pattern, URLResolver):
            if str(pattern.pattern).startswith("admin/"):
                continue
            yield from _routes(pattern, pattern.namespace or namespace)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield f"{namespace}:{pattern.name}" if namespace else pattern.name, pattern


@pytest.fixture
def samples():
    """One real object for every URL parameter, from the ZHZ data."""
    from finance.services import allocation_create
    from programme.services import progress_report_create

    call_command("load_reference_data", verbosity=0)
    call_command("demo_accounts", verbosity=0)
    call_command("issue_fixture_letters", verbosity=0)
    nmt = User.objects.get(username="nmt")
    project = Project.objects.get(code="2.1.2", theme__isnull=False)
    report = progress_report_create(
        project=project, user=nmt, report_date=datetime.date(2023, 3, 31)
    )
    budget = Budget.objects.get(slug="nmt-voorlopige-begroting-2023")
    key = DistributionKey.objects.get(slug="meicirculaire-2021")
    allocation = allocation_create(user=nmt, key=key, amount=Decimal("216387"))
    letter = Letter.objects.exclude(public_id=None).first()
    provider = Provider.objects.filter(financial_years__isnull=False).first()
    return {
        "code": "2.1.2",
        "effort_pk": project.efforts.first().pk,
        "sub_goal_pk": project.sub_goals.first().pk,
        "action": "indienen",
        "slug": None,  # depends on the URL: see below
        "framework_slug": "inkoopkader-2022",
        "cbs_code": "GM0505",
        "uidb64": "MQ",
        "token": "vals-token",
        "public_id": letter.public_id,
        "_pk": {
            "programme": report.pk,
            "registers:membership": Membership.objects.filter(body__slug="ab-dgj").first().pk,
            "finance:budget_line": budget.lines.first().pk,
            "finance:allocation": allocation.pk,
            "letters": letter.pk,
            "accounts": User.objects.get(username="adviseur").pk,
            "jobs": uuid.uuid4(),  # nobody's: every role gets a 404
        },
        "_slug": {
            "registers:body": "ab-dgj",
            "registers:membership": "ab-dgj",
            "programme:programme_outcomes": "ontwikkelagenda-2021",
            "registers": Decision.objects.exclude(slug="").first().slug,
            "procurement:segment": "4a",
            "procurement": provider.slug,
            "finance:budget": budget.slug,
            "finance:key": key.slug,
            "finance:funding": project.slug,
            "themes": "zhz",
        },
    }


def _kwargs(name, pattern, samples):
    kwargs = {}
    for parameter in pattern.pattern.converters:
        if parameter == "pk":
            kwargs["pk"] = next(v for k, v in samples["_pk"].items() if name.startswith(k))
        elif parameter == "slug":
            kwargs["slug"] = next(v for k, v in samples["_slug"].items() if name.startswith(k))
        elif parameter == "code" and name.startswith("procurement:segment"):
            kwargs["code"] = "4a"
        else:
            kwargs[parameter] = samples[parameter]
    return kwargs


def test_every_url_as_every_role_and_anonymous(samples):
    routes = list(_routes())
    assert len(routes) > 50
    clients = {"anoniem": Client()}
    for username in ROLES:
        clients[username] = Client()
        clients[username].force_login(User.objects.get(username=username))
    seen = []
    for name, pattern in routes:
        url = reverse(name, kwargs=_kwargs(name, pattern, samples))
        for who, client in clients.items():
            status = client.get(url).status_code
            seen.append((name, who, status))
            assert status < 500, (url, who, status)
            if name in REFUSED_LINKS:
                assert status == 400, (url, who, status)
            elif who == "anoniem":
                if name in PUBLIC or name.startswith(PUBLIC_PREFIXES):
                    assert status in (200, 302, 405), (url, status)
                else:
                    assert status == 302, (url, status)
            elif who in FORBIDDEN.get(name, ()):
                assert status == 403, (url, who, status)
            else:
                assert status in (200, 302, 403, 404, 405), (url, who, status)
    # The main pages answer 200 to every role.
    for name in ["home", "programme:dashboard", "programme:project_list", "finance:index"]:
        for who in ROLES:
            assert (name, who, 200) in seen
