"""The admin for functional administrators: every page opens, search works, bad input is refused."""

from datetime import date, timedelta
from decimal import Decimal

from django.apps import apps
from django.contrib import admin
from django.contrib.auth.models import Group, Permission, User
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.html import escape

import pytest
from simple_history.admin import SimpleHistoryAdmin

from core.locking import StaleEditError
from core.services import model_update
from finance.constants import BudgetKind, LineDirection
from finance.models import (
    Allocation,
    AllocationShare,
    Budget,
    BudgetLine,
    DistributionKey,
    DistributionShare,
    FundingSource,
    SavingsMeasure,
)
from governance.constants import (
    BodyKind,
    CouncilViewStatus,
    MembershipRole,
    OrganisationKind,
    Role,
)
from governance.models import (
    Body,
    CouncilView,
    Decision,
    InformationPage,
    Membership,
    Municipality,
    Organisation,
    Person,
    Region,
    RegionTheme,
    TimelineEntry,
)
from procurement.constants import LegalForm, ProcedureChoice, ProcedureKind
from procurement.models import (
    Contract,
    CoreValue,
    Framework,
    Norm,
    Phase,
    Principle,
    Procedure,
    ProductCategory,
    Provider,
    ProviderFinancialYear,
    ProviderRiskPageView,
    Segment,
)
from programme.constants import EffortStatus, ProjectStatus
from programme.models import (
    Effort,
    EffortDelivery,
    Experiment,
    KeyPerformanceIndicator,
    Programme,
    ProgressReport,
    ProgressReportLine,
    Project,
    SubGoal,
    Theme,
)
from programme.timetargets import parse_time_target

pytestmark = pytest.mark.django_db

from governance.models import (  # noqa: E402
    ExternalIdentity,
    IdentityProvider,
    Letter,
    LetterBlock,
    LetterPdf,
    LetterSection,
)
from tests.governance.factories import MunicipalityFactory  # noqa: E402
from tests.governance.letter_factories import one_of_each_letter_model  # noqa: E402

OUR_APPS = ("governance", "procurement", "programme", "finance")
# Computed or snapshotted by services: the admin shows them and allows no adding or editing.
READ_ONLY = {
    ExternalIdentity,
    Allocation,
    InformationPage,  # always the three pages: changed, never added
    AllocationShare,
    ProgressReportLine,
    ProviderRiskPageView,
    Letter,
    LetterSection,
    LetterBlock,
    LetterPdf,
    RegionTheme,  # set on its own page, which checks the contrast of the colours
}


def our_models():
    return sorted(
        (model for model in admin.site._registry if model._meta.app_label in OUR_APPS),
        key=lambda model: model._meta.label,
    )


def url(model, view, *args):
    opts = model._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_{view}", args=args)


@pytest.fixture(autouse=True)
def _static_files(settings):
    # `make test` sets STATICFILES_BACKEND; this lets the module also run on its own with
    # DEBUG=false, where the production manifest storage would want collectstatic first.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture
def region():
    return Region.objects.create(slug="r", name="R")


@pytest.fixture
def municipality(region):
    return Municipality.objects.create(region=region, name="Gemeente Een", cbs_code="GM0001")


@pytest.fixture
def body(region):
    return Body.objects.create(
        region=region, slug="ab", name="Algemeen bestuur", abbreviation="AB",
        kind=BodyKind.GENERAL_BOARD,
    )  # fmt: skip


@pytest.fixture
def budget(body):
    return Budget.objects.create(
        owner=body, slug="begroting-2024", year=2024, kind=BudgetKind.BUDGET, title="Begroting 2024"
    )


@pytest.fixture
def person(municipality):
    return Person.objects.create(slug="p", name="Pietje Puk", municipality=municipality)


@pytest.fixture
def project(region, body):
    programme = Programme.objects.create(region=region, slug="prog", name="Programma", owner=body)
    return Project.objects.create(programme=programme, slug="proj", code="1.1", name="Project")


