"""Fraud-risk signals (004; docs/domain-rules.md, "Risk signals"): computed against the
thresholds, shown on the dashboard with the signal named, and every look at a provider's risk
page logged."""

from decimal import Decimal

from django.db import IntegrityError, transaction
from django.urls import reverse

import pytest
from hypothesis import given
from hypothesis import strategies as st

from core.scope import region_scope
from governance.constants import Role
from procurement.constants import SignalKind
from procurement.models import ProviderFinancialYear, ProviderRiskPageView, RiskThreshold
from procurement.risk import services
from procurement.risk.signals import DEFINITIONS, measure, signals
from tests.governance.factories import PersonFactory, RegionFactory, UserFactory, default_region
from tests.procurement.factories import ProviderFactory, ProviderFinancialYearFactory

pytestmark = pytest.mark.django_db

DEFAULTS = {
    "profit_margin": Decimal("10.00"),
    "dividend": Decimal("0.00"),
    "revenue_per_fte": Decimal("150000.00"),
    "personnel_cost_per_fte": Decimal("45000.00"),
    "personnel_cost_share": Decimal("70.00"),
}


def text(response) -> str:
    return response.content.decode()


# --- The signals ----------------------------------------------------------------------------


def test_a_new_region_gets_one_threshold_per_signal_kind():
    region, other = default_region(), RegionFactory()
    for each in (region, other):
        thresholds = RiskThreshold.objects.filter(region=each)
        assert dict(thresholds.values_list("kind", "value")) == DEFAULTS
        assert all(threshold.is_active for threshold in thresholds)
    assert set(DEFINITIONS) == set(SignalKind.values)
    # Set up, not changed by anyone: the thresholds' history starts with the first edit.
    assert not RiskThreshold.history.exists()


def figures(**overrides):
    values = {
        "revenue": Decimal("1000000"),
        "operating_result": Decimal("50000"),
        "dividend_paid": Decimal("0"),
        "fte": Decimal("10"),
        "personnel_costs": Decimal("760000"),
        "total_costs": Decimal("950000"),
    }
    values.update(overrides)
    return ProviderFinancialYear(**values)


def kinds(financial_year, thresholds=DEFAULTS):
    return {signal.kind for signal in signals(financial_year, thresholds)}


def test_a_healthy_year_gives_no_signal():
    assert kinds(figures()) == set()


@pytest.mark.parametrize(
    ("overrides", "expected"),
    [
        # A margin above 10% (3–7% is normal for the sector); exactly 10% is not above it.
        ({"operating_result": Decimal("100100")}, {"profit_margin"}),
        ({"operating_result": Decimal("100000")}, set()),
        ({"dividend_paid": Decimal("1")}, {"dividend"}),
        ({"revenue": Decimal("1500010"), "operating_result": Decimal("0")}, {"revenue_per_fte"}),
        ({"fte": Decimal("17")}, {"personnel_cost_per_fte"}),  # 760.000 / 17 < 45.000
        ({"personnel_costs": Decimal("660000")}, {"personnel_cost_share"}),  # 69,5% < 70%
    ],
)
def test_each_signal_against_its_threshold(overrides, expected):
    assert kinds(figures(**overrides)) == expected


def test_values_are_computed_as_the_dashboard_names_them():
    values = {item.kind: item.value for item in measure(figures(), DEFAULTS)}
    assert values == {
        "profit_margin": Decimal("5.00"),
        "dividend": Decimal("0"),
        "revenue_per_fte": Decimal("100000"),
        "personnel_cost_per_fte": Decimal("76000"),
        "personnel_cost_share": Decimal("80.00"),
    }


def test_no_revenue_no_fte_no_costs_is_not_computable_and_not_a_signal():
    year = figures(
        revenue=Decimal(0), fte=Decimal(0), total_costs=Decimal(0), personnel_costs=Decimal(0)
    )
    values = {item.kind: item.value for item in measure(year, DEFAULTS)}
    assert values["profit_margin"] is values["revenue_per_fte"] is None
    assert values["personnel_cost_share"] is values["personnel_cost_per_fte"] is None
    assert kinds(year) == set()


def test_an_inactive_threshold_gives_no_signal():
    thresholds = {kind: value for kind, value in DEFAULTS.items() if kind != "dividend"}
    assert kinds(figures(dividend_paid=Decimal("5000")), thresholds) == set()


money = st.decimals(min_value=0, max_value=10**9, places=2, allow_nan=False, allow_infinity=False)


