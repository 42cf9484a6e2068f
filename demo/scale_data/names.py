"""Names for synthetic regions: Dutch-sounding, plausible, and visibly not real.

Region and municipality names are composed from parts, so that 42 regions and some 340
municipalities get distinct names without a list of real places (which would suggest the figures
are real). People's names are common Dutch first names and surnames.
"""

import random

from django.utils.text import slugify

# --- regions ---

DIRECTIONS = [
    "Noord",
    "Oost",
    "Zuid",
    "West",
    "Midden",
    "Noordoost",
    "Noordwest",
    "Zuidoost",
    "Zuidwest",
    "Groot",
]
AREAS = [
    "Veluwe",
    "Achterhoek",
    "Twente",
    "Rivierenland",
    "Kempen",
    "Peel",
    "Betuwe",
    "Gooi",
    "Vechtstreek",
    "Zaanstreek",
    "Westland",
    "Delfland",
    "Kennemerland",
    "Waterland",
    "Salland",
    "IJsselland",
    "Vallei",
    "Eemland",
    "Maasland",
    "Langstraat",
    "Liemers",
    "Lekstroom",
    "Heuvelland",
    "Drechtland",
    "Duinstreek",
    "Kromme Rijn",
    "Hunzedal",
    "Wolden",
    "Kop van Holland",
    "Polderland",
    "Zeeuwse Delta",
    "Graafschap",
]

# --- municipalities ---

PLACE_STEMS = [
    "Beek",
    "Berg",
    "Bree",
    "Dal",
    "Doorn",
    "Eik",
    "Elst",
    "Gaas",
    "Haar",
    "Hees",
    "Hoog",
    "Kaats",
    "Laar",
    "Lin",
    "Mol",
    "Nij",
    "Ooster",
    "Ree",
    "Roos",
    "Vlie",
    "Wester",
    "Wil",
    "Zand",
    "Zee",
    "Zuider",
    "Apel",
    "Bunne",
    "Drie",
    "Asse",
    "Bors",
    "Gelder",
    "Helle",
    "Kloos",
    "Lier",
    "Mede",
    "Olde",
    "Putte",
    "Ravens",
    "Schaars",
    "Ter",
    "Uit",
    "Vorden",
    "Wage",
]
PLACE_SUFFIXES = [
    "dam",
    "dijk",
    "veen",
    "horst",
    "wijk",
    "broek",
    "hout",
    "loo",
    "rode",
    "haven",
    "kerk",
    "meer",
    "woude",
    "hoven",
    "beek",
    "donk",
    "sum",
    "ingen",
    "endaal",
    "oord",
    "stede",
    "zijl",
    "wold",
    "waard",
    "burg",
    "lo",
]
PLACE_PREFIXES = ["Oud-", "Nieuw-", "Groot-", "Sint-"]
RIVERS = ["Vecht", "Maas", "IJssel", "Lek", "Linge", "Rijn", "Waal", "Amstel", "Dommel", "Regge"]

# --- people ---

