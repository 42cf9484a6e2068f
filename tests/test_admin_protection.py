"""Nothing final is destroyed from the admin: final rows are read-only, deletes never cascade.

Every test runs as the platform administrator (a superuser) and as a region's functional
administrator with every permission of the project's apps.
"""

import datetime
from decimal import Decimal
from pathlib import Path

from django.contrib import admin
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.auth.models import Group, Permission
from django.core import checks
from django.urls import reverse
from django.utils.html import escape

import pytest
from simple_history.admin import SimpleHistoryAdmin

from core.admin import ProtectedAdminMixin, ProtectedInlineMixin
from core.checks import check_protected_admins
from finance.models import Allocation, Budget, BudgetLine, DistributionKey, DistributionShare
from governance.constants import CouncilViewStatus, Role
from governance.letters.constants import LetterStatus
from governance.models import (
    CouncilView,
    Decision,
    Letter,
    LetterSection,
    Municipality,
    Person,
    Region,
)
from governance.scope import SESSION_KEY
from procurement.models import (
    CoreValue,
    Framework,
    Norm,
    Principle,
    Procedure,
    ProductCategory,
    Segment,
)
from programme.constants import ProjectStatus, ReportStatus
from programme.models import ProgressReport, ProgressReportLine, Project
from tests.finance.factories import (
    AllocationFactory,
    BudgetFactory,
    BudgetLineFactory,
    key_with_shares,
)
from tests.governance.factories import (
    DecisionFactory,
    MunicipalityFactory,
    PersonFactory,
    RegionFactory,
    UserFactory,
    default_region,
)
from tests.governance.letter_factories import LetterFactory, regional_letter
from tests.programme.factories import EffortFactory, ProjectFactory

pytestmark = pytest.mark.django_db

OUR_APPS = ("governance", "procurement", "programme", "finance")


@pytest.fixture(autouse=True)
def _static_files(settings):
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture(params=["platform administrator", "functional administrator"])
def staff(request, client, django_user_model):
    """A client signed in as someone who may use the admin, in the default region."""
    region = default_region()
    if request.param == "platform administrator":
        user = django_user_model.objects.create_superuser("platform", password="x")
        client.force_login(user)
        session = client.session
        session[SESSION_KEY] = region.pk
        session.save()
    else:
        user = UserFactory(role=Role.FUNCTIONAL_ADMIN, region=region)
        user.user_permissions.set(Permission.objects.filter(content_type__app_label__in=OUR_APPS))
        client.force_login(user)
    client.user = user
    return client


def url(model, view, *args):
    opts = model._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_{view}", args=args)


def revert_url(obj):
    opts = obj._meta
    return reverse(
        f"admin:{opts.app_label}_{opts.model_name}_simple_history",
        args=[obj.pk, obj.history.earliest().pk],
    )


def form_data(response) -> dict:
    """What the change form in `response` would send back unchanged, inlines included."""
    data = {}

    def add(form):
        for name in form.fields:
            value = form[name].value()
            key = form.add_prefix(name)
            if isinstance(value, bool):
                if value:
                    data[key] = "on"
            elif isinstance(value, list | tuple):
                data[key] = [str(item) for item in value]
            elif value is not None:
                data[key] = str(value)

    add(response.context["adminform"].form)
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        management = formset.management_form
        for name in management.fields:
            data[management.add_prefix(name)] = management[name].value()
        for form in formset.initial_forms:
            add(form)
    return data


def bulk_delete(client, model, objs):
    return client.post(
        url(model, "changelist"),
        {
            "action": "delete_selected",
            ACTION_CHECKBOX_NAME: [str(obj.pk) for obj in objs],
            "post": "yes",
        },
    )


def refusals(response) -> list[str]:
    return [str(reason) for reason in response.context["protected"]]


# --- Final records --------------------------------------------------------------------------


