"""The one reading of a membership's period: `Membership.objects.valid_on()` and `overlapping()`."""

import datetime

import pytest
from django_scopes import scope

from core.scope import ScopeError, region_scope
from governance.models import Membership
from tests.governance.factories import BodyFactory, RegionFactory
from tests.governance.register_factories import MembershipFactory

pytestmark = pytest.mark.django_db

D = datetime.date


@pytest.fixture
def spring():
    """A membership from 1 March to 31 May 2024, both days included."""
    return MembershipFactory(valid_from=D(2024, 3, 1), valid_until=D(2024, 5, 31))


@pytest.mark.parametrize(
    ("day", "valid"),
    [
        (D(2024, 2, 29), False),  # the day before it begins
        (D(2024, 3, 1), True),  # its first day
        (D(2024, 5, 31), True),  # its last day ("tot en met")
        (D(2024, 6, 1), False),  # the day after it ends
    ],
)
def test_a_membership_is_valid_from_its_first_to_its_last_day(spring, day, valid):
    assert list(Membership.objects.valid_on(day)) == ([spring] if valid else [])


def test_a_membership_without_an_end_runs_on():
    open_ended = MembershipFactory(valid_from=D(2024, 3, 1), valid_until=None)
    assert not Membership.objects.valid_on(D(2024, 2, 29)).exists()
    assert list(Membership.objects.valid_on(D(2024, 3, 1))) == [open_ended]
    assert list(Membership.objects.valid_on(D(2099, 12, 31))) == [open_ended]


@pytest.mark.parametrize(
    ("start", "end", "overlaps"),
    [
        (D(2024, 1, 1), D(2024, 2, 29), False),  # ends the day before
        (D(2024, 1, 1), D(2024, 3, 1), True),  # ends on its first day
        (D(2024, 5, 31), D(2024, 12, 31), True),  # begins on its last day
        (D(2024, 6, 1), D(2024, 12, 31), False),  # begins the day after
        (D(2024, 4, 1), D(2024, 4, 30), True),  # lies within it
        (D(2024, 1, 1), None, True),  # open-ended, begins before it
        (D(2024, 6, 1), None, False),  # open-ended, begins after it
    ],
)
def test_a_period_overlaps_a_membership_when_they_share_a_day(spring, start, end, overlaps):
    assert list(Membership.objects.overlapping(start, end)) == ([spring] if overlaps else [])


def test_valid_on_keeps_the_region_scope(spring):
    elsewhere = MembershipFactory(
        body=BodyFactory(region=RegionFactory()), valid_from=D(2024, 1, 1)
    )
    with region_scope(elsewhere.body.region):
        assert list(Membership.objects.valid_on(D(2024, 4, 1))) == [elsewhere]
        assert list(elsewhere.person.memberships.valid_on(D(2024, 4, 1))) == [elsewhere]


def test_valid_on_outside_a_region_scope_fails_closed(spring):
    with scope(), pytest.raises(ScopeError):  # a scope of no region
        list(Membership.objects.valid_on(D(2024, 4, 1)))
