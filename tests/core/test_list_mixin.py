"""The one mixin of list pages (core.views.ListPageMixin): sane page sizes, offered exports only."""

from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

import pytest
from django_tables2 import SingleTableMixin

from core.views import MAX_PER_PAGE, ClampedPaginator, ListPageMixin, clamp_per_page
from tests.test_url_access import _kwargs, _routes, samples  # noqa: F401 (fixture)


@pytest.mark.parametrize(
    ("asked", "given"), [(-1, 1), (0, 1), (1, 1), (25, 25), (200, 200), (10**9, MAX_PER_PAGE)]
)
def test_the_page_size_is_clamped(asked, given):
    assert clamp_per_page(asked) == given
    assert ClampedPaginator(range(1000), asked).per_page == given


def _list_routes():
    """Every route whose view shows a django-tables2 table."""
    for name, pattern in _routes():
        view_class = getattr(pattern.callback, "view_class", None)
        if view_class is not None and issubclass(view_class, SingleTableMixin):
            yield name, pattern, view_class


def test_every_list_page_uses_the_mixin():
    routes = list(_list_routes())
    assert len(routes) >= 8
    for name, _pattern, view_class in routes:
        assert issubclass(view_class, ListPageMixin), name
        assert view_class.__mro__.index(ListPageMixin) < view_class.__mro__.index(
            SingleTableMixin
        ), name


@pytest.fixture
def nmt(samples):  # noqa: F811
    client = Client(raise_request_exception=False)
    client.force_login(User.objects.get(username="nmt"))
    return client


# Lists only a functional administrator may see (the Netwerk MT gets 403 there).
FOR_ADMINISTRATORS = {"accounts:user_list"}


@pytest.fixture
def beheer(samples):  # noqa: F811
    client = Client(raise_request_exception=False)
    client.force_login(User.objects.get(username="beheer"))
    return client


@pytest.mark.django_db
def test_any_page_size_gives_a_page(nmt, beheer, samples):  # noqa: F811
    for name, pattern, _view_class in _list_routes():
        url = reverse(name, kwargs=_kwargs(name, pattern, samples))
        client = beheer if name in FOR_ADMINISTRATORS else nmt
        for asked, expected in [("-1", 1), ("0", None), ("abc", None), (str(10**12), MAX_PER_PAGE)]:
            response = client.get(url, {"per_page": asked})
            assert response.status_code == 200, (url, asked, response.status_code)
            table = response.context["table"]
            if expected is not None and hasattr(table, "paginator"):
                assert table.paginator.per_page == expected, (url, asked)
                assert len(table.page.object_list) <= expected


@pytest.mark.django_db
def test_an_export_format_the_page_does_not_offer_is_a_dutch_400(nmt, beheer, samples):  # noqa: F811
    checked = 0
    for name, pattern, view_class in _list_routes():
        url = reverse(name, kwargs=_kwargs(name, pattern, samples))
        client = beheer if name in FOR_ADMINISTRATORS else nmt
        for export_format in ["yaml", "ods", "xls", "json", "latex", "tsv", "", "csv;xlsx"]:
            response = client.get(url, {"_export": export_format})
            assert response.status_code == 400, (url, export_format)
            page = response.content.decode()
            assert "Ongeldige vraag" in page
            if view_class.export_formats:
                assert "Kies CSV of Excel (XLSX)." in page
            else:
                assert "Deze lijst kan niet worden geëxporteerd." in page
            checked += 1
        for export_format in view_class.export_formats:
            assert nmt.get(url, {"_export": export_format}).status_code == 200
    assert checked >= 8 * 8


@pytest.mark.django_db
def test_a_list_without_exports_refuses_every_format(beheer):  # noqa: F811
    response = beheer.get(reverse("accounts:user_list"), {"_export": "csv"})
    assert response.status_code == 400
    assert "Deze lijst kan niet worden geëxporteerd." in response.content.decode()
    assert beheer.get(reverse("accounts:user_list")).status_code == 200


@pytest.mark.django_db
def test_the_refused_format_is_shown_escaped(nmt):
    response = nmt.get(reverse("programme:project_list"), {"_export": "<script>x</script>"})
    assert response.status_code == 400
    assert "<script>x" not in response.content.decode()
    assert "&lt;script&gt;x" in response.content.decode()