@pytest.fixture
def adopted_report(django_user_model):
    effort = EffortFactory(time_target="Q2 2022")
    user = UserFactory()
    moment = datetime.datetime(2022, 7, 1, 12, tzinfo=datetime.UTC)
    report = ProgressReport.objects.create(
        project=effort.project,
        report_date=datetime.date(2022, 6, 30),
        overall_status=ProjectStatus.ON_TRACK,
        status=ReportStatus.DRAFT,
    )
    ProgressReportLine.objects.create(
        report=report, effort=effort, order=1, status="in_progress", effort_text=effort.text
    )
    report.status = ReportStatus.ADOPTED
    report.submitted_at = report.adopted_at = moment
    report.submitted_by = report.adopted_by = user
    report.save()
    return report


REPORT_IS_FINAL = "Deze rapportage is vastgesteld en kan niet meer worden gewijzigd."


def test_adopted_report_is_shown_read_only_with_the_reason(staff, adopted_report):
    response = staff.get(url(ProgressReport, "change", adopted_report.pk))
    assert response.status_code == 200
    assert not response.context["has_change_permission"]
    assert not response.context["has_delete_permission"]
    page = response.content.decode()
    assert REPORT_IS_FINAL in page
    assert 'name="report_date"' not in page
    assert url(ProgressReport, "delete", adopted_report.pk) not in page
    (lines,) = response.context["inline_admin_formsets"]
    assert not (lines.has_add_permission or lines.has_change_permission)
    assert not lines.has_delete_permission


def test_a_post_to_an_adopted_report_changes_nothing(staff, adopted_report):
    data = {
        "project": adopted_report.project_id,
        "report_date": "2023-01-01",
        "overall_status": ProjectStatus.DELAYED,
        "lines-TOTAL_FORMS": "0",
        "lines-INITIAL_FORMS": "0",
    }
    response = staff.post(url(ProgressReport, "change", adopted_report.pk), data)
    assert response.status_code == 403
    adopted_report.refresh_from_db()
    assert adopted_report.report_date == datetime.date(2022, 6, 30)
    assert adopted_report.overall_status == ProjectStatus.ON_TRACK


def test_an_adopted_report_is_not_reverted(staff, adopted_report):
    # Its first version was a concept: reverting to it would undo the adoption.
    page = staff.get(revert_url(adopted_report))
    assert page.status_code == 200
    assert page.context["revert_disabled"]
    data = {
        "project": adopted_report.project_id,
        "report_date": "2022-06-30",
        "overall_status": ProjectStatus.ON_TRACK,
    }
    assert staff.post(revert_url(adopted_report), data).status_code == 403
    adopted_report.refresh_from_db()
    assert adopted_report.status == ReportStatus.ADOPTED


def test_an_adopted_report_is_not_deleted(staff, adopted_report):
    page = staff.get(url(ProgressReport, "delete", adopted_report.pk))
    assert page.status_code == 403
    assert REPORT_IS_FINAL in page.content.decode()
    response = staff.post(url(ProgressReport, "delete", adopted_report.pk), {"post": "yes"})
    assert response.status_code == 403
    response = bulk_delete(staff, ProgressReport, [adopted_report])
    assert response.status_code == 200
    assert any(REPORT_IS_FINAL in reason for reason in refusals(response))
    assert "De selectie wordt niet verwijderd" in response.content.decode()
    assert ProgressReport.objects.filter(pk=adopted_report.pk).exists()
    assert adopted_report.lines.count() == 1


def test_an_adopted_reports_lines_are_not_deleted(staff, adopted_report):
    line = adopted_report.lines.get()
    assert (
        staff.post(url(ProgressReportLine, "delete", line.pk), {"post": "yes"}).status_code == 403
    )
    bulk_delete(staff, ProgressReportLine, [line])
    assert ProgressReportLine.objects.filter(pk=line.pk).exists()


