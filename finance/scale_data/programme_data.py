"""Programmes, themes, projects with their sponsor triangle, sub-goals, efforts with written time
targets and a history of status changes, progress reports, experiments and KPIs."""

from __future__ import annotations

from datetime import date, timedelta

from django.utils.text import slugify

from programme.constants import (
    AgendaOutcome,
    EffortStatus,
    ProjectStatus,
    Recurrence,
    ReportStatus,
)
from programme.models import (
    Effort,
    Experiment,
    KeyPerformanceIndicator,
    Programme,
    ProgressReport,
    ProgressReportLine,
    Project,
    SubGoal,
    Theme,
)

from . import words
from .base import REFERENCE_DATE, Builder, at, euro_text

MONTHS = [
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
]
SHORT_MONTHS = ["jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sept", "okt", "nov", "dec"]


def time_target_text(builder: Builder, day: date) -> str:
    """A time target around `day`, written the way project plans write them."""
    y, m, q = day.year, day.month, (day.month - 1) // 3 + 1
    season = "voorjaar" if m <= 5 else "zomer" if m <= 8 else "najaar"
    forms = [
        (lambda: f"Q{q} {y}", 22),
        (lambda: f"Q{q} van {y}", 3),
        (lambda: f"eind {y}", 8),
        (lambda: f"voor de zomer {y}" if m <= 6 else f"na de zomer {y}", 7),
        (lambda: f"{MONTHS[m - 1]} {y}", 10),
        (lambda: f"{SHORT_MONTHS[m - 1]} {y}", 3),
        (lambda: f"medio {y}", 4),
        (lambda: f"{season} {y}", 5),
        (lambda: f"{y}", 7),
        (lambda: f"H{1 if m <= 6 else 2} {y}", 4),
        (lambda: f"{day.day} {MONTHS[m - 1]} {y}", 4),
        (lambda: f"begin {y}", 3),
        (lambda: f"voor eind {y}", 3),
        (lambda: f"uiterlijk {day.day} {MONTHS[m - 1]} {y}", 2),
        (lambda: f"Q{max(1, q - 1)} t/m Q{q} {y}", 3),
        (lambda: f"zomer {y - 1} – eind {y}", 3),
        (lambda: "", 6),
        (lambda: builder.pick(words.UNPARSED_TARGETS), 2),
    ]
    return builder.weighted(forms)()


def build_programmes(builder: Builder) -> None:
    """Per region a development agenda and the programme that follows it, with its themes."""
    rng = builder.rng
    agendas, mains, themes = [], [], []
    for data in builder.regions:
        year, owner = data.base_year, data.bodies["nmt"]
        agenda = Programme(
            region=data.region,
            slug=f"{data.key}-ontwikkelagenda-{year}",
            name=f"Ontwikkelagenda {year}",
            description="De gezamenlijke ontwikkelagenda jeugd van de gemeenten.",
            owner=owner,
            starts_on=date(year, 1, 1),
            ends_on=date(year, 12, 31),
            created=at(date(year - 1, 11, 2)),
        )
        title = builder.pick(words.PROGRAMME_TITLES)
        last_year = year + 2 + (1 if builder.chance(0.3) else 0)
        main = Programme(
            region=data.region,
            slug=f"{data.key}-{slugify(title)}-{year + 1}-{last_year}",
            name=f"{title} {year + 1}–{last_year}",
            description=(
                f"Het programma van het Netwerk MT Jeugd {data.short_name}: samen werken aan "
                "passende hulp, dichtbij en betaalbaar."
            ),
            owner=owner,
            starts_on=date(year + 1, 1, 1),
            ends_on=date(last_year, 12, 31),
            predecessor=agenda,
            created=at(date(year, 10, 1)),
        )
        data.programmes = [agenda, main]
        agendas.append(agenda)
        mains.append(main)
    builder.save(Programme, agendas, when=at(date(2020, 1, 6)))
    builder.save(Programme, mains, when=at(date(2020, 1, 6)))

    for data in builder.regions:
        main = data.programmes[1]
        names = rng.sample(words.THEMES, rng.randint(3, 5))
        handed_over = rng.randrange(len(names)) if builder.chance(0.25) else None
        for number, name in enumerate(names, start=1):
            theme = Theme(
                programme=main,
                slug=f"{data.key}-lijn-{number}",
                code=f"2.{number}",
                name=name,
                description=f"Programmalijn '{name}' van {main.name}.",
            )
            if number - 1 == handed_over:
                theme.handed_over_to = builder.pick(words.HANDOVER_TARGETS)
                theme.handed_over_on = date(main.starts_on.year, 10, 1)
            themes.append(theme)
            data.themes.append(theme)
    builder.save(Theme, themes, when=at(date(2020, 1, 6)))


