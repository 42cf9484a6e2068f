"""A region's workbook read back: the ZHZ region exported, brought into an empty database, gives
the same rows with the same values; reading it a second time changes nothing."""

import io

from django.contrib.auth.models import User
from django.core.management import call_command
from django.db import transaction

import pytest
from openpyxl import load_workbook

from core.registry import registry
from governance.models import Region
from governance.workbook.services import ZIP, workbook_export, workbook_import
from programme.models import Effort
from tests.test_fixtures import load

pytestmark = pytest.mark.django_db

# The models of the workbook's sheets (users are counted by their region below).
MODELS = [sheet.model for sheet in registry.workbook() if sheet.model is not User]


def _counts() -> dict[str, int]:
    return {model._meta.label: model.objects.count() for model in MODELS}


def _sheets(raw: bytes) -> dict[str, list[tuple]]:
    workbook = load_workbook(io.BytesIO(raw), read_only=True)
    return {
        sheet.title: [tuple(row) for row in sheet.iter_rows(values_only=True)]
        for sheet in workbook.worksheets
    }


def _efforts() -> set[tuple]:
    return set(
        Effort.objects.values_list(
            "project__slug", "order", "time_target", "target_start", "target_end",
            "time_target_unparsed", "status", "sub_goal__order",
        )
    )  # fmt: skip


def _zhz_exported(file_format="xlsx"):
    """The ZHZ region (with the demo accounts) as its workbook, and what it held; afterwards the
    database is empty again."""
    with transaction.atomic():
        load()
        call_command("demo_accounts", verbosity=0)
        region = Region.objects.get(slug="zhz")
        raw = workbook_export(region=region, file_format=file_format)
        counts = _counts()
        users = sorted(
            User.objects.filter(person__region=region).values_list("username", flat=True)
        )
        efforts = _efforts()
        transaction.set_rollback(True)
    assert not Region.objects.exists() and not User.objects.exists()
    return raw, counts, users, efforts


def test_the_zhz_region_survives_its_workbook():
    raw, counts, users, efforts = _zhz_exported()

    result = workbook_import(raw=raw, create_region=True, commit=True, max_bytes=50_000_000)

    assert result.plan.ok, result.plan.problem_lines()
    assert result.plan.applied
    assert _counts() == counts
    region = Region.objects.get(slug="zhz")
    assert (
        sorted(User.objects.filter(person__region=region).values_list("username", flat=True))
        == users
    )
    # The same values, sheet by sheet and row by row, and the same periods derived from the
    # time targets as written.
    assert _sheets(workbook_export(region=region)) == _sheets(raw)
    assert _efforts() == efforts
    # An imported account can only be used once a password is set; only the functional
    # administrator has the admin (is_staff follows that role), and nobody is superuser.
    assert not any(user.has_usable_password() for user in User.objects.all())
    assert list(User.objects.filter(is_staff=True).values_list("username", flat=True)) == ["beheer"]
    assert not User.objects.filter(is_superuser=True).exists()
    # The history tells where the rows came from.
    assert region.municipalities.first().history.first().history_change_reason == (
        "Geïmporteerd uit werkmap"
    )

    again = workbook_import(raw=raw, create_region=True, commit=True, max_bytes=50_000_000)
    assert again.plan.ok
    assert not again.plan.has_changes
    assert all(sheet.new == sheet.changed == 0 for sheet in again.plan.sheets)
    assert _counts() == counts


def test_the_csv_zip_reads_back_as_the_workbook_does():
    raw, counts, _users, efforts = _zhz_exported(ZIP)
    result = workbook_import(raw=raw, create_region=True, commit=True, max_bytes=50_000_000)
    assert result.plan.ok, result.plan.problem_lines()
    assert _counts() == counts
    assert _efforts() == efforts
    again = workbook_import(raw=raw, create_region=True, commit=False, max_bytes=50_000_000)
    assert not again.plan.has_changes


def test_a_changed_workbook_updates_and_a_missing_row_stays():
    raw, counts, _users, _efforts = _zhz_exported()
    workbook_import(raw=raw, create_region=True, commit=True, max_bytes=50_000_000)
    from openpyxl import Workbook

    book = Workbook()
    book.active.title = "Gemeenten"
    book.active.append(
        ["Gemeentecode (CBS)", "Naam", "Bestaat vanaf", "Bestaat tot en met", "Opgegaan in"]
    )
    book.active.append(["GM0505", "Dordrecht aan de Merwede", None, None, None])
    regio = book.create_sheet("Regio")
    regio.append(["Sleutel", "Naam", "Centrumgemeente"])
    regio.append(["zhz", "Zuid-Holland Zuid", "GM0505"])
    content = io.BytesIO()
    book.save(content)

    result = workbook_import(raw=content.getvalue(), commit=True)
    assert result.plan.applied
    municipalities = result.plan.sheet("municipalities")
    assert (municipalities.new, municipalities.changed, municipalities.unchanged) == (0, 1, 0)
    region = Region.objects.get(slug="zhz")
    assert region.municipalities.get(cbs_code="GM0505").name == "Dordrecht aan de Merwede"
    assert _counts() == counts  # nothing deleted


def test_the_export_takes_a_fixed_number_of_queries(django_assert_max_num_queries):
    load()
    call_command("demo_accounts", verbosity=0)
    region = Region.objects.get(slug="zhz")
    # One query per sheet, and one per many-to-many column (the project team, the users'
    # groups); never one per row.
    with django_assert_max_num_queries(len(registry.workbook()) + 3):
        workbook_export(region=region)
