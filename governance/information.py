"""The starting texts of the public information pages, and the pages themselves.

The three pages always exist: after every `migrate` (and `flush`) a missing one is created with
its starting text, which the platform administrator then adapts in the admin to the
organisation running the installation. Until then, and should a row be missing anyway, the page
shows the starting text.
"""

from governance.constants import InformationPageKind
from governance.models import InformationPage

# ruff: noqa: E501 (the texts are paragraphs, one per line, as the administrator edits them)

ACCESSIBILITY = """\
De organisatie die deze installatie van Jeugdregio beheert, wil dat iedereen de website zonder problemen kan gebruiken: ook mensen die slecht zien, een schermlezer of vergroting gebruiken, alleen het toetsenbord bedienen of moeite hebben met lezen. Daarom houden wij ons aan de Europese norm EN 301 549 en de richtlijnen WCAG 2.1 en 2.2 op niveau AA, zoals het Besluit digitale toegankelijkheid overheid voorschrijft.

## Status van deze verklaring
Status: eerste maatregelen genomen (C). De website is nog niet onderzocht volgens de onderzoeksmethode WCAG-EM; een onderzoek door een onafhankelijke deskundige staat gepland. Bij elke nieuwe versie worden de belangrijkste pagina's automatisch getoetst.

## Wat wij doen
- Elke pagina heeft kopjes en herkenningspunten (landmarks), en is met het toetsenbord te bedienen.
- Formulieren melden fouten in tekst, bij het veld waar het om gaat.
- Brieven en rapportages worden als getagde PDF (PDF/A) gemaakt, in het Nederlands.

## Bekende problemen
- De focusrand heeft op een witte achtergrond te weinig contrast.
- Niet elke grafiek heeft een tabel met dezelfde gegevens ernaast.
Loopt u tegen iets anders aan dat u niet goed kunt gebruiken? Laat het ons weten via de contactpagina. Wij antwoorden binnen vijf werkdagen en lossen het probleem zo snel mogelijk op.

## Klacht of bezwaar
Bent u niet tevreden met hoe wij uw melding afhandelen? Dan kunt u contact opnemen met de Nationale ombudsman, of met de ombudsman van uw gemeente: https://www.nationaleombudsman.nl
"""

PRIVACY = """\
Jeugdregio is een werkomgeving voor ambtenaren en bestuurders van de gemeenten in een jeugdzorgregio. Wij verwerken zo min mogelijk persoonsgegevens, en alleen om de website te laten werken.

## Welke gegevens
- Uw naam, functie, e-mailadres en organisatie, om u te laten inloggen en om te tonen wie een project trekt, een brief schreef of een wijziging deed.
- De wijzigingshistorie: wie wat wanneer wijzigde, zodat besluiten en rapportages te verantwoorden zijn.
- Technische gegevens van het inloggen (tijdstip en IP-adres van mislukte pogingen), om misbruik te voorkomen. Deze worden na korte tijd verwijderd.
Jeugdregio bevat geen gegevens over jeugdigen of hun gezinnen.

## Grondslag en bewaartermijn
De gemeenten verwerken deze gegevens voor hun publieke taak in de gemeenschappelijke regeling. Gegevens van mensen die vertrekken blijven in de historie staan zolang de stukken waarin zij voorkomen bewaard moeten worden volgens de Archiefwet.

## Cookies
De website gebruikt alleen functionele cookies: om u ingelogd te houden en om formulieren te beveiligen. Er zijn geen cookies voor statistiek of advertenties, en er gaat niets naar derden.

## Uw rechten
U kunt uw gegevens inzien, laten verbeteren of laten verwijderen waar de wet dat toelaat. Neem daarvoor contact op met de functionaris gegevensbescherming van uw gemeente, of via de contactpagina.
"""

CONTACT = """\
Hebt u een vraag over Jeugdregio, een probleem met inloggen of met de toegankelijkheid van de website? Neem dan contact op met de functioneel beheerder van uw regio; de beheerder van deze installatie vult hier zijn gegevens in.

## Functioneel beheer
- Voor accounts, rollen en de gegevens van uw regio: de functioneel beheerder van uw regio.
- Voor storingen: de servicedesk van de organisatie die Jeugdregio voor uw regio beheert.

## Openbare brieven
Vragen over een gepubliceerde raadsinformatiebrief stelt u aan de griffie van de gemeente die de brief verstuurde.
"""

DEFAULTS = {
    InformationPageKind.ACCESSIBILITY: ("Toegankelijkheidsverklaring", ACCESSIBILITY),
    InformationPageKind.PRIVACY: ("Privacyverklaring", PRIVACY),
    InformationPageKind.CONTACT: ("Contact", CONTACT),
}


def information_page_for(kind: str) -> InformationPage | None:
    """The page of `kind`, or its starting text unsaved; None for a kind that does not exist."""
    if kind not in DEFAULTS:
        return None
    page = InformationPage.objects.filter(kind=kind).first()
    if page is None:
        title, body = DEFAULTS[kind]
        page = InformationPage(kind=kind, title=title, body=body)
    return page


def ensure_information_pages(sender=None, apps=None, **kwargs) -> None:
    """Create the pages that are missing, with their starting text (a `post_migrate` receiver).

    Skipped when the migrations applied do not have the model yet (a migrate backwards)."""
    model = InformationPage
    if apps is not None:
        try:
            model = apps.get_model("governance", "InformationPage")
        except LookupError:
            return
    for kind, (title, body) in DEFAULTS.items():
        model.objects.get_or_create(kind=kind, defaults={"title": str(title), "body": body})
