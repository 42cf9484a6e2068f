"""The registers of /bestuur/: thin views over the selectors and services of this package."""

from dataclasses import dataclass
from itertools import groupby

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.template.defaultfilters import date as date_filter
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from django_filters.views import FilterView
from django_tables2 import SingleTableMixin

from core.fragments import cached_fragment
from core.locking import StaleEditError
from core.registry import registry
from core.views import ListPageMixin
from governance.constants import CouncilViewStatus, DecisionOutcome
from governance.models import Body, CouncilView, Decision

from . import selectors, services
from .display import council_view_css, outcome_css
from .filters import CouncilViewFilter, DecisionFilter
from .forms import (
    AsOfForm,
    CouncilViewForm,
    MembershipEditForm,
    MembershipForm,
    ProposalForm,
    SendToCouncilsForm,
)
from .permissions import can_edit_memberships, can_send_to_councils, council_view_permissions
from .tables import CouncilViewTable, DecisionTable
from .timeline import timeline, timeline_data


class BadFilterStatusMixin:
    """A filter form with invalid input answers 400 and shows its Dutch error messages."""

    def render_to_response(self, context, **kwargs):
        response = super().render_to_response(context, **kwargs)
        filterset = context.get("filter")
        if filterset is not None and filterset.is_bound and not filterset.is_valid():
            response.status_code = 400
        return response


# --- Organisations, bodies, who sits where --------------------------------------------------


def overview(request):
    """Who sits where on a day, and the proposals at the councils. Everything under the date
    form is the same for everyone in the region on that day: a cached fragment."""
    today = timezone.localdate()
    form = AsOfForm(request.GET or None, initial={"op": today})
    day = form.day()
    body = cached_fragment(
        "registers.overview",
        vary_on=(today.isoformat(), day.isoformat(), request.get_full_path()),
        data=selectors.overview_data(),
        render=lambda: render_to_string(OVERVIEW_BODY, _overview_context(day=day, today=today)),
    )
    context = {"form": form, "is_today": day == today, "body": body}
    status = 400 if form.is_bound and not form.is_valid() else 200
    return render(request, "governance/registers/overview.html", context, status=status)


OVERVIEW_BODY = "governance/registers/_overview_body.html"


def _overview_context(*, day, today) -> dict:
    bodies = list(selectors.bodies_with_members_on(on=day))
    return {
        "day": day,
        "is_today": day == today,
        "organisations": selectors.organisation_tree(on=day),
        "bodies_with_members": [body for body in bodies if body.members_on],
        "bodies_without_members": [body for body in bodies if not body.members_on],
        "municipalities": list(selectors.municipalities_on(on=day)),
        "proposals": selectors.proposals_at_the_councils(today=today),
    }


# --- Decisions and council views ------------------------------------------------------------


class DecisionListView(BadFilterStatusMixin, ListPageMixin, SingleTableMixin, FilterView):
    table_class = DecisionTable
    filterset_class = DecisionFilter
    template_name = "governance/registers/decision_list.html"
    table_pagination = {"per_page": 25}
    export_formats = ("csv", "xlsx")
    export_name = "besluiten"
    cached_table_data = staticmethod(selectors.decision_register_data)
    filter_template = "core/_filter_form.html"

    def get_queryset(self):
        return selectors.decisions_for_register(today=timezone.localdate())

    def get_context_data(self, **kwargs):
        return {
            **super().get_context_data(**kwargs),
            "can_propose": can_send_to_councils(self.request.user),
        }

    def get_filterset_kwargs(self, filterset_class):
        kwargs = super().get_filterset_kwargs(filterset_class)
        return kwargs


class CouncilViewListView(BadFilterStatusMixin, ListPageMixin, SingleTableMixin, FilterView):
    table_class = CouncilViewTable
    filterset_class = CouncilViewFilter
    template_name = "governance/registers/council_view_list.html"
    table_pagination = {"per_page": 50}
    export_formats = ("csv", "xlsx")
    export_name = "zienswijzen"

    def get_queryset(self):
        return selectors.council_views_for_list(today=timezone.localdate())

    def get_filterset_kwargs(self, filterset_class):
        kwargs = super().get_filterset_kwargs(filterset_class)
        kwargs["today"] = timezone.localdate()
        return kwargs


