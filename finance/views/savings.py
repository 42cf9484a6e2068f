"""The municipalities' savings measures."""

from django.shortcuts import render

from finance import selectors


def savings(request):
    context = {"municipalities": selectors.savings_overview()}
    return render(request, "finance/savings.html", context)
