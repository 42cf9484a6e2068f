"""Importing provider financials from CSV or XLSX: all or nothing, an error per bad row, Dutch
amounts."""

import io
from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

import pytest
from django_scopes import scope
from openpyxl import Workbook

from governance.constants import Role
from procurement.models import ProviderFinancialYear
from procurement.risk.csv_import import CsvImportError
from procurement.risk.services import provider_financials_import
from tests.governance.factories import PersonFactory, UserFactory
from tests.procurement.factories import ProviderFactory, ProviderFinancialYearFactory

pytestmark = pytest.mark.django_db

HEADER = "aanbieder;jaar;omzet;bedrijfsresultaat;dividend;fte;personeelskosten;totale_kosten"


@pytest.fixture
def admin_user():
    user = UserFactory(role=Role.FUNCTIONAL_ADMIN, username="beheer")
    PersonFactory(user=user)
    return user


@pytest.fixture
def providers():
    return (
        ProviderFactory(slug="noord", name="Jeugdhulp Noord B.V.", kvk_number="12345678"),
        ProviderFactory(slug="zuid", name="Stichting Zuid"),
    )


def csv(*lines: str) -> bytes:
    return "\n".join([HEADER, *lines]).encode()


def test_a_good_file_is_imported_with_dutch_amounts(admin_user, providers):
    raw = csv(
        "noord;2023;4.850.000,00;810.000,00;300.000;25,5;2.000.000,00;4.040.000,00",
        "12345678;2022;€ 4.100.000;490000;150000;28;2380000;3610000",  # KvK number, plain amounts
        "stichting zuid;2023;6.600.000;-40.000,50;;70,5;5.100.000;6.640.000,50",  # name, a loss
        "",  # a blank last line is fine
    )
    result = provider_financials_import(raw=raw, user=admin_user, source="Jaarverantwoording")
    assert (result.created, result.updated) == (3, 0)
    noord = ProviderFinancialYear.objects.get(provider__slug="noord", year=2023)
    assert noord.revenue == Decimal("4850000.00") and noord.fte == Decimal("25.50")
    assert noord.source == "Jaarverantwoording"
    assert noord.history.first().history_user == admin_user
    zuid = ProviderFinancialYear.objects.get(provider__slug="zuid")
    assert zuid.operating_result == Decimal("-40000.50") and zuid.dividend_paid == 0


def test_a_row_for_an_existing_year_replaces_its_figures(admin_user, providers):
    existing = ProviderFinancialYearFactory(provider=providers[0], year=2023)
    raw = csv("noord;2023;5.000.000;500.000;0;50;3.500.000;4.500.000")
    result = provider_financials_import(raw=raw, user=admin_user)
    assert (result.created, result.updated) == (0, 1)
    existing.refresh_from_db()
    assert existing.revenue == Decimal("5000000")
    assert existing.history.count() == 2  # the factory's save and the import


def test_one_bad_row_and_nothing_is_saved_every_error_reported(admin_user, providers):
    raw = csv(
        "noord;2023;4.850.000;810.000;0;25,5;2.000.000;4.040.000",  # good
        "onbekend;2023;1;0;0;1;0;1",  # unknown provider
        "zuid;twintig;1;0;0;1;0;1",  # no year
        "zuid;2022;veel;0;0;-1;0;1",  # not an amount
        "zuid;2021;100;0;0;-2;0;1",  # negative FTE
        "zuid;2020;100;0;0;1;50;10",  # personnel costs above total costs
        "noord;2023;1;0;0;1;0;1",  # the same provider and year twice
        "zuid;2019;100;0;0;1;;10",  # personnel costs missing
        "zuid;2018;216,387;0;0;1;0;1",  # three decimals: refused, not guessed
    )
    with pytest.raises(CsvImportError) as refused:
        provider_financials_import(raw=raw, user=admin_user)
    messages = [str(error) for error in refused.value.errors]
    assert messages == [
        "Rij 3: aanbieder ‘onbekend’ is niet bekend (gebruik de sleutel, het KvK-nummer of de "
        "naam).",
        "Rij 4: ‘twintig’ is geen jaartal (bijvoorbeeld 2023).",
        "Rij 5: omzet: ‘veel’ is geen bedrag. Schrijf bijvoorbeeld 216.387 of 216387,50.",
        "Rij 6: Het aantal fte kan niet negatief zijn.",
        "Rij 7: De personeelskosten kunnen niet hoger zijn dan de totale kosten.",
        "Rij 8: Jeugdhulp Noord B.V. 2023 staat ook al op rij 2.",
        "Rij 9: vul personeelskosten in.",
        "Rij 10: omzet: ‘216,387’ heeft meer dan twee cijfers achter de komma; een bedrag heeft "
        "hoogstens centen. Schrijf duizendtallen met een punt of zonder scheidingsteken "
        "(216.387 of 216387) en centen na een komma (216387,50).",
    ]
    assert not ProviderFinancialYear.objects.exists()


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        (b"", "Het bestand is leeg."),
        (b"naam;jaar\nnoord;2023", "De kolommen aanbieder, omzet"),
        (HEADER.encode() + b"\n", "geen rijen met cijfers"),
        (b"x" * 1_000_001, "groter dan 1 MB"),
    ],
)
def test_a_file_that_is_not_a_financials_file_is_refused(admin_user, raw, message):
    with pytest.raises(CsvImportError, match=message):
        provider_financials_import(raw=raw, user=admin_user)