@dataclass(frozen=True)
class CouncilViewRow:
    council_view: CouncilView
    overdue: bool
    css: str
    can_edit: bool

    @property
    def reference(self) -> str:
        # Kept on one line: 'RIS 2629403' (no inline style is allowed, so a no-break space).
        return self.council_view.reference.replace(" ", "\u00a0")


def _decision_or_404(request, slug) -> Decision:
    decision = selectors.decision_for_detail(
        slug=slug,
    )
    if decision is None:
        raise Http404(_("Besluit niet gevonden."))
    return decision


def _decision_context(request, decision, send_form=None):
    today = timezone.localdate()
    rows = [
        CouncilViewRow(
            council_view=view,
            overdue=selectors.is_overdue(view, today),
            css=council_view_css(view.status),
            can_edit=council_view_permissions(request.user, view).edit,
        )
        for view in selectors.council_views_of(decision)
    ]
    # A proposal goes to the councils once; the form stays while a council is still missing.
    may_send = (
        can_send_to_councils(request.user)
        and decision.outcome == DecisionOutcome.PROPOSED
        and len(rows) < selectors.municipalities_on(on=today).count()
    )
    return {
        "decision": decision,
        "outcome_css": outcome_css(decision.outcome),
        "rows": rows,
        "counts": {
            "received": sum(row.council_view.status == CouncilViewStatus.RECEIVED for row in rows),
            "awaited": sum(row.council_view.status == CouncilViewStatus.AWAITED for row in rows),
            "none": sum(row.council_view.status == CouncilViewStatus.NONE for row in rows),
            "overdue": sum(row.overdue for row in rows),
        },
        # After a refused send the form stays, with its message, even when sending is not possible.
        "may_send": may_send or send_form is not None,
        "send_form": send_form
        or (SendToCouncilsForm(initial={"sent_on": today}) if may_send else None),
        "today": today,
    }


def decision_detail(request, slug):
    decision = _decision_or_404(request, slug)
    return render(
        request, "governance/registers/decision_detail.html", _decision_context(request, decision)
    )


