import pytest


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    # Generated files (PDFs, uploads) go to a throwaway directory per test.
    settings.MEDIA_ROOT = tmp_path / "media"
