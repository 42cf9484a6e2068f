"""Every change in the registers of /bestuur/: the memberships of bodies, sending a proposal to
the councils, and recording a council's view and the board's reply. Each checks the permission,
validates, and records the acting user in the history; an edit form carries its edit version (no
lost updates).
"""

from datetime import date, timedelta

from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import slugify
from django.utils.translation import gettext as _

from core.scope import region_scope
from core.services import model_update
from governance.constants import BodyKind, CouncilViewStatus, DecisionOutcome, MembershipRole
from governance.models import Body, CouncilView, Decision, Membership, Municipality, Person

from .permissions import can_edit_memberships, can_send_to_councils, council_view_permissions
from .selectors import municipalities_on

# Wgr: a council has twelve weeks for its view on a proposal of the joint body; a draft budget
# goes to the councils twelve weeks before the general board meets on it.
COUNCIL_VIEW_PERIOD = timedelta(weeks=12)


@transaction.atomic
def proposal_send_to_councils(
    *, decision: Decision, sent_on: date, user: User
) -> list[CouncilView]:
    """Send a proposal of the board to the councils: one awaited council view per municipality
    of the region on `sent_on`, due twelve weeks later. Councils that already have it keep theirs.
    """
    if not can_send_to_councils(user):
        raise PermissionDenied
    decision = Decision.objects.select_for_update().select_related("body").get(pk=decision.pk)
    if decision.outcome != DecisionOutcome.PROPOSED:
        raise ValidationError(
            _("Alleen een voorstel (uitkomst ‘%(proposed)s’) gaat voor zienswijzen naar de raden.")
            % {"proposed": DecisionOutcome.PROPOSED.label}
        )
    existing = set(decision.council_views.values_list("municipality_id", flat=True))
    # The councils of the decision's region, whichever scope the caller has open (a command
    # or the admin may work across regions): never another region's.
    with region_scope(decision.body.region_id):
        missing = list(municipalities_on(on=sent_on).exclude(pk__in=existing).order_by("name"))
    created = []
    for municipality in missing:
        council_view = CouncilView(
            municipality=municipality,
            decision=decision,
            status=CouncilViewStatus.AWAITED,
            deadline=sent_on + COUNCIL_VIEW_PERIOD,
        )
        council_view.full_clean()
        council_view._history_user = user
        council_view.save()
        created.append(council_view)
    if not created:
        raise ValidationError(_("Alle gemeenteraden hebben dit voorstel al ontvangen."))
    return created


@transaction.atomic
def council_view_update(
    *,
    council_view: CouncilView,
    user: User,
    status: str,
    received_on: date | None,
    reference: str,
    summary: str,
    reply: str,
    edit_version: int,
) -> CouncilView:
    """Record a council's view (status, date, reference, content) and the board's reply."""
    current = (
        CouncilView.objects.select_for_update()
        .select_related("municipality", "decision")
        .get(pk=council_view.pk)
    )
    if not council_view_permissions(user, current).edit:
        raise PermissionDenied
    errors = {}
    if status not in CouncilViewStatus.values:
        errors["status"] = _("Kies een geldige status.")
    if status == CouncilViewStatus.RECEIVED and received_on is None:
        errors["date"] = _("Vul de datum in waarop de zienswijze is ontvangen.")
    if received_on is not None and received_on > timezone.localdate():
        errors["date"] = _("De datum van ontvangst ligt in de toekomst.")
    if errors:
        raise ValidationError(errors)
    return model_update(
        instance=current,
        expected_version=edit_version,
        data={
            "status": status,
            "date": received_on,
            "reference": reference,
            "summary": summary,
            "reply": reply,
        },
        user=user,
    )