@require_POST
def decision_send(request, slug):
    """Send a proposal to the councils for their views (one row per municipality, 12 weeks)."""
    decision = _decision_or_404(request, slug)
    if not can_send_to_councils(request.user):
        raise PermissionDenied
    form = SendToCouncilsForm(request.POST)
    if form.is_valid():
        try:
            created = services.proposal_send_to_councils(
                decision=decision, sent_on=form.cleaned_data["sent_on"], user=request.user
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            deadline = created[0].deadline
            messages.success(
                request,
                _(
                    "Het voorstel is naar %(count)d gemeenteraden gestuurd; zij kunnen tot en met "
                    "%(deadline)s hun zienswijze geven."
                )
                % {"count": len(created), "deadline": _long_date(deadline)},
            )
            if decision.date < deadline:
                messages.warning(
                    request,
                    _(
                        "Let op: de raden hebben twaalf weken; de vergadering van %(date)s ligt "
                        "vóór het einde van die termijn."
                    )
                    % {"date": _long_date(decision.date)},
                )
            return redirect("registers:decision_detail", slug=decision.slug)
    context = _decision_context(request, decision, send_form=form)
    return render(request, "governance/registers/decision_detail.html", context, status=422)


def _long_date(day) -> str:
    return date_filter(day, "j F Y")


@require_http_methods(["GET", "POST"])
def council_view_edit(request, slug, cbs_code):
    decision = _decision_or_404(request, slug)
    council_view = selectors.council_view_for_edit(decision=decision, cbs_code=cbs_code)
    if council_view is None:
        raise Http404(_("Zienswijze niet gevonden."))
    if not council_view_permissions(request.user, council_view).edit:
        raise PermissionDenied
    template = "governance/registers/council_view_edit.html"
    context = {"decision": decision, "council_view": council_view}
    if request.method == "GET":
        context["form"] = CouncilViewForm(initial=_initial(council_view))
        return render(request, template, context)

    form = CouncilViewForm(request.POST)
    context["form"] = form
    if not form.is_valid():
        return render(request, template, context, status=422)
    data = form.cleaned_data
    try:
        services.council_view_update(
            council_view=council_view,
            user=request.user,
            status=data["status"],
            received_on=data["date"],
            reference=data["reference"],
            summary=data["summary"],
            reply=data["reply"],
            edit_version=data["edit_version"],
        )
    except StaleEditError as stale:
        # Show the newer values, and offer the person's own input again on top of them.
        context["stale"] = stale.current
        context["form"] = CouncilViewForm(
            initial={**data, "edit_version": stale.current.edit_version}
        )
        return render(request, template, context, status=409)
    except ValidationError as error:
        for field, field_errors in error.message_dict.items():
            form.add_error(field if field in form.fields else None, field_errors)
        return render(request, template, context, status=422)
    messages.success(
        request,
        _("De zienswijze van %(municipality)s is bijgewerkt.")
        % {"municipality": council_view.municipality.name},
    )
    return redirect(
        reverse("registers:decision_detail", args=[decision.slug])
        + f"#zienswijze-{council_view.municipality.cbs_code}"
    )


def _initial(council_view: CouncilView) -> dict:
    return {
        "status": council_view.status,
        "date": council_view.date,
        "reference": council_view.reference,
        "summary": council_view.summary,
        "reply": council_view.reply,
        "edit_version": council_view.edit_version,
    }


# --- Timeline -------------------------------------------------------------------------------


class TimelineFilterForm(forms.Form):
    soort = forms.ChoiceField(
        label=gettext_lazy("Soort gebeurtenis"),
        required=False,
        error_messages={"invalid_choice": gettext_lazy("Kies een soort uit de lijst.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["soort"].choices = [("", _("Alle"))] + [
            (source.key, str(source.label)) for source in registry.timeline()
        ]


TIMELINE_EVENTS = "governance/registers/_timeline_events.html"


def timeline_page(request):
    """The timeline of the chosen kinds; its events are a cached fragment when every source
    says what it reads (`TimelineSource.data`)."""
    form = TimelineFilterForm(request.GET or None)
    kinds = None
    if form.is_bound and form.is_valid() and form.cleaned_data["soort"]:
        kinds = {form.cleaned_data["soort"]}

    def render_events():
        events = timeline(request.region, kinds=kinds)
        years = [(year, list(items)) for year, items in groupby(events, key=lambda e: e.date.year)]
        return render_to_string(TIMELINE_EVENTS, {"years": years, "event_count": len(events)})

    data = timeline_data(kinds)
    if data is None:
        events = render_events()
    else:
        events = cached_fragment(
            "registers.timeline",
            vary_on=(*sorted(kinds or ()), request.get_full_path()),
            data=data,
            render=render_events,
        )
    status = 400 if form.is_bound and not form.is_valid() else 200
    context = {"form": form, "events": events}
    return render(request, "governance/registers/timeline.html", context, status=status)


# --- Bodies and their memberships -----------------------------------------------------------


def _body_or_404(slug) -> Body:
    body = selectors.body_for_detail(slug=slug)
    if body is None:
        raise Http404(_("Orgaan niet gevonden."))
    return body


def body_detail(request, slug):
    """A body with every membership it had and has, with their dates."""
    body = _body_or_404(slug)
    today = timezone.localdate()
    context = {
        "body": body,
        "memberships": [
            (
                membership,
                membership.valid_from <= today
                and (membership.valid_until is None or membership.valid_until >= today),
            )
            for membership in selectors.memberships_of(body)
        ],
        "can_edit": can_edit_memberships(request.user),
    }
    return render(request, "governance/registers/body_detail.html", context)


def _membership_page(request, *, body, form, title, status=200, stale=None, membership=None):
    context = {
        "body": body,
        "form": form,
        "title": title,
        "stale": stale,
        "membership": membership,
    }
    return render(request, "governance/registers/membership_form.html", context, status=status)


def _errors_onto(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, field_errors in error.message_dict.items():
            form.add_error(field if field in form.fields else None, field_errors)
    else:
        form.add_error(None, error.messages)


def _body_url(body) -> str:
    return reverse("registers:body_detail", args=[body.slug]) + "#leden"


@require_http_methods(["GET", "POST"])
def membership_create(request, slug):
    body = _body_or_404(slug)
    if not can_edit_memberships(request.user):
        raise PermissionDenied
    title = _("Lid toevoegen")
    if request.method == "GET":
        form = MembershipForm(initial={"valid_from": timezone.localdate()})
        return _membership_page(request, body=body, form=form, title=title)
    form = MembershipForm(request.POST)
    if not form.is_valid():
        return _membership_page(request, body=body, form=form, title=title, status=422)
    try:
        services.membership_create(body=body, user=request.user, **form.cleaned_data)
    except ValidationError as error:
        _errors_onto(form, error)
        return _membership_page(request, body=body, form=form, title=title, status=422)
    messages.success(request, _("Het lidmaatschap is vastgelegd."))
    return redirect(_body_url(body))


@require_http_methods(["GET", "POST"])
def membership_edit(request, slug, pk):
    body = _body_or_404(slug)
    membership = selectors.memberships_of(body).filter(pk=pk).first()
    if membership is None:
        raise Http404(_("Lidmaatschap niet gevonden."))
    if not can_edit_memberships(request.user):
        raise PermissionDenied
    title = _("Lidmaatschap van %(person)s wijzigen") % {"person": membership.person.name}
    page = {"body": body, "title": title, "membership": membership}
    if request.method == "GET":
        form = MembershipEditForm(
            initial={
                "role": membership.role,
                "municipality": membership.municipality_id,
                "valid_from": membership.valid_from,
                "valid_until": membership.valid_until,
                "edit_version": membership.edit_version,
            }
        )
        return _membership_page(request, form=form, **page)
    form = MembershipEditForm(request.POST)
    if not form.is_valid():
        return _membership_page(request, form=form, status=422, **page)
    try:
        services.membership_update(membership=membership, user=request.user, **form.cleaned_data)
    except StaleEditError as stale:
        data = request.POST.copy()
        if stale.current is not None:
            data["edit_version"] = str(stale.current.edit_version)
        fresh = MembershipEditForm(data)
        fresh.is_valid()
        return _membership_page(request, form=fresh, status=409, stale=stale.message, **page)
    except ValidationError as error:
        _errors_onto(form, error)
        return _membership_page(request, form=form, status=422, **page)
    messages.success(request, _("Het lidmaatschap is bijgewerkt."))
    return redirect(_body_url(body))


@require_http_methods(["GET", "POST"])
def proposal_create(request):
    """A new proposal of the board; on its page it is then sent to the councils."""
    if not can_send_to_councils(request.user):
        raise PermissionDenied
    template = "governance/registers/proposal_form.html"
    if request.method == "GET":
        form = ProposalForm(initial={"date": timezone.localdate()})
        return render(request, template, {"form": form})
    form = ProposalForm(request.POST)
    if not form.is_valid():
        return render(request, template, {"form": form}, status=422)
    try:
        proposal = services.proposal_create(user=request.user, **form.cleaned_data)
    except ValidationError as error:
        _errors_onto(form, error)
        return render(request, template, {"form": form}, status=422)
    messages.success(
        request, _("Het voorstel is vastgelegd. Stuur het hieronder naar de gemeenteraden.")
    )
    return redirect("registers:decision_detail", slug=proposal.slug)
