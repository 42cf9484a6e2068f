"""A workbook for a new region, written as a functional administrator fills in the template:
Dutch headers, dates as Dutch write them, choices by their Dutch label, a person's sponsor by
their key, a time target as agreed."""

import datetime
import io

from openpyxl import Workbook

REGION_SLUG = "polderstreek"
REGION_NAME = "Polderstreek"
MUNICIPALITIES = [
    ("GM8101", "Aaldorp"),
    ("GM8102", "Beekwoude"),
    ("GM8103", "Craneveen"),
    ("GM8104", "Dijkhoven"),
    ("GM8105", "Eemstede"),
    ("GM8106", "Fliervoort"),
    ("GM8107", "Gansbroek"),
    ("GM8108", "Haverdam"),
    ("GM8109", "IJsselhorst"),
    ("GM8110", "Jutveld"),
    ("GM8111", "Kolkwijk"),
    ("GM8112", "Lindebroek"),
]
SHARES = ["12,50", "10", "9,25", "8,25", "8", "8", "8", "7,5", "7,5", "7", "7", "7"]  # 100


def sheets() -> dict[str, list[list]]:
    return {
        "Regio": [["Sleutel", "Naam", "Centrumgemeente"], [REGION_SLUG, REGION_NAME, "GM8101"]],
        "Gemeenten": [
            ["Gemeentecode (CBS)", "Naam", "Bestaat vanaf", "Bestaat tot en met", "Opgegaan in"],
            *([code, name, None, None, None] for code, name in MUNICIPALITIES),
            ["GM8199", "Oud-Lindebroek", None, "31-12-2018", "GM8112"],
        ],
        "Organisaties": [
            [
                "Sleutel",
                "Naam",
                "Afkorting",
                "Soort",
                "Omschrijving",
                "Onderdeel van",
                "Opgericht op",
                "Opgeheven op",
                "Opgegaan in",
            ],
            [
                "gr-polderstreek",
                "GR Jeugd Polderstreek",
                "GRJP",
                "Gemeenschappelijke regeling",
                "",
                "",
                datetime.date(2015, 1, 1),
                None,
                "",
            ],
            [
                "inkoop-polderstreek",
                "Inkoopbureau Polderstreek",
                "IBP",
                "Onderdeel van een gemeenschappelijke regeling",
                "",
                "gr-polderstreek",
                None,
                None,
                "",
            ],
        ],  # fmt: skip
        "Organen": [
            [
                "Sleutel",
                "Naam",
                "Afkorting",
                "Soort",
                "Organisatie",
                "Gemeente",
                "Omschrijving",
                "Ingesteld op",
                "Opgeheven op",
            ],
            [
                "ab-polderstreek",
                "Algemeen Bestuur",
                "AB",
                "Algemeen bestuur",
                "gr-polderstreek",
                "",
                "",
                "",
                "",
            ],
            [
                "mt-polderstreek",
                "Managementoverleg Jeugd",
                "MTJ",
                "Managementoverleg",
                "",
                "",
                "",
                "",
                "",
            ],
        ],  # fmt: skip
        "Personen": [
            [
                "Sleutel",
                "Naam",
                "Functie",
                "E-mailadres",
                "Gemeente",
                "Organisatie",
                "Demogegevens",
            ],
            ["wethouder-aaldorp", "A. de Wethouder", "wethouder", "", "GM8101", "", "ja"],
            ["manager-beekwoude", "B. Manager", "manager jeugd", "", "Beekwoude", "", "ja"],
            [
                "adviseur-craneveen",
                "C. Adviseur",
                "beleidsadviseur",
                "c@craneveen.example",
                "GM8103",
                "",
                "ja",
            ],
            [
                "beheerder-polderstreek",
                "D. Beheerder",
                "functioneel beheerder",
                "",
                "",
                "gr-polderstreek",
                "ja",
            ],
        ],  # fmt: skip
        "Lidmaatschappen": [
            ["Persoon", "Orgaan", "Rol", "Namens gemeente", "Vanaf", "Tot en met"],
            ["wethouder-aaldorp", "ab-polderstreek", "Voorzitter", "GM8101", "1-1-2022", ""],
            ["manager-beekwoude", "mt-polderstreek", "Lid", "GM8102", "01-03-2022", ""],
        ],
        "Gebruikers": [
            ["Gebruikersnaam", "E-mailadres", "Rol", "Persoon"],
            ["c.adviseur", "c@craneveen.example", "Beleidsadviseur", "adviseur-craneveen"],
            ["b.manager", "", "Netwerk MT Jeugd", "manager-beekwoude"],
        ],
        "Programma": [
            ["Sleutel", "Naam", "Omschrijving", "Eigenaar", "Begint op", "Eindigt op", "Volgt op"],
            [
                "jeugd-2025",
                "Samen voor de jeugd 2025–2026",
                "",
                "mt-polderstreek",
                "1-1-2025",
                "31-12-2026",
                "",
            ],
        ],  # fmt: skip
        "Programmalijnen": [
            [
                "Sleutel",
                "Programma",
                "Nummer",
                "Naam",
                "Omschrijving",
                "Overgedragen aan",
                "Overgedragen op",
            ],
            ["jeugd-2025-dichtbij", "jeugd-2025", "1", "Dichtbij", "", "", ""],
        ],  # fmt: skip
        "Projecten": [
            [
                "Sleutel",
                "Programma",
                "Nummer",
                "Naam",
                "Programmalijn",
                "Doel",
                "Aanpak",
                "Wat kost het",
                "Looptijd vanaf",
                "Looptijd tot en met",
                "Trekkende gemeente",
                "Bestuurlijk opdrachtgever",
                "Ambtelijk opdrachtgever",
                "Ambtelijk opdrachtnemer",
                "Projectteam",
                "Algehele status",
                "Opmerkingen over het proces",
                "Afloop",
                "Loopt door in",
                "Overgedragen aan",
                "Overgedragen op",
            ],
            [
                "",
                "jeugd-2025",
                "1.1",
                "Polderstreek Wijkteams Versterken",
                "1",
                "- sterkere wijkteams",
                "",
                "",
                "1-1-2025",
                "31-12-2025",
                "GM8103",
                "wethouder-aaldorp",
                "manager-beekwoude",
                "adviseur-craneveen",
                "manager-beekwoude, beheerder-polderstreek",
                "Op schema",
                "",
                "",
                "",
                "",
                "",
            ],
        ],  # fmt: skip
        "Subdoelstellingen": [
            ["Project", "Volgnummer", "Subdoelstelling"],
            ["1.1", "1", "Elk wijkteam heeft een jeugdprofessional"],
        ],
        "Inspanningen": [
            [
                "Project",
                "Volgnummer",
                "Subdoelstelling",
                "Inspanning",
                "Tijdsdoel",
                "Herhaling",
                "Status",
                "Opmerking",
            ],
            ["1.1", "1", "1", "Werving jeugdprofessionals", "voor de zomer 2025", "", "", ""],
            ["1.1", "2", "", "Evaluatie met de raden", "als het uitkomt", "", "In behandeling", ""],
        ],  # fmt: skip
        "Verdeelsleutels": [
            ["Sleutel", "Naam", "Bron", "Geldig vanaf", "Geldig tot en met"],
            ["inwoners-2025", "Inwoners 2025", "CBS-inwonertal 1 januari 2025", "1-1-2025", ""],
        ],
        "Aandelen": [
            ["Verdeelsleutel", "Gemeente", "Aandeel (%)"],
            *(
                ["inwoners-2025", code, share]
                for (code, _name), share in zip(MUNICIPALITIES, SHARES, strict=True)
            ),
        ],
    }


def workbook_bytes(content: dict[str, list[list]] | None = None) -> bytes:
    book = Workbook()
    book.remove(book.active)
    for title, rows in (content or sheets()).items():
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
    output = io.BytesIO()
    book.save(output)
    return output.getvalue()
