"""Two complete, fictional regions for the tests of the region boundary.

`build_world()` makes the regions Kwelderwaard (token KWX) and Heidemarken (token HDQ) with the
same builder: municipalities, organisations, bodies, people and memberships, decisions and council
views, a programme with themes, projects, sub-goals, efforts and progress reports, procurement
frameworks with segments, contracts and norms, budgets with lines, a distribution key with an
allocation, funding, savings, a draft and an issued letter with its PDFs, and one user per role.

Every name, title, text and slug of a region's rows carries its token ("HDQ-project-2.1.1",
"hdq-begroting-2023") and its municipalities have their own CBS codes (GM71xx, GM72xx), so a page
of one region that shows anything of the other can be found by `RegionSpec.markers_in()`. Project
codes are the same in both regions on purpose (2.1.1, 2.1.2), to catch a lookup by code that takes
the first match of any region. Only national rows are shared, and carry no token: the provider
(with contracts in both regions), its financial figures, the product category and the letter
template.

`build_world()` opens `core.scope.all_regions()` itself: the data cross regions by nature.
"""

import datetime
import io
import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from django.contrib.auth.models import Group, User
from django.core.files.base import ContentFile

import pikepdf

from core.models import BackgroundJob, BackgroundJobStatus
from core.scope import all_regions
from finance.constants import BudgetKind, FundingKind, LineDirection
from finance.models import Budget, BudgetLine, FundingSource, SavingsMeasure
from finance.services import allocation_create, distribution_key_create
from governance.constants import (
    BodyKind,
    CouncilViewStatus,
    DecisionOutcome,
    MembershipRole,
    OrganisationKind,
    Role,
)
from governance.letters import services as letters
from governance.letters.constants import LetterKind
from governance.models import (
    Body,
    CouncilView,
    Decision,
    Letter,
    LetterTemplate,
    Membership,
    Municipality,
    Organisation,
    Person,
    Region,
    RegionTheme,
    TimelineEntry,
)
from governance.registers.services import proposal_send_to_councils
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
    Segment,
)
from programme.constants import AgendaOutcome, EffortStatus, ProjectStatus, Recurrence
from programme.models import (
    Effort,
    Experiment,
    KeyPerformanceIndicator,
    Programme,
    Project,
    SubGoal,
    Theme,
)
from programme.services import (
    effort_update,
    progress_report_adopt,
    progress_report_create,
    progress_report_submit,
)

ROLES = (Role.POLICY_ADVISER, Role.GRIFFIE, Role.NETWORK_MT, Role.FUNCTIONAL_ADMIN)
# The project code both regions use, and the theme of each region's project with its own code.
SHARED_PROJECT_CODE = "2.1.1"


@dataclass(frozen=True)
class RegionSpec:
    token: str  # in every name, title, text and slug of the region's rows
    name: str
    cbs_base: int  # the region's municipalities are GM<cbs_base + 1> …
    shared_contracts: int  # its contracts with the national provider both regions contract
    own_project_code: str  # a project code no other region uses
    theme_colour: str  # the primary colour of its theme

    @property
    def slug(self) -> str:
        return self.token.lower()

    def cbs(self, number: int) -> str:
        return f"GM{self.cbs_base + number:04d}"

    @property
    def marker_pattern(self) -> re.Pattern:
        """The region's token as a name starts with it, and its CBS codes."""
        return re.compile(
            rf"(?i)(?<![a-z0-9]){self.token}-[\w.\-]*|\bGM{self.cbs_base // 100:02d}\d\d\b"
        )

    def markers_in(self, text: str) -> set[str]:
        return {match.group(0) for match in self.marker_pattern.finditer(text)}


FIRST = RegionSpec("KWX", "Kwelderwaard", 7100, 1, "2.2.1", "#7b1e3a")
SECOND = RegionSpec("HDQ", "Heidemarken", 7200, 2, "2.2.2", "#1a5e3a")
SPECS = (FIRST, SECOND)


