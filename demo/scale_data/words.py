"""Word lists for synthetic regions: Dutch-sounding, plausible, and visibly not real.

Region and municipality names are composed from parts, so that 42 regions and some 340
municipalities get distinct names without a list of real places (which would suggest the figures
are real). People's names are common Dutch first names and surnames.
"""

import random
from typing import NamedTuple

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


# --- governance ---


class DecisionTemplate(NamedTuple):
    body: str  # abbreviation of the body that decides
    title: str  # may use {year}, {prev} and {next}
    outcome: str  # a DecisionOutcome value
    asks_council_views: bool = False


# Every year: the budget (with council views), the accounts and a budget change.
YEARLY_DECISIONS = [
    DecisionTemplate("AB", "Begroting {year} en meerjarenraming", "adopted", True),
    DecisionTemplate("AB", "Jaarrekening {prev}", "adopted"),
    DecisionTemplate("DB", "Begrotingswijziging {year}", "adopted"),
]
FRAMEWORK_DECISION = DecisionTemplate("AB", "Inkoopkader jeugdhulp {next} e.v.", "adopted", True)
PROGRAMME_DECISION = DecisionTemplate("PFO", "Programmaplan jeugd {next}–{after}", "agreed")
OCCASIONAL_DECISIONS = [
    DecisionTemplate("AB", "Kadernota {next}", "adopted", True),
    DecisionTemplate("AB", "Afschaffen financiële solidariteit", "adopted"),
    DecisionTemplate("AB", "Budgetplafonds en de 'nee, tenzij'-regel", "held_over"),
    DecisionTemplate(
        "AB", "Middelen naar de voorkant: ambulante hulp lokaal versterken", "adopted"
    ),
    DecisionTemplate("DB", "Mandaat- en volmachtregeling jeugdhulp", "adopted"),
    DecisionTemplate("DB", "Reactie op de zienswijzen van de gemeenteraden", "agreed"),
    DecisionTemplate("PFO", "Voortgangsrapportage programma jeugd {year}", "noted"),
    DecisionTemplate("PFO", "Regionale aanpak wachttijden jeugd-ggz", "agreed"),
    DecisionTemplate("PFO", "Uitgangspunten lokale contractering jeugdprofessionals", "rejected"),
    DecisionTemplate("NMT", "Projectopdracht expertteam en passend zorglandschap", "adopted"),
    DecisionTemplate("NMT", "Monitor jeugdhulp: set kernindicatoren", "adopted"),
    DecisionTemplate("NMT", "Evaluatie leeromgeving {prev}", "discussed"),
    DecisionTemplate("AOJ", "Werkafspraken contractmanagement met de gemeenten", "discussed"),
]

# --- procurement ---

PRINCIPLES = [
    "Normalisatie: vragen van inwoners dichtbij beantwoorden, zo lokaal, zo thuis en zo integraal "
    "als mogelijk.",
    "Een sterke toegangstaak en stevig contractmanagement.",
    "Lokaal waar het kan, regionaal waar het moet.",
    "Grip op het aantal aanbieders, met behoud van keuzevrijheid voor inwoners.",
    "Kostenbeheersing: de uitgaven blijven binnen de beschikbare middelen.",
    "Betrokkenheid van de gemeenteraden bij het verdere inkoopproces.",
    "Resultaatgericht inkopen: afspraken over doelen in plaats van over uren.",
]
CORE_VALUES = [
    "(Jeugd)hulp wordt geboden in de leefomgeving; jeugdigen groeien thuis op.",
    "Professionals bieden dienstbaar vakmanschap.",
    "Ieder kind gaat naar school.",
    "Hulp vergroot de zelfredzaamheid en leidt tot duurzaam herstel.",
    "Hulp versterkt het netwerk van kind en gezin.",
    "Schaarse middelen worden doelmatig ingezet.",
]
SEGMENTS = [
    ("1", "Hoogspecialistisch"),
    ("2", "Wonen"),
    ("3", "Dagbesteding, dagbehandeling en BSO+"),
    ("4a", "Specialistisch/veelvoorkomend algemeen"),
    ("4b", "Specialistisch/veelvoorkomend individueel"),
    ("5", "Crisis"),
    ("6", "Gecertificeerde Instellingen"),
    ("7", "Jeugdhulp op School"),
]
PHASES = [
    (1, "Inkoopkader", "De bestuurlijke uitgangspunten, met de zienswijzen van de raden."),
    (2, "Inkoopstrategie", "De uitwerking per segment: doelgroep, bekostiging en toegang."),
    (3, "Inkoop", "Selectie en contractering; de contracten zijn getekend voor 1 oktober."),
    (4, "Transitie", "Contractafspraken worden werkafspraken met teams en verwijzers."),
]
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
NORMS = [
    ("Ambulante begeleiding duurt hoogstens {months} maanden.", True, False),
    ("Hoogstens {hours} uur begeleiding per maand.", False, True),
    ("Behandeling: hoogstens {months} maanden, {hours} uur per maand.", True, True),
]

# --- programme ---

