"""Governance's sheets of the region workbook: the region, its municipalities, organisations,
bodies, people and memberships; the user accounts are in `users`."""

from django.utils.translation import gettext_lazy

from core.workbook import (
    BOOLEAN,
    CHOICE,
    DATE,
    REFERENCE,
    Column,
    Sheet,
)
from governance.constants import BodyKind, MembershipRole, OrganisationKind
from governance.models import Body, Membership, Municipality, Organisation, Person, Region

from .users import USERS

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

SHEETS = (REGION, MUNICIPALITIES, ORGANISATIONS, BODIES, PEOPLE, MEMBERSHIPS, USERS)
