"""Inviting, editing and deactivating users; a new region with its first administrator."""

import datetime
import re

from django.contrib.auth.models import User
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse

import pytest

from core.scope import region_scope
from governance.accounts import services
from governance.accounts.tokens import invitation_tokens
from governance.constants import MembershipRole, Role
from governance.models import Membership, Person, Region
from tests.governance.factories import PersonFactory, UserFactory

pytestmark = pytest.mark.django_db


def _link(message) -> str:
    return re.search(r"https?://\S+/accounts/uitnodiging/\S+/", message.body).group(0)


def test_invite_a_new_person(
    region, administrator, municipality, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True), region_scope(region):
        user = services.user_invite(
            invited_by=administrator,
            region=region,
            username="nieuw",
            email="nieuw@example.org",
            roles=[Role.GRIFFIE],
            new_person=services.NewPerson(name="Nina Nieuw", municipality=municipality),
        )
    assert not user.has_usable_password()
    assert user.person.region == region and user.person.municipality == municipality
    assert list(user.groups.values_list("name", flat=True)) == [Role.GRIFFIE]
    assert not user.is_staff
    [message] = mail.outbox
    assert message.to == ["nieuw@example.org"]
    assert "Bea Beheer nodigt u uit" in message.body
    assert "72 uur" in message.body and "nieuw" in message.body
    assert "/accounts/uitnodiging/" in _link(message)


def test_invite_an_existing_person_as_functional_administrator(
    region, administrator, django_capture_on_commit_callbacks
):
    person = PersonFactory(region=region, name="Piet Bestaand")
    with django_capture_on_commit_callbacks(execute=True), region_scope(region):
        user = services.user_invite(
            invited_by=administrator,
            region=region,
            username="piet",
            email="piet@example.org",
            roles=[Role.FUNCTIONAL_ADMIN],
            person=person,
        )
    person.refresh_from_db()
    assert person.user == user and person.email == "piet@example.org"
    assert user.is_staff and not user.is_superuser
    assert len(mail.outbox) == 1


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"username": "ADVISEUR"}, "De gebruikersnaam ‘ADVISEUR’ is al in gebruik."),
        ({"email": "A@example.org"}, "Er is al een gebruiker met dit e-mailadres."),
    ],
)
def test_invite_refuses_duplicates(region, administrator, adviser, kwargs, message):
    data = {"username": "nieuw", "email": "nieuw@example.org", **kwargs}
    with pytest.raises(ValidationError) as refused, region_scope(region):
        services.user_invite(
            invited_by=administrator,
            region=region,
            roles=[Role.GRIFFIE],
            new_person=services.NewPerson(name="N"),
            **data,
        )
    assert message in str(refused.value)
    assert not User.objects.filter(username="nieuw").exists()


def test_invite_refuses_a_person_with_an_account_or_of_another_region(
    region, other_region, administrator, adviser
):
    foreign = PersonFactory(region=other_region)
    for person, message in (
        (adviser.person, "heeft al een gebruikersaccount (adviseur)"),
        (foreign, "hoort bij een andere regio"),
    ):
        with pytest.raises(ValidationError) as refused, region_scope(region):
            services.user_invite(
                invited_by=administrator,
                region=region,
                username="nieuw",
                email="nieuw@example.org",
                roles=[Role.GRIFFIE],
                person=person,
            )
        assert message in str(refused.value)
    assert not User.objects.filter(username="nieuw").exists()


def test_invitation_send_for_an_existing_user_from_other_code(
    adviser, settings, django_capture_on_commit_callbacks
):
    """What an import calls for the users it creates: outside a request, the site's address."""
    settings.SITE_URL = "https://jeugdregio.example.org"
    with django_capture_on_commit_callbacks(execute=True):
        services.invitation_send(user=adviser)
    [message] = mail.outbox
    assert _link(message).startswith("https://jeugdregio.example.org/accounts/uitnodiging/")
    assert message.subject == "Uitnodiging voor Jeugdregio (Testregio)"


def test_invitation_send_refuses_without_email_or_when_deactivated(adviser):
    adviser.email = ""
    with pytest.raises(ValidationError, match="heeft geen e-mailadres"):
        services.invitation_send(user=adviser)
    adviser.email, adviser.is_active = "a@example.org", False
    with pytest.raises(ValidationError, match="is gedeactiveerd"):
        services.invitation_send(user=adviser)


def test_the_invitation_token_expires(adviser, settings, monkeypatch):
    token = invitation_tokens.make_token(adviser)
    assert invitation_tokens.check_token(adviser, token)
    later = datetime.datetime.now() + datetime.timedelta(hours=73)
    monkeypatch.setattr(invitation_tokens, "_now", lambda: later)
    assert not invitation_tokens.check_token(adviser, token)


def test_user_update_sets_everything_together(region, administrator, adviser, municipality):
    other = PersonFactory(region=region, name="Nieuwe Persoon")
    old_person = adviser.person
    with region_scope(region):
        services.user_update(
            user=adviser,
            acting_user=administrator,
            roles=[Role.NETWORK_MT, Role.FUNCTIONAL_ADMIN],
            person=other,
            municipality=municipality,
            organisation=None,
            email="nieuw@example.org",
            is_active=False,
        )
    adviser.refresh_from_db()
    old_person.refresh_from_db()
    assert adviser.person == other and other.municipality == municipality
    assert old_person.user is None
    assert set(adviser.groups.values_list("name", flat=True)) == {
        Role.NETWORK_MT,
        Role.FUNCTIONAL_ADMIN,
    }
    assert adviser.is_staff and not adviser.is_active and adviser.email == "nieuw@example.org"
    assert other.history.first().history_user == administrator


def test_nobody_deactivates_themselves(region, administrator):
    with pytest.raises(ValidationError, match="eigen account"):
        services.user_deactivate(user=administrator, acting_user=administrator)


def test_region_create_invites_its_first_administrator(
    superuser, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        region, user = services.region_create(
            created_by=superuser,
            name="Nieuwe Regio",
            slug="nieuwe-regio",
            admin_name="Eerste Beheerder",
            admin_username="eerste",
            admin_email="eerste@example.org",
        )
    assert user.person.region == region and user.person.name == "Eerste Beheerder"
    assert user.is_staff and not user.is_superuser
    assert list(user.groups.values_list("name", flat=True)) == [Role.FUNCTIONAL_ADMIN]
    assert [message.to for message in mail.outbox] == [["eerste@example.org"]]
    assert "Nieuwe Regio" in mail.outbox[0].subject


def test_only_the_platform_administrator_creates_regions(administrator):
    with pytest.raises(ValidationError, match="platformbeheerder"):
        services.region_create(
            created_by=administrator, name="X", slug="x", admin_name="Y", admin_username="y",
            admin_email="y@example.org",
        )  # fmt: skip
    assert not Region.objects.filter(slug="x").exists()


def test_history_references_name_where_a_user_appears(region, administrator, adviser, network_body):
    assert services.user_history_references(UserFactory()) == []
    person = adviser.person
    person._history_user = administrator
    person.job_title = "Adviseur"
    person.save()
    Membership.objects.create(
        person=person, body=network_body, role=MembershipRole.MEMBER,
        valid_from=datetime.date(2020, 1, 1),
    )  # fmt: skip
    references = services.user_history_references(administrator)
    assert references and references[0].startswith("wijzigingshistorie:")
    assert reverse("invitation_accept", kwargs={"uidb64": "MQ", "token": "x"})
    assert Person.objects.filter(user=adviser).exists()
