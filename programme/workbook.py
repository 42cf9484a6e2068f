"""Programme's sheets of the region workbook: programmes, themes, projects with their sponsor
triangle and team, sub-goals, and efforts with their time target as written.

Registered in `ProgrammeConfig.ready()`; see `core.workbook`.
"""

from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.parsing import ParseError
from core.workbook import (
    CHOICE,
    DATE,
    INTEGER,
    REFERENCE,
    REFERENCES,
    Column,
    RowProblem,
    Sheet,
)
from governance.models import Body, Municipality, Person
from programme.constants import AgendaOutcome, EffortStatus, ProjectStatus, Recurrence
from programme.models import Effort, Programme, Project, SubGoal, Theme
from programme.timetargets import parse_time_target

SLUG_HELP = gettext_lazy(
    "Vaste, unieke sleutel van de rij: kleine letters, cijfers en streepjes. Andere werkbladen "
    "verwijzen ermee naar deze rij; een rij met een sleutel die al bestaat, werkt die bij."
)


def _person(name: str, header, help_text, **options) -> Column:
    return Column(name, header, help_text, kind=REFERENCE, model=Person, **options)


def _project(help_text=None) -> Column:
    return Column(
        "project",
        gettext_lazy("Project"),
        help_text
        or gettext_lazy(
            "Sleutel of nummer (zoals 2.1.1) van het project (werkblad Projecten); het nummer "
            "alleen als geen ander programma een project met dat nummer heeft."
        ),
        kind=REFERENCE,
        model=Project,
        to=("slug", "code"),
        required=True,
    )


def _theme_of_programme(context, values, text):
    programme = values.get("programme")
    if not isinstance(programme, Programme):
        raise ParseError(_("eerst moet het programma kloppen"))
    themes = Theme.objects.filter(programme=programme)
    theme = themes.filter(slug__iexact=text).first() or themes.filter(code__iexact=text).first()
    if theme is None:
        raise ParseError(
            _("onbekende programmalijn ‘%(text)s’ in het programma %(programme)s")
            % {"text": text, "programme": programme}
        )
    return theme


def _sub_goal_of_project(context, values, text):
    project = values.get("project")
    if not isinstance(project, Project):
        raise ParseError(_("eerst moet het project kloppen"))
    if not text.isdigit():
        raise ParseError(
            _("subdoelstelling ‘%(text)s’: vul het volgnummer in (werkblad Subdoelstellingen)")
            % {"text": text}
        )
    sub_goal = SubGoal.objects.filter(project=project, order=int(text)).first()
    if sub_goal is None:
        raise ParseError(
            _("het project %(project)s heeft geen subdoelstelling %(order)s")
            % {"project": project, "order": text}
        )
    return sub_goal


class ProjectSheet(Sheet):
    """Projects: found by their slug, or by their number within their programme."""

    def natural_key(self, row):
        slug = row.texts.get("slug", "").casefold()
        if slug:
            return ("slug", slug)
        code = row.texts.get("code", "").casefold()
        return ("code", row.texts.get("programme", "").casefold(), code) if code else None

    def key_text(self, row):
        return row.texts.get("slug") or row.texts.get("code", "")

    def find(self, context, values):
        if values["slug"]:
            return Project.objects.filter(slug=values["slug"]).first()
        if not values["code"]:
            raise RowProblem(_("vul de sleutel of het nummer van het project in"))
        project = Project.objects.filter(programme=values["programme"], code=values["code"]).first()
        if project is not None:
            values["slug"] = project.slug
        return project

    def apply_row(self, context, row, *, late, instance=None):
        if late:
            continues_in = row.values.get("continues_in")
            if continues_in and instance.agenda_outcome != AgendaOutcome.CONTINUES:
                raise RowProblem(
                    _("‘Loopt door in’ hoort alleen bij de afloop ‘%(outcome)s’")
                    % {"outcome": AgendaOutcome.CONTINUES.label}
                )
        return super().apply_row(context, row, late=late, instance=instance)

    def check_row(self, instance, changes):
        """Also: a project's number is unique within its programme."""
        super().check_row(instance, changes)
        if instance.pk is not None and "code" not in changes and "programme" not in changes:
            return
        code = changes.get("code", instance.code)
        programme = changes.get("programme", instance.programme if instance.programme_id else None)
        if not code or programme is None:
            return
        if Project.objects.filter(programme=programme, code=code).exclude(pk=instance.pk).exists():
            raise RowProblem(
                _("het programma %(programme)s heeft al een project met nummer %(code)s")
                % {"programme": programme, "code": code}
            )

    def new_instance(self, context, values):
        if not values["slug"]:
            code = values["code"].replace(".", "-")  # 2.1.3 → 2-1-3, not 213
            values["slug"] = slugify(f"{values['programme'].slug}-{code}")[:120]
        return Project()