def test_a_concept_report_can_still_be_changed_and_deleted_with_its_lines(staff):
    effort = EffortFactory()
    report = ProgressReport.objects.create(
        project=effort.project, report_date=datetime.date(2022, 6, 30), overall_status="on_track"
    )
    ProgressReportLine.objects.create(
        report=report, effort=effort, order=1, status="unknown", effort_text="x"
    )
    response = staff.get(url(ProgressReport, "change", report.pk))
    assert response.context["has_change_permission"]
    assert REPORT_IS_FINAL not in response.content.decode()
    assert staff.get(url(ProgressReport, "delete", report.pk)).status_code == 200
    response = staff.post(url(ProgressReport, "delete", report.pk), {"post": "yes"})
    assert response.status_code == 302
    assert not ProgressReport.objects.filter(pk=report.pk).exists()
    assert not ProgressReportLine.objects.exists()


LETTER_IS_FINAL = "Deze brief is verzonden en kan niet meer worden gewijzigd"


@pytest.fixture
def issued_letter():
    decision = DecisionFactory(title="Inkoopkader 2022", reference="RIS 2629403")
    CouncilView.objects.create(
        municipality=MunicipalityFactory(),
        decision=decision,
        status=CouncilViewStatus.AWAITED,
    )
    letter = LetterFactory(subject="Jeugdhulp in de regio")
    letter.related_decisions.add(decision)
    section = letter.sections.first()
    section.text = "Zoals verzonden."
    section.save()
    letter.status = LetterStatus.ISSUED
    letter.issued_at = datetime.datetime(2021, 4, 20, 10, tzinfo=datetime.UTC)
    letter.save()
    return letter


def test_an_issued_letter_is_shown_read_only_with_the_reason(staff, issued_letter):
    response = staff.get(url(Letter, "change", issued_letter.pk))
    assert response.status_code == 200
    assert not response.context["has_change_permission"]
    assert not response.context["has_delete_permission"]
    assert LETTER_IS_FINAL in response.content.decode()
    section = issued_letter.sections.first()
    response = staff.get(url(LetterSection, "change", section.pk))
    assert "Dit hoort bij een verzonden brief" in response.content.decode()


def test_an_issued_letter_and_its_sections_are_not_changed_or_reverted(staff, issued_letter):
    section = issued_letter.sections.first()
    response = staff.post(url(Letter, "change", issued_letter.pk), {"subject": "Anders"})
    assert response.status_code == 403
    for obj, data in (
        (issued_letter, {"subject": "Teruggedraaid", "date": "2021-04-20"}),
        (section, {"text": "Teruggedraaid"}),
    ):
        assert staff.get(revert_url(obj)).context["revert_disabled"]
        assert staff.post(revert_url(obj), data).status_code == 403
    issued_letter.refresh_from_db()
    section.refresh_from_db()
    assert (issued_letter.subject, issued_letter.status) == ("Jeugdhulp in de regio", "issued")
    assert section.text == "Zoals verzonden."


def test_an_issued_letter_is_not_deleted(staff, issued_letter):
    page = staff.get(url(Letter, "delete", issued_letter.pk))
    assert page.status_code == 403
    assert LETTER_IS_FINAL in page.content.decode()
    assert staff.post(url(Letter, "delete", issued_letter.pk), {"post": "yes"}).status_code == 403
    response = bulk_delete(staff, Letter, [issued_letter])
    assert any(LETTER_IS_FINAL in reason for reason in refusals(response))
    section = issued_letter.sections.first()
    assert staff.post(url(LetterSection, "delete", section.pk), {"post": "yes"}).status_code == 403
    assert Letter.objects.filter(pk=issued_letter.pk).exists()
    assert issued_letter.sections.count() == 5
    assert issued_letter.related_decisions.count() == 1


DECISION_IS_FINAL = "Dit besluit staat in de verzonden brief"


def test_a_decision_an_issued_letter_cites_is_read_only(staff, issued_letter):
    decision = issued_letter.related_decisions.get()
    response = staff.get(url(Decision, "change", decision.pk))
    assert response.status_code == 200
    assert not response.context["has_change_permission"]
    page = response.content.decode()
    assert DECISION_IS_FINAL in page
    assert escape(str(issued_letter)) in page
    (views,) = response.context["inline_admin_formsets"]
    assert not (views.has_add_permission or views.has_change_permission)
    assert not views.has_delete_permission

    data = {"body": decision.body_id, "slug": decision.slug, "date": "2020-01-01"}
    data |= {"title": "Anders", "outcome": decision.outcome}
    assert staff.post(url(Decision, "change", decision.pk), data).status_code == 403
    assert staff.post(revert_url(decision), data).status_code == 403
    decision.refresh_from_db()
    assert decision.title == "Inkoopkader 2022"


