"""The one lost-update mechanism: the edit version, the save helper, the error and the form."""

import datetime
import threading
import time

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db import connection, transaction

import pytest

from core.admin import VersionedAdminMixin
from core.forms import VersionedFormMixin
from core.locking import StaleEditError, display_value
from core.scope import all_regions
from core.services import model_delete, model_update
from governance.constants import Role
from programme.constants import EffortStatus
from programme.models import Effort
from tests.governance.factories import UserFactory
from tests.programme.factories import EffortFactory


@pytest.fixture
def effort(db):
    return EffortFactory(text="Wachttijden terugdringen")


@pytest.fixture
def user(db):
    return UserFactory(role=Role.POLICY_ADVISER)


def _row(effort) -> tuple:
    row = Effort.objects.get(pk=effort.pk)
    return row.status, row.remark, row.edit_version


def test_a_save_from_the_current_version_counts_it_up_and_is_recorded(effort, user):
    saved = model_update(
        instance=effort,
        expected_version=1,
        data={"status": EffortStatus.ACHIEVED, "remark": "Klaar"},
        user=user,
        reason="Gerealiseerd",
    )
    assert saved.edit_version == 2
    assert _row(effort) == (EffortStatus.ACHIEVED, "Klaar", 2)
    record = effort.history.first()
    assert (record.status, record.edit_version, record.history_type) == (
        EffortStatus.ACHIEVED,
        2,
        "~",
    )
    assert (record.history_user, record.history_change_reason) == (user, "Gerealiseerd")


def test_a_stale_save_raises_with_the_newer_value_and_changes_nothing(effort, user):
    model_update(instance=effort, expected_version=1, data={"remark": "Eerst"}, user=user)
    records = effort.history.count()
    with pytest.raises(StaleEditError) as stale:
        model_update(
            instance=effort,
            expected_version=1,
            data={"status": EffortStatus.NOT_ACHIEVED, "remark": "Later"},
            user=user,
        )
    assert _row(effort) == (EffortStatus.UNKNOWN, "Eerst", 2)
    assert effort.history.count() == records
    assert stale.value.current.remark == "Eerst"
    assert stale.value.message == (
        "Iemand anders heeft dit intussen gewijzigd: status ‘Onbekend’; opmerking ‘Eerst’."
    )


def test_two_saves_from_the_same_version_the_second_is_refused(effort, user):
    first, second = Effort.objects.get(pk=effort.pk), Effort.objects.get(pk=effort.pk)
    model_update(instance=first, expected_version=first.edit_version, data={"remark": "A"})
    # The second still holds version 1 in memory: the check is made in the database.
    assert second.edit_version == 1
    with pytest.raises(StaleEditError):
        model_update(instance=second, expected_version=second.edit_version, data={"remark": "B"})
    assert _row(effort) == (EffortStatus.UNKNOWN, "A", 2)


def test_a_form_without_a_version_is_refused(effort):
    with pytest.raises(StaleEditError):
        model_update(instance=effort, expected_version=None, data={"remark": "?"})
    assert _row(effort) == (EffortStatus.UNKNOWN, "", 1)


def test_invalid_data_changes_nothing_not_even_the_version(effort):
    with pytest.raises(ValidationError):
        model_update(instance=effort, expected_version=1, data={"status": "klaar"})
    assert _row(effort)[2] == 1
    assert effort.edit_version == 1
    # And the same version still saves afterwards.
    model_update(instance=effort, expected_version=1, data={"status": EffortStatus.ACHIEVED})
    assert _row(effort)[2] == 2


def test_the_helper_sets_fields_only_and_never_the_version_itself(effort):
    with pytest.raises(ValueError, match="bestaat_niet"):
        model_update(instance=effort, expected_version=1, data={"bestaat_niet": 1})
    with pytest.raises(ValueError, match="edit_version"):
        model_update(instance=effort, expected_version=1, data={"edit_version": 9})


