from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemoConfig(AppConfig):
    """What exists only to show and measure the product: demo accounts and synthetic regions.

    The rightmost app: it may use every other app, and nothing outside it imports it.
    """

    name = "demo"
    verbose_name = _("Demo")
