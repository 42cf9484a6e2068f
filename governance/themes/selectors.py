"""Reading a region's theme: the saved one, or the neutral default for a region without one."""

from governance.models import Region, RegionTheme


def theme_of(region: Region | None) -> RegionTheme | None:
    """The region's theme (unsaved defaults if it has none); None without a region.

    The request's region comes with its theme already joined (`governance.scope`), logo bytes
    deferred, so a page asks the database nothing more for it.
    """
    if region is None:
        return None
    try:
        return region.theme
    except RegionTheme.DoesNotExist:
        return RegionTheme(region=region)


def theme_by_slug(slug: str) -> RegionTheme | None:
    """The theme of the region with this slug, for its public stylesheet and logo."""
    region = Region.objects.filter(slug=slug).select_related("theme").first()
    return theme_of(region)