def _check_membership(
    *,
    body: Body,
    person: Person,
    municipality: Municipality | None,
    role: str,
    valid_from: date | None,
    valid_until: date | None,
    exclude_pk: int | None = None,
) -> None:
    errors = {}
    if role not in MembershipRole.values:
        errors["role"] = _("Kies een geldige rol.")
    if valid_from is None:
        errors["valid_from"] = _("Vul in vanaf wanneer deze persoon lid is.")
    elif valid_until is not None and valid_until < valid_from:
        errors["valid_until"] = _("De einddatum ligt vóór de begindatum; kies een latere datum.")
    for name, row in (("person", person), ("municipality", municipality)):
        if row is not None and row.region_id != body.region_id:
            errors[name] = _("Kies uit de eigen regio.")
    if errors:
        raise ValidationError(errors)
    overlapping = (
        Membership.objects.overlapping(valid_from, valid_until)
        .filter(body=body, person=person)
        .exclude(pk=exclude_pk)
    )
    clash = overlapping.first()
    if clash is not None:
        raise ValidationError(
            _(
                "%(person)s is in deze periode al lid van %(body)s (vanaf %(from)s); "
                "pas dat lidmaatschap aan of kies andere data."
            )
            % {
                "person": person.name,
                "body": body.abbreviation or body.name,
                "from": date_format(clash.valid_from, "j F Y"),
            }
        )


@transaction.atomic
def membership_create(
    *,
    body: Body,
    user: User,
    person: Person,
    role: str,
    municipality: Municipality | None = None,
    valid_from: date,
    valid_until: date | None = None,
) -> Membership:
    """Record that a person sits in a body, from a day (until a day, or still)."""
    if not can_edit_memberships(user):
        raise PermissionDenied
    body = Body.objects.select_for_update().get(pk=body.pk)
    _check_membership(
        body=body,
        person=person,
        municipality=municipality,
        role=role,
        valid_from=valid_from,
        valid_until=valid_until,
    )
    membership = Membership(
        body=body,
        person=person,
        municipality=municipality,
        role=role,
        valid_from=valid_from,
        valid_until=valid_until,
    )
    membership._history_user = user
    membership.full_clean()
    membership.save()
    return membership


@transaction.atomic
def membership_update(
    *,
    membership: Membership,
    user: User,
    role: str,
    municipality: Municipality | None,
    valid_from: date,
    valid_until: date | None,
    edit_version: int,
) -> Membership:
    """Change a membership's role, municipality or dates; ending it is setting its last day."""
    if not can_edit_memberships(user):
        raise PermissionDenied
    current = (
        Membership.objects.select_for_update()
        .select_related("body", "person")
        .get(pk=membership.pk)
    )
    _check_membership(
        body=current.body,
        person=current.person,
        municipality=municipality,
        role=role,
        valid_from=valid_from,
        valid_until=valid_until,
        exclude_pk=current.pk,
    )
    return model_update(
        instance=current,
        expected_version=edit_version,
        data={
            "role": role,
            "municipality": municipality,
            "valid_from": valid_from,
            "valid_until": valid_until,
        },
        user=user,
    )


PROPOSING_BODIES = (BodyKind.GENERAL_BOARD, BodyKind.EXECUTIVE_BOARD)


def _proposal_slug(body: Body, day: date, title: str) -> str:
    """'ab-2024-07-04-ontwerpbegroting-2025', numbered on when the region already has it."""
    base = slugify(f"{body.abbreviation or body.name}-{day:%Y-%m-%d}-{title}")[:90].strip("-")
    slug, number = base, 2
    while Decision.objects.filter(slug=slug).exists():
        slug, number = f"{base}-{number}", number + 1
    return slug


@transaction.atomic
def proposal_create(
    *, body: Body, user: User, date: date, title: str, summary: str = "", reference: str = ""
) -> Decision:
    """A proposal of the joint arrangement's board (outcome 'Voorgesteld'), which can then be
    sent to the councils for their views."""
    if not can_send_to_councils(user):
        raise PermissionDenied
    errors = {}
    if body.kind not in PROPOSING_BODIES:
        errors["body"] = _("Een voorstel aan de raden komt van het algemeen of dagelijks bestuur.")
    if not title.strip():
        errors["title"] = _("Geef het voorstel een titel.")
    if errors:
        raise ValidationError(errors)
    proposal = Decision(
        body=body,
        slug=_proposal_slug(body, date, title),
        date=date,
        title=title.strip(),
        summary=summary.strip(),
        reference=reference.strip(),
        outcome=DecisionOutcome.PROPOSED,
    )
    proposal._history_user = user
    proposal._change_reason = _("Voorstel aangemaakt")
    proposal.full_clean()
    proposal.save()
    return proposal
