from django.utils.translation import gettext_lazy as _

from core.registry import NavigationEntry

from .permissions import can_use_workbook

WORKBOOK_ENTRY = NavigationEntry(
    "workbook", _("Werkmap"), "workbook:index", order=86, visible=can_use_workbook
)
