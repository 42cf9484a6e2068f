"""Governance's sheets of the region workbook: the region, its municipalities, organisations,
bodies, people, memberships and user accounts."""

from django.contrib.auth.models import Group, User
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.parsing import ParseError
from core.workbook import (
    BOOLEAN,
    CHOICE,
    DATE,
    REFERENCE,
    Column,
    RowProblem,
    Sheet,
    split_list,
)
from governance.constants import BodyKind, MembershipRole, OrganisationKind, Role
from governance.models import Body, Membership, Municipality, Organisation, Person, Region

SLUG_HELP = gettext_lazy(
    "Vaste, unieke sleutel van de rij: kleine letters, cijfers en streepjes, zoals "
    "‘algemeen-bestuur’. Andere werkbladen verwijzen ermee naar deze rij; een rij met een sleutel "
    "die al bestaat, werkt die bij."
)


def _slug(help_text=SLUG_HELP) -> Column:
    return Column("slug", gettext_lazy("Sleutel"), help_text, required=True)


def _municipality(name: str, header, help_text, **options) -> Column:
    return Column(
        name,
        header,
        help_text,
        kind=REFERENCE,
        model=Municipality,
        to=("cbs_code", "name"),
        **options,
    )


class RegionSheet(Sheet):
    def queryset(self, region):
        return Region.objects.filter(pk=region.pk)


class UserSheet(Sheet):
    """User accounts: not rows of a region, but linked to a person of the region.

    A new account gets an unusable password and is active; a workbook never makes anyone staff
    or superuser, never changes a platform administrator, and never touches an account that
    belongs to another region (or to none).
    """

    def queryset(self, region):
        return (
            User.objects.filter(person__region=region)
            .select_related("person")
            .prefetch_related("groups")
            .order_by("username")
        )

    @staticmethod
    def _roles(user) -> list[str]:
        if user.pk is None:
            return []
        return sorted(group.name for group in user.groups.all() if group.name in Role.values)

    def cell(self, instance, column):
        if column.name == "roles":
            return ", ".join(str(Role(role).label) for role in self._roles(instance))
        if column.name == "person":
            return instance.person.slug
        return super().cell(instance, column)

    def read(self, column, text):
        if column.name != "roles":
            return super().read(column, text)
        roles = set()
        for part in split_list(text):
            folded = part.casefold()
            role = next(
                (
                    value
                    for value, label in Role.choices
                    if folded in (value.casefold(), str(label).casefold())
                ),
                None,
            )
            if role is None:
                raise ParseError(
                    _("‘%(text)s’ is geen rol; kies uit: %(roles)s")
                    % {"text": part, "roles": ", ".join(str(label) for _v, label in Role.choices)}
                )
            roles.add(role)
        return sorted(roles)

    def find(self, context, values):
        user = User.objects.filter(username=values["username"]).first()
        if user is None:
            return None
        person = Person._base_manager.filter(user=user).first()
        if person is None or person.region_id != context.region.pk:
            raise RowProblem(
                _(
                    "de gebruiker ‘%(username)s’ bestaat al en hoort niet bij deze regio; kies "
                    "een andere gebruikersnaam"
                )
                % {"username": user.username}
            )
        return user

    def foreign(self, context, values):
        return None

    def new_instance(self, context, values):
        return User(is_active=True, is_staff=False, is_superuser=False)

    def current(self, instance, column):
        if column.name == "roles":
            return self._roles(instance)
        if column.name == "person":
            person = getattr(instance, "person", None) if instance.pk else None
            return person.pk if person is not None else None
        return super().current(instance, column)

    def differs(self, instance, column, value):
        if column.name == "roles":
            return self.current(instance, column) != value
        return super().differs(instance, column, value)

    def save(self, context, instance, changes, *, creating):
        if instance.is_superuser:
            raise RowProblem(
                _("‘%(username)s’ is platformbeheerder en wordt niet via de werkmap gewijzigd")
                % {"username": instance.username}
            )
        if creating:
            instance.username = changes["username"]
            instance.set_unusable_password()
        if "email" in changes:
            instance.email = changes["email"]
        instance.full_clean(exclude=["password"])
        instance.save()
        if "roles" in changes:
            instance.groups.remove(*Group.objects.filter(name__in=Role.values))
            instance.groups.add(
                *(Group.objects.get_or_create(name=role)[0] for role in changes["roles"])
            )
        if "person" in changes:
            self._link(context, instance, changes["person"])
        if creating:
            # The accounts made by this import: an invitation to each could be sent from here,
            # once the import is committed (`transaction.on_commit`).
            context.extra.setdefault("new_users", []).append(instance)

    @staticmethod
    def _link(context, user, person) -> None:
        if person.user_id is not None and person.user_id != user.pk:
            raise RowProblem(
                _("%(person)s is al gekoppeld aan de gebruiker ‘%(username)s’")
                % {"person": person, "username": person.user.username}
            )
        for previous in Person.objects.filter(user=user).exclude(pk=person.pk):
            previous.user = None
            previous._change_reason = context.reason
            previous._history_user = context.user
            previous.save()
        person.user = user
        person._change_reason = context.reason
        if context.user is not None:
            person._history_user = context.user
        person.save()


