"""Programmes (a development agenda and the programme that follows it), their themes, and
projects with their sponsor triangle and team."""

from __future__ import annotations

from datetime import date, timedelta

from django.utils.text import slugify

from programme.constants import AgendaOutcome, ProjectStatus
from programme.models import Programme, Project, Theme

from . import texts
from .base import REFERENCE_DATE, Builder, at, euro_text


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
        title = builder.pick(texts.PROGRAMME_TITLES)
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
        theme_names = rng.sample(texts.THEMES, rng.randint(3, 5))
        handed_over = rng.randrange(len(theme_names)) if builder.chance(0.25) else None
        for number, name in enumerate(theme_names, start=1):
            theme = Theme(
                programme=main,
                slug=f"{data.key}-lijn-{number}",
                code=f"2.{number}",
                name=name,
                description=f"Programmalijn '{name}' van {main.name}.",
            )
            if number - 1 == handed_over:
                theme.handed_over_to = builder.pick(texts.HANDOVER_TARGETS)
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
            name = builder.pick(texts.PROJECT_NAMES) + builder.pick(texts.PROJECT_QUALIFIERS)
            cost = rng.randint(2, 40) * 5000
            code = f"{theme.code}.{numbers[slot]}"
            # URLs take a slug without dots: project 2.1.3 gets '…-project-2-1-3'.
            project = Project(
                programme=main,
                theme=theme,
                code=code,
                slug=f"{data.key}-project-{code.replace('.', '-')}",
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
                project.status_remarks = builder.pick(texts.STATUS_REMARKS)
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
                name=builder.pick(texts.PROJECT_NAMES),
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
