"""The shared pieces of markup people with a screen reader depend on (WCAG 1.1.1, 1.3.1, 3.3.1).

A field with an error is marked invalid and described by its error, which exists; the summary
at the top of a form links to every field in error; a chart is an image with a text alternative.
"""

import re

from django import forms
from django.template.loader import render_to_string

from core.charts import Series, stacked_bars
from tests.page_structure import structure_problems


class _ExampleForm(forms.Form):
    name = forms.CharField(label="Naam", help_text="Zoals op de brief.")
    amount = forms.DecimalField(label="Bedrag")
    kinds = forms.MultipleChoiceField(
        label="Soorten", choices=[("a", "A"), ("b", "B")], widget=forms.CheckboxSelectMultiple
    )


def _rendered(form) -> str:
    summary = render_to_string("core/_error_summary.html", {"form": form})
    fields = "".join(
        render_to_string("finance/_field.html", {"field": field}) for field in form.visible_fields()
    )
    return f"<form>{summary}{fields}</form>"


def test_a_field_in_error_is_invalid_and_described_by_its_error():
    html = _rendered(_ExampleForm(data={"name": "", "amount": "veel"}))
    ids = set(re.findall(r'\sid="([^"]+)"', html))
    described = re.findall(r'<input[^>]*aria-describedby="([^"]+)"[^>]*>', html)
    assert described, html
    for value in described:
        for target in value.split():
            assert target in ids, (target, html)
    assert 'id="id_name_error"' in html
    assert 'id="id_amount_error"' in html
    name_input = re.search(r'<input[^>]*name="name"[^>]*>', html).group(0)
    assert 'aria-invalid="true"' in name_input
    assert "id_name_helptext" in name_input and "id_name_error" in name_input
    assert structure_problems(html, full_page=False) == []


def test_the_error_summary_links_to_every_field_in_error():
    html = _rendered(_ExampleForm(data={"name": "", "amount": "veel"}))
    summary = html.split('<div class="field', 1)[0]
    assert 'role="alert"' in summary
    assert 'href="#id_name"' in summary and 'href="#id_amount"' in summary
    # A group of checkboxes is linked through the element around its boxes.
    assert 'href="#id_kinds"' in summary
    assert structure_problems(html, full_page=False) == []


def test_a_valid_form_shows_no_summary_and_no_invalid_field():
    form = _ExampleForm(data={"name": "Dordrecht", "amount": "12", "kinds": ["a"]})
    html = _rendered(form)
    assert form.is_valid()
    assert "form-errors" not in html and "aria-invalid" not in html


def test_a_chart_is_an_image_with_a_title_and_a_description():
    svg = str(
        stacked_bars(
            title="Inspanningen per status",
            rows=[("Thema 1", {"done": 2, "open": 1})],
            series=[Series("done", "Behaald", "#2e7d32"), Series("open", "Open", "#1565c0")],
        )
    )
    assert 'role="img"' in svg
    labelled_by = re.search(r'aria-labelledby="([^"]+)"', svg).group(1).split()
    for target in labelled_by:
        assert f'id="{target}"' in svg
    assert "<title" in svg and "Thema 1: Behaald 2, Open 1" in svg
