"""Sub-goals and efforts with written time targets and a history of status changes, progress
reports, experiments and KPIs."""

from __future__ import annotations

from datetime import date, timedelta

from programme.constants import EffortStatus, Recurrence, ReportStatus
from programme.models import (
    Effort,
    Experiment,
    KeyPerformanceIndicator,
    ProgressReport,
    ProgressReportLine,
    Project,
    SubGoal,
)

from . import texts
from .base import REFERENCE_DATE, Builder, at

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
        (lambda: builder.pick(texts.UNPARSED_TARGETS), 2),
    ]
    return builder.weighted(forms)()


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
            chosen = rng.sample(texts.SUB_GOALS, rng.randint(0, 4))
            goals = [
                SubGoal(project=project, order=order, text=text, created=project.created)
                for order, text in enumerate(chosen, start=1)
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
                    effort.text, recurrence = builder.pick(texts.RECURRING_EFFORTS)
                    effort.recurrence = Recurrence(recurrence)
                    first, last = project.starts_on.year, project.ends_on.year
                    effort.time_target = f"{first} – {last}" if first != last else f"{first}"
                else:
                    effort.text = builder.pick(texts.EFFORTS).format(municipality=place)
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
            effort.remark = builder.pick(texts.REMARKS)
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
        for number, name in enumerate(rng.sample(texts.EXPERIMENTS, rng.randint(3, 6)), start=1):
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
            for name, measurable in rng.sample(texts.KPIS, rng.randint(2, 4)):
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