@given(
    revenue=money,
    result=st.decimals(min_value=-(10**8), max_value=10**8, places=2),
    fte=st.decimals(min_value=0, max_value=5000, places=2),
    personnel=money,
    other=money,
)
def test_any_figures_give_a_measurement_of_every_kind(revenue, result, fte, personnel, other):
    year = figures(
        revenue=revenue,
        operating_result=result,
        fte=fte,
        personnel_costs=personnel,
        total_costs=personnel + other,
    )
    measurements = measure(year, DEFAULTS)
    assert [item.kind for item in measurements] == list(DEFINITIONS)
    share = measurements[-1].value
    assert share is None or Decimal(0) <= share <= Decimal(100)


# --- Constraints ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "overrides",
    [
        {"fte": Decimal("-1")},
        {"personnel_costs": Decimal("-1")},
        {"total_costs": Decimal("-1"), "personnel_costs": Decimal("-2")},
        {"personnel_costs": Decimal("9000000"), "total_costs": Decimal("8000000")},
        {"revenue": Decimal("-5")},
    ],
)
def test_database_constraints_refuse_impossible_figures(overrides):
    with pytest.raises(IntegrityError), transaction.atomic():
        ProviderFinancialYearFactory(**overrides)


def test_one_row_per_provider_and_year():
    first = ProviderFinancialYearFactory(year=2023)
    with pytest.raises(IntegrityError), transaction.atomic():
        ProviderFinancialYearFactory(provider=first.provider, year=2023)


# --- The dashboard and a provider's page ----------------------------------------------------


def test_demo_provider_crossing_thresholds_is_on_the_dashboard_with_the_signals_named(zhz, login):
    response = login("nmt").get(reverse("procurement:risk_dashboard"))
    assert response.status_code == 200
    page = text(response)
    assert "Signalen vragen om een gesprek, niet om een oordeel." in page
    with_signals = {row.provider.slug: row for row in response.context["dashboard"].with_signals}
    assert {signal.kind for signal in with_signals["demo-jeugdhulp-noord"].signals} == {
        "profit_margin",
        "dividend",
        "revenue_per_fte",
        "personnel_cost_share",
    }
    for shown in ["Demo Jeugdhulp Noord B.V.", "Hoge winstmarge", "16,70%", "&gt; 10,00%"]:
        assert shown in page, shown
    assert "Dividenduitkering" in page and "€ 300.000" in page
    assert "Besloten vennootschap zonder raad van toezicht" in page
    healthy = {row.provider.slug for row in response.context["dashboard"].without_signals}
    assert "demo-stichting-jeugd-en-gezin" in healthy


def test_dashboard_for_an_earlier_year(zhz, login):
    response = login("beheer").get(reverse("procurement:risk_dashboard"), {"jaar": "2021"})
    flagged = {row.provider.slug for row in response.context["dashboard"].with_signals}
    assert flagged == set()  # Noord's margin was 7,94% in 2021
    assert "Demo Gecertificeerde Instelling Voorbeeld" in text(response)  # no figures for 2021
    bad = login("beheer").get(reverse("procurement:risk_dashboard"), {"jaar": "1900"})
    assert bad.status_code == 400
    assert "Kies een boekjaar uit de lijst." in text(bad)


def test_a_changed_threshold_changes_the_dashboard(zhz, login):
    RiskThreshold.objects.filter(kind="profit_margin").update(value=Decimal("20"))
    response = login("nmt").get(reverse("procurement:risk_dashboard"))
    school = {row.provider.slug for row in response.context["dashboard"].with_signals}
    assert "demo-jeugdhulp-op-school" not in school  # 11% is under 20%


def test_provider_page_shows_the_figures_over_the_years_and_a_chart(zhz, login):
    response = login("nmt").get(reverse("procurement:risk_provider", args=["demo-jeugdhulp-noord"]))
    page = text(response)
    assert response.status_code == 200
    for shown in ["2021", "2022", "2023", "€ 4.850.000", "11,95%", "16,70%", "<svg", "Omzet"]:
        assert shown in page, shown
    assert "Fictieve demogegevens" in page
    assert "Uw inzage van deze pagina is vastgelegd" in page


def test_every_view_of_a_risk_page_is_logged(zhz, login):
    client = login("nmt")
    url = reverse("procurement:risk_provider", args=["demo-jeugdhulp-noord"])
    client.get(url)
    client.get(url)
    login("beheer").get(url)
    log = ProviderRiskPageView.objects.order_by("viewed_at")
    assert [(item.username, item.provider.slug) for item in log] == [
        ("nmt", "demo-jeugdhulp-noord"),
        ("nmt", "demo-jeugdhulp-noord"),
        ("beheer", "demo-jeugdhulp-noord"),
    ]
    assert all(item.viewed_at for item in log)