@dataclass(frozen=True)
class BuiltRegion:
    """A region as the tests use it: plain values only, read while every region was in scope."""

    spec: RegionSpec
    region_pk: int
    users: dict[str, int]  # role → user pk
    project_code: str  # the shared code: both regions have a project 2.1.1
    own_project_code: str
    project_pk: int
    project_slug: str
    theme_pk: int
    effort_pk: int
    sub_goal_pk: int
    body_slug: str
    membership_pk: int
    report_pk: int  # adopted
    draft_report_pk: int
    framework_slug: str
    later_framework_slug: str
    segment_code: str
    contract_pk: int
    budget_pk: int
    budget_slug: str
    budget_line_pk: int
    key_slug: str
    allocation_pk: int
    municipality_pk: int
    cbs_code: str  # of the first municipality: the griffie's, addressed by both letters
    decision_pk: int
    decision_slug: str  # adopted
    proposal_slug: str  # at the councils for their views
    draft_letter_pk: int
    draft_section_pk: int
    issued_letter_pk: int
    issued_public_id: str
    job_pk: str  # the Netwerk MT member's background job, with a result
    published_markers: frozenset[str]  # what the public publication of its letter shows
    provider_slug: str  # national, contracted in both regions

    @property
    def token(self) -> str:
        return self.spec.token


@dataclass(frozen=True)
class World:
    regions: dict[str, BuiltRegion]  # by token
    no_region_users: dict[str, int]  # a role → user pk
    media_root: str = ""
    pdf_text_available: bool = False

    def other(self, token: str) -> BuiltRegion:
        return next(region for key, region in self.regions.items() if key != token)


# --- Text of PDFs ---------------------------------------------------------------------------


def pdf_available() -> bool:
    return shutil.which("pdftotext") is not None


def pdf_text(content: bytes) -> str:
    """The text of a PDF (pdftotext) and of the files attached to it (pikepdf)."""
    parts = []
    if pdf_available():
        with tempfile.TemporaryDirectory() as directory:
            path = Path(directory) / "document.pdf"
            path.write_bytes(content)
            parts.append(
                subprocess.run(
                    ["pdftotext", "-q", "-enc", "UTF-8", str(path), "-"],
                    capture_output=True,
                    check=False,
                    timeout=60,
                ).stdout.decode("utf-8", "replace")
            )
    with pikepdf.open(io.BytesIO(content)) as pdf:
        for name, attachment in pdf.attachments.items():
            parts.append(name)
            parts.append(attachment.get_file().read_bytes().decode("utf-8", "replace"))
    return "\n".join(parts)


# --- National rows --------------------------------------------------------------------------


@dataclass
class National:
    provider: Provider
    category: ProductCategory
    template: LetterTemplate


def build_national() -> National:
    provider = Provider.objects.create(
        slug="landelijke-jeugdhulp",
        name="Landelijke Jeugdhulp",
        kvk_number="12345678",
        legal_form=LegalForm.FOUNDATION,
        has_supervisory_board=True,
    )
    ProviderFinancialYear.objects.create(
        provider=provider,
        year=2023,
        revenue=Decimal("9000000.00"),
        operating_result=Decimal("1800000.00"),
        dividend_paid=Decimal("250000.00"),
        fte=Decimal("100.00"),
        personnel_costs=Decimal("5000000.00"),
        total_costs=Decimal("7200000.00"),
        source="Jaarverantwoording 2023",
    )
    Provider.objects.create(
        slug="aanbieder-zonder-contract",
        name="Aanbieder zonder contract",
        legal_form=LegalForm.PRIVATE_COMPANY,
    )
    category = ProductCategory.objects.get_or_create(
        code="45", defaults={"name": "Jeugdhulp ambulant"}
    )[0]
    template = LetterTemplate.objects.create(
        slug="rib-regiogrens",
        name="Raadsinformatiebrief",
        version=90,
        valid_from=datetime.date(2021, 1, 1),
    )
    for order, text in enumerate(
        (
            "Wat is de aanleiding om deze informatie kenbaar te maken?",
            "Wat is de te delen informatie?",
            "Wat zijn de belangrijkste gerelateerde besluiten?",
        ),
        start=1,
    ):
        template.questions.create(order=order, text=text, lists_decisions=order == 3)
    return National(provider=provider, category=category, template=template)


# --- One region -----------------------------------------------------------------------------


def _user(username: str, role: str, person: Person | None) -> User:
    user = User.objects.create_user(username=username, password=None)
    user.groups.add(Group.objects.get_or_create(name=role)[0])
    if role == Role.FUNCTIONAL_ADMIN:
        # A region's functional administrator: staff for the admin, never a superuser; the
        # role's group holds the permissions (the apps' data migrations grant them).
        user.is_staff = True
        user.save(update_fields=["is_staff"])
    if person is not None:
        person.user = user
        person.save(update_fields=["user", "updated"])
    return user


