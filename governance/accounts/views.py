"""The users pages (/beheer/gebruikers/), the platform administrator's new region, and the
public page where an invited person sets their password."""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.forms import SetPasswordForm
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.decorators import method_decorator
from django.utils.encoding import force_str
from django.utils.http import urlsafe_base64_decode
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods, require_POST

from django_filters.views import FilterView
from django_tables2 import SingleTableMixin

from core.middleware import region_not_required
from core.views import ListPageMixin
from governance.constants import Role

from . import selectors, services
from .filters import UserFilter
from .forms import RegionCreateForm, UserEditForm, UserInviteForm
from .permissions import account_permissions, may_manage_account, permission_required
from .tables import UserTable
from .tokens import invitation_tokens


def _users(request):
    permissions = account_permissions(request.user)
    users = selectors.users_of_region(
        include_without_person=permissions.see_accounts_without_region
    )
    return users if permissions.manage_superusers else users.filter(is_superuser=False)


def _user_or_404(request, pk):
    user = _users(request).filter(pk=pk).first()
    if user is None or not may_manage_account(request.user, user):
        raise Http404(_("Gebruiker niet gevonden."))
    return user


@method_decorator(permission_required("manage_users"), name="dispatch")
class UserListView(ListPageMixin, SingleTableMixin, FilterView):
    table_class = UserTable
    filterset_class = UserFilter
    template_name = "governance/accounts/user_list.html"
    table_pagination = {"per_page": 50}
    export_formats = ()

    def get_queryset(self):
        return _users(self.request)

    def render_to_response(self, context, **kwargs):
        response = super().render_to_response(context, **kwargs)
        filterset = context.get("filter")
        if filterset is not None and filterset.is_bound and not filterset.is_valid():
            response.status_code = 400
        return response


@permission_required("manage_users")
@require_http_methods(["GET", "POST"])
def user_detail(request, pk):
    user = _user_or_404(request, pk)
    form = UserEditForm(request.POST or None, user=user)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.user_update(
                    user=user,
                    acting_user=request.user,
                    roles=data["roles"],
                    person=data["person"],
                    municipality=data["municipality"],
                    organisation=data["organisation"],
                    email=data["email"],
                    is_active=data["is_active"],
                )
            except ValidationError as error:
                form.add_service_error(error)
            else:
                messages.success(
                    request,
                    _("De gebruiker %(username)s is opgeslagen.")
                    % {"username": user.get_username()},
                )
                return redirect("accounts:user_detail", pk=user.pk)
        status = 400
    person = getattr(user, "person", None)
    roles = {group.name for group in user.groups.all()}
    context = {
        "account": user,
        "person": person,
        "form": form,
        "roles": roles,
        "no_region": person is None,
        "network_mt_without_role": (
            selectors.is_network_mt_member(person) and Role.NETWORK_MT not in roles
        ),
        "invited_not_yet_set": not user.has_usable_password(),
    }
    return render(request, "governance/accounts/user_detail.html", context, status=status)


@permission_required("manage_users")
@require_POST
def user_invitation_send(request, pk):
    user = _user_or_404(request, pk)
    try:
        services.invitation_send(user=user, invited_by=request.user, request=request)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request, _("Er is een uitnodiging gestuurd naar %(email)s.") % {"email": user.email}
        )
    return redirect("accounts:user_detail", pk=user.pk)


@permission_required("manage_users")
@require_http_methods(["GET", "POST"])
def user_invite(request):
    form = UserInviteForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if request.region is None:  # the platform administrator, before choosing a region
            form.add_error(None, _("Kies eerst rechtsboven de regio van de nieuwe gebruiker."))
        elif form.is_valid():
            data = form.cleaned_data
            try:
                user = services.user_invite(
                    invited_by=request.user,
                    region=request.region,
                    username=data["username"],
                    email=data["email"],
                    roles=data["roles"],
                    person=data["person"],
                    new_person=form.new_person(),
                    request=request,
                )
            except ValidationError as error:
                form.add_service_error(error)
            else:
                messages.success(
                    request,
                    _("%(username)s is uitgenodigd; de uitnodiging is gestuurd naar %(email)s.")
                    % {"username": user.get_username(), "email": user.email},
                )
                return redirect("accounts:user_detail", pk=user.pk)
        status = 400
    return render(request, "governance/accounts/user_invite.html", {"form": form}, status=status)


@region_not_required  # the platform administrator may not have chosen a region yet
@permission_required("manage_regions")
@require_http_methods(["GET", "POST"])
def region_create(request):
    form = RegionCreateForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                region, user = services.region_create(
                    created_by=request.user,
                    name=data["name"],
                    slug=data["slug"],
                    admin_name=data["admin_name"],
                    admin_username=data["admin_username"],
                    admin_email=data["admin_email"],
                    request=request,
                )
            except ValidationError as error:
                form.add_service_error(error)
            else:
                messages.success(
                    request,
                    _(
                        "De regio %(region)s is aangemaakt en %(username)s is uitgenodigd als "
                        "functioneel beheerder (%(email)s)."
                    )
                    % {"region": region, "username": user.username, "email": user.email},
                )
                return redirect("admin:governance_region_changelist")
        status = 400
    return render(request, "governance/accounts/region_create.html", {"form": form}, status=status)


# --- The invited person sets a password (public: they cannot log in yet) --------------------


def _invited_user(uidb64: str, token: str):
    try:
        pk = int(force_str(urlsafe_base64_decode(uidb64)))
    except (TypeError, ValueError, OverflowError, UnicodeDecodeError):
        return None
    user = get_user_model()._default_manager.filter(pk=pk, is_active=True).first()
    if user is None or not invitation_tokens.check_token(user, token):
        return None
    return user


@login_not_required
@region_not_required
@sensitive_post_parameters()
@never_cache
@require_http_methods(["GET", "POST"])
def invitation_accept(request, uidb64, token):
    user = _invited_user(uidb64, token)
    if user is None:
        return render(request, "governance/accounts/invitation_invalid.html", status=400)
    form = SetPasswordForm(user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(
            request,
            _("Uw wachtwoord is ingesteld. Log in met uw gebruikersnaam %(username)s.")
            % {"username": user.get_username()},
        )
        return redirect("login")
    status = 400 if form.is_bound else 200
    return render(
        request,
        "governance/accounts/invitation_accept.html",
        {"form": form, "account": user},
        status=status,
    )