def test_the_log_is_in_the_admin_and_read_only(zhz, login):
    login("nmt").get(reverse("procurement:risk_provider", args=["demo-zorgbureau-west"]))
    client = login("beheer")
    page = client.get(reverse("admin:procurement_providerriskpageview_changelist"))
    assert page.status_code == 200
    assert "Demo Zorgbureau West B.V." in text(page) and "nmt" in text(page)
    entry = ProviderRiskPageView.objects.get()
    assert client.get(reverse("admin:procurement_providerriskpageview_add")).status_code == 403
    change = client.post(
        reverse("admin:procurement_providerriskpageview_change", args=[entry.pk]),
        {"username": "iemand"},
    )
    assert change.status_code == 403
    entry.refresh_from_db()
    assert entry.username == "nmt"


def test_unknown_provider_is_404(zhz, login):
    client = login("nmt")
    assert client.get(reverse("procurement:risk_provider", args=["niemand"])).status_code == 404
    assert not ProviderRiskPageView.objects.exists()


def test_a_provider_without_figures(db, client):
    provider = ProviderFactory(name="Nieuwe Aanbieder")
    user = UserFactory(role=Role.NETWORK_MT)
    PersonFactory(user=user)
    client.force_login(user)
    page = text(client.get(reverse("procurement:risk_provider", args=[provider.slug])))
    assert "nog geen cijfers" in page
    dashboard = text(client.get(reverse("procurement:risk_dashboard")))
    assert "Nieuwe Aanbieder" in dashboard  # listed without figures


# --- Thresholds: functional administrators --------------------------------------------------


def _threshold_form(rows, **changes):
    data = {
        "form-TOTAL_FORMS": str(len(rows)),
        "form-INITIAL_FORMS": str(len(rows)),
        "form-MIN_NUM_FORMS": "0",
        "form-MAX_NUM_FORMS": "1000",
    }
    for index, row in enumerate(rows):
        value, active = changes.get(row.kind, (str(row.value).replace(".", ","), row.is_active))
        data[f"form-{index}-kind"] = row.kind
        data[f"form-{index}-value"] = value
        if active:
            data[f"form-{index}-is_active"] = "on"
        data[f"form-{index}-edit_version"] = row.edit_version
    return data


@pytest.fixture
def admin_user():
    user = UserFactory(role=Role.FUNCTIONAL_ADMIN)
    PersonFactory(user=user, name="Bas Beheer")
    return user


def test_functional_admin_sets_a_threshold_with_history(client, admin_user):
    rows = list(RiskThreshold.objects.order_by("kind"))
    client.force_login(admin_user)
    response = client.post(
        reverse("procurement:risk_thresholds"),
        _threshold_form(rows, profit_margin=("12,5", True), dividend=("0", False)),
    )
    assert response.status_code == 302
    margin = RiskThreshold.objects.get(kind="profit_margin")
    assert margin.value == Decimal("12.50")
    assert not RiskThreshold.objects.get(kind="dividend").is_active
    assert margin.history.first().history_user == admin_user
    assert margin.history.count() == 1  # a region's first thresholds have none; this is the edit
    page = text(client.get(reverse("procurement:risk_thresholds")))
    assert "Bas Beheer" in page  # the latest changes, with who made them
    # Unchanged thresholds are not saved again.
    assert RiskThreshold.objects.get(kind="revenue_per_fte").history.count() == 0


def test_a_threshold_is_read_as_the_pages_print_numbers(client, admin_user):
    rows = list(RiskThreshold.objects.order_by("kind"))
    client.force_login(admin_user)
    response = client.post(
        reverse("procurement:risk_thresholds"),
        _threshold_form(rows, revenue_per_fte=("145.000", True)),
    )
    assert response.status_code == 302
    assert RiskThreshold.objects.get(kind="revenue_per_fte").value == Decimal("145000")


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("-1", "Een drempel kan niet negatief zijn."),
        ("tien", "‘tien’ is geen getal"),
        ("", "Vul een drempel in."),
        ("1,234", "‘1,234’ heeft meer dan 2 cijfers achter de komma."),
        ("1000000000000", "is te groot."),
    ],
)
def test_bad_threshold_is_422_and_changes_nothing(client, admin_user, value, message):
    rows = list(RiskThreshold.objects.order_by("kind"))
    client.force_login(admin_user)
    response = client.post(
        reverse("procurement:risk_thresholds"),
        _threshold_form(rows, profit_margin=(value, True), dividend=("5", True)),
    )
    assert response.status_code == 422
    assert message in text(response)
    assert dict(RiskThreshold.objects.values_list("kind", "value")) == DEFAULTS