@pytest.fixture
def everything(region, municipality, body, budget, person, project, admin_user):
    """One object of every model, so that lists, change pages and inlines have something to show."""
    Organisation.objects.create(
        region=region, slug="gr", name="Regeling", kind=OrganisationKind.JOINT_ARRANGEMENT
    )
    RegionTheme.objects.create(region=region, display_name="Huisstijl", primary="#1a5e3a")
    Membership.objects.create(
        person=person, body=body, role=MembershipRole.CHAIR, valid_from=date(2020, 1, 1)
    )
    decision = Decision.objects.create(
        body=body, slug="besluit", date=date(2021, 4, 20), title="Inkoopkader", outcome="adopted"
    )
    CouncilView.objects.create(
        municipality=municipality, decision=decision, status=CouncilViewStatus.AWAITED
    )
    TimelineEntry.objects.create(region=region, slug="aef", date=date(2020, 9, 23), title="AEF")
    one_of_each_letter_model(municipality=municipality, decision=decision)
    framework = Framework.objects.create(
        region=region, slug="kader", name="Inkoopkader", valid_from=date(2022, 1, 1),
        adopted_by=decision,
    )  # fmt: skip
    Principle.objects.create(framework=framework, order=1, text="Uitgangspunt")
    CoreValue.objects.create(framework=framework, order=1, text="Kernwaarde")
    segment = Segment.objects.create(framework=framework, code="4a", name="Specialistisch")
    Phase.objects.create(framework=framework, number=1, name="Voorbereiding")
    procedure = Procedure.objects.create(
        framework=framework, kind=ProcedureKind.OPEN_HOUSE, choice=ProcedureChoice.CHOSEN
    )
    category = ProductCategory.objects.create(code="45", name="Jeugdhulp ambulant")
    category.segments.add(segment)
    provider = Provider.objects.create(
        slug="aanbieder", name="Aanbieder", legal_form=LegalForm.FOUNDATION
    )
    Contract.objects.create(
        provider=provider, segment=segment, procedure=procedure, valid_from=date(2022, 1, 1)
    )
    Norm.objects.create(segment=segment, product_category=category, description="Max 12 maanden")
    ProviderFinancialYear.objects.create(
        provider=provider, year=2023, revenue=Decimal("1000000"), operating_result=Decimal("50000"),
        fte=Decimal("10"), personnel_costs=Decimal("700000"), total_costs=Decimal("950000"),
    )  # fmt: skip
    ProviderRiskPageView.objects.create(
        provider=provider, user=admin_user, username="admin", region=region
    )

    programme = project.programme
    Theme.objects.create(programme=programme, slug="lijn", code="2.2", name="Meer lokaal")
    sub_goal = SubGoal.objects.create(project=project, order=1, text="Subdoel")
    effort = Effort.objects.create(
        project=project, sub_goal=sub_goal, order=1, text="Inspanning", time_target="Q2 2022"
    )
    EffortDelivery.objects.create(effort=effort, delivered_on=date(2022, 4, 5))
    report = ProgressReport.objects.create(
        project=project, report_date=date(2022, 6, 30), overall_status=ProjectStatus.ON_TRACK
    )
    ProgressReportLine.objects.create(
        report=report, effort=effort, order=1, status=EffortStatus.IN_PROGRESS,
        effort_text=effort.text,
    )  # fmt: skip
    Experiment.objects.create(programme=programme, slug="exp", name="Experiment", project=project)
    KeyPerformanceIndicator.objects.create(project=project, name="Wachttijd")

    BudgetLine.objects.create(
        budget=budget, order=1, direction=LineDirection.INCOME, label="Bijdragen",
        amount=Decimal("1000.00"),
    )  # fmt: skip
    BudgetLine.objects.create(
        budget=budget, order=2, direction=LineDirection.COST, label="Inhuur",
        amount=Decimal("250.50"), project=project,
    )  # fmt: skip
    BudgetLine.objects.create(
        budget=budget, order=3, direction=LineDirection.COST, label="Onderzoek",
        is_pro_memorie=True,
    )  # fmt: skip
    key = DistributionKey.objects.create(
        region=region, slug="sleutel", name="Inwoners", source="CBS"
    )
    DistributionShare.objects.create(key=key, municipality=municipality, percentage=Decimal("60"))
    allocation = Allocation.objects.create(
        key=key, label="Tekort", amount=Decimal("100"), key_sum=Decimal("60"), created_by=admin_user
    )
    AllocationShare.objects.create(
        allocation=allocation, municipality=municipality, percentage=Decimal("60"),
        amount=Decimal("100"),
    )  # fmt: skip
    FundingSource.objects.create(project=project, kind="national")
    SavingsMeasure.objects.create(
        municipality=municipality, name="Minder inhuur", year=2024, amount=Decimal("-5000")
    )
    IdentityProvider.objects.create(
        region=region, name="Gemeenteaccount", issuer="https://login.example", client_id="r"
    )
    # An identity of an account of the region (the admin shows those of the own region).
    account = User.objects.create_user(username="extern", email="extern@example.org")
    Person.objects.create(region=region, slug="extern", name="Extern Account", user=account)
    ExternalIdentity.objects.create(user=account, issuer="https://login.example", subject="s")


