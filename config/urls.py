from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.urls import include, path
from django.views.generic import TemplateView

from config.views import HomeView
from core.login import PasswordChangeView
from core.middleware import region_not_required
from governance.accounts import login as account_login
from governance.accounts import oidc
from governance.accounts.views import invitation_accept
from governance.constants import InformationPageKind
from governance.scope import region_switch
from governance.themes.urls import edit_urlpatterns as theme_edit_urls
from governance.views import healthz, information_page

handler500 = "governance.views.server_error"

urlpatterns = [
    path("", HomeView.as_view(), name="home"),
    path("accounts/login/", account_login.LoginView.as_view(), name="login"),
    path("accounts/logout/", account_login.LogoutView.as_view(), name="logout"),
    # The second step of a login that needs it, and the user's own second factor.
    path("accounts/tweede-stap/", account_login.second_factor_step, name="second_factor"),
    path(
        "accounts/tweede-factor/",
        account_login.second_factor_settings,
        name="second_factor_settings",
    ),
    # The municipality's own account (OpenID Connect): to the provider and back.
    path(
        "oidc/start/",
        login_not_required(region_not_required(oidc.ProviderStartView.as_view())),
        name="oidc_start",
    ),
    path(
        "oidc/callback/",
        login_not_required(region_not_required(oidc.ProviderCallbackView.as_view())),
        name="oidc_callback",
    ),
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
    path("beheer/huisstijl/", include((theme_edit_urls, "theme_admin"))),
    path("thema/", include("governance.themes.urls")),
    path("taken/", include("core.jobs.urls")),
    # One login page for the whole application, the admin included.
    path(
        "admin/login/",
        login_not_required(region_not_required(account_login.admin_login)),
    ),
    path("admin/", admin.site.urls),
]