REGION = RegionSheet(
    key="region",
    title=gettext_lazy("Regio"),
    description=gettext_lazy(
        "De jeugdzorgregio zelf, op één rij. In het scherm Werkmap mag dit werkblad leeg blijven: "
        "dan geldt uw eigen regio; een andere regio wordt geweigerd."
    ),
    model=Region,
    order=10,
    lookup=("slug",),
    new_fields=lambda context: {},
    columns=(
        _slug(gettext_lazy("Vaste sleutel van de regio, zoals ‘zhz’.")),
        Column("name", gettext_lazy("Naam"), gettext_lazy("De naam van de regio."), required=True),
        _municipality(
            "central_municipality",
            gettext_lazy("Centrumgemeente"),
            gettext_lazy("Gemeentecode (zoals GM0505) van de centrumgemeente; mag leeg."),
            late=True,
        ),
    ),
)

MUNICIPALITIES = Sheet(
    key="municipalities",
    title=gettext_lazy("Gemeenten"),
    description=gettext_lazy(
        "De gemeenten van de regio, ook die van vroeger (met hun einddatum en waarin ze opgingen)."
    ),
    model=Municipality,
    order=20,
    lookup=("cbs_code",),
    periods=(("valid_from", "valid_until"),),
    ordering=("cbs_code",),
    columns=(
        Column(
            "cbs_code",
            gettext_lazy("Gemeentecode (CBS)"),
            gettext_lazy("GM gevolgd door vier cijfers, zoals GM0505."),
            required=True,
        ),
        Column(
            "name", gettext_lazy("Naam"), gettext_lazy("De naam van de gemeente."), required=True
        ),
        Column(
            "valid_from",
            gettext_lazy("Bestaat vanaf"),
            gettext_lazy("Leeg als de gemeente al bestond."),
            kind=DATE,
        ),
        Column(
            "valid_until",
            gettext_lazy("Bestaat tot en met"),
            gettext_lazy("Leeg zolang de gemeente bestaat."),
            kind=DATE,
        ),
        _municipality(
            "merged_into",
            gettext_lazy("Opgegaan in"),
            gettext_lazy("Gemeentecode van de gemeente waarin deze opging; mag leeg."),
            late=True,
        ),
    ),
)

