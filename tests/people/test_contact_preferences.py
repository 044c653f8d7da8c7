"""A resident's contact preferences: a UK phone number however it is written (one rule with the
bin reminders), stored in one form; an interpreter need an officer recorded survives the
resident's save; agreeing to texts is kept with its time however it is saved."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine

from opencex.accounts.models import Role
from opencex.people.models import Resident
from opencex.people.phone_numbers import phone_number, uk_mobile, uk_phone_number
from opencex.people.services import PreferenceError, update_contact_preferences
from opencex.web.bin_forms import ReminderForm
from tests.factories import ResidentFactory, UserFactory

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2027, 3, 1, 10, 0, tzinfo=dt.UTC)


@pytest.fixture(autouse=True)
def pinned():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.mark.parametrize(
    "written",
    ["07700 900 982", "07700-900-982", "(07700) 900982", "+44 7700 900 982", "+44 (0)7700 900982"],
)
def test_a_uk_mobile_written_any_usual_way_is_one_number(written):
    assert uk_mobile(written) == "07700900982"
    assert uk_phone_number(written) == "07700900982"


@pytest.mark.parametrize("written", ["01865 249811", "+44 1865 249811", "0300 123 4567"])
def test_a_landline_is_a_phone_number_but_not_a_mobile(written):
    assert uk_phone_number(written) is not None
    assert uk_mobile(written) is None


@pytest.mark.parametrize("written", ["", "abc", "0770090098", "077009009821", "+48 600 123 456"])
def test_what_is_not_a_uk_mobile(written):
    assert uk_mobile(written) is None


@pytest.mark.parametrize(
    ("written", "stored"),
    [
        ("+48 601 234 567", "+48601234567"),
        ("+966 50 123 4567", "+966501234567"),
        ("+1 (212) 555-0123", "+12125550123"),
        ("+44 7700 900 982", "07700900982"),  # the UK's own code is written as 0
    ],
)
def test_a_number_in_another_country_is_kept_with_its_country_code(written, stored):
    assert phone_number(written) == stored


@pytest.mark.parametrize(
    "written", ["+48 601", "+0 601 234 567", "+48 6012 3456 7890 1234", "0048601234567x", "+"]
)
def test_what_is_not_a_phone_number_anywhere(written):
    assert phone_number(written) is None


def test_the_bin_reminders_take_a_mobile_with_spaces_and_refuse_a_landline():
    form = ReminderForm({"channel": "sms", "phone": "+44 7700 900 982"})
    assert form.is_valid()
    assert form.recipient == "07700900982"
    assert not ReminderForm({"channel": "sms", "phone": "01865 249811"}).is_valid()


def owner(**fields):
    user = UserFactory(role=Role.RESIDENT, email="ann@example.org")
    return user, ResidentFactory(user=user, email="ann@example.org", **fields)


def save(actor, resident, **changes):
    fields = {
        "preferred_channel": "email",
        "preferred_language": "en",
        "consents_to_email": True,
        "consents_to_sms": False,
        "phone": "",
        "accessible_format": "",
        "interpreter_language": "",
        **changes,
    }
    return update_contact_preferences(actor=actor, resident=resident, **fields)


def test_a_phone_number_with_spaces_is_saved_in_its_stored_form():
    user, resident = owner(phone="")
    save(user, resident, phone="07700 900 982", consents_to_sms=True)
    resident.refresh_from_db()
    assert resident.phone == "07700900982"


def test_a_stored_number_with_spaces_does_not_block_saving_a_preference():
    user, resident = owner(phone="07700 900 982")
    save(user, resident, accessible_format="large_print")
    resident.refresh_from_db()
    assert resident.accessible_format == "large_print"
    assert resident.phone == "07700900982"


def test_texts_need_a_mobile_number():
    user, resident = owner(phone="")
    with pytest.raises(PreferenceError) as refused:
        save(user, resident, phone="01865 249811", consents_to_sms=True)
    assert refused.value.field == "phone"


def test_a_number_that_is_not_one_is_refused_and_the_stored_one_kept():
    user, resident = owner(phone="07700900982")
    with pytest.raises(PreferenceError):
        save(user, resident, phone="abc")
    resident.refresh_from_db()
    assert resident.phone == "07700900982"


def test_an_interpreter_need_recorded_without_a_language_survives_the_residents_save():
    user, resident = owner(needs_interpreter=True, interpreter_language="")
    save(user, resident, accessible_format="large_print")
    resident.refresh_from_db()
    assert resident.needs_interpreter


def test_choosing_or_clearing_the_interpreter_language_says_whether_one_is_needed():
    user, resident = owner(needs_interpreter=False, interpreter_language="")
    save(user, resident, interpreter_language="pl")
    resident.refresh_from_db()
    assert resident.needs_interpreter
    save(user, resident, interpreter_language="")
    resident.refresh_from_db()
    assert not resident.needs_interpreter


def test_agreeing_to_texts_on_any_path_is_kept_with_its_time_and_cleared_when_withdrawn():
    resident = Resident.objects.create(full_name="Ann", phone="07700900982", consents_to_sms=True)
    assert resident.sms_consent_at == NOW
    resident.consents_to_sms = False
    resident.save(update_fields=["consents_to_sms"])
    resident.refresh_from_db()
    assert resident.sms_consent_at is None
    resident.consents_to_sms = True
    resident.save(update_fields=["consents_to_sms"])
    resident.refresh_from_db()
    assert resident.sms_consent_at == NOW


def test_the_time_of_an_earlier_agreement_is_kept_on_a_later_save():
    user, resident = owner(phone="07700900982", consents_to_sms=True)
    agreed_at = resident.sms_consent_at
    with time_machine.travel(NOW + dt.timedelta(days=3), tick=False):
        save(user, resident, consents_to_sms=True)
    resident.refresh_from_db()
    assert resident.sms_consent_at == agreed_at == NOW


def test_a_resident_may_give_a_number_abroad_for_calls_but_texts_go_to_uk_mobiles_only():
    user, resident = owner(phone="")
    save(user, resident, phone="+48 601 234 567")
    resident.refresh_from_db()
    assert resident.phone == "+48601234567"
    with pytest.raises(PreferenceError) as refused:
        save(user, resident, phone="+48 601 234 567", consents_to_sms=True)
    assert (refused.value.field, str(refused.value)) == (
        "phone",
        "Enter a UK mobile phone number to get text messages, like 07700 900 982",
    )
