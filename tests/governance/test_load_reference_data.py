"""`manage.py load_reference_data`: every fixture the manifest lists, in its order, in one go."""

from io import StringIO

from django.core.management import call_command
from django.core.management.base import CommandError

import pytest

from governance.management.commands.load_reference_data import DEFAULT_MANIFEST, manifest_fixtures
from governance.models import Letter, Municipality, Region
from programme.models import Project


def test_the_manifest_lists_every_fixture_once():
    listed = manifest_fixtures(DEFAULT_MANIFEST)
    assert sorted(listed) == sorted(DEFAULT_MANIFEST.parent.glob("*.json"))
    assert len(set(listed)) == len(listed)


@pytest.mark.django_db
def test_it_loads_the_reference_data_and_can_run_again():
    out = StringIO()
    call_command("load_reference_data", stdout=out)
    assert "from 6 fixture(s)" in out.getvalue()
    counts = (Region.objects.count(), Municipality.objects.count(), Project.objects.count())
    assert counts[0] == 1 and counts[1] > 0 and counts[2] > 0
    assert Letter.objects.exists()

    call_command("load_reference_data", stdout=StringIO())
    again = (Region.objects.count(), Municipality.objects.count(), Project.objects.count())
    assert again == counts


def test_a_missing_fixture_is_reported(tmp_path):
    manifest = tmp_path / "reference_data.txt"
    manifest.write_text("# comment\nmissing.json\n", encoding="utf-8")
    with pytest.raises(CommandError, match="missing.json"):
        call_command("load_reference_data", manifest=manifest)