class EffortSheet(Sheet):
    def notes(self, context, instance):
        if not instance.time_target_unparsed:
            return []
        reason = parse_time_target(instance.time_target).flag_reason
        return [
            _(
                "tijdsdoel ‘%(text)s’ niet als periode herkend (%(reason)s); het wordt bewaard "
                "zoals geschreven"
            )
            % {"text": instance.time_target, "reason": reason.rstrip(".")}
        ]


PROGRAMMES = Sheet(
    key="programmes",
    title=gettext_lazy("Programma"),
    description=gettext_lazy(
        "De programma's van de regio, zoals een ontwikkelagenda of een meerjarenprogramma."
    ),
    model=Programme,
    order=110,
    lookup=("slug",),
    periods=(("starts_on", "ends_on"),),
    ordering=("starts_on", "slug"),
    columns=(
        Column("slug", gettext_lazy("Sleutel"), SLUG_HELP, required=True),
        Column(
            "name", gettext_lazy("Naam"), gettext_lazy("De naam van het programma."), required=True
        ),
        Column("description", gettext_lazy("Omschrijving"), gettext_lazy("Mag leeg.")),
        Column(
            "owner",
            gettext_lazy("Eigenaar"),
            gettext_lazy(
                "Sleutel van het orgaan dat het programma bezit (werkblad Organen); mag leeg."
            ),
            kind=REFERENCE,
            model=Body,
        ),
        Column("starts_on", gettext_lazy("Begint op"), gettext_lazy("Mag leeg."), kind=DATE),
        Column("ends_on", gettext_lazy("Eindigt op"), gettext_lazy("Mag leeg."), kind=DATE),
        Column(
            "predecessor",
            gettext_lazy("Volgt op"),
            gettext_lazy("Sleutel van het programma waar dit op volgt; mag leeg."),
            kind=REFERENCE,
            model=Programme,
            late=True,
        ),
    ),
)

THEMES = Sheet(
    key="themes",
    title=gettext_lazy("Programmalijnen"),
    description=gettext_lazy("De lijnen van een programma, zoals ‘2.2 Meer lokaal’."),
    model=Theme,
    order=120,
    lookup=("slug",),
    new_fields=lambda context: {},
    ordering=("programme__slug", "code"),
    columns=(
        Column("slug", gettext_lazy("Sleutel"), SLUG_HELP, required=True),
        Column(
            "programme",
            gettext_lazy("Programma"),
            gettext_lazy("Sleutel van het programma (werkblad Programma)."),
            kind=REFERENCE,
            model=Programme,
            required=True,
        ),
        Column("code", gettext_lazy("Nummer"), gettext_lazy("Zoals 2.2."), required=True),
        Column(
            "name",
            gettext_lazy("Naam"),
            gettext_lazy("De naam van de programmalijn."),
            required=True,
        ),
        Column("description", gettext_lazy("Omschrijving"), gettext_lazy("Mag leeg.")),
        Column(
            "handed_over_to",
            gettext_lazy("Overgedragen aan"),
            gettext_lazy("Aan wie de lijn is overgedragen; mag leeg."),
        ),
        Column(
            "handed_over_on", gettext_lazy("Overgedragen op"), gettext_lazy("Mag leeg."), kind=DATE
        ),
    ),
)