PROGRAMME_TITLES = [
    "Werk voor de Jeugd",
    "Samen voor de Jeugd",
    "Koers Jeugd",
    "Sterk Opgroeien",
    "Jeugd in Beeld",
    "Thuis Opgroeien",
    "Kansrijk Opgroeien",
    "Jeugdhulp Dichtbij",
]
THEMES = [
    "Slimmer samen",
    "Meer lokaal",
    "Veilig opgroeien",
    "Passende hulp",
    "Grip op kosten",
    "Sterke basis",
    "Onderwijs en jeugdhulp",
    "Wonen en verblijf",
]
PROJECT_NAMES = [
    "Samen in een leeromgeving",
    "Beter begroten en monitoren",
    "Contractmanagement 3.0",
    "Anders zorgen",
    "Jeugdhulp naar de voorkant",
    "Afbakening jeugdhulp in de praktijk",
    "Expertteam en passend zorglandschap",
    "Lokale contractering jeugdprofessionals",
    "Geweld hoort nergens thuis",
    "Veilig opgroeien is teamwerk",
    "Beweging naar nul",
    "Praktijkondersteuner jeugd bij de huisarts",
    "Scheiden zonder schade",
    "Wachtlijstaanpak jeugd-ggz",
    "Gezinshuizen in de regio",
    "Onderwijs-zorgarrangementen",
    "Datagedreven sturen",
    "Normaliseren in de wijk",
    "Kansrijke start",
    "Ambulantisering van verblijf",
    "Taskforce passende zorg",
    "Aanpak zorgfraude",
    "Voogden lokaal",
    "Jongeren op weg naar zelfstandigheid",
    "Jeugdhulp op school",
    "Één gezin, één plan",
    "Crisisopvang dichtbij",
    "Toegang op orde",
]
PROJECT_QUALIFIERS = ["", "", "", " 2.0", " – fase 2", " regionaal", " in de wijk", " – pilot"]
SUB_GOALS = [
    "Inzicht in de vraag naar jeugdhulp per gemeente",
    "Een gedeelde werkwijze voor de toegang",
    "Minder verwijzingen naar specialistische hulp",
    "Kortere wachttijden voor jeugdigen en gezinnen",
    "Een sluitend aanbod voor jeugdigen met complexe vragen",
    "Grip op de kosten per traject",
    "Betere samenwerking tussen onderwijs en jeugdhulp",
    "Prototype monitor met een beperkt aantal kernindicatoren",
]
EFFORTS = [
    "Plan van aanpak opstellen en laten vaststellen door het Netwerk MT",
    "Nulmeting uitvoeren in {municipality}",
    "Evaluatie voorleggen aan het PFO",
    "Werkafspraken met huisartsen vastleggen",
    "Dashboard met kernindicatoren opleveren",
    "Werksessie met de lokale teams organiseren",
    "Businesscase uitwerken en ter besluitvorming aanbieden",
    "Contractafspraken met aanbieders aanpassen",
    "Pilot starten in {municipality}",
    "Resultaten van de pilot delen in de leeromgeving",
    "Raadsinformatiebrief over de voortgang opstellen",
    "Inkoopdocumenten voor het nieuwe segment opstellen",
    "Scholing voor professionals organiseren",
    "Data-analyse van de instroom uitvoeren",
    "Convenant met onderwijs en jeugdhulp ondertekenen",
    "Uitvoeringsprogramma vaststellen",
]
RECURRING_EFFORTS = [
    ("Het expertteam rapporteert aan de gemeenten en de SOJ", "quarterly"),
    ("Voortgang bespreken met de opdrachtgevers", "bimonthly"),
    ("Monitor bijwerken en delen met het Netwerk MT", "quarterly"),
    ("Jaarlijkse evaluatie met de aanbieders", "yearly"),
]
UNPARSED_TARGETS = ["doorlopend", "nader te bepalen", "na besluit AB", "in overleg"]
REMARKS = [
    "Loopt volgens planning.",
    "Vertraagd door capaciteitsgebrek bij de gemeenten.",
    "Wacht op besluitvorming in het PFO.",
    "Afgerond; verslag gedeeld met het Netwerk MT.",
    "Eerste resultaten zijn veelbelovend.",
    "Afhankelijk van de nieuwe contracten.",
]
STATUS_REMARKS = [
    "Het project ligt op koers.",
    "De personele bezetting is een risico; het Netwerk MT is gevraagd om extra capaciteit.",
    "De planning is bijgesteld na het besluit van het AB.",
    "De samenwerking met de aanbieders verloopt goed.",
]
KPIS = [
    ("Aantal jeugdigen met jeugdhulp per 1.000 inwoners", True),
    ("Gemiddelde duur van een traject", True),
    ("Kosten per jeugdige", True),
    ("Percentage jeugdigen dat thuis opgroeit", False),
    ("Tevredenheid van ouders over de hulp", False),
    ("Wachttijd tot de start van de hulp", True),
]
EXPERIMENTS = [
    "Nul uithuisplaatsingen",
    "Voogden lokaal",
    "Afbakening jeugdhulp",
    "Jeugdhulp naar de voorkant",
    "Beter begroten en monitoren",
    "Expertteam",
]
HANDOVER_TARGETS = [
    "Toekomstscenario kind- en gezinsbescherming",
    "Regionaal Veiligheidshuis",
    "Lijnorganisatie van de gemeenten",
]

# --- finance ---

COST_LINES = [
    "Leeromgeving en monitoring",
    "Overige activiteiten leeromgeving",
    "Projectleiding",
    "Strategisch adviseur/secretaris AOJ/NMT/PFO",
    "Externe ondersteuning",
]
SAVINGS_MEASURES = [
    "Taskforce passende zorg",
    "Jeugdhulp naar voren (incl. POH)",
    "Aanpak fraude in de zorg",
    "Scherper contractmanagement",
    "Normaliseren en ontzorgen",
]
