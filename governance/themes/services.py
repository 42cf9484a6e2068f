"""Changing a region's theme: colours checked for contrast, the logo checked and re-encoded."""

import hashlib
import io

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from core.contrast import TEXT_MINIMUM, UI_MINIMUM, contrast_ratio
from core.services import model_update
from governance.models import Region, RegionTheme

LOGO_MAX_BYTES = 200 * 1024
LOGO_MAX_SIDE = 2000  # pixels, of the upload
LOGO_BOX = (600, 200)  # pixels: what is kept, scaled down to fit
WHITE = "#ffffff"


def contrast_problems(colours: dict[str, str]) -> dict[str, str]:
    """Per field, what falls short: text 4.5:1 on its background, the focus ring 3:1 on white."""
    checks = [
        # field, foreground, background, minimum, what a person reads
        ("primary_text", "primary_text", "primary", TEXT_MINIMUM, _("de tekst op de hoofdkleur")),
        ("primary", "primary", WHITE, TEXT_MINIMUM, _("de hoofdkleur als tekst op wit")),
        ("link", "link", WHITE, TEXT_MINIMUM, _("de linkkleur op wit")),
        ("focus", "focus", WHITE, UI_MINIMUM, _("de focuskleur op wit")),
    ]
    problems = {}
    for field, foreground, background, minimum, label in checks:
        first = colours[foreground]
        second = colours.get(background, background)
        ratio = contrast_ratio(first, second)
        if ratio < minimum:
            problems[field] = _(
                "Te weinig contrast voor %(pair)s (%(first)s op %(second)s): %(ratio)s:1, "
                "nodig is ten minste %(minimum)s:1."
            ) % {
                "pair": label,
                "first": first,
                "second": second,
                # Cut, not rounded: 4.499 must not read as the 4,50 it falls short of.
                "ratio": f"{int(ratio * 100) / 100:.2f}".replace(".", ","),
                "minimum": f"{minimum:.1f}".replace(".", ","),
            }
    return problems


def logo_png(data: bytes) -> bytes:
    """The uploaded logo as a clean PNG: only a PNG is taken, and it is re-encoded.

    Re-encoding keeps the pixels alone (no text chunks, no metadata) and scales the logo down to
    what a header and a letterhead need.
    """
    from PIL import Image, UnidentifiedImageError

    if len(data) > LOGO_MAX_BYTES:
        raise ValidationError(
            {"logo": _("Het logo is te groot: ten hoogste 200 kB.")}, code="logo_too_large"
        )
    try:
        with Image.open(io.BytesIO(data)) as image:
            if image.format != "PNG":
                raise ValidationError({"logo": _("Het logo moet een PNG-bestand zijn.")})
            if max(image.size) > LOGO_MAX_SIDE:
                raise ValidationError(
                    {"logo": _("Het logo is te groot: ten hoogste 2000 bij 2000 pixels.")}
                )
            image.load()
            image = image.convert("RGBA")
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as error:
        raise ValidationError({"logo": _("Dit is geen leesbaar PNG-bestand.")}) from error
    image.thumbnail(LOGO_BOX)
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()


@transaction.atomic
def region_theme_update(
    *,
    region: Region,
    user: User,
    expected_version: int | None,
    display_name: str,
    logo_description: str,
    primary: str,
    primary_text: str,
    link: str,
    focus: str,
    logo: bytes | None = None,
    remove_logo: bool = False,
) -> RegionTheme:
    """Save the region's theme, or refuse it whole with the reason per field."""
    colours = {"primary": primary, "primary_text": primary_text, "link": link, "focus": focus}
    colours = {name: value.lower() for name, value in colours.items()}
    problems = contrast_problems(colours)
    if problems:
        raise ValidationError(problems, code="contrast")
    data = {"display_name": display_name, "logo_description": logo_description, **colours}
    if logo is not None:
        png = logo_png(logo)
        data |= {"logo": png, "logo_sha256": hashlib.sha256(png).hexdigest()}
    elif remove_logo:
        data |= {"logo": b"", "logo_sha256": ""}
    theme = RegionTheme.objects.filter(region=region).first()
    if theme is None:
        theme = RegionTheme(region=region, **data)
        theme._history_user = user
        theme.full_clean()
        theme.save()
        return theme
    return model_update(instance=theme, expected_version=expected_version, data=data, user=user)
