from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.urls import include, path
from django.views.generic import RedirectView, TemplateView

from config.views import HomeView
from core.login import PasswordChangeView
from core.middleware import region_not_required
from governance.accounts.views import invitation_accept
from governance.constants import InformationPageKind
from governance.forms import LoginForm
from governance.scope import region_switch
from governance.views import healthz, information_page

handler500 = "governance.views.server_error"

urlpatterns = [
    path("", HomeView.as_view(), name="home"),
    path("accounts/login/", auth_views.LoginView.as_view(form_class=LoginForm), name="login"),
    path("accounts/logout/", region_not_required(auth_views.LogoutView.as_view()), name="logout"),
    # Usable without a region: an account not yet linked can still change its password.
    path(
        "accounts/wachtwoord/",
        region_not_required(PasswordChangeView.as_view()),
        name="password_change",
    ),
    path(
        "accounts/wachtwoord/gewijzigd/",
        region_not_required(auth_views.PasswordChangeDoneView.as_view()),
        name="password_change_done",
    ),
    # The invited person sets their first password here (public: they cannot log in yet).
    path("accounts/uitnodiging/<uidb64>/<token>/", invitation_accept, name="invitation_accept"),
    path("healthz", healthz, name="healthz"),
    path("regio/", region_switch, name="region_switch"),
    path(
        "hulp/",
        region_not_required(TemplateView.as_view(template_name="help.html")),
        name="help",
    ),
    *[
        path(f"{kind}/", information_page, {"kind": kind}, name=f"information_{kind}")
        for kind in InformationPageKind.values
    ],
    path("programma/", include("programme.urls")),
    path("bestuur/", include("governance.registers.urls")),
    path("inkoop/", include("procurement.urls")),
    path("financien/", include("finance.urls")),
    path("brieven/", include("governance.letters.urls")),
    path("beheer/", include("governance.accounts.urls")),
    path("openbaar/brieven/", include("governance.letters.public_urls")),
    path("beheer/werkmap/", include("governance.workbook.urls")),
    path("taken/", include("core.jobs.urls")),
    # One login page for the whole application, the admin included.
    path(
        "admin/login/",
        login_not_required(RedirectView.as_view(pattern_name="login", query_string=True)),
    ),
    path("admin/", admin.site.urls),
]
