"""core/form_renderer.py writes <select> and <input> as Django's templates do: the same markup
for every kind of select and input, the same escaping, and Django's rendering for widgets with an
option template of their own."""

import re

from django import forms
from django.forms.renderers import DjangoTemplates

import pytest
from hypothesis import given
from hypothesis import strategies as st

from core.form_renderer import FormRenderer

TEMPLATES = DjangoTemplates()
FAST = FormRenderer()


def _same_markup(html: str) -> str:
    """Whitespace between tags is not markup: Django's templates leave blank lines there."""
    return re.sub(r">\s+<", "><", html.strip())


def _both(widget: forms.Widget, name: str, value, attrs=None) -> tuple[str, str]:
    return (
        _same_markup(widget.render(name, value, attrs=attrs, renderer=TEMPLATES)),
        _same_markup(widget.render(name, value, attrs=attrs, renderer=FAST)),
    )


GROUPED = [
    ("", "---------"),
    ("Noord", [("1", "Alblasserdam"), ("2", "Dordrecht")]),
    ("Zuid", [("3", "Hoeksche Waard <\"&'>")]),
    (4, "Molenlanden"),
]


@pytest.mark.parametrize(
    "widget, value, attrs",
    [
        (forms.Select(choices=[("", "---"), ("a", "A & B"), ("b", "<b>")]), "a", None),
        (forms.Select(choices=GROUPED), "3", {"id": "id_m", "required": True, "class": "x"}),
        (forms.Select(choices=GROUPED, attrs={"disabled": True, "data-x": False}), None, None),
        (forms.SelectMultiple(choices=GROUPED, attrs={"size": 8}), ["1", "3"], {"id": "t"}),
        (forms.NullBooleanSelect(), True, {"aria-describedby": "help err"}),
        (forms.Select(choices=[(1, "Eén")]), 1, {"title": '"aanhalingstekens"'}),
    ],
)
def test_select_markup_is_djangos(widget, value, attrs):
    django, fast = _both(widget, "veld", value, attrs)
    assert fast == django
    assert "<option" in fast or not widget.choices


@given(
    labels=st.lists(st.text(max_size=12), min_size=1, max_size=6),
    chosen=st.integers(min_value=0, max_value=5),
)
def test_any_labels_escape_as_djangos(labels, chosen):
    widget = forms.Select(choices=[(str(i), label) for i, label in enumerate(labels)])
    django, fast = _both(widget, "naam", str(chosen))
    assert fast == django


def test_model_choice_field_renders_as_djangos(db):
    from django.contrib.auth.models import Group

    Group.objects.create(name="griffie <&>")
    Group.objects.create(name="zz-meting")
    field = forms.ModelMultipleChoiceField(queryset=Group.objects.order_by("name"))
    value = [Group.objects.get(name="zz-meting").pk]
    django, fast = _both(field.widget, "groepen", value, {"id": "id_groepen"})
    assert fast == django
    assert "griffie &lt;&amp;&gt;" in fast


@pytest.mark.parametrize(
    "widget, value, attrs",
    [
        (forms.TextInput(), 'Zuid-Holland <Zuid> & "co"', {"id": "id_naam", "maxlength": 80}),
        (forms.TextInput(attrs={"required": True, "disabled": False}), None, None),
        (forms.NumberInput(), 3, {"step": "any"}),
        (forms.HiddenInput(), 7, None),
        (forms.EmailInput(), "", {"autocomplete": "email"}),
        (forms.DateInput(attrs={"type": "date"}), "2026-12-02", {"aria-describedby": "hulp"}),
        (forms.CheckboxInput(), True, {"class": "action-select"}),
        (forms.CheckboxInput(), "12", None),
        (forms.CheckboxInput(), False, None),
        (forms.PasswordInput(render_value=True), "geheim", None),
        (forms.URLInput(), "https://example.org/?a=1&b=2", None),
    ],
)
def test_input_markup_is_djangos(widget, value, attrs):
    django, fast = _both(widget, "veld", value, attrs)
    assert fast == django
    assert fast.startswith("<input")


class _OwnOption(forms.Select):
    option_template_name = "django/forms/widgets/input_option.html"


def test_a_widget_with_its_own_option_template_keeps_djangos_rendering():
    widget = _OwnOption(choices=[("a", "A")])
    assert "<option" not in widget.render("x", "a", renderer=FAST)
    assert widget.render("x", "a", renderer=FAST) == widget.render("x", "a", renderer=TEMPLATES)


def test_the_project_uses_it():
    from django.forms.renderers import get_default_renderer

    assert isinstance(get_default_renderer(), FormRenderer)