# --- Registration ---------------------------------------------------------------------------


def test_every_concrete_model_is_registered():
    for app_label in OUR_APPS:
        for model in apps.get_app_config(app_label).get_models():
            if model.__name__.startswith("Historical"):
                assert model not in admin.site._registry
            else:
                assert model in admin.site._registry, model._meta.label


@pytest.mark.parametrize("model", our_models(), ids=lambda model: model._meta.label)
def test_models_with_history_show_it(model):
    has_history = hasattr(model._meta, "simple_history_manager_attribute")
    assert isinstance(admin.site._registry[model], SimpleHistoryAdmin) == has_history


def test_site_names_the_application(admin_client):
    response = admin_client.get(reverse("admin:index"))
    assert response.status_code == 200
    assert "Jeugdregio – functioneel beheer" in response.content.decode()


# --- Every page opens -----------------------------------------------------------------------


@pytest.mark.parametrize("model", our_models(), ids=lambda model: model._meta.label)
def test_changelist_opens_empty_and_filled(admin_client, model, request):
    assert admin_client.get(url(model, "changelist")).status_code == 200
    request.getfixturevalue("everything")
    response = admin_client.get(url(model, "changelist"))
    assert response.status_code == 200
    assert response.context["cl"].result_count == model._default_manager.count() > 0


@pytest.mark.parametrize("model", our_models(), ids=lambda model: model._meta.label)
def test_add_page_opens(admin_client, model):
    response = admin_client.get(url(model, "add"))
    assert response.status_code == (403 if model in READ_ONLY else 200)


@pytest.mark.parametrize("model", our_models(), ids=lambda model: model._meta.label)
def test_change_page_opens(admin_client, model, everything):
    obj = model._default_manager.first()
    response = admin_client.get(url(model, "change", obj.pk))
    assert response.status_code == 200
    if model not in READ_ONLY:
        assert response.context["has_change_permission"]
    if hasattr(model._meta, "simple_history_manager_attribute"):
        assert admin_client.get(url(model, "history", obj.pk)).status_code == 200


@pytest.mark.parametrize(
    ("model", "term", "expected"),
    [
        (Municipality, "GM0001", "Gemeente Een"),
        (Person, "puk", "Pietje Puk"),
        (Decision, "inkoop", "Inkoopkader"),
        (Budget, "AB", "Begroting 2024"),
        (BudgetLine, "inhuur", "Inhuur"),
        (Effort, "1.1", "Inspanning"),
    ],
)
def test_search_finds(admin_client, everything, model, term, expected):
    response = admin_client.get(url(model, "changelist"), {"q": term})
    assert response.status_code == 200
    assert response.context["cl"].result_count == 1
    assert expected in response.content.decode()


def test_search_misses(admin_client, everything):
    response = admin_client.get(url(Person, "changelist"), {"q": "niemand"})
    assert response.context["cl"].result_count == 0


# --- Computed columns -----------------------------------------------------------------------


def test_budget_list_sums_without_pro_memorie(admin_client, everything):
    response = admin_client.get(url(Budget, "changelist"))
    page = response.content.decode()
    assert "€ 1.000,00" in page  # income
    assert "€ 250,50" in page  # cost; the PM line is not counted
    assert "€ 749,50" in page  # balance


def test_distribution_key_flags_incomplete_shares(admin_client, everything):
    response = admin_client.get(url(DistributionKey, "changelist"))
    page = response.content.decode()
    assert "60,00 %" in page
    assert 'alt="False"' in page
    incomplete = admin_client.get(url(DistributionKey, "changelist"), {"som": "anders"})
    assert incomplete.context["cl"].result_count == 1
    complete = admin_client.get(url(DistributionKey, "changelist"), {"som": "100"})
    assert complete.context["cl"].result_count == 0


def test_key_without_shares_counts_as_incomplete(admin_client, region):
    DistributionKey.objects.create(region=region, slug="leeg", name="Leeg", source="-")
    response = admin_client.get(url(DistributionKey, "changelist"), {"som": "anders"})
    assert response.context["cl"].result_count == 1


