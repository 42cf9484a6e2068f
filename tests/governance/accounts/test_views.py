"""The users pages, the invitation link and the new region page: content, refusals, messages."""

import re

from django.contrib.auth.models import User
from django.core import mail
from django.urls import reverse

import pytest

from governance.accounts.tokens import invitation_path_kwargs
from governance.constants import MembershipRole, Role
from governance.models import Membership, Person, Region
from tests.governance.factories import UserFactory

pytestmark = pytest.mark.django_db

LIST = reverse("accounts:user_list")
INVITE = reverse("accounts:user_invite")


def _detail(user):
    return reverse("accounts:user_detail", args=[user.pk])


def _signed_in(client, user):
    client.force_login(user)
    return client


def _edit_data(user, **overrides):
    person = user.person
    data = {
        "roles": [group.name for group in user.groups.all()],
        "person": person.pk,
        "municipality": person.municipality_id or "",
        "organisation": person.organisation_id or "",
        "email": user.email,
        "is_active": "on",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


# --- Who may -------------------------------------------------------------------------------


@pytest.mark.parametrize("role", [Role.POLICY_ADVISER, Role.GRIFFIE, Role.NETWORK_MT])
def test_other_roles_get_403(client, region, adviser, role):
    _signed_in(client, UserFactory(role=role, region=region))
    for url in (LIST, INVITE, _detail(adviser), reverse("accounts:region_create")):
        assert client.get(url).status_code == 403, url
    post = reverse("accounts:user_invitation_send", args=[adviser.pk])
    assert client.post(post).status_code == 403


def test_staff_without_the_role_and_the_role_without_staff_get_403(client, region):
    without_staff = UserFactory(role=Role.FUNCTIONAL_ADMIN, region=region)
    without_staff.is_staff = False
    without_staff.save()
    for user in (UserFactory(is_staff=True, region=region), without_staff):
        assert _signed_in(client, user).get(LIST).status_code == 403


def test_a_functional_administrator_may_not_create_regions(client, administrator):
    response = _signed_in(client, administrator).get(reverse("accounts:region_create"))
    assert response.status_code == 403


def test_the_menu_shows_users_to_administrators_only(client, administrator, adviser):
    assert f'href="{LIST}"' in _signed_in(client, administrator).get("/").content.decode()
    assert f'href="{LIST}"' not in _signed_in(client, adviser).get("/").content.decode()


# --- The list ------------------------------------------------------------------------------


def test_the_list_shows_the_regions_users_only(
    client, administrator, adviser, stranger, superuser, network_body
):
    nmt_member = UserFactory(role=Role.POLICY_ADVISER, region=administrator.person.region)
    Membership.objects.create(
        person=nmt_member.person, body=network_body, role=MembershipRole.MEMBER,
        valid_from="2020-01-01",
    )  # fmt: skip
    response = _signed_in(client, administrator).get(LIST)
    page = response.content.decode()
    assert response.status_code == 200
    assert "adviseur" in page and "Ad Viseur" in page and "Gemeente Noord" in page
    assert "vreemde" not in page and "Vera Vreemd" not in page
    assert "platform" not in page  # a platform administrator is not theirs to see
    assert "lid van het Netwerk MT zonder de rol netwerk-mt" in page
    filtered = client.get(LIST, {"role": Role.FUNCTIONAL_ADMIN}).content.decode()
    assert "beheerder" in filtered and "Ad Viseur" not in filtered
    assert client.get(LIST, {"role": "baas"}).status_code == 400


def test_the_list_does_not_grow_in_queries(
    client, region, administrator, django_assert_max_num_queries
):
    _signed_in(client, administrator)
    client.get(LIST)  # warm the session
    for _number in range(3):
        UserFactory(role=Role.GRIFFIE, region=region)
    # Session, user, their person and roles (twice: the menu and the page's check), the count,
    # the page of users, their groups (one prefetch).
    with django_assert_max_num_queries(12) as few:
        client.get(LIST)
    for _number in range(10):
        UserFactory(role=Role.GRIFFIE, region=region)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(LIST).status_code == 200


def test_the_platform_administrator_also_sees_accounts_without_a_region(
    client, superuser, adviser, stranger
):
    orphan = UserFactory(username="zwerver")
    _signed_in(client, superuser)
    session = client.session
    session["jeugdregio_region"] = adviser.person.region_id  # the region they work in
    session.save()
    page = client.get(LIST).content.decode()
    assert orphan.username in page and "geen persoon, dus geen regio" in page
    assert "vreemde" not in page
    detail = client.get(_detail(orphan)).content.decode()
    assert "Deze gebruiker heeft geen regio." in detail


# --- One user ------------------------------------------------------------------------------


def test_the_user_page_shows_and_edits_role_person_place_region_active(
    client, administrator, adviser, municipality
):
    _signed_in(client, administrator)
    page = client.get(_detail(adviser)).content.decode()
    for text in ("Ad Viseur", "Testregio", "Gemeente Noord", "Beleidsadviseur", "Actief"):
        assert text in page
    response = client.post(
        _detail(adviser), _edit_data(adviser, roles=[Role.GRIFFIE], is_active=None)
    )
    assert response.status_code == 302
    adviser.refresh_from_db()
    assert not adviser.is_active
    assert list(adviser.groups.values_list("name", flat=True)) == [Role.GRIFFIE]


def test_the_user_page_hints_at_a_network_mt_member_without_the_role(
    client, administrator, adviser, network_body
):
    Membership.objects.create(
        person=adviser.person, body=network_body, role=MembershipRole.MEMBER,
        valid_from="2020-01-01",
    )  # fmt: skip
    page = _signed_in(client, administrator).get(_detail(adviser)).content.decode()
    assert "is lid van het Netwerk MT Jeugd, maar dit account heeft de rol netwerk-mt niet" in page


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"person": ""}, "Zonder persoon heeft de gebruiker geen regio"),
        ({"roles": []}, "Kies ten minste één rol."),
        ({"roles": ["baas"]}, "Kies een rol uit de lijst."),
        ({"email": "beheerder@example.org"}, "Er is al een gebruiker met dit e-mailadres."),
        ({"email": "geen-adres"}, "Vul een geldig e-mailadres in."),
    ],
)
def test_bad_input_on_the_user_page(client, administrator, adviser, overrides, message):
    administrator.email = "beheerder@example.org"
    administrator.save()
    response = _signed_in(client, administrator).post(
        _detail(adviser), _edit_data(adviser, **overrides)
    )
    assert response.status_code == 400
    assert message in response.content.decode()
    adviser.refresh_from_db()
    assert adviser.email == "a@example.org" and adviser.person.name == "Ad Viseur"