PROJECTS = ProjectSheet(
    key="projects",
    title=gettext_lazy("Projecten"),
    description=gettext_lazy(
        "De projecten met hun sturingsdriehoek (bestuurlijk en ambtelijk opdrachtgever, "
        "opdrachtnemer), projectteam en looptijd. Een project wordt gevonden aan zijn sleutel, of "
        "aan zijn nummer binnen het programma."
    ),
    model=Project,
    order=130,
    lookup=("slug",),
    new_fields=lambda context: {},
    periods=(("starts_on", "ends_on"),),
    ordering=("programme__slug", "code", "slug"),
    columns=(
        Column(
            "slug",
            gettext_lazy("Sleutel"),
            gettext_lazy(
                "Vaste, unieke sleutel van het project; mag leeg bij een nieuw project met een "
                "nummer (dan wordt hij gemaakt uit programma en nummer)."
            ),
        ),
        Column(
            "programme",
            gettext_lazy("Programma"),
            gettext_lazy("Sleutel van het programma (werkblad Programma)."),
            kind=REFERENCE,
            model=Programme,
            required=True,
        ),
        Column(
            "code", gettext_lazy("Nummer"), gettext_lazy("Zoals 2.2.3; uniek binnen het programma.")
        ),
        Column(
            "name", gettext_lazy("Naam"), gettext_lazy("De naam van het project."), required=True
        ),
        Column(
            "theme",
            gettext_lazy("Programmalijn"),
            gettext_lazy(
                "Sleutel of nummer (zoals 2.2) van de programmalijn in hetzelfde programma; "
                "mag leeg."
            ),
            kind=REFERENCE,
            model=Theme,
            resolve=_theme_of_programme,
        ),
        Column("goal", gettext_lazy("Doel"), gettext_lazy("Mag leeg.")),
        Column("approach", gettext_lazy("Aanpak"), gettext_lazy("Mag leeg.")),
        Column("costs", gettext_lazy("Wat kost het"), gettext_lazy("Mag leeg.")),
        Column("starts_on", gettext_lazy("Looptijd vanaf"), gettext_lazy("Mag leeg."), kind=DATE),
        Column(
            "ends_on", gettext_lazy("Looptijd tot en met"), gettext_lazy("Mag leeg."), kind=DATE
        ),
        Column(
            "lead_municipality",
            gettext_lazy("Trekkende gemeente"),
            gettext_lazy("Gemeentecode (zoals GM0505) of naam; mag leeg."),
            kind=REFERENCE,
            model=Municipality,
            to=("cbs_code", "name"),
        ),
        _person(
            "administrative_sponsor",
            gettext_lazy("Bestuurlijk opdrachtgever"),
            gettext_lazy("Sleutel van een persoon van de regio (werkblad Personen); mag leeg."),
        ),
        _person(
            "official_sponsor",
            gettext_lazy("Ambtelijk opdrachtgever"),
            gettext_lazy("Sleutel van een persoon van de regio; mag leeg."),
        ),
        _person(
            "contractor",
            gettext_lazy("Ambtelijk opdrachtnemer"),
            gettext_lazy("Sleutel van een persoon van de regio; mag leeg."),
        ),
        Column(
            "team",
            gettext_lazy("Projectteam"),
            gettext_lazy("Sleutels van personen van de regio; mag leeg."),
            kind=REFERENCES,
            model=Person,
        ),
        Column(
            "overall_status",
            gettext_lazy("Algehele status"),
            gettext_lazy("Leeg is Onbekend."),
            kind=CHOICE,
            choices=ProjectStatus,
        ),
        Column(
            "status_remarks",
            gettext_lazy("Opmerkingen over het proces"),
            gettext_lazy("Mag leeg."),
        ),
        Column(
            "agenda_outcome",
            gettext_lazy("Afloop"),
            gettext_lazy("Voor een project van een vorige agenda; mag leeg."),
            kind=CHOICE,
            choices=AgendaOutcome,
        ),
        Column(
            "continues_in",
            gettext_lazy("Loopt door in"),
            gettext_lazy(
                "Sleutel van het project waarin dit doorloopt (alleen bij afloop ‘Loopt door’)."
            ),
            kind=REFERENCE,
            model=Project,
            late=True,
        ),
        Column(
            "handed_over_to",
            gettext_lazy("Overgedragen aan"),
            gettext_lazy("Aan wie het project is overgedragen; mag leeg."),
        ),
        Column(
            "handed_over_on", gettext_lazy("Overgedragen op"), gettext_lazy("Mag leeg."), kind=DATE
        ),
    ),
)

