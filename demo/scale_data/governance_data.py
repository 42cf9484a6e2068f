"""Regions, municipalities, organisations, bodies, people, memberships, decisions, council views."""

from __future__ import annotations

import hashlib
import io
import itertools
import random
from datetime import date, timedelta

from django.utils.text import slugify

from governance.constants import (
    BodyKind,
    CouncilViewStatus,
    DecisionOutcome,
    MembershipRole,
    OrganisationKind,
)
from governance.models import (
    Body,
    CouncilView,
    Decision,
    Membership,
    Municipality,
    Organisation,
    Person,
    Region,
    RegionTheme,
)
from procurement.models import RiskThreshold
from procurement.risk.defaults import DEFAULT_THRESHOLDS

from . import names, texts
from .base import REFERENCE_DATE, Builder, RegionSet, at

# Fictional CBS codes: real municipality codes are below GM2000, so these never meet a real one.
CBS_CODES = range(2000, 10000)
# The primary colours of the regions' themes, each 4.5:1 or more against white and white text.
THEME_COLOURS = ("#1a5e3a", "#6a2c70", "#8a4b08", "#005f73", "#7b1e3a", "#3d4a1f")


def demo_logo(colour: str) -> bytes:
    """A made-up logo for a generated region: a rounded square in its colour with three waves."""
    from PIL import Image, ImageDraw

    image = Image.new("RGBA", (160, 160), (255, 255, 255, 0))
    draw = ImageDraw.Draw(image)
    draw.rounded_rectangle((8, 8, 152, 152), radius=28, fill=colour)
    for y in (58, 86, 114):
        draw.arc((24, y - 30, 88, y + 10), 20, 160, fill="#ffffff", width=9)
        draw.arc((80, y - 30, 144, y + 10), 200, 340, fill="#ffffff", width=9)
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()


# Municipal elections: aldermen and their seats in the AB and PFO change on this day.
ELECTION_DAY = date(2022, 3, 30)
# The number of municipalities of 42 regions, shaped like the country's: a few large regions
# (the largest with 30), most with 3 to 10; 340 in all, about 8 on average.
REGION_SIZES = (
    [30, 24, 20, 17, 15, 14, 13, 12, 11, 10, 10, 9, 9, 9, 8, 8, 8, 7, 7, 7]
    + [6] * 4
    + [5] * 5
    + [4] * 4
    + [3] * 9
)


def region_sizes(rng: random.Random, count: int) -> list[int]:
    """Municipalities per region for `count` regions: REGION_SIZES shuffled, again per 42."""
    sizes: list[int] = []
    while len(sizes) < count:
        sizes += rng.sample(REGION_SIZES, len(REGION_SIZES))
    return sizes[:count]