def test_a_decision_an_issued_letter_cites_is_not_deleted(staff, issued_letter):
    decision = issued_letter.related_decisions.get()
    assert staff.get(url(Decision, "delete", decision.pk)).status_code == 403
    assert staff.post(url(Decision, "delete", decision.pk), {"post": "yes"}).status_code == 403
    response = bulk_delete(staff, Decision, [decision])
    assert any(DECISION_IS_FINAL in reason for reason in refusals(response))
    assert Decision.objects.filter(pk=decision.pk).exists()
    assert issued_letter.related_decisions.count() == 1


def test_a_decision_a_concept_letter_cites_can_be_changed(staff):
    decision = DecisionFactory()
    LetterFactory().related_decisions.add(decision)
    response = staff.get(url(Decision, "change", decision.pk))
    assert response.context["has_change_permission"]
    assert DECISION_IS_FINAL not in response.content.decode()
    # Deleting it would still change the concept letter: that is refused too.
    response = staff.post(url(Decision, "delete", decision.pk), {"post": "yes"})
    assert refusals(response) == [
        f"{decision} is gekoppeld aan 1 brief (gerelateerde besluiten); haal die koppeling "
        "eerst weg."
    ]
    assert Decision.objects.filter(pk=decision.pk).exists()


# --- Deletes that would cascade are refused with the reasons --------------------------------


def test_a_budget_with_lines_is_not_deleted(staff):
    budget = BudgetFactory(year=2023)
    BudgetLineFactory.create_batch(14, budget=budget)
    reason = "Begroting 2023 – NMT heeft 14 begrotingsregels; verwijder die eerst."
    page = staff.get(url(Budget, "delete", budget.pk))
    assert page.status_code == 200
    assert refusals(page) == [reason]
    assert "‘Begroting 2023 – NMT’ wordt niet verwijderd" in page.content.decode()
    assert 'name="post"' not in page.content.decode()
    assert staff.post(url(Budget, "delete", budget.pk), {"post": "yes"}).status_code == 200
    response = bulk_delete(staff, Budget, [budget])
    assert refusals(response) == [reason]
    assert Budget.objects.filter(pk=budget.pk).exists()
    assert budget.lines.count() == 14


def test_a_budget_whose_lines_are_gone_can_be_deleted(staff):
    budget = BudgetFactory(year=2023)
    BudgetLineFactory(budget=budget).delete()  # its history stays, and does not stop it
    response = staff.post(url(Budget, "delete", budget.pk), {"post": "yes"})
    assert response.status_code == 302
    assert not Budget.objects.filter(pk=budget.pk).exists()


def test_a_decision_with_council_views_is_not_deleted(staff):
    decision = DecisionFactory(title="Begroting GR")
    CouncilView.objects.create(municipality=MunicipalityFactory(), decision=decision)
    response = staff.post(url(Decision, "delete", decision.pk), {"post": "yes"})
    assert refusals(response) == [f"{decision} heeft 1 zienswijze; verwijder die eerst."]
    assert CouncilView.objects.filter(decision=decision).exists()


def test_a_municipality_others_refer_to_is_not_deleted(staff):
    municipality = MunicipalityFactory(name="Gemeente Noord")
    CouncilView.objects.create(municipality=municipality, decision=DecisionFactory())
    PersonFactory(municipality=municipality)
    PersonFactory(municipality=municipality)
    response = staff.post(url(Municipality, "delete", municipality.pk), {"post": "yes"})
    assert sorted(refusals(response)) == [
        "Gemeente Noord wordt genoemd in 1 zienswijze (gemeente); haal die verwijzing eerst weg.",
        "Gemeente Noord wordt genoemd in 2 personen (gemeente); haal die verwijzing eerst weg.",
    ]
    assert Municipality.objects.filter(pk=municipality.pk).exists()