ORGANISATIONS = Sheet(
    key="organisations",
    title=gettext_lazy("Organisaties"),
    description=gettext_lazy(
        "De gemeenschappelijke regeling, haar onderdelen en andere organisaties van de regio."
    ),
    model=Organisation,
    order=30,
    lookup=("slug",),
    periods=(("founded_on", "ended_on"),),
    ordering=("slug",),
    columns=(
        _slug(),
        Column(
            "name", gettext_lazy("Naam"), gettext_lazy("De naam van de organisatie."), required=True
        ),
        Column("abbreviation", gettext_lazy("Afkorting"), gettext_lazy("Zoals DG&J; mag leeg.")),
        Column(
            "kind",
            gettext_lazy("Soort"),
            gettext_lazy("Wat voor organisatie het is."),
            kind=CHOICE,
            choices=OrganisationKind,
            required=True,
        ),
        Column("description", gettext_lazy("Omschrijving"), gettext_lazy("Mag leeg.")),
        Column(
            "parent",
            gettext_lazy("Onderdeel van"),
            gettext_lazy("Sleutel van de organisatie waar deze onder valt; mag leeg."),
            kind=REFERENCE,
            model=Organisation,
            late=True,
        ),
        Column("founded_on", gettext_lazy("Opgericht op"), gettext_lazy("Mag leeg."), kind=DATE),
        Column("ended_on", gettext_lazy("Opgeheven op"), gettext_lazy("Mag leeg."), kind=DATE),
        Column(
            "merged_into",
            gettext_lazy("Opgegaan in"),
            gettext_lazy("Sleutel van de organisatie waarin deze opging; mag leeg."),
            kind=REFERENCE,
            model=Organisation,
            late=True,
        ),
    ),
)

BODIES = Sheet(
    key="bodies",
    title=gettext_lazy("Organen"),
    description=gettext_lazy(
        "Besturen en overleggen: algemeen en dagelijks bestuur, portefeuillehoudersoverleg, "
        "Netwerk MT Jeugd, ambtelijk overleg, gemeenteraden …"
    ),
    model=Body,
    order=40,
    lookup=("slug",),
    periods=(("founded_on", "ended_on"),),
    ordering=("slug",),
    columns=(
        _slug(),
        Column(
            "name", gettext_lazy("Naam"), gettext_lazy("De naam van het orgaan."), required=True
        ),
        Column(
            "abbreviation",
            gettext_lazy("Afkorting"),
            gettext_lazy("Zoals AB of PFO."),
            required=True,
        ),
        Column(
            "kind",
            gettext_lazy("Soort"),
            gettext_lazy("Wat voor orgaan het is."),
            kind=CHOICE,
            choices=BodyKind,
            required=True,
        ),
        Column(
            "organisation",
            gettext_lazy("Organisatie"),
            gettext_lazy("Sleutel van de organisatie waar het orgaan bij hoort; mag leeg."),
            kind=REFERENCE,
            model=Organisation,
        ),
        _municipality(
            "municipality",
            gettext_lazy("Gemeente"),
            gettext_lazy(
                "Alleen voor een orgaan van één gemeente, zoals de raad: de gemeentecode."
            ),
        ),
        Column("description", gettext_lazy("Omschrijving"), gettext_lazy("Mag leeg.")),
        Column("founded_on", gettext_lazy("Ingesteld op"), gettext_lazy("Mag leeg."), kind=DATE),
        Column("ended_on", gettext_lazy("Opgeheven op"), gettext_lazy("Mag leeg."), kind=DATE),
    ),
)

PEOPLE = Sheet(
    key="people",
    title=gettext_lazy("Personen"),
    description=gettext_lazy(
        "De mensen van de regio: bestuurders, managers, adviseurs. Een gebruikersaccount hoort "
        "bij een persoon (werkblad Gebruikers)."
    ),
    model=Person,
    order=50,
    lookup=("slug",),
    ordering=("slug",),
    columns=(
        _slug(),
        Column(
            "name", gettext_lazy("Naam"), gettext_lazy("De naam van de persoon."), required=True
        ),
        Column("job_title", gettext_lazy("Functie"), gettext_lazy("Mag leeg.")),
        Column("email", gettext_lazy("E-mailadres"), gettext_lazy("Mag leeg.")),
        _municipality(
            "municipality",
            gettext_lazy("Gemeente"),
            gettext_lazy("Gemeentecode van de gemeente waar de persoon werkt; mag leeg."),
        ),
        Column(
            "organisation",
            gettext_lazy("Organisatie"),
            gettext_lazy("Sleutel van de organisatie waar de persoon werkt; mag leeg."),
            kind=REFERENCE,
            model=Organisation,
        ),
        Column(
            "is_demo",
            gettext_lazy("Demogegevens"),
            gettext_lazy("‘ja’ voor een fictieve persoon; leeg of ‘nee’ voor een echte."),
            kind=BOOLEAN,
        ),
    ),
)

