"""The texts of synthetic regions: decisions, procurement, programme and finance."""

from typing import NamedTuple

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