def test_a_row_that_was_deleted_meanwhile(effort):
    loaded = Effort.objects.get(pk=effort.pk)
    effort.delete()
    with pytest.raises(StaleEditError) as stale:
        model_update(instance=loaded, expected_version=1, data={"remark": "Te laat"})
    assert stale.value.current is None
    assert stale.value.message == "Iemand anders heeft dit intussen verwijderd."


def test_delete_checks_the_version_and_is_recorded(effort, user):
    model_update(instance=effort, expected_version=1, data={"remark": "Gewijzigd"})
    with pytest.raises(StaleEditError):
        model_delete(instance=effort, expected_version=1, user=user)
    pk = effort.pk
    assert Effort.objects.filter(pk=pk).exists()
    model_delete(instance=effort, expected_version=2, user=user)
    assert not Effort.objects.filter(pk=pk).exists()
    assert Effort.history.get(id=pk, history_type="-").history_user == user


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="needs a database with concurrent transactions"
)
@pytest.mark.django_db(transaction=True)
def test_two_concurrent_saves_from_the_same_version_only_one_passes():
    effort = EffortFactory()
    loaded = [Effort.objects.get(pk=effort.pk), Effort.objects.get(pk=effort.pk)]
    first_saved = threading.Event()
    outcome = {}

    def save(index: int) -> None:
        try:
            # A thread starts with no scope of its own (context variables are per thread).
            with all_regions(), transaction.atomic():
                if index == 1:
                    first_saved.wait(5)
                remark = {"remark": str(index)}
                model_update(instance=loaded[index], expected_version=1, data=remark)
                if index == 0:
                    first_saved.set()
                    time.sleep(0.3)  # the other save now waits for this transaction
            outcome[index] = "saved"
        except StaleEditError:
            outcome[index] = "refused"
        finally:
            connection.close()

    threads = [threading.Thread(target=save, args=(index,)) for index in (0, 1)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(10)
    assert outcome == {0: "saved", 1: "refused"}
    assert _row(effort) == (EffortStatus.UNKNOWN, "0", 2)


# --- What a person reads -------------------------------------------------------------------


def test_newer_values_are_shown_as_a_person_reads_them(effort):
    effort.status, effort.target_end = EffortStatus.IN_PROGRESS, datetime.date(2022, 6, 30)
    effort.time_target_unparsed = True
    stale = StaleEditError(effort, fields=("status", "target_end", "time_target_unparsed"))
    assert stale.newer_values() == [
        ("status", "In behandeling"),
        ("tijdsdoel uiterlijk", "30 juni 2022"),
        ("tijdsdoel niet herkend", "ja"),
    ]
    assert display_value(effort, "remark") == "–"
    assert display_value(effort, "project") == str(effort.project)


def test_without_fields_the_message_is_general(effort):
    assert str(StaleEditError(effort)) == "Iemand anders heeft dit intussen gewijzigd."


# --- Forms ---------------------------------------------------------------------------------


class RemarkForm(VersionedFormMixin):
    pass


def test_a_form_carries_the_version_hidden_and_refuses_none(db):
    form = RemarkForm(initial={"edit_version": 3})
    assert 'type="hidden" name="edit_version" value="3"' in str(form["edit_version"])
    for data in ({}, {"edit_version": "abc"}, {"edit_version": "0"}):
        bound = RemarkForm(data)
        assert not bound.is_valid()
        assert bound.errors["edit_version"] == [
            "Het formulier is onvolledig of verouderd; laad de pagina opnieuw."
        ]


class EffortRemarkForm(VersionedFormMixin, forms.ModelForm):
    class Meta:
        model = Effort
        fields = ("remark",)


def test_a_model_form_takes_the_version_of_its_instance(effort):
    model_update(instance=effort, expected_version=1, data={"remark": "Nieuw"})
    assert EffortRemarkForm(instance=effort)["edit_version"].value() == 2


def test_a_versioned_admin_cannot_edit_in_its_list():
    class ListEditing(VersionedAdminMixin, admin.ModelAdmin):
        list_display = ("text", "status")
        list_editable = ("status",)

    errors = ListEditing(Effort, admin.AdminSite()).check()
    assert [error.id for error in errors] == ["core.E001"]