def test_a_municipality_a_letter_goes_to_is_not_deleted(staff):
    municipality = MunicipalityFactory(name="Gemeente Oost")
    regional_letter(municipalities=[municipality])
    response = bulk_delete(staff, Municipality, [municipality])
    assert refusals(response) == [
        "Gemeente Oost is gekoppeld aan 1 brief (aan de gemeenteraden van); haal die koppeling "
        "eerst weg."
    ]
    assert Municipality.objects.filter(pk=municipality.pk).exists()


def test_a_person_named_in_history_is_not_deleted(staff):
    sponsor = PersonFactory(name="Pietje Puk")
    project = ProjectFactory(administrative_sponsor=sponsor)
    project.administrative_sponsor = None  # the project's history still names the sponsor
    project.save()
    response = staff.post(url(Person, "delete", sponsor.pk), {"post": "yes"})
    assert refusals(response) == [
        "Pietje Puk komt voor in de geschiedenis van 1 project (bestuurlijk opdrachtgever); die "
        "geschiedenis blijft leesbaar, dus dit blijft bewaard."
    ]
    assert Person.objects.filter(pk=sponsor.pk).exists()


def test_a_municipality_named_in_history_is_not_deleted(staff):
    municipality = MunicipalityFactory(name="Gemeente West")
    project = ProjectFactory(lead_municipality=municipality)
    project.lead_municipality = MunicipalityFactory()
    project.save()
    response = bulk_delete(staff, Municipality, [municipality])
    assert refusals(response) == [
        "Gemeente West komt voor in de geschiedenis van 1 project (trekkende gemeente); die "
        "geschiedenis blijft leesbaar, dus dit blijft bewaard."
    ]
    assert Municipality.objects.filter(pk=municipality.pk).exists()


def test_a_key_used_for_an_allocation_is_not_deleted_but_an_unused_one_is(staff):
    used = key_with_shares(["60", "40"], name="Inwoners")
    AllocationFactory(key=used, amount=Decimal("100"), key_sum=Decimal("100"))
    response = staff.post(url(DistributionKey, "delete", used.pk), {"post": "yes"})
    assert refusals(response) == [
        "Inwoners wordt genoemd in 1 verdeling (verdeelsleutel); haal die verwijzing eerst weg."
    ]
    assert used.shares.count() == 2

    unused = key_with_shares(["50", "50"], name="Leerlingen")
    response = staff.get(url(DistributionKey, "delete", unused.pk))
    assert response.status_code == 200
    assert 'name="post"' in response.content.decode()  # the shares go with the key
    assert staff.post(url(DistributionKey, "delete", unused.pk), {"post": "yes"}).status_code == 302
    assert not DistributionKey.objects.filter(pk=unused.pk).exists()
    assert DistributionShare.objects.filter(key=used).count() == 2
    assert Allocation.objects.filter(key=used).exists()


# --- Unprotected rows can still be deleted --------------------------------------------------


def test_a_concept_letter_is_deleted_with_its_sections(staff):
    decision = DecisionFactory()
    letter = LetterFactory()
    letter.related_decisions.add(decision)
    page = staff.get(url(Letter, "change", letter.pk))
    assert page.context["has_delete_permission"]
    response = staff.post(url(Letter, "delete", letter.pk), {"post": "yes"})
    assert response.status_code == 302
    assert not Letter.objects.filter(pk=letter.pk).exists()
    assert not LetterSection.objects.filter(letter_id=letter.pk).exists()
    assert Decision.objects.filter(pk=decision.pk).exists()


def test_an_approved_letter_is_not_deleted(staff):
    letter = LetterFactory(approved=True, subject="Gereed")
    response = bulk_delete(staff, Letter, [letter])
    assert refusals(response) == [
        f"‘{letter}’: alleen een concept kan worden verwijderd (status: Gereed)."
    ]
    assert Letter.objects.filter(pk=letter.pk).exists()