def build_regions(builder: Builder, count: int) -> None:
    """Regions with their municipalities (with unique CBS codes) and central municipality."""
    rng = builder.rng
    taken_names = set(Region.objects.values_list("name", flat=True))
    taken_codes = set(Municipality.objects.values_list("cbs_code", flat=True))
    codes = [f"GM{number:04d}" for number in CBS_CODES]
    rng.shuffle(codes)
    free_codes = (code for code in codes if code not in taken_codes)
    place_names: set[str] = set(Municipality.objects.values_list("name", flat=True))

    regions = []
    for index in range(1, count + 1):
        name = names.region_name(rng)
        while name in taken_names:
            name = names.region_name(rng)
        taken_names.add(name)
        key = f"{builder.prefix}r{index:02d}"
        region = Region(slug=f"{key}-{slugify(name)}"[:120], name=name)
        regions.append(region)
        builder.regions.append(
            RegionSet(
                index=index,
                key=key,
                region=region,
                short_name=names.region_short_name(name),
                base_year=rng.randint(2021, 2024),
            )
        )
    builder.save(Region, regions, when=at(date(2020, 1, 6)))
    # Each region wears a theme of its own, so switching regions shows it.
    logos = {colour: demo_logo(colour) for colour in THEME_COLOURS}
    themes = [
        RegionTheme(
            region=region,
            primary=primary,
            link=primary,
            logo=logos[primary],
            logo_sha256=hashlib.sha256(logos[primary]).hexdigest(),
            logo_description="Logo van de demo",
        )
        for region, primary in zip(regions, itertools.cycle(THEME_COLOURS), strict=False)
    ]
    builder.save(RegionTheme, themes, when=at(date(2020, 1, 6)))
    # Saved in bulk, without the signal that gives a new region its risk thresholds.
    thresholds = [
        RiskThreshold(region=region, kind=kind, value=value, explanation=explanation)
        for region in regions
        for kind, value, explanation in DEFAULT_THRESHOLDS
    ]
    builder.save(RiskThreshold, thresholds, when=at(date(2020, 1, 6)))

    municipalities = []
    for data, size in zip(builder.regions, region_sizes(rng, count), strict=True):
        for position in range(size):
            name = names.municipality_name(rng)
            while name in place_names:
                name = names.municipality_name(rng)
            place_names.add(name)
            municipality = Municipality(region=data.region, name=name, cbs_code=next(free_codes))
            data.municipalities.append(municipality)
            # The first is the largest: the central municipality of the region.
            data.weights.append(rng.randint(60, 100) if position == 0 else rng.randint(5, 45))
            municipalities.append(municipality)
    builder.save(Municipality, municipalities, when=at(date(2020, 1, 6)))

    for data in builder.regions:
        data.central = data.municipalities[0]
        data.region.central_municipality = data.central
        data.region._history_date = at(date(2020, 1, 7))
    builder.update(Region, [data.region for data in builder.regions], ["central_municipality"])


def build_organisations_and_bodies(builder: Builder) -> None:
    organisations, bodies = [], []
    for data in builder.regions:
        short, key, region = data.short_name, data.key, data.region
        founded = date(data.base_year - 5, 1, 1)
        arrangement = Organisation(
            region=region,
            slug=f"{key}-grj",
            name=f"Gemeenschappelijke Regeling Jeugd {short}",
            abbreviation="GRJ",
            kind=OrganisationKind.JOINT_ARRANGEMENT,
            description=(
                f"De gemeenschappelijke regeling van de {len(data.municipalities)} gemeenten "
                f"in {short} voor de inkoop van en de sturing op de jeugdhulp."
            ),
            founded_on=founded,
        )
        data.organisations = {
            "grj": arrangement,
            "soj": Organisation(
                region=region,
                slug=f"{key}-soj",
                name=f"Serviceorganisatie Jeugd {short}",
                abbreviation="SOJ",
                kind=OrganisationKind.PART_OF_ARRANGEMENT,
                description="Koopt de jeugdhulp in en beheert de contracten voor de gemeenten.",
                founded_on=founded,
            ),
            "sjt": Organisation(
                region=region,
                slug=f"{key}-sjt",
                name=f"Stichting Jeugdteams {short}",
                abbreviation="SJT",
                kind=OrganisationKind.FOUNDATION,
                founded_on=founded + timedelta(days=365),
            ),
        }
        organisations.extend(data.organisations.values())
    builder.save(Organisation, organisations, when=at(date(2020, 1, 6)))
    parts = []
    for data in builder.regions:
        data.organisations["soj"].parent = data.organisations["grj"]
        data.organisations["soj"]._history_date = at(date(2020, 1, 7))
        parts.append(data.organisations["soj"])
    builder.update(Organisation, parts, ["parent"])

    for data in builder.regions:
        short, key, arrangement = data.short_name, data.key, data.organisations["grj"]
        specs = [
            ("ab", "AB", f"Algemeen Bestuur GR Jeugd {short}", BodyKind.GENERAL_BOARD),
            ("db", "DB", f"Dagelijks Bestuur GR Jeugd {short}", BodyKind.EXECUTIVE_BOARD),
            ("pfo", "PFO", f"Portefeuillehoudersoverleg Jeugd {short}", BodyKind.PORTFOLIO_HOLDERS),
            ("nmt", "NMT", f"Netwerk MT Jeugd {short}", BodyKind.MANAGEMENT_NETWORK),
            ("aoj", "AOJ", f"Ambtelijk Overleg Jeugd {short}", BodyKind.OFFICIAL_CONSULTATION),
        ]
        for code, abbreviation, name, kind in specs:
            body = Body(
                region=data.region,
                organisation=arrangement if code in ("ab", "db") else None,
                slug=f"{key}-{code}",
                name=name,
                abbreviation=abbreviation,
                kind=kind,
            )
            data.bodies[code] = body
            bodies.append(body)
    builder.save(Body, bodies, when=at(date(2020, 1, 6)))


