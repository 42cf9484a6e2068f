"""Who may do what in the registers of /bestuur/: decided here, and only here.

- Everyone signed in reads the registers: organisations, bodies and memberships, decisions, council
  views and the timeline (of their own region; another region's decision does not exist for them).
- Netwerk MT Jeugd members and functional administrators send a proposal of the GR board to the
  councils for their views, and edit every council view (status, the view itself, the board's
  reply).
- Netwerk MT Jeugd members and functional administrators keep the memberships of the bodies (who
  sits where, from when until when).
- Griffie staff edit the council view of their own municipality (person.municipality) only.
- Policy advisers and anyone else read.
"""

from dataclasses import dataclass

from django.contrib.auth.models import AnonymousUser, User

from governance.constants import Role
from governance.models import CouncilView
from governance.permissions import person_of, user_roles


@dataclass(frozen=True)
class CouncilViewPermissions:
    view: bool = False
    edit: bool = False  # status, date, reference, the view itself, the board's reply


def can_send_to_councils(user: User | AnonymousUser) -> bool:
    """May send a proposal to the councils (creating a council view row per municipality)."""
    if not user.is_authenticated:
        return False
    roles = user_roles(user)
    return Role.NETWORK_MT in roles or Role.FUNCTIONAL_ADMIN in roles


def can_edit_memberships(user: User | AnonymousUser) -> bool:
    """May add a membership of a body and change its role and dates."""
    if not user.is_authenticated:
        return False
    roles = user_roles(user)
    return Role.NETWORK_MT in roles or Role.FUNCTIONAL_ADMIN in roles


def council_view_permissions(
    user: User | AnonymousUser, council_view: CouncilView
) -> CouncilViewPermissions:
    if not user.is_authenticated:
        return CouncilViewPermissions()
    roles = user_roles(user)
    if Role.NETWORK_MT in roles or Role.FUNCTIONAL_ADMIN in roles:
        return CouncilViewPermissions(view=True, edit=True)
    if Role.GRIFFIE in roles:
        person = person_of(user)
        own = person is not None and person.municipality_id == council_view.municipality_id
        return CouncilViewPermissions(view=True, edit=own)
    return CouncilViewPermissions(view=True)