SUB_GOALS = Sheet(
    key="sub_goals",
    title=gettext_lazy("Subdoelstellingen"),
    description=gettext_lazy("De subdoelstellingen van een project, genummerd 1, 2, 3 …"),
    model=SubGoal,
    order=140,
    lookup=("project", "order"),
    new_fields=lambda context: {},
    ordering=("project__slug", "order"),
    columns=(
        _project(),
        Column(
            "order",
            gettext_lazy("Volgnummer"),
            gettext_lazy("1, 2, 3 … binnen het project."),
            kind=INTEGER,
            required=True,
        ),
        Column("text", gettext_lazy("Subdoelstelling"), gettext_lazy("De tekst."), required=True),
    ),
)

EFFORTS = EffortSheet(
    key="efforts",
    title=gettext_lazy("Inspanningen"),
    description=gettext_lazy(
        "De inspanningen van een project met hun afgesproken tijdsdoel, zoals geschreven "
        "(‘Q2 2022’, ‘voor de zomer 2021’). Een tijdsdoel dat niet als periode te lezen is, "
        "wordt bewaard en gemeld, niet geweigerd."
    ),
    model=Effort,
    order=150,
    lookup=("project", "order"),
    new_fields=lambda context: {},
    ordering=("project__slug", "order"),
    columns=(
        _project(),
        Column(
            "order",
            gettext_lazy("Volgnummer"),
            gettext_lazy("1, 2, 3 … binnen het project."),
            kind=INTEGER,
            required=True,
        ),
        Column(
            "sub_goal",
            gettext_lazy("Subdoelstelling"),
            gettext_lazy("Volgnummer van de subdoelstelling van hetzelfde project; mag leeg."),
            kind=REFERENCE,
            model=SubGoal,
            resolve=_sub_goal_of_project,
            show=lambda effort: effort.sub_goal.order if effort.sub_goal_id else None,
        ),
        Column("text", gettext_lazy("Inspanning"), gettext_lazy("De tekst."), required=True),
        Column(
            "time_target",
            gettext_lazy("Tijdsdoel"),
            gettext_lazy("Zoals afgesproken, bijvoorbeeld ‘Q2 2022’ of ‘voor de zomer 2021’."),
        ),
        Column(
            "recurrence",
            gettext_lazy("Herhaling"),
            gettext_lazy("Leeg is Eenmalig."),
            kind=CHOICE,
            choices=Recurrence,
        ),
        Column(
            "status",
            gettext_lazy("Status"),
            gettext_lazy("Leeg is Onbekend."),
            kind=CHOICE,
            choices=EffortStatus,
        ),
        Column("remark", gettext_lazy("Opmerking"), gettext_lazy("Mag leeg.")),
    ),
)

SHEETS = (PROGRAMMES, THEMES, PROJECTS, SUB_GOALS, EFFORTS)