FIRST_NAMES = [
    "Anna",
    "Bart",
    "Carla",
    "Daan",
    "Els",
    "Femke",
    "Gert",
    "Hanneke",
    "Ingrid",
    "Jan",
    "Joost",
    "Karin",
    "Lars",
    "Linda",
    "Marco",
    "Marieke",
    "Mohamed",
    "Nathalie",
    "Noor",
    "Pieter",
    "Priya",
    "Rob",
    "Saskia",
    "Sander",
    "Sevda",
    "Thijs",
    "Tineke",
    "Wouter",
    "Yvonne",
    "Ahmed",
    "Bas",
    "Chantal",
    "Dirk",
    "Esther",
    "Frank",
    "Gerda",
    "Hans",
    "Ilse",
    "Jeroen",
    "Kees",
    "Lotte",
    "Maarten",
    "Nicole",
    "Olga",
    "Paul",
    "Renate",
    "Sietske",
    "Tom",
    "Ursula",
    "Vincent",
    "Wilma",
    "Youssef",
    "Zeynep",
    "Annemiek",
    "Hidde",
    "Jolanda",
    "Kevin",
    "Mirjam",
    "Ruben",
    "Sanne",
]
INFIXES = ["van", "de", "van der", "van den", "van de", "ter", "ten", "in 't", "den"]
SURNAMES = [
    "Jansen",
    "Vries",
    "Bakker",
    "Visser",
    "Smit",
    "Meijer",
    "Mulder",
    "Boer",
    "Bos",
    "Vos",
    "Peters",
    "Hendriks",
    "Leeuwen",
    "Dekker",
    "Brouwer",
    "Wit",
    "Dijkstra",
    "Smits",
    "Graaf",
    "Meer",
    "Kok",
    "Jacobs",
    "Vermeulen",
    "Berg",
    "Haan",
    "Veen",
    "Heuvel",
    "Schouten",
    "Willems",
    "Hoekstra",
    "Koster",
    "Prins",
    "Blom",
    "Huisman",
    "Kuipers",
    "Postma",
    "Wal",
    "Kramer",
    "Scholten",
    "Timmermans",
    "Groen",
    "Gerritsen",
    "Wijk",
    "Sluis",
    "Yilmaz",
    "Bouzid",
    "Kaya",
    "Hoogland",
    "Verbeek",
    "Zwart",
    "Klein",
    "Brink",
    "Steen",
    "Molenaar",
    "Oosterhout",
    "Veenstra",
    "Kroon",
    "Driessen",
    "Lammers",
    "Wouters",
]
# Surnames that read naturally after an infix ('de Vries', 'van der Meer'); the others stand alone.
INFIX_SURNAMES = {
    "Vries",
    "Boer",
    "Wit",
    "Graaf",
    "Meer",
    "Berg",
    "Haan",
    "Veen",
    "Heuvel",
    "Wal",
    "Wijk",
    "Sluis",
    "Brink",
    "Steen",
    "Leeuwen",
    "Oosterhout",
}


def region_name(rng: random.Random) -> str:
    """'Regio Noord-Veluwe', 'Regio Twente-Achterhoek' or 'Regio Zuid-Kempen-Peel'."""
    form = rng.random()
    first, second = rng.sample(AREAS, 2)
    if form < 0.45:
        return f"Regio {rng.choice(DIRECTIONS)}-{first}"
    if form < 0.75:
        return f"Regio {first}-{second}"
    return f"Regio {rng.choice(DIRECTIONS)}-{first}-{second}"


def region_short_name(name: str) -> str:
    return name.removeprefix("Regio ")


def municipality_name(rng: random.Random) -> str:
    """'Zandhorst', 'Nieuw-Beekveen' or 'Mollo aan de Vecht'."""
    stem, suffix = rng.choice(PLACE_STEMS), rng.choice(PLACE_SUFFIXES)
    # Avoid a doubled letter at the joint ('Zanddam' reads as a typo).
    name = stem + (suffix[1:] if stem[-1] == suffix[0] else suffix)
    form = rng.random()
    if form < 0.15:
        return rng.choice(PLACE_PREFIXES) + name
    if form < 0.22:
        return f"{name} aan de {rng.choice(RIVERS)}"
    return name


def person_name(rng: random.Random) -> str:
    first = rng.choice(FIRST_NAMES)
    surname = rng.choice(SURNAMES)
    if surname in INFIX_SURNAMES:
        return f"{first} {rng.choice(INFIXES)} {surname}"
    return f"{first} {surname}"


def email_address(name: str, domain: str) -> str:
    first, *rest = name.split(" ")
    return f"{slugify(first)[:1]}.{slugify(''.join(rest))}@{domain}.example.org"


# --- providers ---

PROVIDER_STEMS = [
    "Horizon",
    "De Hoeve",
    "Kompas",
    "Lindenhof",
    "Ankerpunt",
    "De Brug",
    "Zonnehuis",
    "Vlinder",
    "Eikenrode",
    "Het Baken",
    "Boomhut",
    "De Waai",
    "Levant",
    "Oranjehof",
    "Sterrenwacht",
    "Wadden",
    "Kameleon",
    "Duinzicht",
    "Eilandhuis",
    "Merel",
]
PROVIDER_FORMS = [
    ("Stichting {stem} Jeugdzorg", "foundation", True),
    ("Stichting Jeugd en Gezin {place}", "foundation", True),
    ("{stem} Jeugdhulp B.V.", "private_company", False),
    ("Zorggroep {place} B.V.", "private_company", True),
    ("Vereniging {stem}", "association", True),
    ("Praktijk {stem} {place}", "sole_proprietor", None),
]