def test_a_person_of_another_region_or_with_an_account_is_refused(
    client, administrator, adviser, stranger
):
    _signed_in(client, administrator)
    for person, message in (
        (stranger.person, "Kies een persoon uit uw regio."),
        (administrator.person, "heeft al een gebruikersaccount (beheerder)"),
    ):
        response = client.post(_detail(adviser), _edit_data(adviser, person=person.pk))
        assert response.status_code == 400
        assert message in response.content.decode()
    assert Person.objects.get(user=adviser).name == "Ad Viseur"


def test_an_administrator_does_not_deactivate_themselves(client, administrator):
    response = _signed_in(client, administrator).post(
        _detail(administrator), _edit_data(administrator, is_active=None)
    )
    assert response.status_code == 400
    assert "U kunt uw eigen account niet deactiveren." in response.content.decode()


def test_another_regions_user_and_a_superuser_do_not_exist(
    client, administrator, stranger, superuser
):
    _signed_in(client, administrator)
    for user in (stranger, superuser):
        assert client.get(_detail(user)).status_code == 404
        assert client.post(_detail(user), {"email": "x@example.org"}).status_code == 404
        send = reverse("accounts:user_invitation_send", args=[user.pk])
        assert client.post(send).status_code == 404
    assert not mail.outbox


def test_resend_the_invitation(client, administrator, adviser, django_capture_on_commit_callbacks):
    _signed_in(client, administrator)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("accounts:user_invitation_send", args=[adviser.pk]))
    assert response.status_code == 302
    assert [message.to for message in mail.outbox] == [["a@example.org"]]


# --- Inviting ------------------------------------------------------------------------------


