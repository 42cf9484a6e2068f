"""The User admin of a region: its users only, no platform administrators, no deleting of
anyone who appears in history; and the group's permissions make the admin work without
superuser."""

from django.contrib.auth.models import Group, User
from django.urls import reverse

import pytest

from governance.constants import Role
from tests.governance.factories import PersonFactory, UserFactory

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:auth_user_changelist")


def _change(user):
    return reverse("admin:auth_user_change", args=[user.pk])


@pytest.fixture
def admin_of_region(client, administrator):
    assert not administrator.is_superuser and not administrator.user_permissions.exists()
    client.force_login(administrator)
    return client


@pytest.fixture
def platform(client, superuser, region):
    client.force_login(superuser)
    session = client.session
    session["jeugdregio_region"] = region.pk
    session.save()
    return client


def test_the_role_alone_opens_the_admin(admin_of_region):
    response = admin_of_region.get(reverse("admin:index"))
    page = response.content.decode()
    assert response.status_code == 200
    assert "U hebt geen rechten om iets te bekijken of te bewerken" not in page
    for model in ("governance/municipality", "programme/project", "finance/budget", "auth/user"):
        assert f'href="/admin/{model}/"' in page, model
    assert 'href="/admin/governance/region/add/"' not in page


def test_the_list_holds_the_regions_users_only(admin_of_region, adviser, stranger, superuser):
    response = admin_of_region.get(CHANGELIST)
    page = response.content.decode()
    assert response.status_code == 200
    assert "adviseur" in page and "Ad Viseur" in page
    assert "vreemde" not in page and ">platform<" not in page
    assert response.context["cl"].result_count == 2  # the administrator and the adviser


def test_another_regions_user_and_a_superuser_cannot_be_opened(
    admin_of_region, stranger, superuser
):
    for user in (stranger, superuser):
        response = admin_of_region.get(_change(user))
        assert response.status_code == 302 and response["Location"] == reverse("admin:index")
        response = admin_of_region.post(_change(user), {"username": "overgenomen"})
        assert response.status_code == 302
        user.refresh_from_db()
        assert user.username != "overgenomen"


def test_the_change_form_hides_what_a_functional_administrator_may_not_set(
    admin_of_region, adviser
):
    Group.objects.get_or_create(name="geheime-groep")
    response = admin_of_region.get(_change(adviser))
    form = response.context["adminform"].form
    assert response.status_code == 200
    assert not {"is_superuser", "user_permissions", "is_staff", "password"} & set(form.fields)
    assert set(form.fields["groups"].queryset.values_list("name", flat=True)) == set(Role.values)


def test_saving_the_role_brings_the_admin_with_it(admin_of_region, adviser):
    functional_admin = Group.objects.get(name=Role.FUNCTIONAL_ADMIN)
    data = {
        "username": "adviseur",
        "first_name": "",
        "last_name": "",
        "email": "a@example.org",
        "is_active": "on",
        "groups": [functional_admin.pk],
        "last_login_0": "",
        "last_login_1": "",
        "date_joined_0": "2024-01-01",
        "date_joined_1": "10:00:00",
        "is_superuser": "on",  # hidden: ignored
    }
    response = admin_of_region.post(_change(adviser), data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    adviser.refresh_from_db()
    assert adviser.is_staff and not adviser.is_superuser


def test_adding_a_user_is_an_invitation(admin_of_region):
    response = admin_of_region.get(reverse("admin:auth_user_add"))
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:user_invite")


def test_a_functional_administrator_sets_no_passwords_and_deletes_nobody(admin_of_region, adviser):
    password = reverse("admin:auth_user_password_change", args=[adviser.pk])
    assert admin_of_region.get(password).status_code == 403
    delete = reverse("admin:auth_user_delete", args=[adviser.pk])
    assert admin_of_region.get(delete).status_code == 403
    assert admin_of_region.post(delete, {"post": "yes"}).status_code == 403
    assert User.objects.filter(pk=adviser.pk).exists()
    response = admin_of_region.get(CHANGELIST)
    assert "delete_selected" not in response.content.decode()


def test_leaving_staff_are_deactivated(admin_of_region, adviser, administrator):
    response = admin_of_region.post(
        CHANGELIST,
        {"action": "deactivate_users", "_selected_action": [adviser.pk, administrator.pk]},
    )
    assert response.status_code == 302
    adviser.refresh_from_db()
    administrator.refresh_from_db()
    assert not adviser.is_active and administrator.is_active


def test_a_user_in_history_is_not_deleted_even_by_the_platform_administrator(
    platform, administrator, adviser
):
    person = adviser.person
    person._history_user = administrator
    person.job_title = "Beleidsadviseur"
    person.save()
    delete = reverse("admin:auth_user_delete", args=[administrator.pk])
    response = platform.post(delete, {"post": "yes"}, follow=True)
    assert User.objects.filter(pk=administrator.pk).exists()
    page = response.content.decode()
    assert "Het account beheerder kan niet worden verwijderd: de naam staat in de historie" in page
    assert "wijzigingshistorie: 1 regel)" in page
    assert "Deactiveer het account in plaats daarvan" in page


def test_the_platform_administrator_deletes_an_account_without_any_trace(platform, region):
    mistake = UserFactory(username="typfout")
    PersonFactory(region=region, user=mistake)
    delete = reverse("admin:auth_user_delete", args=[mistake.pk])
    assert platform.post(delete, {"post": "yes"}).status_code == 302
    assert not User.objects.filter(username="typfout").exists()


def test_the_platform_administrator_sees_every_field(platform, adviser):
    form = platform.get(_change(adviser)).context["adminform"].form
    assert {"is_superuser", "user_permissions", "is_staff"} <= set(form.fields)