def test_a_municipality_without_references_is_deleted(staff):
    municipality = MunicipalityFactory(name="Gemeente Zuid")
    municipality.name = "Gemeente Zuid (verkeerd)"
    municipality.save()  # its own history does not stop it
    response = bulk_delete(staff, Municipality, [municipality])
    assert response.status_code == 302
    assert not Municipality.objects.filter(pk=municipality.pk).exists()


# --- Inlines ----------------------------------------------------------------------------------


def test_an_inline_row_others_refer_to_is_not_deleted(staff):
    municipality = MunicipalityFactory(name="Gemeente Noord")
    key = key_with_shares(["100"])
    share = key.shares.get()
    person = PersonFactory(municipality=municipality)
    effort = EffortFactory()
    project = effort.project
    project.administrative_sponsor = person
    project.save()
    # A project's effort that a progress report's line refers to stays.
    report = ProgressReport.objects.create(
        project=project, report_date=datetime.date(2022, 6, 30), overall_status="on_track"
    )
    ProgressReportLine.objects.create(
        report=report, effort=effort, order=1, status="unknown", effort_text=effort.text
    )
    page = staff.get(url(Project, "change", project.pk))
    data = form_data(page)
    data["efforts-0-DELETE"] = "on"
    response = staff.post(url(Project, "change", project.pk), data)
    assert response.status_code == 200
    assert (
        f"{effort} wordt genoemd in 1 rapportageregel (inspanning); haal die verwijzing eerst weg."
        in response.content.decode()
    )
    assert project.efforts.filter(pk=effort.pk).exists()
    # A share has nothing that refers to it: deleting it in the key's page works.
    data = form_data(staff.get(url(DistributionKey, "change", key.pk)))
    data["shares-0-DELETE"] = "on"
    assert staff.post(url(DistributionKey, "change", key.pk), data).status_code == 302
    assert not DistributionShare.objects.filter(pk=share.pk).exists()


# --- simple-history's pages keep to the region ----------------------------------------------


def test_history_of_another_region_is_not_shown_or_reverted(client):
    other = RegionFactory()
    project = ProjectFactory(theme__programme__region=other, name="Elders")
    user = UserFactory(role=Role.FUNCTIONAL_ADMIN, region=default_region())
    user.user_permissions.set(Permission.objects.filter(content_type__app_label__in=OUR_APPS))
    client.force_login(user)
    assert client.get(revert_url(project)).status_code == 404
    assert client.post(revert_url(project), {"name": "Overschreven"}).status_code == 404
    project_id = project.pk
    project.delete()  # the history of a deleted row is found through its history table
    assert client.get(url(Project, "history", project_id)).status_code == 404
    assert Project.history.filter(id=project_id, name="Elders").exists()


# --- The rule holds for every ModelAdmin ----------------------------------------------------


def test_every_model_admin_of_the_project_keeps_the_rules():
    assert check_protected_admins() == []
    for model, model_admin in admin.site._registry.items():
        if model._meta.app_label in OUR_APPS:
            assert isinstance(model_admin, ProtectedAdminMixin), model._meta.label


def test_installed_packages_are_not_checked_even_inside_the_project(settings):
    # `make run` puts the virtual environment in the project's directory: here both are in it.
    settings.BASE_DIR = Path("/")
    assert Path("/") in Path(admin.__file__).resolve().parents
    assert check_protected_admins() == []


def test_a_model_admin_without_the_rules_fails_the_check(monkeypatch):
    monkeypatch.setitem(
        admin.site._registry, Municipality, admin.ModelAdmin(Municipality, admin.site)
    )
    assert [error.id for error in check_protected_admins()] == ["core.E002"]