def test_invite_through_the_page(
    client, administrator, municipality, django_capture_on_commit_callbacks
):
    _signed_in(client, administrator)
    data = {
        "username": "nieuw",
        "email": "nieuw@example.org",
        "roles": [Role.POLICY_ADVISER],
        "name": "Nina Nieuw",
        "municipality": municipality.pk,
    }
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(INVITE, data)
    assert response.status_code == 302
    user = User.objects.get(username="nieuw")
    assert user.person.name == "Nina Nieuw" and user.person.region == administrator.person.region
    assert len(mail.outbox) == 1


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"username": "adviseur"}, "De gebruikersnaam ‘adviseur’ is al in gebruik."),
        ({"email": "a@example.org"}, "Er is al een gebruiker met dit e-mailadres."),
        ({"name": ""}, "Kies een bestaande persoon of vul de naam van een nieuwe persoon in."),
        ({"username": "met spatie"}, "Voer een geldige gebruikersnaam in"),
        ({"roles": []}, "Kies ten minste één rol."),
    ],
)
def test_bad_input_when_inviting(client, administrator, adviser, overrides, message):
    data = {
        "username": "nieuw",
        "email": "nieuw@example.org",
        "roles": [Role.POLICY_ADVISER],
        "name": "Nina Nieuw",
        **overrides,
    }
    response = _signed_in(client, administrator).post(INVITE, data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not User.objects.filter(username="nieuw").exists()
    assert not mail.outbox


def test_inviting_a_person_of_another_region_or_with_an_account_is_refused(
    client, administrator, adviser, stranger
):
    _signed_in(client, administrator)
    for person, message in (
        (stranger.person, "Kies een persoon uit uw regio."),
        (adviser.person, "heeft al een gebruikersaccount (adviseur)"),
    ):
        data = {"username": "nieuw", "email": "n@example.org", "roles": [Role.GRIFFIE]}
        response = client.post(INVITE, {**data, "person": person.pk})
        assert response.status_code == 400
        assert message in response.content.decode()
    assert not User.objects.filter(username="nieuw").exists()


# --- The invitation link -------------------------------------------------------------------


def test_the_invited_person_sets_a_password_once(client, region, adviser):
    adviser.set_unusable_password()
    adviser.save()
    url = reverse("invitation_accept", kwargs=invitation_path_kwargs(adviser))
    assert "Kies een wachtwoord" in client.get(url).content.decode()
    weak = client.post(url, {"new_password1": "abc", "new_password2": "abd"})
    assert weak.status_code == 400
    assert "De twee wachtwoordvelden komen niet overeen." in weak.content.decode()
    strong = "Jeugd-Regio-2026!"
    response = client.post(url, {"new_password1": strong, "new_password2": strong})
    assert response.status_code == 302 and response["Location"] == reverse("login")
    adviser.refresh_from_db()
    assert adviser.check_password(strong)
    again = client.get(url)
    assert again.status_code == 400
    assert "Deze uitnodigingslink werkt niet (meer)" in again.content.decode()


@pytest.mark.parametrize(
    "kwargs",
    [
        {"uidb64": "MQ", "token": "vals-token"},
        {"uidb64": "!!!", "token": "x-y"},
        {"uidb64": "OTk5OTk5", "token": "abc-def"},
    ],
)
def test_a_forged_invitation_link_is_refused(client, adviser, kwargs):
    response = client.get(reverse("invitation_accept", kwargs=kwargs))
    assert response.status_code == 400
    assert "Vraag de functioneel beheerder van uw regio om een nieuwe uitnodiging" in (
        response.content.decode()
    )


def test_an_expired_invitation_link_is_refused(client, adviser, settings):
    url = reverse("invitation_accept", kwargs=invitation_path_kwargs(adviser))
    settings.PASSWORD_RESET_TIMEOUT = -1
    assert client.get(url).status_code == 400


# --- A new region --------------------------------------------------------------------------


def test_the_platform_administrator_creates_a_region_and_invites_its_administrator(
    client, superuser, region, django_capture_on_commit_callbacks
):
    _signed_in(client, superuser)
    url = reverse("accounts:region_create")
    assert client.get(url).status_code == 200
    data = {
        "name": "Regio Oost",
        "slug": "regio-oost",
        "admin_name": "Olga Oost",
        "admin_username": "olga",
        "admin_email": "olga@example.org",
    }
    for overrides, message in (
        ({"name": "testregio"}, "Er is al een regio met deze naam."),
        ({"slug": "testregio"}, "Er is al een regio met deze sleutel."),
        ({"slug": "Regio Oost"}, "Een sleutel bestaat uit kleine letters"),
        ({"admin_username": "platform"}, "is al in gebruik"),
    ):
        response = client.post(url, {**data, **overrides})
        assert response.status_code == 400, overrides
        assert message in response.content.decode()
    assert not Region.objects.filter(slug="regio-oost").exists()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, data)
    assert response.status_code == 302
    olga = User.objects.get(username="olga")
    assert olga.person.region.slug == "regio-oost" and olga.is_staff
    assert [message.to for message in mail.outbox] == [["olga@example.org"]]
    link = re.search(r"http://testserver(/accounts/uitnodiging/\S+/)", mail.outbox[0].body)
    assert client.get(link.group(1)).status_code == 200