def _person(builder: Builder, data: RegionSet, people: list, job: str, **place) -> Person:
    """A fictional person of the region, numbered within it and added to `people`."""
    name = names.person_name(builder.rng)
    where = place.get("municipality") or place.get("organisation")
    person = Person(
        slug=f"{data.key}-p{len(people) + 1:04d}",
        name=name,
        job_title=job,
        email=names.email_address(name, slugify(str(where.name))[:40]),
        is_demo=True,
        region_id=where.region_id,
        **place,
    )
    people.append(person)
    return person


def build_people(builder: Builder) -> None:
    """Per municipality an alderman, a manager and advisers; the arrangement's staff; seats."""
    rng = builder.rng
    people, memberships = [], []
    former_aldermen: list[tuple[RegionSet, Person]] = []
    for data in builder.regions:
        mine: list[Person] = []
        for place in data.municipalities:
            data.aldermen.append(
                _person(builder, data, mine, "Wethouder Jeugd", municipality=place)
            )
            data.managers.append(
                _person(builder, data, mine, "Manager Sociaal Domein", municipality=place)
            )
            for _ in range(rng.randint(1, 2)):
                data.advisers.append(
                    _person(builder, data, mine, "Beleidsadviseur Jeugd", municipality=place)
                )
            if builder.chance(0.25):
                former = _person(builder, data, mine, "Oud-wethouder Jeugd", municipality=place)
                former_aldermen.append((data, former))
        arrangement, service = data.organisations["grj"], data.organisations["soj"]
        data.staff = {
            "director": _person(
                builder, data, mine, "Directeur GR Jeugd", organisation=arrangement
            ),
            "adviser": _person(
                builder, data, mine, "Strategisch adviseur jeugd", organisation=arrangement
            ),
            "contracts": _person(builder, data, mine, "Contractmanager", organisation=service),
        }
        people += mine
    builder.save(Person, people, when=at(date(2020, 1, 6)))

    def seat(person, body, role, since=ELECTION_DAY, until=None):
        memberships.append(
            Membership(
                person=person,
                body=body,
                municipality=person.municipality,
                role=role,
                valid_from=since,
                valid_until=until,
            )
        )

    for data in builder.regions:
        bodies, staff = data.bodies, data.staff
        central_alderman = data.aldermen[0]
        pfo_chair = builder.pick(data.aldermen)
        for alderman in data.aldermen:
            chair = alderman is central_alderman
            seat(alderman, bodies["ab"], MembershipRole.CHAIR if chair else MembershipRole.MEMBER)
            role = MembershipRole.CHAIR if alderman is pfo_chair else MembershipRole.MEMBER
            seat(alderman, bodies["pfo"], role)
        seat(central_alderman, bodies["db"], MembershipRole.CHAIR)
        others = data.aldermen[1:]
        for alderman in rng.sample(others, min(2, len(others))):
            seat(alderman, bodies["db"], MembershipRole.MEMBER)
        since = date(data.base_year - 1, 9, 1)
        seat(staff["director"], bodies["db"], MembershipRole.SECRETARY, since)
        seat(staff["director"], bodies["ab"], MembershipRole.SECRETARY, since)
        seat(staff["adviser"], bodies["db"], MembershipRole.DEPUTY_SECRETARY, since)
        seat(staff["adviser"], bodies["nmt"], MembershipRole.ADVISER, since)
        seat(staff["adviser"], bodies["aoj"], MembershipRole.CHAIR, since)
        for manager in data.managers:
            role = MembershipRole.CHAIR if manager is data.managers[0] else MembershipRole.MEMBER
            seat(manager, bodies["nmt"], role, builder.day_between(since, ELECTION_DAY))
        for adviser in data.advisers:
            seat(
                adviser,
                bodies["aoj"],
                MembershipRole.MEMBER,
                builder.day_between(since, ELECTION_DAY),
            )
    for data, former in former_aldermen:
        until = ELECTION_DAY - timedelta(days=1)
        seat(former, data.bodies["ab"], MembershipRole.MEMBER, date(2018, 4, 12), until)
        seat(former, data.bodies["pfo"], MembershipRole.MEMBER, date(2018, 4, 12), until)
    builder.save(Membership, memberships, when=at(ELECTION_DAY))