def test_the_rules_must_come_before_the_admin_classes(monkeypatch):
    class LateAdmin(SimpleHistoryAdmin, ProtectedAdminMixin):
        pass

    class LateInline(admin.TabularInline, ProtectedInlineMixin):
        model = CouncilView

    class DecisionAdmin(ProtectedAdminMixin, SimpleHistoryAdmin):
        inlines = (LateInline,)

    monkeypatch.setitem(admin.site._registry, Municipality, LateAdmin(Municipality, admin.site))
    monkeypatch.setitem(admin.site._registry, Decision, DecisionAdmin(Decision, admin.site))
    errors = check_protected_admins()
    assert {(error.id, error.obj) for error in errors} == {
        ("core.E002", LateAdmin),
        ("core.E002", LateInline),
    }
    assert len(errors) == 2


def test_a_part_must_be_a_cascading_relation(monkeypatch):
    budget_admin = admin.site._registry[Budget]
    monkeypatch.setattr(budget_admin, "delete_parts", ("lines", "allocations"))
    errors = check_protected_admins()
    assert [error.id for error in errors] == ["core.E003"]
    assert "allocations" in errors[0].msg
    assert isinstance(errors[0], checks.Error)
    assert BudgetLine._meta.get_field("budget").remote_field.on_delete.__name__ == "CASCADE"


def test_history_of_the_own_region_and_of_shared_rows_is_shown(staff):
    project = ProjectFactory()
    category = ProductCategory.objects.create(code="45", name="Jeugdhulp ambulant")
    norm = Norm.objects.create(product_category=category, description="Overal geldig")
    for obj in (project, norm):
        response = staff.get(url(type(obj), "history", obj.pk))
        assert response.status_code == 200, obj
        assert len(response.context["page_obj"].object_list) == 1


def test_the_platform_administrator_sees_the_history_of_every_region(admin_client):
    here, there = default_region(), RegionFactory(name="Elders")
    session = admin_client.session
    session[SESSION_KEY] = here.pk
    session.save()
    response = admin_client.get(url(Region, "history", there.pk))
    assert response.status_code == 200
    assert len(response.context["page_obj"].object_list) == 1


def test_a_framework_goes_with_its_text_but_not_with_its_segments(staff):
    region = default_region()
    kept = Framework.objects.create(
        region=region, slug="kader-a", name="Kader A", valid_from=datetime.date(2022, 1, 1)
    )
    Segment.objects.create(framework=kept, code="4a", name="Specialistisch")
    gone = Framework.objects.create(
        region=region, slug="kader-b", name="Kader B", valid_from=datetime.date(2022, 1, 1)
    )
    Principle.objects.create(framework=gone, order=1, text="Uitgangspunt")
    CoreValue.objects.create(framework=gone, order=1, text="Kernwaarde")
    Procedure.objects.create(framework=gone, kind="open_house", choice="chosen")

    response = bulk_delete(staff, Framework, [kept, gone])
    assert refusals(response) == ["Kader A heeft 1 segment; verwijder die eerst."]
    assert Framework.objects.count() == 2
    assert bulk_delete(staff, Framework, [gone]).status_code == 302
    assert list(Framework.objects.all()) == [kept]
    assert not Principle.objects.exists()


def test_who_may_only_view_cannot_revert(client):
    municipality = MunicipalityFactory(name="Gemeente Eerst")
    municipality.name = "Gemeente Nu"
    municipality.save()
    user = UserFactory(role=Role.FUNCTIONAL_ADMIN, region=default_region())
    Group.objects.get(name=Role.FUNCTIONAL_ADMIN).permissions.clear()  # only what follows
    user.user_permissions.set(
        Permission.objects.filter(
            content_type__app_label__in=OUR_APPS, codename__startswith="view_"
        )
    )
    client.force_login(user)
    assert client.get(revert_url(municipality)).context["revert_disabled"]
    data = {"region": municipality.region_id, "name": "Gemeente Eerst"}
    data |= {"cbs_code": municipality.cbs_code, "valid_from": "", "valid_until": ""}
    assert client.post(revert_url(municipality), data).status_code == 403
    municipality.refresh_from_db()
    assert municipality.name == "Gemeente Nu"