def _count_queries(client, path):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(path).status_code == 200
    return len(queries)


def test_budget_and_key_lists_do_not_query_per_row(admin_client, body, region, municipality):
    for year in (2020, 2021):
        budget = Budget.objects.create(
            owner=body, slug=f"b{year}", year=year, kind="budget", title="B"
        )
        BudgetLine.objects.create(budget=budget, order=1, direction="cost", label="x", amount=1)
        key = DistributionKey.objects.create(
            region=region, slug=f"k{year}", name=f"K{year}", source="-"
        )
        DistributionShare.objects.create(key=key, municipality=municipality, percentage=100)
    small = {
        model: _count_queries(admin_client, url(model, "changelist"))
        for model in (Budget, DistributionKey)
    }
    for year in range(2030, 2040):
        budget = Budget.objects.create(
            owner=body, slug=f"b{year}", year=year, kind="budget", title="B"
        )
        BudgetLine.objects.create(budget=budget, order=1, direction="cost", label="x", amount=1)
        key = DistributionKey.objects.create(
            region=region, slug=f"k{year}", name=f"K{year}", source="-"
        )
        DistributionShare.objects.create(key=key, municipality=municipality, percentage=50)
    for model, count in small.items():
        assert _count_queries(admin_client, url(model, "changelist")) == count, model


# --- Bad input: a Dutch message on the form, status 200, nothing saved ----------------------


def _line_data(budget, **overrides):
    data = {
        "budget": budget.pk,
        "order": 1,
        "direction": LineDirection.COST,
        "label": "Onderzoek",
        "amount": "",
    }
    data.update(overrides)
    return data


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"amount": "100", "is_pro_memorie": "on"}, "Een pro-memorieregel heeft geen bedrag."),
        ({}, "Vul een bedrag in, of vink pro memorie aan."),
    ],
)
def test_budget_line_needs_amount_or_pro_memorie(admin_client, budget, overrides, message):
    response = admin_client.post(url(BudgetLine, "add"), _line_data(budget, **overrides))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not BudgetLine.objects.exists()


def test_budget_line_with_both_is_refused_in_the_budget_form(admin_client, budget):
    data = {
        "owner": budget.owner_id,
        "slug": budget.slug,
        "year": budget.year,
        "kind": budget.kind,
        "title": budget.title,
        "notes": "",
        "lines-TOTAL_FORMS": "1",
        "lines-INITIAL_FORMS": "0",
        "lines-MIN_NUM_FORMS": "0",
        "lines-MAX_NUM_FORMS": "1000",
        "lines-0-order": "1",
        "lines-0-direction": LineDirection.COST,
        "lines-0-label": "Onderzoek",
        "lines-0-amount": "100",
        "lines-0-is_pro_memorie": "on",
    }
    response = admin_client.post(url(Budget, "change", budget.pk), data)
    assert response.status_code == 200
    assert "Een pro-memorieregel heeft geen bedrag." in response.content.decode()
    assert not BudgetLine.objects.exists()


def test_pro_memorie_line_is_saved(admin_client, budget):
    response = admin_client.post(url(BudgetLine, "add"), _line_data(budget, is_pro_memorie="on"))
    assert response.status_code == 302
    assert BudgetLine.objects.get().amount is None


def test_membership_ending_before_it_starts_is_refused(admin_client, person, body):
    data = {
        "person": person.pk,
        "body": body.pk,
        "role": MembershipRole.MEMBER,
        "valid_from": "2022-01-01",
        "valid_until": "2021-12-31",
    }
    response = admin_client.post(url(Membership, "add"), data)
    assert response.status_code == 200
    assert "‘tot en met’ mag niet vóór ‘vanaf’ liggen." in response.content.decode()
    assert not Membership.objects.exists()


def test_share_above_hundred_percent_is_refused(admin_client, region, municipality):
    key = DistributionKey.objects.create(region=region, slug="k", name="K", source="-")
    data = {"key": key.pk, "municipality": municipality.pk, "percentage": "150"}
    response = admin_client.post(url(DistributionShare, "add"), data)
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["percentage"]
    assert not DistributionShare.objects.exists()


def test_received_council_view_needs_a_date(admin_client, municipality, body):
    decision = Decision.objects.create(
        body=body, slug="d", date=date(2021, 1, 1), title="Voorstel", outcome="proposed"
    )
    data = {
        "municipality": municipality.pk,
        "decision": decision.pk,
        "status": CouncilViewStatus.RECEIVED,
    }
    response = admin_client.post(url(CouncilView, "add"), data)
    assert response.status_code == 200
    assert "Vul de datum in waarop de zienswijze is ontvangen." in response.content.decode()
    assert not CouncilView.objects.exists()