def build_region(spec: RegionSpec, national: National) -> BuiltRegion:
    T, t = spec.token, spec.slug  # noqa: N806 (the token, upper and lower case)
    day = datetime.date

    # Governance: the region and its parts.
    region = Region.objects.create(slug=f"{t}-regio", name=f"{T}-regio {spec.name}")
    # Its own look: a page or PDF showing the other region's theme name has leaked it.
    RegionTheme.objects.create(
        region=region,
        display_name=f"{T}-huisstijl",
        primary=spec.theme_colour,
        link=spec.theme_colour,
    )
    municipalities = [
        Municipality.objects.create(
            region=region, name=f"{T}-gemeente-{number}", cbs_code=spec.cbs(number)
        )
        for number in (1, 2, 3)
    ]
    first, second, third = municipalities
    Municipality.objects.create(
        region=region,
        name=f"{T}-gemeente-opgeheven",
        cbs_code=spec.cbs(9),
        valid_until=day(2018, 12, 31),
        merged_into=first,
    )
    region.central_municipality = first
    region.save()
    joint = Organisation.objects.create(
        region=region,
        slug=f"{t}-gr",
        name=f"{T}-organisatie-gr",
        abbreviation=f"{T}-GR",
        kind=OrganisationKind.JOINT_ARRANGEMENT,
        description=f"{T}-omschrijving-gr",
        founded_on=day(2015, 1, 1),
    )
    team = Organisation.objects.create(
        region=region,
        slug=f"{t}-team",
        name=f"{T}-organisatie-team",
        kind=OrganisationKind.TEAM,
        parent=joint,
        founded_on=day(2019, 1, 1),
    )
    Organisation.objects.create(
        region=region,
        slug=f"{t}-dienst-oud",
        name=f"{T}-organisatie-opgeheven",
        kind=OrganisationKind.OTHER,
        founded_on=day(2010, 1, 1),
        ended_on=day(2020, 12, 31),
        merged_into=team,
    )
    board = Body.objects.create(
        region=region,
        organisation=joint,
        slug=f"{t}-ab",
        name=f"{T}-orgaan-algemeen-bestuur",
        abbreviation=f"{T}-AB",
        kind=BodyKind.GENERAL_BOARD,
        description=f"{T}-omschrijving-ab",
        founded_on=day(2015, 1, 1),
    )
    network = Body.objects.create(
        region=region,
        organisation=joint,
        slug=f"{t}-nmt",
        name=f"{T}-orgaan-netwerk-mt",
        abbreviation=f"{T}-NMT",
        kind=BodyKind.MANAGEMENT_NETWORK,
        founded_on=day(2019, 1, 1),
    )
    Body.objects.create(
        region=region,
        municipality=first,
        slug=f"{t}-raad-1",
        name=f"{T}-orgaan-gemeenteraad-1",
        abbreviation=f"{T}-RAAD",
        kind=BodyKind.COUNCIL,
    )

    def person(key, **kwargs):
        return Person.objects.create(
            slug=f"{t}-{key}",
            name=f"{T}-persoon-{key}",
            job_title=f"{T}-functie-{key}",
            email=f"{key}@{t}-regio.example",
            **kwargs,
        )

    adviser = person("adviseur", municipality=first)
    griffier = person("griffie", municipality=first)
    manager = person("netwerk-mt", organisation=joint)  # a region through the organisation
    administrator = person("beheer", municipality=second)
    alderman = person("wethouder", municipality=second)
    official = person("ambtelijk-opdrachtgever", municipality=third)
    colleague = person("teamlid", organisation=team)
    users = {
        Role.POLICY_ADVISER: _user(f"{t}-adviseur", Role.POLICY_ADVISER, adviser),
        Role.GRIFFIE: _user(f"{t}-griffie", Role.GRIFFIE, griffier),
        Role.NETWORK_MT: _user(f"{t}-netwerk-mt", Role.NETWORK_MT, manager),
        Role.FUNCTIONAL_ADMIN: _user(f"{t}-beheer", Role.FUNCTIONAL_ADMIN, administrator),
    }
    nmt, admin = users[Role.NETWORK_MT], users[Role.FUNCTIONAL_ADMIN]
    chair = Membership.objects.create(
        person=alderman,
        body=board,
        municipality=second,
        role=MembershipRole.CHAIR,
        valid_from=day(2022, 1, 1),
    )
    Membership.objects.create(
        person=manager, body=network, role=MembershipRole.CHAIR, valid_from=day(2022, 1, 1)
    )
    Membership.objects.create(
        person=official,
        body=network,
        municipality=third,
        role=MembershipRole.MEMBER,
        valid_from=day(2018, 1, 1),
        valid_until=day(2021, 12, 31),
    )

    # Decisions, and a proposal at the councils for their views.
    adopted = Decision.objects.create(
        body=board,
        slug=f"{t}-besluit-inkoopkader",
        date=day(2021, 7, 1),
        title=f"{T}-besluit-inkoopkader",
        summary=f"{T}-toelichting-inkoopkader",
        outcome=DecisionOutcome.ADOPTED,
        reference=f"{T}-RIS-1",
    )
    Decision.objects.create(
        body=network,
        slug=f"{t}-besluit-netwerk",
        date=day(2023, 2, 1),
        title=f"{T}-besluit-netwerk",
        outcome=DecisionOutcome.NOTED,
    )
    proposal = Decision.objects.create(
        body=board,
        slug=f"{t}-voorstel-begroting",
        date=day(2024, 7, 4),
        title=f"{T}-voorstel-begroting",
        summary=f"{T}-toelichting-voorstel",
        outcome=DecisionOutcome.PROPOSED,
        reference=f"{T}-RIS-2",
    )
    proposal_send_to_councils(decision=proposal, sent_on=day(2024, 4, 15), user=nmt)
    received = CouncilView.objects.get(decision=proposal, municipality=first)
    received.status = CouncilViewStatus.RECEIVED
    received.date = day(2024, 6, 1)
    received.reference = f"{T}-RIS-zienswijze"
    received.summary = f"{T}-zienswijze-inhoud"
    received.reply = f"{T}-zienswijze-reactie"
    received.save()
    TimelineEntry.objects.create(
        region=region,
        slug=f"{t}-document-advies",
        date=day(2020, 9, 23),
        title=f"{T}-adviesrapport",
        description=f"{T}-adviesrapport-toelichting",
    )

    # The programme.
    programme = Programme.objects.create(
        region=region,
        slug=f"{t}-programma",
        name=f"{T}-programma",
        description=f"{T}-programma-omschrijving",
        owner=network,
        starts_on=day(2022, 1, 1),
        ends_on=day(2025, 12, 31),
    )
    line, other_line = (
        Theme.objects.create(
            programme=programme,
            slug=f"{t}-lijn-{code.replace('.', '-')}",
            code=code,
            name=f"{T}-lijn-{code}",
            description=f"{T}-lijn-omschrijving-{code}",
        )
        for code in ("2.1", "2.2")
    )

    def project(code, theme, **kwargs):
        return Project.objects.create(
            programme=programme,
            theme=theme,
            slug=f"{t}-project-{code.replace('.', '-')}",
            code=code,
            name=f"{T}-project-{code}",
            goal=f"{T}-doel-{code}",
            approach=f"{T}-aanpak-{code}",
            costs=f"{T}-kosten-{code}",
            starts_on=day(2022, 1, 1),
            ends_on=day(2025, 12, 31),
            **kwargs,
        )

    main = project(
        SHARED_PROJECT_CODE,
        line,
        lead_municipality=first,
        overall_status=ProjectStatus.ON_TRACK,
        status_remarks=f"{T}-opmerking-status",
        administrative_sponsor=alderman,
        official_sponsor=official,
        contractor=adviser,
    )
    main.team.set([colleague])
    sibling = project("2.1.2", line, lead_municipality=second, contractor=official)
    sibling.team.set([adviser])
    own = project(
        spec.own_project_code,
        other_line,
        lead_municipality=third,
        overall_status=ProjectStatus.AT_RISK,
    )
    Project.objects.create(
        programme=programme,
        slug=f"{t}-project-vorige-agenda",
        code="1.1",
        name=f"{T}-project-vorige-agenda",
        agenda_outcome=AgendaOutcome.CONTINUES,
        continues_in=main,
    )
    goal = SubGoal.objects.create(project=main, order=1, text=f"{T}-subdoel-{main.code}")
    effort = Effort.objects.create(
        project=main,
        sub_goal=goal,
        order=1,
        text=f"{T}-inspanning-{main.code}-1",
        time_target="Q2 2022",
    )
    Effort.objects.create(
        project=main, order=2, text=f"{T}-inspanning-{main.code}-2", time_target="Q4 2030"
    )
    Effort.objects.create(
        project=sibling,
        order=1,
        text=f"{T}-inspanning-{sibling.code}-1",
        time_target="elk kwartaal",
        recurrence=Recurrence.QUARTERLY,
    )
    Effort.objects.create(
        project=own, order=1, text=f"{T}-inspanning-{own.code}-1", time_target="voor de zomer 2021"
    )
    effort = effort_update(
        effort=effort,
        user=users[Role.POLICY_ADVISER],
        status=EffortStatus.IN_PROGRESS,
        remark=f"{T}-opmerking-inspanning",
        edit_version=effort.edit_version,
    )
    report = progress_report_create(
        project=main, user=users[Role.POLICY_ADVISER], report_date=day(2023, 3, 31)
    )
    report = progress_report_submit(report=report, user=users[Role.POLICY_ADVISER])
    report = progress_report_adopt(report=report, user=nmt)
    draft_report = progress_report_create(
        project=main, user=users[Role.POLICY_ADVISER], report_date=day(2023, 6, 30)
    )
    experiment = Experiment.objects.create(
        programme=programme,
        slug=f"{t}-experiment",
        name=f"{T}-experiment",
        project=main,
        description=f"{T}-experiment-omschrijving",
    )
    experiment.municipalities.set([first])
    KeyPerformanceIndicator.objects.create(project=main, name=f"{T}-kpi", measurable=True)

    # Procurement: frameworks, segments and their lineage, contracts, norms.
    framework = Framework.objects.create(
        region=region,
        slug=f"{t}-inkoopkader-2022",
        name=f"{T}-inkoopkader-2022",
        description=f"{T}-inkoopkader-omschrijving",
        valid_from=day(2022, 1, 1),
        valid_until=day(2025, 12, 31),
        adopted_by=adopted,
    )
    later = Framework.objects.create(
        region=region,
        slug=f"{t}-inkoopkader-2026",
        name=f"{T}-inkoopkader-2026",
        valid_from=day(2026, 1, 1),
    )
    Principle.objects.create(framework=framework, order=1, text=f"{T}-uitgangspunt-1")
    CoreValue.objects.create(framework=framework, order=1, text=f"{T}-kernwaarde-1")
    Phase.objects.create(
        framework=framework,
        number=1,
        name=f"{T}-fase-1",
        description=f"{T}-fase-omschrijving",
        starts_on=day(2021, 1, 1),
        ends_on=day(2021, 12, 31),
    )
    procedure = Procedure.objects.create(
        framework=framework,
        kind=ProcedureKind.OPEN_HOUSE,
        choice=ProcedureChoice.CHOSEN,
        rationale=f"{T}-motivering",
    )

    def segment(framework, code, order):
        return Segment.objects.create(
            framework=framework,
            code=code,
            order=order,
            name=f"{T}-segment-{code}-{framework.valid_from.year}",
            target_group=f"{T}-doelgroep-{code}",
            characteristics=f"{T}-kenmerken-{code}",
            purchasing_method=f"{T}-bekostiging-{code}",
            access=f"{T}-toegang-{code}",
            development_tasks=f"{T}-ontwikkelopgaven-{code}",
            preconditions=f"{T}-randvoorwaarden-{code}",
        )

    general, specialist = segment(framework, "1", 1), segment(framework, "4a", 2)
    general.successors.add(segment(later, "1", 1))
    national.category.segments.add(specialist)
    contracts = [
        Contract.objects.create(
            provider=national.provider,
            segment=(specialist, general)[index % 2],
            procedure=procedure,
            reference=f"{T}-contract-{index + 1}",
            valid_from=day(2022, 1, 1),
            valid_until=day(2025, 12, 31),
        )
        for index in range(spec.shared_contracts)
    ]
    Norm.objects.create(
        segment=specialist,
        product_category=national.category,
        product_code=f"{T}-45A01",
        description=f"{T}-norm-ambulant",
        max_duration_months=12,
        max_hours_per_month=Decimal("8.0"),
    )

    # Finance: a realisation with a deficit, carried into the next budget; a key, allocations.
    realisation = Budget.objects.create(
        owner=network,
        slug=f"{t}-realisatie-2022",
        year=2022,
        kind=BudgetKind.REALISATION,
        title=f"{T}-realisatie-2022",
        notes=f"{T}-toelichting-realisatie",
    )
    budget = Budget.objects.create(
        owner=network,
        slug=f"{t}-begroting-2023",
        year=2023,
        kind=BudgetKind.BUDGET,
        title=f"{T}-begroting-2023",
        notes=f"{T}-toelichting-begroting",
    )

    def budget_line(budget, order, direction, label, amount, **kwargs):
        return BudgetLine.objects.create(
            budget=budget,
            order=order,
            direction=direction,
            label=f"{T}-regel-{label}",
            amount=amount,
            is_pro_memorie=amount is None,
            **kwargs,
        )

    budget_line(realisation, 1, LineDirection.INCOME, "bijdragen", Decimal("100000.00"))
    budget_line(realisation, 2, LineDirection.COST, "uitgaven", Decimal("106600.00"))
    budget_line(budget, 1, LineDirection.INCOME, "inkomsten", Decimal("200000.00"))
    project_line = budget_line(
        budget, 2, LineDirection.COST, "project", Decimal("150000.00"), project=main
    )
    budget_line(budget, 3, LineDirection.COST, "pro-memorie", None)
    budget_line(budget, 4, LineDirection.COST, "restant", Decimal("6600.00")).carried_over_from.set(
        [realisation]
    )
    key = distribution_key_create(
        user=nmt,
        region=region,
        name=f"{T}-sleutel-2024",
        source=f"{T}-bron-meicirculaire",
        valid_from=day(2024, 1, 1),
        valid_until=None,
        shares=[
            (first, Decimal("40.00")),
            (second, Decimal("35.00")),
            (third, Decimal("25.00")),
        ],
    )
    allocation_create(user=nmt, key=key, budget=budget)
    allocation = allocation_create(
        user=nmt, key=key, amount=Decimal("100000"), label=f"{T}-verdeling-2024"
    )
    FundingSource.objects.create(
        project=main, kind=FundingKind.NETWORK_BUDGET, note=f"{T}-financiering-netwerk"
    )
    FundingSource.objects.create(
        project=sibling, kind=FundingKind.OWN_MUNICIPALITY, note=f"{T}-financiering-gemeente"
    )
    for year in (2025, None):
        SavingsMeasure.objects.create(
            municipality=first,
            name=f"{T}-ombuiging-1",
            year=year,
            amount=Decimal("50000.00"),
            source=f"{T}-bron-ombuiging",
        )

    # Letters: a concept to the griffie's council, and a regional letter issued with its PDFs.
    def compose(letter, user, text):
        letter = letters.letter_update(
            letter=letter,
            user=user,
            edit_version=letter.edit_version,
            header={"meeting": f"{T}-vergadering", "portfolio_holder": alderman.name},
            section_texts={
                section.pk: f"{T}-brieftekst-{text}-{section.question.order}"
                for section in letter.sections.select_related("question")
            },
            decisions=[adopted],
        )
        section = letter.sections.get(question__order=2)
        for block_type, params in (
            ("programme_progress", {"theme": line.pk, "detail": "projects"}),
            ("programme_progress", {"theme": line.pk, "detail": "efforts"}),
            ("allocation", {"key": key.pk, "amount": "100.000"}),
            ("table", {"title": f"{T}-tabel-{text}", "table": f"Kolom;Aantal\n{T}-rij;1"}),
        ):
            letters.letter_block_add(
                letter=letter,
                user=user,
                section=section,
                block_type=block_type,
                params=params,
                edit_version=Letter.objects.get(pk=letter.pk).edit_version,
            )
        return Letter.objects.get(pk=letter.pk), section

    draft = letters.letter_create(
        user=users[Role.GRIFFIE],
        kind=LetterKind.MUNICIPAL,
        template=national.template,
        municipality=first,
        date=day(2024, 5, 1),
        subject=f"{T}-brief-concept",
        case_number=f"{T}-zaak-concept",
        author=griffier.name,
        is_public=True,
    )
    draft, draft_section = compose(draft, users[Role.GRIFFIE], "concept")
    issued = letters.letter_create(
        user=users[Role.POLICY_ADVISER],
        kind=LetterKind.REGIONAL,
        template=national.template,
        addressees=[first, second],
        date=day(2024, 3, 1),
        subject=f"{T}-brief-verzonden",
        case_number=f"{T}-zaak-verzonden",
        author=adviser.name,
        is_public=True,
    )
    issued, _section = compose(issued, users[Role.POLICY_ADVISER], "verzonden")
    issued = letters.letter_approve(letter=issued, user=admin)
    issued = letters.letter_issue(letter=issued, user=admin)
    # A concept in the bin, and the griffie's letter profile.
    binned = letters.letter_create(
        user=users[Role.GRIFFIE],
        kind=LetterKind.MUNICIPAL,
        template=national.template,
        municipality=first,
        date=day(2024, 6, 1),
        subject=f"{T}-brief-prullenbak",
        is_public=False,
        woo_ground="privacy",
    )
    letters.letter_delete(letter=binned, user=users[Role.GRIFFIE])
    letters.letter_profile_save(
        municipality=first,
        user=users[Role.GRIFFIE],
        data={"printed_fields": ["pillar", "responsible"], "pillar": f"{T}-pijler"},
        edit_version=None,
    )

    # What the public publication shows of the issued letter: its PDFs and their listing.
    # The public letter page wears its region's theme: its name and stylesheet are public too.
    published = [issued.subject, issued.case_number, f"{T}-huisstijl", f"{region.slug}.css"]
    for document in issued.pdfs.select_related("municipality"):
        published += [
            document.municipality.name,
            document.municipality.cbs_code,
            Path(document.file.name).name,
        ]
        with document.file.open("rb") as handle:
            published.append(pdf_text(handle.read()))
    published_markers = frozenset(spec.markers_in("\n".join(published)))
    job = BackgroundJob.objects.create(
        region=region,
        owner=nmt,
        kind="programme.dashboard_pdf",
        title=f"Programmadashboard {spec.token}",
        status=BackgroundJobStatus.DONE,
        result_name=f"dashboard-{spec.token}.csv",
        result_type="text/csv",
    )
    job.result.save("dashboard.csv", ContentFile(f"Taak van {spec.token}\n".encode()))

    return BuiltRegion(
        spec=spec,
        region_pk=region.pk,
        users={role: user.pk for role, user in users.items()},
        project_code=main.code,
        own_project_code=own.code,
        project_pk=main.pk,
        project_slug=main.slug,
        theme_pk=line.pk,
        effort_pk=effort.pk,
        sub_goal_pk=goal.pk,
        body_slug=board.slug,
        membership_pk=chair.pk,
        report_pk=report.pk,
        draft_report_pk=draft_report.pk,
        framework_slug=framework.slug,
        later_framework_slug=later.slug,
        segment_code=specialist.code,
        contract_pk=contracts[0].pk,
        budget_pk=budget.pk,
        budget_slug=budget.slug,
        budget_line_pk=project_line.pk,
        key_slug=key.slug,
        allocation_pk=allocation.pk,
        municipality_pk=first.pk,
        cbs_code=first.cbs_code,
        decision_pk=adopted.pk,
        decision_slug=adopted.slug,
        proposal_slug=proposal.slug,
        draft_letter_pk=draft.pk,
        draft_section_pk=draft_section.pk,
        issued_letter_pk=issued.pk,
        issued_public_id=str(issued.public_id),
        job_pk=str(job.pk),
        published_markers=published_markers,
        provider_slug=national.provider.slug,
    )


def build_no_region_users() -> dict[str, int]:
    """Users with a role but no region: no linked person (a person always has a region)."""
    return {role: _user(f"zonder-regio-{role}", role, person=None).pk for role in ROLES}


def build_world(*, media_root: str = "") -> World:
    """Both regions, their national neighbours and the users without a region.

    The issued letters' PDFs are stored under the MEDIA_ROOT in force; pass it as `media_root`
    so the tests can keep it in force while they download them.
    """
    with all_regions():  # the data cross regions by nature
        national = build_national()
        regions = {spec.token: build_region(spec, national) for spec in SPECS}
        no_region_users = build_no_region_users()
    return World(
        regions=regions,
        no_region_users=no_region_users,
        media_root=media_root,
        pdf_text_available=pdf_available(),
    )
