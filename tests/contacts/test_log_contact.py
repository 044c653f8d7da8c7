"""Logging a contact resolved there and then, and the reports built from logged contacts."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError
from django.utils import timezone

from opencex.accounts.models import Role
from opencex.cases.models import Channel
from opencex.contacts.models import Contact, Outcome
from opencex.contacts.selectors import demand_by_channel, first_contact_resolution
from opencex.contacts.services import ContactError, log_contact
from tests.factories import (
    CaseFactory,
    DirectoryServiceFactory,
    ResidentFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

NOW = timezone.now()
PERIOD = {"start": NOW - dt.timedelta(days=1), "end": NOW + dt.timedelta(days=1)}


@pytest.fixture
def officer():
    return UserFactory(role=Role.CONTACT_CENTRE)


def test_a_question_answered_on_the_phone_is_logged_as_resolved(officer):
    resident = ResidentFactory()
    contact = log_contact(
        actor=officer, resident=resident, channel=Channel.PHONE, outcome=Outcome.RESOLVED
    )
    assert contact.officer == officer
    assert contact.is_resolved_at_first_contact
    assert list(resident.contacts.all()) == [contact]


def test_a_signposting_at_the_westgate_desk_records_the_place_and_who_to(officer):
    contact = log_contact(
        actor=officer,
        channel=Channel.FACE_TO_FACE,
        place="westgate-library",
        outcome=Outcome.SIGNPOSTED,
        signposted_to="Citizens Advice Oxfordshire",
    )
    assert contact.resident is None  # a visitor need not give their name
    assert (contact.place, contact.signposted_to) == (
        "westgate-library",
        "Citizens Advice Oxfordshire",
    )


@pytest.mark.parametrize("role", [Role.RESIDENT, Role.PARTNER])
def test_only_staff_can_log_a_contact(role):
    with pytest.raises(PermissionDenied):
        log_contact(actor=UserFactory(role=role), channel=Channel.PHONE, outcome=Outcome.RESOLVED)
    assert not Contact.objects.exists()


def test_a_signposting_must_say_where_to(officer):
    with pytest.raises(ContactError) as error:
        log_contact(actor=officer, channel=Channel.PHONE, outcome=Outcome.SIGNPOSTED)
    assert set(error.value.errors) == {"signposted_to"}


def test_a_visit_must_say_where_it_happened(officer):
    with pytest.raises(ContactError) as error:
        log_contact(actor=officer, channel=Channel.OUTREACH, outcome=Outcome.RESOLVED)
    assert set(error.value.errors) == {"place"}


def test_a_place_must_be_one_in_the_council_profile(officer):
    with pytest.raises(ContactError):
        log_contact(
            actor=officer, channel=Channel.OUTREACH, place="nowhere", outcome=Outcome.RESOLVED
        )


def test_a_phone_call_keeps_no_place(officer):
    contact = log_contact(
        actor=officer, channel=Channel.PHONE, place="westgate-library", outcome=Outcome.RESOLVED
    )
    assert contact.place == ""


def test_website_contacts_arrive_as_cases_not_logged_contacts(officer):
    with pytest.raises(ContactError):
        log_contact(actor=officer, channel=Channel.WEB, outcome=Outcome.RESOLVED)


def test_a_contact_that_opened_a_case_names_the_case(officer):
    with pytest.raises(ContactError):
        log_contact(actor=officer, channel=Channel.PHONE, outcome=Outcome.CASE_OPENED)
    case = CaseFactory(channel=Channel.PHONE)
    contact = log_contact(
        actor=officer, channel=Channel.PHONE, outcome=Outcome.CASE_OPENED, case=case
    )
    assert not contact.is_resolved_at_first_contact


def test_every_problem_is_reported_at_once(officer):
    with pytest.raises(ContactError) as error:
        log_contact(actor=officer, channel=Channel.FACE_TO_FACE, outcome=Outcome.SIGNPOSTED)
    assert set(error.value.errors) == {"place", "signposted_to"}


def test_the_database_refuses_a_signposting_without_where_to(officer):
    with pytest.raises(IntegrityError):
        Contact.objects.create(officer=officer, channel=Channel.PHONE, outcome=Outcome.SIGNPOSTED)


def test_demand_by_channel_counts_contacts_in_the_period_busiest_first(officer):
    for _ in range(2):
        log_contact(actor=officer, channel=Channel.PHONE, outcome=Outcome.RESOLVED)
    log_contact(
        actor=officer,
        channel=Channel.OUTREACH,
        place="barton-community-larder",
        outcome="signposted",
        signposted_to="Oxford Food Bank",
    )
    log_contact(
        actor=officer,
        channel=Channel.EMAIL,
        outcome=Outcome.RESOLVED,
        at=NOW - dt.timedelta(days=40),
    )
    assert demand_by_channel(**PERIOD) == {"phone": 2, "outreach": 1}


def test_first_contact_resolution_counts_signposting_as_resolved(officer):
    log_contact(actor=officer, channel=Channel.PHONE, outcome=Outcome.RESOLVED)
    log_contact(
        actor=officer, channel=Channel.PHONE, outcome=Outcome.SIGNPOSTED, signposted_to="Shelter"
    )
    log_contact(
        actor=officer, channel=Channel.PHONE, outcome=Outcome.CASE_OPENED, case=CaseFactory()
    )
    log_contact(actor=officer, channel=Channel.LETTER, outcome=Outcome.RESOLVED)
    fcr = first_contact_resolution(**PERIOD)
    assert (fcr.contacts, fcr.resolved, fcr.rate) == (4, 3, 0.75)
    phone = first_contact_resolution(**PERIOD, channel=Channel.PHONE)
    assert (phone.contacts, phone.resolved) == (3, 2)


def test_first_contact_resolution_has_no_rate_without_contacts():
    assert first_contact_resolution(**PERIOD).rate is None


# ---- the phone line a call came in on ---------------------------------------------------------


def test_a_call_on_the_vulnerable_residents_line_is_recorded_as_such(officer):
    contact = log_contact(
        actor=officer,
        channel=Channel.PHONE,
        phone_line="vulnerable-residents-line",
        outcome=Outcome.RESOLVED,
    )
    assert (contact.phone_line, contact.is_vulnerable_line) == ("vulnerable-residents-line", True)
    assert contact.phone_line_name == "Vulnerable residents line"


def test_a_call_on_the_general_line_is_not_counted_as_a_vulnerable_line_call(officer):
    contact = log_contact(
        actor=officer,
        channel=Channel.PHONE,
        phone_line="customer-services",
        outcome="signposted",
        signposted_to="Shelter",
    )
    assert (contact.phone_line, contact.is_vulnerable_line) == ("customer-services", False)


def test_a_phone_line_the_council_does_not_have_is_refused(officer):
    with pytest.raises(ContactError) as error:
        log_contact(
            actor=officer, channel=Channel.PHONE, phone_line="hotline", outcome=Outcome.RESOLVED
        )
    assert set(error.value.errors) == {"phone_line"}


def test_a_letter_keeps_no_phone_line(officer):
    contact = log_contact(
        actor=officer,
        channel=Channel.LETTER,
        phone_line="vulnerable-residents-line",
        outcome=Outcome.RESOLVED,
    )
    assert (contact.phone_line, contact.is_vulnerable_line) == ("", False)


def test_the_database_refuses_a_phone_line_on_a_visit(officer):
    with pytest.raises(IntegrityError):
        Contact.objects.create(
            officer=officer,
            channel=Channel.FACE_TO_FACE,
            place="westgate-library",
            phone_line="customer-services",
            outcome=Outcome.RESOLVED,
        )


# ---- signposting to the partner directory -----------------------------------------------------


def test_a_signposting_to_a_directory_entry_links_the_entry_and_keeps_its_name(officer):
    entry = DirectoryServiceFactory(
        name="Help with energy bills", organization__name="Citizens Advice Oxfordshire"
    )
    contact = log_contact(
        actor=officer,
        channel=Channel.PHONE,
        outcome=Outcome.SIGNPOSTED,
        signposted_service=entry,
    )
    assert contact.signposted_service == entry
    assert contact.signposted_to == "Help with energy bills (Citizens Advice Oxfordshire)"
    assert list(entry.signpostings.all()) == [contact]


def test_an_organisation_outside_the_directory_is_kept_as_text(officer):
    contact = log_contact(
        actor=officer,
        channel=Channel.PHONE,
        outcome=Outcome.SIGNPOSTED,
        signposted_to="St Michael's church lunch club",
    )
    assert (contact.signposted_service, contact.signposted_to) == (
        None,
        "St Michael's church lunch club",
    )


def test_the_signposting_stays_readable_when_the_entry_leaves_the_directory(officer):
    entry = DirectoryServiceFactory(name="Lunch club", organization__name="Oxford Hub")
    contact = log_contact(
        actor=officer, channel=Channel.PHONE, outcome="signposted", signposted_service=entry
    )
    entry.delete()
    contact.refresh_from_db()
    assert (contact.signposted_service, contact.signposted_to) == (None, "Lunch club (Oxford Hub)")


# ---- a contact can be both resolved and signposted ----------------------------------------------


def test_a_question_resolved_at_first_contact_keeps_its_signposting(officer):
    entry = DirectoryServiceFactory(name="Benefits advice", organization__name="Citizens Advice")
    contact = log_contact(
        actor=officer,
        channel=Channel.FACE_TO_FACE,
        place="westgate-library",
        outcome=Outcome.RESOLVED,
        signposted_service=entry,
    )
    contact.refresh_from_db()
    assert contact.outcome == Outcome.RESOLVED
    assert contact.is_signposted
    assert contact.signposted_service == entry
    assert contact.signposted_to == "Benefits advice (Citizens Advice)"


def test_a_contact_that_opened_a_case_keeps_its_signposting(officer):
    contact = log_contact(
        actor=officer,
        channel=Channel.PHONE,
        outcome=Outcome.CASE_OPENED,
        case=CaseFactory(),
        signposted_to="Age UK Oxfordshire",
    )
    assert contact.signposted_to == "Age UK Oxfordshire"


def test_a_resolved_and_signposted_contact_counts_once_towards_first_contact_resolution(officer):
    log_contact(
        actor=officer,
        channel=Channel.PHONE,
        outcome=Outcome.RESOLVED,
        signposted_to="Citizens Advice Oxfordshire",
    )
    fcr = first_contact_resolution(**PERIOD)
    assert (fcr.contacts, fcr.resolved) == (1, 1)