def test_norm_needs_segment_or_category(admin_client):
    response = admin_client.post(url(Norm, "add"), {"description": "Maximaal een jaar"})
    assert response.status_code == 200
    assert "Kies een segment of een productcategorie" in response.content.decode()
    assert not Norm.objects.exists()


# --- Projects and efforts -------------------------------------------------------------------


def _project_data(project, **overrides):
    data = {
        "programme": project.programme_id,
        "slug": project.slug,
        "code": project.code,
        "name": project.name,
        "overall_status": project.overall_status,
        "edit_version": project.edit_version,
        "sub_goals-TOTAL_FORMS": "0",
        "sub_goals-INITIAL_FORMS": "0",
        "efforts-TOTAL_FORMS": "0",
        "efforts-INITIAL_FORMS": "0",
    }
    data.update(overrides)
    return data


def test_project_change_counts_the_version_up(admin_client, project):
    response = admin_client.post(
        url(Project, "change", project.pk), _project_data(project, name="Nieuwe naam")
    )
    assert response.status_code == 302
    project.refresh_from_db()
    assert (project.name, project.edit_version) == ("Nieuwe naam", 2)
    assert project.history.count() == 2


def test_two_change_forms_of_one_version_the_second_save_is_refused(
    admin_client, client, admin_user, project
):
    client.force_login(admin_user)  # a second browser
    pages = [browser.get(url(Project, "change", project.pk)) for browser in (admin_client, client)]
    loaded = [page.context["adminform"].form["edit_version"].value() for page in pages]
    assert loaded == [1, 1]
    assert 'name="edit_version"' in pages[0].content.decode()

    first = _project_data(project, name="Eerste", edit_version=loaded[0])
    assert admin_client.post(url(Project, "change", project.pk), first).status_code == 302
    second = _project_data(project, name="Tweede", edit_version=loaded[1])
    response = client.post(url(Project, "change", project.pk), second)

    assert response.status_code == 200
    assert (
        escape(
            "Iemand anders heeft dit intussen gewijzigd: naam ‘Eerste’. Uw wijzigingen zijn niet "
            "opgeslagen."
        )
        in response.content.decode()
    )
    project.refresh_from_db()
    assert (project.name, project.edit_version, project.history.count()) == ("Eerste", 2, 2)


def test_an_unchanged_stale_form_saves_nothing_and_is_not_refused(admin_client, project):
    loaded = _project_data(project)
    admin_client.post(url(Project, "change", project.pk), _project_data(project, name="Eerste"))
    response = admin_client.post(url(Project, "change", project.pk), {**loaded, "name": "Eerste"})
    assert response.status_code == 302
    project.refresh_from_db()
    assert (project.name, project.edit_version, project.history.count()) == ("Eerste", 2, 2)


def test_reverting_a_project_counts_the_version_up(admin_client, project):
    admin_client.post(url(Project, "change", project.pk), _project_data(project, name="Twee"))
    first = project.history.earliest()
    revert_url = reverse("admin:programme_project_simple_history", args=[project.pk, first.pk])
    page = admin_client.get(revert_url)
    assert page.context["adminform"].form["edit_version"].value() == 2
    response = admin_client.post(revert_url, _project_data(project, edit_version=2))
    assert response.status_code == 302
    project.refresh_from_db()
    assert (project.name, project.edit_version) == ("Project", 3)


def test_reverting_from_a_stale_page_is_refused(admin_client, project):
    admin_client.post(url(Project, "change", project.pk), _project_data(project, name="Twee"))
    first = project.history.earliest()
    revert_url = reverse("admin:programme_project_simple_history", args=[project.pk, first.pk])
    admin_client.post(url(Project, "change", project.pk), _project_data(project, edit_version=2))
    response = admin_client.post(revert_url, _project_data(project, edit_version=2))
    assert response.status_code == 200
    assert "Iemand anders heeft dit intussen gewijzigd" in response.content.decode()
    project.refresh_from_db()
    assert project.edit_version == 3


