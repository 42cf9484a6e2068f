import pytest

from core.scope import all_regions


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    # Generated files (PDFs, uploads) go to a throwaway directory per test.
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _empty_cache():
    # A cached fragment of one test (core.fragments) is never read by another.
    from django.core.cache import cache

    cache.clear()


@pytest.fixture(autouse=True)
def _test_body_crosses_regions():
    """The test itself (factories, assertions) sees every region, as a fixture loader would.

    Requests through the test client still run in the signed-in user's region: the middleware
    opens that scope inside this one. Tests of the scope itself leave it with `region_scope`.
    """
    with all_regions():
        yield
