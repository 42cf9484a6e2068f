"""The letter profiles of municipalities: the header fields their letters carry and the values a
new letter starts with, kept by each municipality's griffie."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from core.locking import StaleEditError
from governance.letters import selectors, services
from governance.letters.forms import LetterProfileForm
from governance.letters.permissions import profile_municipalities
from governance.letters.profiles import profile_of
from governance.models import LetterProfile


@require_GET
def letter_profile_list(request):
    profiles = selectors.letter_profiles_for(user=request.user)
    if not profiles:
        raise PermissionDenied
    if len(profiles) == 1:  # a griffie keeps one: straight to it
        return redirect("letters:letter_profile_edit", cbs_code=profiles[0][0].cbs_code)
    return render(request, "governance/letters/profile_list.html", {"profiles": profiles})


@require_http_methods(["GET", "POST"])
def letter_profile_edit(request, cbs_code):
    municipality = (
        profile_municipalities(request.user)
        .select_related("letter_profile")
        .filter(cbs_code=cbs_code)
        .first()
    )
    if municipality is None:
        if request.user.is_authenticated and not profile_municipalities(request.user).exists():
            raise PermissionDenied
        raise Http404(_("Gemeente niet gevonden."))
    profile = profile_of(municipality) or LetterProfile(municipality=municipality)
    template = "governance/letters/profile_edit.html"
    form = LetterProfileForm(request.POST or None, instance=profile)
    context = {"municipality": municipality, "form": form, "profile": profile}
    if request.method == "GET":
        return render(request, template, context)
    if not form.is_valid():
        return render(request, template, context, status=422)
    try:
        services.letter_profile_save(
            municipality=municipality,
            user=request.user,
            data=form.profile_data(),
            edit_version=form.cleaned_data["edit_version"],
        )
    except StaleEditError as stale:
        form.add_error(None, str(stale))
        return render(request, template, context, status=409)
    messages.success(
        request, _("Het briefprofiel van %(name)s is opgeslagen.") % {"name": municipality.name}
    )
    return redirect("letters:letter_profile_edit", cbs_code=municipality.cbs_code)