def _effort_data(project, effort, **overrides):
    return _project_data(
        project,
        **{
            "efforts-TOTAL_FORMS": "1",
            "efforts-INITIAL_FORMS": "1",
            "efforts-0-id": effort.pk,
            "efforts-0-project": project.pk,
            "efforts-0-order": "1",
            "efforts-0-text": effort.text,
            "efforts-0-time_target": "Q2 2022",
            "efforts-0-recurrence": "",
            "efforts-0-status": effort.status,
            "efforts-0-edit_version": str(effort.edit_version),
            **overrides,
        },
    )


def test_stale_effort_in_the_project_page_is_refused(admin_client, project):
    effort = Effort.objects.create(project=project, order=1, text="Oud", time_target="Q2 2022")
    page = admin_client.get(url(Project, "change", project.pk)).content.decode()
    assert 'type="hidden" name="efforts-0-edit_version" value="1"' in page
    data = _effort_data(project, effort, **{"efforts-0-text": "Mijn tekst"})
    assert admin_client.post(url(Project, "change", project.pk), data).status_code == 302
    effort.refresh_from_db()
    assert (effort.text, effort.edit_version) == ("Mijn tekst", 2)
    assert effort.history.first().history_user.username == "admin"

    data["efforts-0-text"] = "Over een nieuwere versie heen"
    response = admin_client.post(url(Project, "change", project.pk), data)
    assert response.status_code == 200
    assert "Iemand anders heeft dit intussen gewijzigd: inspanning ‘Mijn tekst’" in (
        response.content.decode()
    )
    effort.refresh_from_db()
    assert effort.text == "Mijn tekst"


def test_a_stale_effort_is_not_deleted_from_the_project_page(admin_client, project):
    effort = Effort.objects.create(project=project, order=1, text="Oud", time_target="Q2 2022")
    loaded = _effort_data(project, effort, **{"efforts-0-DELETE": "on"})
    admin_client.post(
        url(Project, "change", project.pk),
        _effort_data(project, effort, **{"efforts-0-text": "Nu"}),
    )
    response = admin_client.post(url(Project, "change", project.pk), loaded)
    assert response.status_code == 200
    assert "Iemand anders heeft dit intussen gewijzigd" in response.content.decode()
    assert Effort.objects.filter(pk=effort.pk).exists()


def test_an_admin_change_makes_a_form_opened_elsewhere_stale(admin_client, project):
    effort = Effort.objects.create(project=project, order=1, text="Oud", time_target="Q2 2022")
    data = _effort_data(project, effort, **{"efforts-0-status": EffortStatus.ACHIEVED})
    admin_client.post(url(Project, "change", project.pk), data)
    # The staff page's effort form of before carries version 1; its save goes the same way.
    with pytest.raises(StaleEditError):
        model_update(instance=effort, expected_version=1, data={"remark": "Van de pagina"})
    effort.refresh_from_db()
    assert (effort.status, effort.remark) == (EffortStatus.ACHIEVED, "")


def test_stale_budget_line_in_the_budget_page_is_refused(admin_client, budget):
    line = BudgetLine.objects.create(
        budget=budget, order=1, direction=LineDirection.COST, label="Inhuur", amount=100
    )
    data = {
        "owner": budget.owner_id,
        "slug": budget.slug,
        "year": budget.year,
        "kind": budget.kind,
        "title": budget.title,
        "notes": "",
        "lines-TOTAL_FORMS": "1",
        "lines-INITIAL_FORMS": "1",
        "lines-MIN_NUM_FORMS": "0",
        "lines-MAX_NUM_FORMS": "1000",
        "lines-0-id": line.pk,
        "lines-0-budget": budget.pk,
        "lines-0-order": "1",
        "lines-0-direction": LineDirection.COST,
        "lines-0-label": "Inhuur",
        "lines-0-amount": "200",
        "lines-0-edit_version": "1",
    }
    assert admin_client.post(url(Budget, "change", budget.pk), data).status_code == 302
    line.refresh_from_db()
    assert (line.amount, line.edit_version) == (200, 2)
    response = admin_client.post(url(Budget, "change", budget.pk), {**data, "lines-0-amount": "3"})
    assert response.status_code == 200
    assert "Iemand anders heeft dit intussen gewijzigd: bedrag (€) ‘200,00’" in (
        response.content.decode()
    )
    line.refresh_from_db()
    assert line.amount == 200