def test_a_stale_threshold_form_is_409_and_saves_none(client, admin_user):
    rows = list(RiskThreshold.objects.order_by("kind"))
    form = _threshold_form(rows, dividend=("1000", True), profit_margin=("15", True))
    margin = RiskThreshold.objects.get(kind="profit_margin")
    services.risk_thresholds_update(
        user=UserFactory(role=Role.FUNCTIONAL_ADMIN),
        changes=[
            services.ThresholdChange("profit_margin", Decimal("11"), True, margin.edit_version)
        ],
    )
    client.force_login(admin_user)
    response = client.post(reverse("procurement:risk_thresholds"), form)
    assert response.status_code == 409
    assert "iemand anders heeft de drempel" in text(response)
    assert RiskThreshold.objects.get(kind="profit_margin").value == Decimal("11")
    assert RiskThreshold.objects.get(kind="dividend").value == Decimal("0")  # all or none


def test_network_mt_reads_but_does_not_set_thresholds(client):
    user = UserFactory(role=Role.NETWORK_MT)
    PersonFactory(user=user)
    rows = list(RiskThreshold.objects.order_by("kind"))
    client.force_login(user)
    response = client.post(
        reverse("procurement:risk_thresholds"), _threshold_form(rows, dividend=("9", True))
    )
    assert response.status_code == 403
    assert RiskThreshold.objects.get(kind="dividend").value == Decimal("0")
    assert "Drempels instellen" not in text(client.get(reverse("procurement:risk_dashboard")))


# --- Thresholds: each region its own ---------------------------------------------------------


def test_a_region_sets_its_own_thresholds_and_sees_only_its_own_changes(client, admin_user):
    other = RegionFactory()
    other_admin = UserFactory(role=Role.FUNCTIONAL_ADMIN)
    PersonFactory(user=other_admin, name="Olga Elders", region=other)
    elsewhere = RiskThreshold.objects.get(region=other, kind="profit_margin")
    with region_scope(other):  # as the other region's request would
        services.risk_thresholds_update(
            user=other_admin,
            changes=[
                services.ThresholdChange(
                    "profit_margin", Decimal("30"), True, elsewhere.edit_version
                )
            ],
        )
    rows = list(RiskThreshold.objects.filter(region=default_region()).order_by("kind"))
    client.force_login(admin_user)
    page = client.get(reverse("procurement:risk_thresholds"))
    assert [form["kind"].value() for form in page.context["formset"]] == [r.kind for r in rows]
    assert "Olga Elders" not in text(page)  # another region's change is not listed
    assert list(page.context["changes"]) == []
    response = client.post(
        reverse("procurement:risk_thresholds"),
        _threshold_form(rows, profit_margin=("12,5", True)),
    )
    assert response.status_code == 302
    mine = RiskThreshold.objects.get(region=default_region(), kind="profit_margin")
    assert mine.value == Decimal("12.50")
    assert RiskThreshold.objects.get(region=other, kind="profit_margin").value == Decimal("30")
    page = text(client.get(reverse("procurement:risk_thresholds")))
    assert "Bas Beheer" in page and "Olga Elders" not in page


def test_the_dashboard_reads_each_providers_latest_year_only(db, client):
    """Without a chosen year each provider is shown with its newest figures, not older ones."""
    from governance.constants import Role
    from tests.governance.factories import MunicipalityFactory, PersonFactory, UserFactory
    from tests.procurement.factories import ProviderFactory, ProviderFinancialYearFactory

    user = UserFactory(role=Role.NETWORK_MT)
    PersonFactory(user=user, municipality=MunicipalityFactory())
    provider = ProviderFactory(name="Aanbieder Oud en Nieuw")
    ProviderFinancialYearFactory(provider=provider, year=2021)
    ProviderFinancialYearFactory(provider=provider, year=2023)
    ProviderFinancialYearFactory(provider=provider, year=2022)
    client.force_login(user)
    dashboard = client.get(reverse("procurement:risk_dashboard")).context["dashboard"]
    rows = dashboard.with_signals + dashboard.without_signals
    assert [(row.provider, row.financial_year.year) for row in rows] == [(provider, 2023)]


def test_a_threshold_switched_off_shows_on_the_next_load_in_its_own_region_only(client):
    """The providers' part is a cached fragment: it follows a change and stays in its region."""
    here, elsewhere = RegionFactory(), RegionFactory()
    ProviderFinancialYearFactory(profitable=True)  # crosses the margin and dividend thresholds
    url = reverse("procurement:risk_dashboard")
    users = {each: UserFactory(role=Role.NETWORK_MT, region=each) for each in (here, elsewhere)}

    def signals_shown(region):
        client.force_login(users[region])
        return text(client.get(url)).count("status--at_risk")

    assert signals_shown(here) == signals_shown(elsewhere) == 2
    threshold = RiskThreshold.objects.get(region=here, kind=SignalKind.PROFIT_MARGIN)
    threshold.is_active = False
    threshold.save()
    assert signals_shown(here) == 1
    assert signals_shown(elsewhere) == 2
