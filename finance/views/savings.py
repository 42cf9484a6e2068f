"""The municipalities' savings measures."""

from django.shortcuts import render
from django.utils.translation import gettext as _

from core.views import page_export
from finance import selectors
from finance.exports import savings_table


def savings(request):
    municipalities = selectors.savings_overview()
    download = page_export(
        request,
        filename="ombuigingen",
        title=_("Ombuigingen"),
        table=lambda: savings_table(municipalities),
    )
    return download or render(request, "finance/savings.html", {"municipalities": municipalities})
