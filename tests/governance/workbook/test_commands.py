"""`export_region` and `import_region`: the region as a file, and a file as a region."""

from django.core.management import CommandError, call_command

import pytest
from openpyxl import load_workbook

from governance.models import Municipality, Region
from programme.models import Project
from tests.test_fixtures import load

from . import handwritten

pytestmark = pytest.mark.django_db


def test_export_and_dry_run_then_import(tmp_path, capsys):
    path = tmp_path / "polderstreek.xlsx"
    path.write_bytes(handwritten.workbook_bytes())

    call_command("import_region", str(path), "--dry-run")
    out = capsys.readouterr().out
    assert "Gemeenten: 13 nieuw, 0 gewijzigd, 0 ongewijzigd" in out
    assert "Proefdraai" in out and "er is niets opgeslagen" in out
    assert "Let op – Inspanningen, rij 3: tijdsdoel ‘als het uitkomt’" in out
    assert not Region.objects.exists()  # --dry-run writes nothing
    assert not Municipality.objects.exists()

    call_command("import_region", str(path))
    out = capsys.readouterr().out
    assert "Werkmap ingelezen in Polderstreek" in out
    region = Region.objects.get(slug="polderstreek")
    assert region.municipalities.count() == 13

    exported = tmp_path / "terug.zip"
    call_command("export_region", "polderstreek", str(exported))
    assert "Werkmap van Polderstreek geschreven" in capsys.readouterr().out
    call_command("import_region", str(exported))
    assert "geen wijzigingen" in capsys.readouterr().out


def test_a_refused_workbook_is_an_error_and_saves_nothing(tmp_path, capsys):
    content = handwritten.sheets()
    content["Gemeenten"].append(["GM8101", "Dubbel", None, None, None])
    path = tmp_path / "fout.xlsx"
    path.write_bytes(handwritten.workbook_bytes(content))
    with pytest.raises(CommandError, match="Niets opgeslagen"):
        call_command("import_region", str(path))
    assert "Gemeenten, rij 15: GM8101 staat al op rij 2" in capsys.readouterr().err
    assert not Region.objects.exists()


def test_the_commands_name_what_is_missing(tmp_path):
    with pytest.raises(CommandError, match="De regio ‘nergens’ bestaat niet"):
        call_command("export_region", "nergens", str(tmp_path / "x.xlsx"))
    with pytest.raises(CommandError, match="bestaat niet"):
        call_command("import_region", str(tmp_path / "ontbreekt.xlsx"))


def test_the_zhz_export_names_no_other_region(tmp_path):
    load()
    handwritten_path = tmp_path / "p.xlsx"
    handwritten_path.write_bytes(handwritten.workbook_bytes())
    call_command("import_region", str(handwritten_path))
    path = tmp_path / "zhz.xlsx"
    call_command("export_region", "zhz", str(path))
    book = load_workbook(path, read_only=True)
    cells = {
        str(c)
        for sheet in book.worksheets
        for row in sheet.iter_rows(values_only=True)
        for c in row
    }
    assert "GM0505" in cells and "GM8101" not in cells
    assert not any("polderstreek" in cell.lower() for cell in cells)
    assert Project.objects.filter(programme__region__slug="zhz").exists()