def test_stale_council_view_is_refused(admin_client, municipality, body):
    decision = Decision.objects.create(
        body=body, slug="d", date=date(2021, 1, 1), title="Voorstel", outcome="proposed"
    )
    view = CouncilView.objects.create(
        municipality=municipality, decision=decision, status=CouncilViewStatus.AWAITED
    )
    data = {
        "decision": decision.pk,
        "municipality": municipality.pk,
        "status": CouncilViewStatus.NONE,
        "reference": "",
        "summary": "",
        "reply": "",
        "edit_version": "1",
    }
    assert admin_client.post(url(CouncilView, "change", view.pk), data).status_code == 302
    response = admin_client.post(
        url(CouncilView, "change", view.pk), {**data, "status": CouncilViewStatus.AWAITED}
    )
    assert response.status_code == 200
    assert "Iemand anders heeft dit intussen gewijzigd: status ‘" in response.content.decode()
    view.refresh_from_db()
    assert (view.status, view.edit_version) == (CouncilViewStatus.NONE, 2)


def test_a_funding_row_changed_here_makes_the_funding_form_stale(admin_client, project):
    source = FundingSource.objects.create(project=project, kind="national")
    data = {"project": project.pk, "kind": "national", "note": "SPUK"}
    assert admin_client.post(url(FundingSource, "change", source.pk), data).status_code == 302
    project.refresh_from_db()
    assert project.edit_version == 2
    assert project.history.first().history_change_reason == "Financiering: Rijksmiddelen"


def test_project_without_number_has_no_link_to_its_page(admin_client, project):
    numbered = admin_client.get(url(Project, "change", project.pk))
    assert numbered.context["has_absolute_url"]
    unnumbered = Project.objects.create(programme=project.programme, slug="zonder", name="Zonder")
    response = admin_client.get(url(Project, "change", unnumbered.pk))
    assert response.status_code == 200
    assert not response.context["has_absolute_url"]


def test_project_continues_in_needs_continuing_outcome(admin_client, project):
    other = Project.objects.create(programme=project.programme, slug="other", name="Ander")
    data = _project_data(project, continues_in=other.pk, agenda_outcome="done")
    response = admin_client.post(url(Project, "change", project.pk), data)
    assert response.status_code == 200
    assert "alleen in als de afloop ‘Loopt door’ is" in response.content.decode()


def test_effort_cannot_take_a_sub_goal_of_another_project(admin_client, project):
    other = Project.objects.create(programme=project.programme, slug="other", name="Ander")
    foreign_goal = SubGoal.objects.create(project=other, order=1, text="Elders")
    data = {
        "project": project.pk,
        "sub_goal": foreign_goal.pk,
        "order": 1,
        "text": "Inspanning",
        "time_target": "Q2 2022",
        "status": EffortStatus.UNKNOWN,
        "recurrence": "",
    }
    response = admin_client.post(url(Effort, "add"), data)
    assert response.status_code == 200
    assert "Deze subdoelstelling hoort bij een ander project." in response.content.decode()
    assert not Effort.objects.exists()


def test_effort_shows_its_derived_time_target(admin_client, project):
    effort = Effort.objects.create(project=project, order=1, text="Doen", time_target="ooit")
    response = admin_client.get(url(Effort, "change", effort.pk))
    form = response.context["adminform"].form
    assert not {"target_start", "target_end", "time_target_unparsed"} & set(form.fields)
    page = response.content.decode()
    assert "tijdsdoel niet herkend" in page.lower()
    assert escape(parse_time_target("ooit").flag_reason) in page


# --- Access ---------------------------------------------------------------------------------


def test_anonymous_visitor_is_sent_to_a_login_page(client):
    response = client.get("/admin/")
    assert response.status_code == 302
    assert "login" in response["Location"]


def of_region(user, region):
    """Link `user` to a person of `region`: a signed-in user works in their person's region."""
    Person.objects.create(slug=f"p-{user.username}", name=user.username, region=region, user=user)
    return user


def test_non_staff_user_is_sent_to_the_admin_login(client, django_user_model, region):
    user = django_user_model.objects.create_user(username="medewerker", password="x")
    client.force_login(of_region(user, region))
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))


def test_a_functional_administrator_without_a_region_gets_no_admin(client, django_user_model):
    user = django_user_model.objects.create_user(username="beheer", password="x", is_staff=True)
    user.groups.add(Group.objects.get_or_create(name=Role.FUNCTIONAL_ADMIN)[0])
    user.user_permissions.set(Permission.objects.filter(content_type__app_label__in=OUR_APPS))
    client.force_login(user)
    for path in ("/admin/", url(Budget, "changelist")):
        response = client.get(path)
        assert response.status_code == 403, path
        assert "Uw account is niet gekoppeld aan een regio" in response.content.decode(), path