def test_windows_1252_and_commas_are_read(admin_user):
    ProviderFactory(slug="s", name="Stichting Jeugd & Gezin Zeeë")
    raw = (
        "aanbieder,jaar,omzet,bedrijfsresultaat,dividend,fte,personeelskosten,totale_kosten\n"
        "Stichting Jeugd & Gezin Zeeë,2023,1000,10,0,1,500,990\n"
    ).encode("cp1252")
    assert provider_financials_import(raw=raw, user=admin_user).created == 1


def test_an_excel_workbook_is_read_like_a_csv_file(admin_user, providers):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(HEADER.split(";"))
    sheet.append(["noord", 2023, 4850000, -40000.5, None, 25.5, 2000000, 4040000])
    sheet.append([])
    sheet.append(["Stichting Zuid", "2023", "6.600.000", "0", "", "70,5", "5.100.000", "6.640.000"])
    content = io.BytesIO()
    workbook.save(content)
    result = provider_financials_import(raw=content.getvalue(), user=admin_user)
    assert (result.created, result.updated) == (2, 0)
    noord = ProviderFinancialYear.objects.get(provider__slug="noord")
    assert noord.operating_result == Decimal("-40000.50") and noord.fte == Decimal("25.50")
    assert noord.dividend_paid == 0
    assert ProviderFinancialYear.objects.get(provider__slug="zuid").revenue == Decimal("6600000")


@pytest.mark.parametrize("role", [Role.NETWORK_MT, Role.POLICY_ADVISER, Role.GRIFFIE])
def test_only_functional_administrators_import(providers, role):
    with pytest.raises(PermissionDenied):
        provider_financials_import(raw=csv("noord;2023;1;0;0;1;0;1"), user=UserFactory(role=role))


# --- The form on /inkoop/ -------------------------------------------------------------------


def upload(raw: bytes, name="cijfers.csv"):
    return SimpleUploadedFile(name, raw, content_type="text/csv")


def test_the_import_form_imports_and_redirects_to_the_dashboard(client, admin_user, providers):
    client.force_login(admin_user)
    response = client.post(
        reverse("procurement:financials_import"),
        {"file": upload(csv("noord;2023;4.850.000;810.000;300.000;25,5;2.000.000;4.040.000"))},
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("procurement:risk_dashboard")
    page = client.get(response["Location"]).content.decode()
    assert "Geïmporteerd: 1 nieuwe en 0 bijgewerkte jaren." in page
    assert "Jeugdhulp Noord B.V." in page and "Hoge winstmarge" in page


def test_the_import_form_shows_every_row_error_and_saves_nothing(client, admin_user, providers):
    client.force_login(admin_user)
    response = client.post(
        reverse("procurement:financials_import"),
        {"file": upload(csv("noord;2023;1;0;0;1;0;1", "zuid;2023;1;0;0;-1;0;1"))},
    )
    assert response.status_code == 422
    page = response.content.decode()
    assert "Niets geïmporteerd: 1 fout gevonden." in page
    assert "Rij 3: Het aantal fte kan niet negatief zijn." in page
    assert not ProviderFinancialYear.objects.exists()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({}, "Kies een CSV- of Excel-bestand."),
        ({"file": upload(b"a;b", name="cijfers.pdf")}, "Kies een CSV- of Excel-bestand (.csv"),
        ({"file": upload(b"", name="leeg.csv")}, "Het bestand is leeg."),
        ({"file": upload(b"a;b", name="cijfers.xlsx")}, "is geen Excel-werkmap"),
        ({"file": upload(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", name="oud.xls")}, "(.csv"),
    ],
)
def test_the_import_form_refuses_a_wrong_file(client, admin_user, data, message):
    client.force_login(admin_user)
    response = client.post(reverse("procurement:financials_import"), data)
    assert response.status_code == 422
    assert message in response.content.decode()


def test_network_mt_may_not_import(client, providers):
    user = UserFactory(role=Role.NETWORK_MT)
    PersonFactory(user=user)  # refused for the role, not for a missing region
    client.force_login(user)
    response = client.post(
        reverse("procurement:financials_import"), {"file": upload(csv("noord;2023;1;0;0;1;0;1"))}
    )
    assert response.status_code == 403
    assert not ProviderFinancialYear.objects.exists()


# --- The management command -----------------------------------------------------------------


def import_command(*args: str) -> None:
    """Run the command as `manage.py` does: with no region scope open (the test body has one)."""
    with scope():
        call_command("import_provider_financials", *args)


def test_the_command_imports(tmp_path, admin_user, providers, capsys):
    path = tmp_path / "cijfers.csv"
    path.write_bytes(csv("noord;2023;1.000;10;0;1;500;990"))
    import_command(str(path), "--gebruiker", "beheer")
    assert "1 nieuwe" in capsys.readouterr().out
    assert ProviderFinancialYear.objects.count() == 1


def test_the_command_reports_the_rows_and_saves_nothing(tmp_path, admin_user, providers, capsys):
    path = tmp_path / "cijfers.csv"
    path.write_bytes(csv("noord;2023;1.000;10;0;1;500;990", "zuid;2023;x;0;0;1;0;1"))
    with pytest.raises(CommandError, match="Niets geïmporteerd"):
        import_command(str(path), "--gebruiker", "beheer")
    assert "Rij 3: omzet: ‘x’ is geen bedrag" in capsys.readouterr().err
    assert not ProviderFinancialYear.objects.exists()


def test_the_command_needs_a_functional_administrator(tmp_path, providers):
    UserFactory(role=Role.NETWORK_MT, username="nmt")
    path = tmp_path / "cijfers.csv"
    path.write_bytes(csv("noord;2023;1.000;10;0;1;500;990"))
    with pytest.raises(CommandError, match="geen functioneel beheerder"):
        import_command(str(path), "--gebruiker", "nmt")
