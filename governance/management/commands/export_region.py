"""Write a region as its workbook: an Excel file, or a ZIP of CSV files for a name in .zip."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from core.scope import all_regions
from governance.models import Region
from governance.workbook.services import XLSX, ZIP, workbook_export


class Command(BaseCommand):
    help = (
        "Schrijft een regio als werkmap: één werkblad per soort rij (regio, gemeenten, "
        "organisaties, organen, personen, lidmaatschappen, gebruikers, programma, "
        "programmalijnen, projecten, subdoelstellingen, inspanningen, verdeelsleutels, aandelen). "
        "Eindigt de bestandsnaam op .zip, dan een ZIP met een CSV-bestand per werkblad."
    )

    def add_arguments(self, parser):
        parser.add_argument("region", help="De sleutel van de regio, zoals zhz.")
        parser.add_argument("file", help="Het bestand om te schrijven (.xlsx of .zip).")

    def handle(self, *args, region, file, **options):
        with all_regions():  # finding the region by its slug, among every region
            found = Region.objects.filter(slug=region).first()
        if found is None:
            raise CommandError(f"De regio ‘{region}’ bestaat niet.")
        path = Path(file)
        file_format = ZIP if path.suffix.lower() == ".zip" else XLSX
        path.write_bytes(workbook_export(region=found, file_format=file_format))
        self.stdout.write(f"Werkmap van {found.name} geschreven naar {path}.")