def _group_without_permissions():
    """The functional administrators' group as if its data migrations had not run."""
    group = Group.objects.get_or_create(name=Role.FUNCTIONAL_ADMIN)[0]
    group.permissions.clear()
    return group


def test_staff_without_permissions_sees_no_models(client, django_user_model, region):
    user = django_user_model.objects.create_user(username="staf", password="x", is_staff=True)
    user.groups.add(_group_without_permissions())
    client.force_login(of_region(user, region))
    response = client.get(url(Budget, "changelist"))
    assert response.status_code == 403
    assert "niet gekoppeld aan een regio" not in response.content.decode()


def test_staff_who_may_only_view_sees_every_page(client, django_user_model, region, everything):
    user = django_user_model.objects.create_user(username="kijker", password="x", is_staff=True)
    of_region(user, region)
    user.groups.add(_group_without_permissions())
    user.user_permissions.set(
        Permission.objects.filter(
            content_type__app_label__in=OUR_APPS, codename__startswith="view_"
        )
    )
    client.force_login(user)
    for model in our_models():
        obj = model._default_manager.first()
        assert client.get(url(model, "changelist")).status_code == 200, model
        response = client.get(url(model, "change", obj.pk))
        assert response.status_code == 200, model
        assert not response.context["has_change_permission"]


def test_the_side_bar_follows_the_permissions_at_once(client, django_user_model, region):
    """The app list is kept per set of permissions: a permission granted shows on the next page,
    and the one kept for a user with fewer is not shown to them."""
    user = django_user_model.objects.create_user(username="kijker", password="x", is_staff=True)
    of_region(user, region)
    user.groups.add(_group_without_permissions())
    budgets = Permission.objects.get(codename="view_budget")
    user.user_permissions.set([budgets])
    client.force_login(user)
    index = reverse("admin:index")
    assert client.get(index).context["app_list"][0]["models"][0]["object_name"] == "Budget"
    user.user_permissions.add(Permission.objects.get(codename="view_municipality"))
    names = {
        model["object_name"]
        for app in client.get(index).context["app_list"]
        for model in app["models"]
    }
    assert names == {"Budget", "Municipality"}
    user.user_permissions.set([budgets])
    names = {
        model["object_name"]
        for app in client.get(url(Budget, "changelist")).context["available_apps"]
        for model in app["models"]
    }
    assert names == {"Budget"}


def test_a_change_list_shows_25_rows_a_page(admin_client, region):
    for number in range(30):
        MunicipalityFactory(region=region, name=f"Gemeente {number:02}")
    response = admin_client.get(url(Municipality, "changelist"))
    changelist = response.context["cl"]
    assert len(changelist.result_list) == 25 and changelist.result_count >= 30
    assert "?p=2" in response.content.decode()


def test_read_only_records_cannot_be_changed(admin_client, everything):
    allocation = Allocation.objects.get()
    response = admin_client.post(url(Allocation, "change", allocation.pk), {"label": "Anders"})
    assert response.status_code == 403
    assert Allocation.objects.get().label == "Tekort"


def test_period_end_message_uses_field_names(admin_client, region):
    today = date(2024, 1, 1)
    data = {
        "region": region.pk,
        "slug": "k",
        "name": "K",
        "source": "-",
        "valid_from": today.isoformat(),
        "valid_until": (today - timedelta(days=1)).isoformat(),
        "shares-TOTAL_FORMS": "0",
        "shares-INITIAL_FORMS": "0",
    }
    response = admin_client.post(url(DistributionKey, "add"), data)
    assert response.status_code == 200
    assert "‘geldig tot en met’ mag niet vóór ‘geldig vanaf’ liggen." in response.content.decode()


@pytest.mark.django_db
def test_admin_is_for_functional_administrators_only(client):
    from tests.governance.factories import PersonFactory, UserFactory

    staff_without_role = UserFactory(is_staff=True)
    PersonFactory(user=staff_without_role)
    client.force_login(staff_without_role)
    assert client.get("/admin/").status_code == 302
    functional_admin = UserFactory(role=Role.FUNCTIONAL_ADMIN)
    PersonFactory(user=functional_admin)
    client.force_login(functional_admin)
    assert client.get("/admin/").status_code == 200
