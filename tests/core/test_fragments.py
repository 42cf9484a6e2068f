"""A cached fragment is rendered once per region, language and state of its data."""

import re

from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils import translation

import pytest
from django_scopes import scope

from core.fragments import CSRF_PLACEHOLDER, cached_fragment, fingerprint, fingerprints
from core.scope import ScopeError, region_scope
from governance.models import Person
from tests.governance.factories import PersonFactory, RegionFactory

pytestmark = pytest.mark.django_db


class Renderer:
    def __init__(self):
        self.calls = 0

    def __call__(self):
        self.calls += 1
        return f"<p>{self.calls}</p>"


def _fragment(render, *, vary_on=()):
    return cached_fragment("test", vary_on=vary_on, data=[Person.objects.all()], render=render)


def test_a_fragment_is_rendered_once_while_its_data_stay_the_same():
    region = RegionFactory()
    person = PersonFactory(region=region)
    render = Renderer()
    with region_scope(region):
        assert _fragment(render) == _fragment(render) == "<p>1</p>"
        person.name = "Mw. C. Bakker"
        person.save()
        assert _fragment(render) == "<p>2</p>"
        person.delete()
        assert _fragment(render) == "<p>3</p>"
        assert _fragment(render, vary_on=["pagina 2"]) == "<p>4</p>"
    assert render.calls == 4


def test_each_region_and_each_language_has_its_own_fragment():
    """Two regions whose data look alike (none at all) still never share a fragment."""
    render = Renderer()
    for region in (RegionFactory(), RegionFactory()):
        with region_scope(region):
            _fragment(render)
            with translation.override("en"):
                _fragment(render)
    assert render.calls == 4


def test_a_fragment_is_html_that_is_not_escaped_again():
    with region_scope(RegionFactory()):
        fragment = _fragment(lambda: "<table></table>")
    assert hasattr(fragment, "__html__")


def test_a_fingerprint_is_one_query_with_a_figure_per_queryset(django_assert_num_queries):
    region = RegionFactory()
    PersonFactory(region=region)
    with region_scope(region):
        querysets = [Person.objects.all(), Person.objects.none(), Person.objects.filter(pk=0)]
        with django_assert_num_queries(1):
            prints = fingerprint(querysets)
        assert prints[0].startswith("1@") and prints[1:] == ("0@", "0@")
        assert fingerprint([Person.objects.all()]) == prints[:1]


def test_several_groups_are_fingerprinted_in_one_query_each_with_its_own_part(
    django_assert_num_queries,
):
    region = RegionFactory()
    PersonFactory(region=region)
    with region_scope(region):
        groups = ([Person.objects.all()], [], [Person.objects.none(), Person.objects.all()])
        with django_assert_num_queries(1):
            stamps = fingerprints(*groups)
        assert stamps == [fingerprint(group) for group in groups]
        assert stamps[1] == () and stamps[2][0] == "0@"


def test_the_same_rows_named_twice_are_counted_once_and_each_gets_its_figure():
    region = RegionFactory()
    PersonFactory(region=region)
    with region_scope(region):
        querysets = [Person.objects.all(), Person.objects.filter(pk=0), Person.objects.all()]
        with CaptureQueriesContext(connection) as queries:
            prints = fingerprint(querysets)
        assert queries[0]["sql"].count("UNION ALL") == 1  # two parts, not three
        assert prints[0] == prints[2] and prints[0].startswith("1@")
        assert prints[1] == "0@"


def test_the_csrf_placeholder_holds_the_requests_token():
    request = RequestFactory().get("/")
    with region_scope(RegionFactory()):
        fragment = cached_fragment(
            "test",
            vary_on=(),
            data=[],
            render=lambda: f'<input name="csrfmiddlewaretoken" value="{CSRF_PLACEHOLDER}">',
            request=request,
        )
    assert CSRF_PLACEHOLDER not in fragment
    assert re.fullmatch(r'<input name="csrfmiddlewaretoken" value="[A-Za-z0-9]{64}">', fragment)
    assert "CSRF_COOKIE" in request.META  # the token is the request's: its cookie is set


def test_a_fingerprint_outside_a_region_scope_is_refused():
    """It reads the querysets' own SQL: the scope is checked as an evaluation would be."""
    with scope(), pytest.raises(ScopeError):  # a scope of no region, as a request without one
        fingerprint([Person.objects.all()])
