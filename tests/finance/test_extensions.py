"""What finance lends the dashboard and the council letter through core.registry."""

import json
from decimal import Decimal

from django.contrib.auth.models import User
from django.template.loader import render_to_string
from django.test import RequestFactory

import pytest

from core.registry import registry
from finance.extensions import build_allocation_block, money_of_year_context
from finance.forms import AllocationBlockForm
from finance.models import DistributionKey
from governance.letters.blocks import block_rows
from governance.models import Municipality

pytestmark = pytest.mark.django_db


def test_both_are_registered():
    panel = registry.dashboard_panels["finance-year"]
    assert panel.template == "finance/panels/money_of_year.html"
    block = registry.letter_blocks["allocation"]
    assert block.template == "finance/blocks/allocation.html"
    assert block.form_class is AllocationBlockForm


def test_the_money_of_each_year(zhz):
    request = RequestFactory().get("/")
    request.user = User.objects.get(username="nmt")
    context = money_of_year_context(zhz, request, filters=None)
    years = {item.year: item for item in context["money_years"]}
    assert sorted(years) == [2021, 2022, 2023]
    assert years[2021].budget is None and years[2021].realisation.balance == Decimal("-6600")
    assert years[2023].budget.balance == Decimal("-216387")
    html = " ".join(
        render_to_string(registry.dashboard_panels["finance-year"].template, context).split()
    )
    assert "140.150" in html and "−6.600" in html and "−216.387" in html and "(voorlopig)" in html
    assert money_of_year_context(zhz, request, {"year": 2022})["money_years"][0].year == 2022


def test_the_allocation_block_highlights_the_letters_municipality(zhz):
    sliedrecht = Municipality.objects.get(name="Sliedrecht")
    snapshot = build_allocation_block(
        zhz, {"key": "meicirculaire-2021", "amount": "216.387"}, sliedrecht
    )
    json.dumps(snapshot)  # stored with the letter
    assert snapshot["columns"] == ["Gemeente", "Aandeel", "Bedrag"]
    assert len(snapshot["rows"]) == 10
    assert snapshot["rows"][snapshot["highlight"]] == ["Sliedrecht", "6,73%", "€ 14.561,39"]
    assert snapshot["footer"] == ["Totaal", "100,01%", "€ 216.387,00"]
    assert snapshot["key"]["complete"] is False
    assert "tellen op tot 100,01%" in snapshot["note"]
    # Rendered the way governance.letters renders blocks: `block` and its `rows`.
    html = render_to_string(
        "finance/blocks/allocation.html", {"block": snapshot, "rows": block_rows(snapshot)}
    )
    html = " ".join(html.split())
    assert '<tr class="highlight"><td><strong>Sliedrecht</strong>' in html
    assert "€ 216.387,00" in html and "Meicirculaire gemeentefonds 2021" in html
    # Without a municipality (a regional letter) nothing is highlighted.
    key = DistributionKey.objects.get(slug="meicirculaire-2021")
    assert build_allocation_block(zhz, {"key": key, "amount": Decimal("100")})["highlight"] is None


def test_the_block_form_validates_in_dutch(zhz):
    key = DistributionKey.objects.get(slug="meicirculaire-2021")
    form = AllocationBlockForm({"key": key.pk, "amount": "216,387"})
    assert not form.is_valid()
    assert "meer dan twee cijfers achter de komma" in form.errors["amount"][0]
    form = AllocationBlockForm({"key": key.pk, "amount": "216.387"})
    assert form.is_valid() and form.cleaned_data["amount"] == Decimal("216387")


def test_the_block_builds_through_the_letters_machinery(zhz):
    """As a letter does: the stored (typed) parameters validated again by the form, then built."""
    from governance.letters.blocks import build_block

    key = DistributionKey.objects.get(slug="meicirculaire-2021")
    data = build_block(
        "allocation",
        {"key": str(key.pk), "amount": "216.387"},
        Municipality.objects.get(name="Dordrecht"),
        region=zhz,
    )
    assert data["rows"][data["highlight"]][0] == "Dordrecht"
