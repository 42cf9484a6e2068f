"""Memberships of bodies with their dates, kept under /bestuur/organen/."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

import pytest

from core.locking import StaleEditError
from governance.constants import MembershipRole, Role
from governance.models import Membership
from governance.registers import services
from tests.governance.factories import (
    BodyFactory,
    MunicipalityFactory,
    PersonFactory,
    RegionFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

D = datetime.date


def _user(role):
    user = UserFactory(role=role)
    PersonFactory(user=user)
    return user


@pytest.fixture
def nmt():
    return _user(Role.NETWORK_MT)


@pytest.fixture
def body():
    return BodyFactory(slug="ab", name="Algemeen Bestuur", abbreviation="AB")


@pytest.fixture
def alderman():
    return PersonFactory(name="Wim Wethouder")


def _create(body, user, person, **fields):
    arguments = {"role": MembershipRole.MEMBER, "valid_from": D(2020, 1, 30), **fields}
    return services.membership_create(body=body, user=user, person=person, **arguments)


def test_a_membership_is_recorded_with_its_dates_and_history(body, nmt, alderman):
    town = MunicipalityFactory(name="Dordrecht")
    membership = _create(body, nmt, alderman, municipality=town)
    assert (membership.valid_from, membership.valid_until, membership.municipality) == (
        D(2020, 1, 30),
        None,
        town,
    )
    assert membership.history.first().history_user == nmt


def test_ending_a_membership_and_a_stale_edit_is_refused(body, nmt, alderman):
    membership = _create(body, nmt, alderman)
    services.membership_update(
        membership=membership,
        user=nmt,
        role=MembershipRole.CHAIR,
        municipality=None,
        valid_from=D(2020, 1, 30),
        valid_until=D(2022, 3, 31),
        edit_version=1,
    )
    with pytest.raises(StaleEditError):
        services.membership_update(
            membership=membership,
            user=nmt,
            role=MembershipRole.MEMBER,
            municipality=None,
            valid_from=D(2020, 1, 30),
            valid_until=None,
            edit_version=1,
        )
    membership.refresh_from_db()
    assert (membership.role, membership.valid_until, membership.edit_version) == (
        MembershipRole.CHAIR,
        D(2022, 3, 31),
        2,
    )


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"role": "koning"}, "role"),
        ({"valid_from": None}, "valid_from"),
        ({"valid_until": D(2019, 1, 1)}, "valid_until"),
    ],
)
def test_bad_input_is_refused_in_dutch(body, nmt, alderman, fields, field):
    with pytest.raises(ValidationError) as error:
        _create(body, nmt, alderman, **fields)
    assert field in error.value.message_dict
    assert not Membership.objects.exists()


def test_an_overlapping_membership_of_the_same_person_is_refused(body, nmt, alderman):
    _create(body, nmt, alderman, valid_until=D(2021, 12, 31))
    with pytest.raises(ValidationError) as error:
        _create(body, nmt, alderman, valid_from=D(2021, 6, 1))
    assert "al lid van AB" in error.value.messages[0]
    _create(body, nmt, alderman, valid_from=D(2022, 1, 1))  # after the first one ended
    assert Membership.objects.count() == 2


def test_another_regions_person_or_municipality_is_refused(body, nmt, alderman):
    elsewhere = RegionFactory()
    with pytest.raises(ValidationError):
        _create(body, nmt, PersonFactory(region=elsewhere))
    with pytest.raises(ValidationError):
        _create(body, nmt, alderman, municipality=MunicipalityFactory(region=elsewhere))
    assert not Membership.objects.exists()


@pytest.mark.parametrize("role", [Role.POLICY_ADVISER, Role.GRIFFIE])
def test_who_may_not_keep_memberships(body, alderman, role):
    with pytest.raises(PermissionDenied):
        _create(body, _user(role), alderman)


# --- The pages ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        (Role.NETWORK_MT, 200),
        (Role.FUNCTIONAL_ADMIN, 200),
        (Role.POLICY_ADVISER, 403),
        (Role.GRIFFIE, 403),
    ],
)
def test_who_may_open_the_membership_pages(client, body, nmt, alderman, role, expected):
    membership = _create(body, nmt, alderman)
    client.force_login(_user(role))
    assert client.get(reverse("registers:body_detail", args=["ab"])).status_code == 200
    for url in (
        reverse("registers:membership_create", args=["ab"]),
        reverse("registers:membership_edit", args=["ab", membership.pk]),
    ):
        assert client.get(url).status_code == expected
        assert client.post(url, {}).status_code == (422 if expected == 200 else 403)


def test_the_body_page_shows_current_and_past_members(client, body, nmt, alderman):
    _create(body, nmt, alderman, valid_until=D(2021, 12, 31))
    _create(body, nmt, PersonFactory(name="Nel Nieuw"), valid_from=D(2022, 1, 1))
    client.force_login(nmt)
    page = client.get(reverse("registers:body_detail", args=["ab"])).content.decode()
    assert "Wim Wethouder" in page
    assert "31 december 2021" in page
    assert "Nel Nieuw" in page
    assert "Lid toevoegen" in page


def test_adding_a_member_from_the_page_and_bad_input(client, body, nmt, alderman):
    stranger = PersonFactory(region=RegionFactory(), name="Vreemde Persoon")
    client.force_login(nmt)
    url = reverse("registers:membership_create", args=["ab"])
    assert "Vreemde Persoon" not in client.get(url).content.decode()
    refused = client.post(
        url, {"person": stranger.pk, "role": "member", "valid_from": "2020-01-30"}
    )
    assert refused.status_code == 422
    assert "Kies een persoon uit de lijst." in refused.content.decode()
    bad = client.post(
        url,
        {
            "person": alderman.pk,
            "role": "member",
            "valid_from": "30-01-2020",
            "valid_until": "01-01-2020",
        },
    )
    assert bad.status_code == 422
    assert "De einddatum ligt vóór de begindatum" in bad.content.decode()
    assert not Membership.objects.exists()
    ok = client.post(url, {"person": alderman.pk, "role": "chair", "valid_from": "30-01-2020"})
    assert ok.status_code == 302
    assert Membership.objects.get().role == MembershipRole.CHAIR


def test_editing_a_member_and_a_stale_form(client, body, nmt, alderman):
    membership = _create(body, nmt, alderman)
    client.force_login(nmt)
    url = reverse("registers:membership_edit", args=["ab", membership.pk])
    data = {"role": "member", "valid_from": "2020-01-30", "valid_until": "2023-12-31"}
    assert client.post(url, {**data, "edit_version": 1}).status_code == 302
    stale = client.post(url, {**data, "valid_until": "", "edit_version": 1})
    assert stale.status_code == 409
    assert "Iemand anders heeft dit intussen gewijzigd" in stale.content.decode()
    membership.refresh_from_db()
    assert membership.valid_until == D(2023, 12, 31)


def test_another_regions_body_and_membership_are_404(client, nmt, alderman):
    foreign_body = BodyFactory(region=RegionFactory(), slug="vreemd-ab")
    foreign = Membership.objects.create(
        body=foreign_body,
        person=PersonFactory(region=foreign_body.region),
        role=MembershipRole.MEMBER,
        valid_from=D(2020, 1, 1),
    )
    own = BodyFactory(slug="eigen-ab")
    client.force_login(nmt)
    assert client.get(reverse("registers:body_detail", args=["vreemd-ab"])).status_code == 404
    url = reverse("registers:membership_edit", args=["eigen-ab", foreign.pk])
    assert client.get(url).status_code == 404
    assert client.post(url, {"role": "chair", "valid_from": "2020-01-01"}).status_code == 404
    assert own.memberships.count() == 0


def test_the_body_page_does_not_grow_in_queries_with_its_members(
    client, body, nmt, django_assert_num_queries, django_assert_max_num_queries
):
    """Session, user, roles, person, region (2), body, memberships with person and municipality."""
    client.force_login(nmt)
    url = reverse("registers:body_detail", args=["ab"])

    def fill(count):
        for _ in range(count):
            Membership.objects.create(
                body=body,
                person=PersonFactory(),
                municipality=MunicipalityFactory(),
                role=MembershipRole.MEMBER,
                valid_from=D(2020, 1, 30),
            )

    fill(2)
    client.get(url)  # warm caches
    with django_assert_max_num_queries(15) as small:
        client.get(url)
    fill(40)
    with django_assert_num_queries(len(small.captured_queries)):
        client.get(url)
