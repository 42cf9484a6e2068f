"""Every change in the registers of /bestuur/: sending a proposal to the councils, and recording
a council's view and the board's reply. Each checks the permission, validates, and records the
acting user in the history; a council view's edit form carries its edit version (no lost updates).
"""

from datetime import date, timedelta

from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.scope import region_scope
from core.services import model_update
from governance.constants import CouncilViewStatus, DecisionOutcome
from governance.models import CouncilView, Decision

from .permissions import can_send_to_councils, council_view_permissions
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