def build_decisions(builder: Builder) -> None:
    """About twenty decisions per region over the years, and the councils' views on some."""
    rng = builder.rng
    decisions, views = [], []
    asks_views: list[tuple[RegionSet, Decision]] = []
    for data in builder.regions:
        first = data.base_year - 1
        chosen = [
            (year, template)
            for year in range(first, first + 4)
            for template in texts.YEARLY_DECISIONS
        ]
        chosen.append((first, texts.FRAMEWORK_DECISION))
        chosen.append((data.base_year, texts.PROGRAMME_DECISION))
        chosen += [
            (rng.randint(first, first + 3), template)
            for template in rng.sample(texts.OCCASIONAL_DECISIONS, 10)
        ]
        for number, (year, template) in enumerate(chosen, start=1):
            day = date(year, rng.randint(1, 12), rng.randint(1, 28))
            outcome = template.outcome if day <= REFERENCE_DATE else DecisionOutcome.PROPOSED
            reference = f"RIS {rng.randint(2500000, 3299999)}" if template.body == "AB" else ""
            decision = Decision(
                body=data.bodies[template.body.lower()],
                slug=f"{data.key}-d{number:03d}",
                date=day,
                title=template.title.format(
                    year=year, prev=year - 1, next=year + 1, after=year + 2
                ),
                outcome=DecisionOutcome(outcome),
                reference=reference if builder.chance(0.6) else "",
                created=at(min(day, REFERENCE_DATE)),
            )
            decisions.append(decision)
            if template is texts.FRAMEWORK_DECISION:
                data.decisions["framework"] = decision
            if template.asks_council_views:
                asks_views.append((data, decision))
    builder.save(Decision, decisions, when=at(date(2020, 1, 6)))

    for data, decision in asks_views:
        for municipality in data.municipalities:
            status = builder.weighted(
                [
                    (CouncilViewStatus.RECEIVED, 0.75),
                    (CouncilViewStatus.NONE, 0.2),
                    (CouncilViewStatus.AWAITED, 0.05),
                ]
            )
            if decision.date > REFERENCE_DATE:
                status = CouncilViewStatus.AWAITED
            received = status == CouncilViewStatus.RECEIVED
            day = decision.date - timedelta(days=rng.randint(10, 40)) if received else None
            views.append(
                CouncilView(
                    municipality=municipality,
                    decision=decision,
                    status=status,
                    deadline=decision.date - timedelta(days=7),
                    date=day,
                    reference=f"RIS {rng.randint(2500000, 3299999)}" if received else "",
                    summary=(
                        f"De raad van {municipality.name} vraagt aandacht voor kostenbeheersing "
                        "en voor de betrokkenheid van de raad bij de uitwerking."
                        if received
                        else ""
                    ),
                    created=at(min(day or decision.date, REFERENCE_DATE)),
                )
            )
    builder.save(CouncilView, views, when=at(date(2020, 1, 6)))
