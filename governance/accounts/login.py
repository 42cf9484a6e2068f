"""The login page, its second step, and the signed-in user's own second factor.

The login page offers the local login (username and password; `LOCAL_LOGIN_ENABLED` switches it
off) beside the identity providers (`oidc.py`). A login that needs a second factor
(`second_factor.py`) becomes a pending login, completed at /accounts/tweede-stap/.
"""

from django.conf import settings
from django.contrib import auth, messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods

from core.middleware import region_not_required
from governance.forms import LoginForm

from . import second_factor as factor
from .oidc import login_providers


class LoginView(auth_views.LoginView):
    form_class = LoginForm

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["local_login"] = settings.LOCAL_LOGIN_ENABLED
        context["providers"] = login_providers()
        return context

    def post(self, request, *args, **kwargs):
        if not settings.LOCAL_LOGIN_ENABLED:
            messages.error(request, _("Inloggen met een wachtwoord is uitgeschakeld."))
            response = self.get(request, *args, **kwargs)
            response.status_code = 403
            return response
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        user = form.get_user()
        if not factor.second_factor_required(user):
            return super().form_valid(form)
        factor.pending_login_start(
            self.request,
            user=user,
            backend=user.backend,
            next_url=self.get_success_url(),
            via="password",
        )
        return redirect("second_factor")


def _safe_next(request, url: str) -> str:
    if url and url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return url
    return settings.LOGIN_REDIRECT_URL


def login_complete(request, *, user: User, backend: str, verified: str | None) -> None:
    """Sign `user` in; `verified` says how the second factor was given (None: not given)."""
    auth.login(request, user, backend=backend)
    request.session.pop(factor.PENDING_KEY, None)
    if verified:
        request.session[factor.VERIFIED_KEY] = verified
        request.session.pop(factor.MISSING_KEY, None)
    else:
        request.session[factor.MISSING_KEY] = True


@login_not_required
@region_not_required
@never_cache
@sensitive_post_parameters("code")
@require_http_methods(["GET", "POST"])
def second_factor_step(request):
    """Ask the pending login's user for their code, or let them set up the app first.

    A signed-in user whose session lacks the factor (a provider login without one) gives it
    here too, before the admin opens.
    """
    pending = factor.pending_login(request)
    if pending is not None:
        user = User.objects.filter(pk=pending["user"], is_active=True).first()
        next_url = pending["next"]
    elif request.user.is_authenticated and request.session.get(factor.MISSING_KEY):
        user = request.user
        next_url = request.GET.get("next", "")
    else:
        user = None
    if user is None:
        messages.info(request, _("Log opnieuw in."))
        return redirect("login")
    next_url = _safe_next(request, next_url)
    device = factor.confirmed_totp(user)
    setup = None if device is not None else factor.totp_setup_start(user=user)
    error, status = None, 200
    if request.method == "POST":
        code = request.POST.get("code", "")
        try:
            if setup is not None:
                codes = factor.totp_setup_confirm(device=setup, code=code)
                verified = "totp"
            else:
                codes = None
                verified = factor.second_factor_verify(user=user, code=code)
        except ValidationError as exc:
            error, status = exc.messages[0], 400
            if pending is not None and factor.pending_login_failed(request):
                messages.error(request, _("Te veel onjuiste codes. Log opnieuw in."))
                return redirect("login")
        else:
            if pending is not None:
                login_complete(request, user=user, backend=pending["backend"], verified=verified)
            else:
                request.session[factor.VERIFIED_KEY] = verified
                request.session.pop(factor.MISSING_KEY, None)
            if codes:
                return render(
                    request,
                    "registration/recovery_codes.html",
                    {"codes": codes, "next": next_url},
                )
            return redirect(next_url)
    context = {"setup": setup, "error": error, "next": next_url}
    if setup is not None:
        context["qr"] = factor.totp_qr_data_uri(setup)
        context["secret"] = factor.totp_secret(setup)
    return render(request, "registration/second_factor.html", context, status=status)


@method_decorator(region_not_required, name="dispatch")
class LogoutView(auth_views.LogoutView):
    """Local logout, then the identity provider's end of session where it offers one."""

    def post(self, request, *args, **kwargs):
        from .oidc import provider_logout_url

        provider_url = provider_logout_url(request)
        response = super().post(request, *args, **kwargs)
        return redirect(provider_url) if provider_url else response


@region_not_required
@never_cache
@sensitive_post_parameters("code")
@require_http_methods(["GET", "POST"])
def second_factor_settings(request):
    """The signed-in user's own second factor: set it up, renew recovery codes, switch it off."""
    user = request.user
    device = factor.confirmed_totp(user)
    setup = factor.totp_setup_start(user=user) if device is None else None
    error, status = None, 200
    if request.method == "POST":
        action = request.POST.get("action", "")
        try:
            if action == "instellen" and setup is not None:
                codes = factor.totp_setup_confirm(device=setup, code=request.POST.get("code", ""))
                request.session[factor.VERIFIED_KEY] = "totp"
                request.session.pop(factor.MISSING_KEY, None)
            elif action == "herstelcodes" and device is not None:
                codes = factor.recovery_codes_renew(user=user)
            elif action == "uitzetten" and device is not None:
                factor.second_factor_remove(user=user)
                messages.success(request, _("De tweede stap staat uit."))
                return redirect("second_factor_settings")
            else:
                raise ValidationError(_("Deze actie is niet mogelijk."))
        except ValidationError as exc:
            error, status = exc.messages[0], 400
        else:
            return render(
                request,
                "registration/recovery_codes.html",
                {"codes": codes, "next": settings.LOGIN_REDIRECT_URL},
            )
    context = {
        "device": device,
        "setup": setup,
        "error": error,
        "required": settings.SECOND_FACTOR_FOR_ALL or factor.is_administrator(user),
    }
    if setup is not None:
        context["qr"] = factor.totp_qr_data_uri(setup)
        context["secret"] = factor.totp_secret(setup)
    return render(request, "registration/second_factor_settings.html", context, status=status)


@login_not_required
@region_not_required
def admin_login(request):
    """The admin has no login of its own: the login page, or the second factor it still needs."""
    query = request.GET.urlencode()
    target = "second_factor" if request.session.get(factor.MISSING_KEY) else "login"
    url = reverse(target)
    return redirect(f"{url}?{query}" if query else url)
