"""Residents' own inclusion settings: contact preferences with an accessible format, an
interpreter language and the time they agreed to texts; and cases sent without an account joining
it once the resident proves the email by a sign-in link, never before."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.core import signing
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from opencex.accounts import sign_in_links
from opencex.accounts.models import Role, SignInLink
from opencex.cases.actions.joining import join_cases_to_account
from opencex.cases.models import EventKind
from opencex.retention.anonymising import anonymise_resident
from opencex.retention.models import Because
from tests.factories import CaseFactory, ResidentFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _forget_rate_limits():
    cache.clear()
    yield
    cache.clear()


# ---- contact preferences ---------------------------------------------------------------------
@pytest.fixture
def resident(client):
    user = UserFactory(role=Role.RESIDENT, email="ann@example.org")
    resident = ResidentFactory(user=user, email="ann@example.org", phone="")
    client.force_login(user)
    return resident


def save(client, **changes):
    data = {
        "preferred_channel": "email",
        "consents": ["email"],
        "phone": "",
        "preferred_language": "en",
        "accessible_format": "",
        "interpreter_language": "",
    }
    return client.post(reverse("web:preferences"), {**data, **changes})


def test_the_page_names_languages_in_their_own_language(client, resident):
    page = client.get(reverse("web:preferences")).text
    assert "Polski" in page
    assert "العربية" in page
    assert '<option value="pl" lang="pl">Polski</option>' in page
    assert "British Sign Language (BSL)" in page


def test_a_format_and_an_interpreter_are_saved_and_shown_to_officers(client, resident):
    response = save(client, accessible_format="large_print", interpreter_language="pl")
    assert response.status_code == 302
    resident.refresh_from_db()
    assert (resident.accessible_format, resident.interpreter_language) == ("large_print", "pl")
    assert resident.needs_interpreter

    client.force_login(UserFactory(role=Role.CONTACT_CENTRE))
    page = client.get(reverse("staff:resident", args=[resident.pk])).text
    assert "Large print" in page
    assert "needs an interpreter (Polski)" in page


def test_agreeing_to_texts_is_kept_with_its_time(client, resident):
    with time_machine.travel(dt.datetime(2027, 2, 3, 9, 30, tzinfo=dt.UTC), tick=False):
        client.force_login(resident.user)
        save(client, preferred_channel="sms", consents=["sms"], phone="07700 900123")
    resident.refresh_from_db()
    assert resident.sms_consent_at == dt.datetime(2027, 2, 3, 9, 30, tzinfo=dt.UTC)

    save(client)  # back to email only: the consent is gone, and its time with it
    resident.refresh_from_db()
    assert resident.sms_consent_at is None


def test_a_phone_number_that_is_not_one_is_refused_with_an_error_summary(client, resident):
    response = save(client, consents=["email", "sms"], phone="call me")
    assert response.status_code == 200
    assert "There is a problem" in response.text
    assert 'href="#id_phone"' in response.text


def test_a_format_not_on_the_list_is_refused_with_an_error_summary(client, resident):
    response = save(client, accessible_format="smoke signals")
    assert "Select a format from the list" in response.text
    assert 'href="#id_accessible_format"' in response.text


# ---- cases sent without an account -----------------------------------------------------------
def sign_in_by_link(client, email: str):
    sign_in_links.request_sign_in_link(email=email, ip_address="127.0.0.1")
    link = SignInLink.objects.filter(email=email, used_at__isnull=True).get()
    raw = f"known-token-{link.pk}"
    SignInLink.objects.filter(pk=link.pk).update(token_hash=sign_in_links._hash(raw))
    token = signing.TimestampSigner(salt=sign_in_links._SALT).sign(raw)
    return client.post(reverse("web:sign-in-link", kwargs={"token": token}))


def test_cases_sent_without_an_account_join_it_once_the_email_is_proven(client):
    sent = CaseFactory(contact_email="Ann@Example.org", resident=None)
    someone_elses = CaseFactory(contact_email="bob@example.org", resident=None)
    already_held = CaseFactory(contact_email="ann@example.org", resident=ResidentFactory())

    sign_in_by_link(client, "ann@example.org")

    sent.refresh_from_db()
    someone_elses.refresh_from_db()
    already_held.refresh_from_db()
    assert sent.resident.user.email == "ann@example.org"
    assert someone_elses.resident is None
    assert already_held.resident.user is None
    note = sent.events.get(kind=EventKind.NOTE)
    assert "proved the email by a sign-in link" in note.summary
    page = client.get(reverse("web:your-requests")).text
    assert sent.reference in page


def test_an_email_typed_on_a_resident_record_joins_nothing_without_a_sign_in(client):
    case = CaseFactory(contact_email="ann@example.org", resident=None)
    ResidentFactory(email="ann@example.org")  # written by an officer: not proof
    case.refresh_from_db()
    assert case.resident is None


def test_an_address_the_resident_has_not_proven_joins_nothing():
    user = UserFactory(role=Role.RESIDENT, email="ann@example.org")
    ResidentFactory(user=user, email="ann@example.org")
    case = CaseFactory(contact_email="bob@example.org", resident=None)
    with pytest.raises(PermissionDenied):
        join_cases_to_account(actor=user, proven_email="bob@example.org")
    case.refresh_from_db()
    assert case.resident is None


def test_anonymising_a_resident_blanks_their_interpreter_format_and_text_consent_time():
    resident = ResidentFactory(
        interpreter_language="pl",
        accessible_format="braille",
        consents_to_sms=True,
        sms_consent_at=dt.datetime(2027, 1, 1, tzinfo=dt.UTC),
    )
    anonymise_resident(resident, because=Because.SCHEDULE)
    resident.refresh_from_db()
    assert (resident.interpreter_language, resident.accessible_format) == ("", "")
    assert resident.sms_consent_at is None
