"""Names for synthetic regions: Dutch-sounding, plausible, and not real.

Region and municipality names are composed from invented parts, so that 42 regions and some 340
municipalities get distinct names that are no real place, landscape or river (a real name would
suggest the figures are real); tests/demo/test_names.py holds them against the real places.
People's names are common Dutch first names and surnames.
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
# Invented landscapes: real ones (Veluwe, Twente, Westland …) would put real names on made-up
# figures.
AREAS = [
    "Eikenwaard",
    "Lindemark",
    "Brederwold",
    "Merelstreek",
    "Zilverdal",
    "Dreuvelland",
    "Wespermark",
    "Rietwolde",
    "Kievitsdal",
    "Oeverstreek",
    "Vlierwaard",
    "Heidemark",
    "Veldergouw",
    "Zandgouw",
    "Mirledal",
    "Korenwaard",
    "Turfstreek",
    "Wilgenland",
    "Elzenmark",
    "Reigerwold",
    "Duinermark",
    "Esserwaard",
    "Berkendal",
    "Hazelland",
    "Kwelstreek",
    "Looierveld",
    "Zegerland",
    "Ronselmark",
    "Tiesgouw",
    "Hoevergouw",
    "Gagelstreek",
    "Essenwaard",
    "Vlasgouw",
    "Plassengouw",
    "Bremland",
    "Dobbestreek",
]

# --- municipalities ---

# Stems and suffixes that sound Dutch; tests/demo holds every combination against the real
# places, so a stem that makes a real one with some suffix ('Veld' + 'hoven') is left out.
PLACE_STEMS = [
    "Apel",
    "Asse",
    "Bors",
    "Brede",
    "Bree",
    "Brem",
    "Dreu",
    "Eik",
    "Gaas",
    "Gagel",
    "Gelder",
    "Hazel",
    "Helle",
    "Kaats",
    "Kievit",
    "Kloos",
    "Koren",
    "Lier",
    "Lin",
    "Mede",
    "Merel",
    "Mirle",
    "Mol",
    "Oever",
    "Ravens",
    "Ree",
    "Ronsel",
    "Schaars",
    "Ties",
    "Turf",
    "Vlas",
    "Vlie",
    "Wage",
    "Wes",
    "Wilg",
    "Zand",
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
# Invented rivers too: 'aan de Vecht' would place the town on a real map.
RIVERS = [
    "Dreuvel",
    "Wesper",
    "Gaasel",
    "Vlisse",
    "Tiesel",
    "Oerbeek",
    "Kwelvliet",
    "Zegervaart",
]

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
    """'Regio Noord-Eikenwaard', 'Regio Zandgouw-Lindemark' or 'Regio Zuid-Vlierwaard-Heidemark'."""
    form = rng.random()
    first, second = rng.sample(AREAS, 2)
    if form < 0.45:
        return f"Regio {rng.choice(DIRECTIONS)}-{first}"
    if form < 0.75:
        return f"Regio {first}-{second}"
    return f"Regio {rng.choice(DIRECTIONS)}-{first}-{second}"


def region_short_name(name: str) -> str:
    return name.removeprefix("Regio ")


def place_name(stem: str, suffix: str) -> str:
    """'Zand' and 'horst' make 'Zandhorst'; a doubled letter at the joint is dropped ('Zanddam'
    reads as a typo)."""
    return stem + (suffix[1:] if stem[-1] == suffix[0] else suffix)


def municipality_name(rng: random.Random) -> str:
    """'Zandhorst', 'Nieuw-Eikveen' or 'Mollo aan de Wesper'."""
    name = place_name(rng.choice(PLACE_STEMS), rng.choice(PLACE_SUFFIXES))
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
    "Zilverling",
    "De Kiekendief",
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
    "Kwikstaart",
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