def _overall_status(builder: Builder, project: Project) -> str:
    if project.ends_on < REFERENCE_DATE:
        return builder.weighted([(ProjectStatus.COMPLETED, 7), (ProjectStatus.DELAYED, 3)])
    if project.starts_on > REFERENCE_DATE:
        return ProjectStatus.NOT_STARTED
    return builder.weighted(
        [
            (ProjectStatus.ON_TRACK, 50),
            (ProjectStatus.AT_RISK, 25),
            (ProjectStatus.DELAYED, 10),
            (ProjectStatus.UNKNOWN, 15),
        ]
    )


def build_projects(builder: Builder) -> None:
    """The main programme's projects (with a sponsor triangle and team) and the agenda's."""
    rng = builder.rng
    projects, agenda_projects, team = [], [], []
    for data in builder.regions:
        agenda, main = data.programmes
        themes = data.themes
        numbers = dict.fromkeys(range(len(themes)), 0)
        for position in range(builder.projects_per_region):
            # Every theme gets projects; after that they fall where they fall.
            slot = position if position < len(themes) else rng.randrange(len(themes))
            numbers[slot] += 1
            theme = themes[slot]
            starts = main.starts_on + timedelta(days=rng.randint(0, 120))
            ends = max(
                main.ends_on - timedelta(days=rng.randint(0, 200)), starts + timedelta(days=90)
            )
            name = builder.pick(words.PROJECT_NAMES) + builder.pick(words.PROJECT_QUALIFIERS)
            cost = rng.randint(2, 40) * 5000
            code = f"{theme.code}.{numbers[slot]}"
            project = Project(
                programme=main,
                theme=theme,
                code=code,
                slug=f"{data.key}-project-{code}",
                name=name,
                goal=(
                    f"Het doel van '{name}' is dat jeugdigen en gezinnen in {data.short_name} "
                    "sneller passende hulp krijgen, zo dicht mogelijk bij huis."
                ),
                approach=(
                    "Een projectgroep met beleidsadviseurs van de gemeenten werkt de aanpak uit, "
                    "test die in een of twee gemeenten en legt de resultaten voor aan het "
                    "Netwerk MT Jeugd."
                ),
                costs=f"{euro_text(cost)} per jaar uit het budget van het Netwerk MT Jeugd.",
                starts_on=starts,
                ends_on=ends,
                lead_municipality=builder.pick(data.municipalities)
                if builder.chance(0.6)
                else None,
                administrative_sponsor=builder.pick(data.aldermen),
                official_sponsor=builder.pick(data.managers),
                contractor=builder.pick(data.advisers),
                created=at(main.starts_on - timedelta(days=30)),
            )
            if theme.handed_over_to:
                project.overall_status = ProjectStatus.HANDED_OVER
                project.handed_over_to = theme.handed_over_to
                project.handed_over_on = theme.handed_over_on
            else:
                project.overall_status = _overall_status(builder, project)
            if builder.chance(0.4):
                project.status_remarks = builder.pick(words.STATUS_REMARKS)
            project.updated = at(builder.day_between(starts, min(ends, REFERENCE_DATE)))
            projects.append(project)
            data.projects.append(project)
            members = rng.sample(data.advisers, min(len(data.advisers), rng.randint(1, 4)))
            team += [(project, person) for person in members if person != project.contractor]
        for number in range(1, max(1, builder.projects_per_region // 5) + 1):
            continues = builder.chance(0.6)
            agenda_project = Project(
                programme=agenda,
                slug=f"{data.key}-agenda-{number}",
                name=builder.pick(words.PROJECT_NAMES),
                starts_on=agenda.starts_on,
                ends_on=agenda.ends_on,
                agenda_outcome=AgendaOutcome.CONTINUES if continues else AgendaOutcome.DONE,
                continues_in=builder.pick(data.projects) if continues else None,
                overall_status=ProjectStatus.UNKNOWN if continues else ProjectStatus.COMPLETED,
                created=at(agenda.starts_on - timedelta(days=30)),
            )
            agenda_projects.append(agenda_project)
    builder.save(Project, projects, when=at(date(2020, 1, 6)))
    builder.save(Project, agenda_projects, when=at(date(2020, 1, 6)))
    builder.link(
        Project.team.through,
        (Project.team.through(project=project, person=person) for project, person in team),
    )


def _effort_status(builder: Builder, effort: Effort, project: Project) -> str:
    if project.starts_on > REFERENCE_DATE:
        return EffortStatus.UNKNOWN
    if effort.recurrence:
        return EffortStatus.IN_PROGRESS
    if effort.target_end is None:
        return builder.weighted([(EffortStatus.UNKNOWN, 5), (EffortStatus.IN_PROGRESS, 5)])
    if effort.target_end < REFERENCE_DATE:
        return builder.weighted(
            [
                (EffortStatus.ACHIEVED, 60),
                (EffortStatus.NOT_ACHIEVED, 12),
                (EffortStatus.IN_PROGRESS, 18),
                (EffortStatus.UNKNOWN, 10),
            ]
        )
    if effort.target_start <= REFERENCE_DATE:
        return builder.weighted(
            [
                (EffortStatus.IN_PROGRESS, 55),
                (EffortStatus.ACHIEVED, 20),
                (EffortStatus.UNKNOWN, 25),
            ]
        )
    return builder.weighted([(EffortStatus.UNKNOWN, 65), (EffortStatus.IN_PROGRESS, 35)])


def build_efforts(builder: Builder) -> None:
    """Sub-goals and efforts, created as 'Onbekend' and then moved on in one or two steps, each
    step written with bulk_update_with_history so the history tables tell how they got there."""
    rng = builder.rng
    sub_goals: list[SubGoal] = []
    goals_of: dict[int, list[SubGoal]] = {}
    for data in builder.regions:
        for project in data.projects:
            texts = rng.sample(words.SUB_GOALS, rng.randint(0, 4))
            goals = [
                SubGoal(project=project, order=order, text=text, created=project.created)
                for order, text in enumerate(texts, start=1)
            ]
            goals_of[project.pk] = goals
            sub_goals += goals
    builder.save(SubGoal, sub_goals, when=at(date(2020, 1, 6)))

    efforts: list[Effort] = []
    project_of: dict[int, Project] = {}
    for data in builder.regions:
        for project in data.projects:
            goals = goals_of[project.pk]
            for order in range(1, rng.randint(6, 16) + 1):
                place = builder.pick(data.municipalities).name
                effort = Effort(
                    project=project,
                    sub_goal=builder.pick(goals) if goals and builder.chance(0.85) else None,
                    order=order,
                    created=at(project.starts_on, hour=10),
                )
                if builder.chance(0.08):
                    effort.text, recurrence = builder.pick(words.RECURRING_EFFORTS)
                    effort.recurrence = Recurrence(recurrence)
                    first, last = project.starts_on.year, project.ends_on.year
                    effort.time_target = f"{first} – {last}" if first != last else f"{first}"
                else:
                    effort.text = builder.pick(words.EFFORTS).format(municipality=place)
                    target = builder.day_between(
                        project.starts_on + timedelta(days=30), project.ends_on
                    )
                    effort.time_target = time_target_text(builder, target)
                # bulk_create skips the pre_save signal that derives the period from the text.
                effort.refresh_time_target()
                efforts.append(effort)
    builder.save(Effort, efforts, when=at(date(2020, 1, 6)))
    for data in builder.regions:
        for project in data.projects:
            project_of[project.pk] = project

    started, finished = [], []
    for effort in efforts:
        project = project_of[effort.project_id]
        final = _effort_status(builder, effort, project)
        created = effort.created.date()
        if final == EffortStatus.UNKNOWN:
            builder.effort_timeline[effort.pk] = (None, None, final)
            continue
        horizon = min(REFERENCE_DATE, effort.target_end or REFERENCE_DATE)
        in_progress_on = builder.day_between(created + timedelta(days=7), horizon)
        effort.status, effort.edit_version = EffortStatus.IN_PROGRESS, 2
        effort.updated = effort._history_date = at(in_progress_on, hour=rng.randint(8, 17))
        started.append(effort)
        done_on = None
        if final in (EffortStatus.ACHIEVED, EffortStatus.NOT_ACHIEVED):
            latest = min(REFERENCE_DATE, (effort.target_end or REFERENCE_DATE) + timedelta(days=45))
            done_on = builder.day_between(in_progress_on, latest)
            finished.append(effort)
        builder.effort_timeline[effort.pk] = (in_progress_on, done_on, final)
    fields = ["status", "remark", "edit_version", "updated"]
    builder.update(Effort, started, fields)
    for effort in finished:
        _in_progress_on, done_on, final = builder.effort_timeline[effort.pk]
        effort.status, effort.edit_version = final, 3
        effort.updated = effort._history_date = at(done_on, hour=rng.randint(8, 17))
        if builder.chance(0.3):
            effort.remark = builder.pick(words.REMARKS)
    builder.update(Effort, finished, fields)


def _status_on(builder: Builder, effort: Effort, day: date) -> str:
    in_progress_on, done_on, final = builder.effort_timeline[effort.pk]
    if done_on and done_on <= day:
        return final
    if in_progress_on and in_progress_on <= day:
        return EffortStatus.IN_PROGRESS
    return EffortStatus.UNKNOWN


def build_reports_experiments_kpis(builder: Builder) -> None:
    rng = builder.rng
    efforts_of: dict[int, list[Effort]] = {}
    project_ids = [project.pk for data in builder.regions for project in data.projects]
    for effort in Effort.objects.filter(project_id__in=project_ids).order_by("project_id", "order"):
        efforts_of.setdefault(effort.project_id, []).append(effort)

    reports, snapshots = [], []
    for data in builder.regions:
        for project in data.projects:
            first_possible = project.starts_on + timedelta(days=90)
            if first_possible > REFERENCE_DATE - timedelta(days=30) or not builder.chance(0.3):
                continue
            report_date = builder.day_between(first_possible, REFERENCE_DATE - timedelta(days=30))
            submitted = at(report_date + timedelta(days=3))
            adopted = at(report_date + timedelta(days=rng.randint(10, 40)))
            is_adopted = adopted.date() <= REFERENCE_DATE
            report = ProgressReport(
                project=project,
                report_date=report_date,
                status=ReportStatus.ADOPTED if is_adopted else ReportStatus.SUBMITTED,
                overall_status=project.overall_status,
                administrative_sponsor_name=project.administrative_sponsor.name,
                official_sponsor_name=project.official_sponsor.name,
                contractor_name=project.contractor.name,
                last_update=at(report_date),
                submitted_at=submitted,
                adopted_at=adopted if is_adopted else None,
                created=at(report_date),
                updated=adopted if is_adopted else submitted,
            )
            reports.append(report)
            snapshots.append((report, efforts_of.get(project.pk, [])))
    builder.save(ProgressReport, reports, when=at(date(2020, 1, 6)))
    builder.save(
        ProgressReportLine,
        [
            ProgressReportLine(
                report=report,
                effort=effort,
                order=position,
                status=_status_on(builder, effort, report.report_date),
                effort_text=effort.text,
                time_target=effort.time_target,
            )
            for report, efforts in snapshots
            for position, effort in enumerate(efforts, start=1)
        ],
        when=at(date(2020, 1, 6)),
    )

    experiments, experiment_places, kpis, kpi_places = [], [], [], []
    for data in builder.regions:
        main = data.programmes[1]
        for number, name in enumerate(rng.sample(words.EXPERIMENTS, rng.randint(3, 6)), start=1):
            experiment = Experiment(
                programme=main,
                slug=f"{data.key}-experiment-{number}",
                name=name,
                project=builder.pick(data.projects),
                description="Lokaal experiment dat de leeromgeving volgt.",
            )
            experiments.append(experiment)
            for place in rng.sample(data.municipalities, min(len(data.municipalities), 2)):
                experiment_places.append((experiment, place))
        for project in data.projects:
            if not builder.chance(0.1):
                continue
            for name, measurable in rng.sample(words.KPIS, rng.randint(2, 4)):
                kpi = KeyPerformanceIndicator(project=project, name=name, measurable=measurable)
                kpis.append(kpi)
                for place in rng.sample(data.municipalities, rng.randint(0, 2)):
                    kpi_places.append((kpi, place))
    builder.save(Experiment, experiments, when=at(date(2022, 3, 1)))
    builder.link(
        Experiment.municipalities.through,
        (
            Experiment.municipalities.through(experiment=experiment, municipality=place)
            for experiment, place in experiment_places
        ),
    )
    builder.save(KeyPerformanceIndicator, kpis, when=at(date(2022, 3, 1)))
    builder.link(
        KeyPerformanceIndicator.municipalities.through,
        (
            KeyPerformanceIndicator.municipalities.through(
                keyperformanceindicator=kpi, municipality=place
            )
            for kpi, place in kpi_places
        ),
    )