MEMBERSHIPS = Sheet(
    key="memberships",
    title=gettext_lazy("Lidmaatschappen"),
    description=gettext_lazy(
        "Wie in welk orgaan zit, in welke rol en van wanneer tot wanneer. Een rij is een persoon, "
        "een orgaan, een rol en een begindatum."
    ),
    model=Membership,
    order=60,
    lookup=("person", "body", "role", "valid_from"),
    new_fields=lambda context: {},
    periods=(("valid_from", "valid_until"),),
    ordering=("body__slug", "person__slug", "valid_from", "role"),
    columns=(
        Column(
            "person",
            gettext_lazy("Persoon"),
            gettext_lazy("Sleutel van de persoon (werkblad Personen)."),
            kind=REFERENCE,
            model=Person,
            required=True,
        ),
        Column(
            "body",
            gettext_lazy("Orgaan"),
            gettext_lazy("Sleutel van het orgaan (werkblad Organen)."),
            kind=REFERENCE,
            model=Body,
            required=True,
        ),
        Column(
            "role",
            gettext_lazy("Rol"),
            gettext_lazy("De rol in het orgaan."),
            kind=CHOICE,
            choices=MembershipRole,
            required=True,
        ),
        _municipality(
            "municipality",
            gettext_lazy("Namens gemeente"),
            gettext_lazy("Gemeentecode van de gemeente die de persoon vertegenwoordigt; mag leeg."),
        ),
        Column(
            "valid_from",
            gettext_lazy("Vanaf"),
            gettext_lazy("De begindatum."),
            kind=DATE,
            required=True,
        ),
        Column(
            "valid_until",
            gettext_lazy("Tot en met"),
            gettext_lazy("Leeg zolang het lidmaatschap loopt."),
            kind=DATE,
        ),
    ),
)

USERS = UserSheet(
    key="users",
    title=gettext_lazy("Gebruikers"),
    description=gettext_lazy(
        "De gebruikersaccounts, elk gekoppeld aan een persoon van de regio. Een nieuw account is "
        "actief en heeft nog geen wachtwoord. De werkmap maakt niemand beheerder van het platform."
    ),
    model=User,
    order=70,
    lookup=("username",),
    columns=(
        Column(
            "username",
            gettext_lazy("Gebruikersnaam"),
            gettext_lazy("Waarmee de gebruiker inlogt: letters, cijfers en @ . + - _."),
            required=True,
        ),
        Column("email", gettext_lazy("E-mailadres"), gettext_lazy("Mag leeg.")),
        Column(
            "roles",
            gettext_lazy("Rol"),
            gettext_lazy(
                "Beleidsadviseur, Griffie, Netwerk MT Jeugd of Functioneel beheer; meerdere "
                "gescheiden door komma's; leeg is geen rol."
            ),
            max_length=200,
        ),
        Column(
            "person",
            gettext_lazy("Persoon"),
            gettext_lazy("Sleutel van de persoon (werkblad Personen) bij wie het account hoort."),
            kind=REFERENCE,
            model=Person,
            required=True,
        ),
    ),
)

SHEETS = (REGION, MUNICIPALITIES, ORGANISATIONS, BODIES, PEOPLE, MEMBERSHIPS, USERS)
