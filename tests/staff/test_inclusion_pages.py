"""The staff side of inclusion: the vulnerable residents line's triage script walked while
logging a call, its outcome kept and shown on the resident's page; and the support-need pages on
the resident's single view (record with an error summary, review, remove), the reviews-due list
and its count on the staff home."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from opencex.accounts.models import Role
from opencex.contacts import triage
from opencex.contacts.models import Contact
from opencex.people.models import AccessKind, SensitiveAccess, SensitiveInformation
from opencex.people.services import record_support_need
from tests.factories import ResidentFactory, TeamFactory, UserFactory

pytestmark = pytest.mark.django_db

TODAY = dt.date(2027, 3, 1)


@pytest.fixture(autouse=True)
def pinned():
    with time_machine.travel(dt.datetime(2027, 3, 1, 10, 0, tzinfo=dt.UTC), tick=False):
        yield


@pytest.fixture
def resident():
    return ResidentFactory(full_name="Maria Kowalska")


# ---- the triage script -----------------------------------------------------------------------
def all_no(**yes) -> dict[str, str]:
    answers = {f"triage_{question.id}": "no" for question in triage.questions()}
    answers.update({f"triage_{qid}": "yes" for qid in yes})
    return answers


def log_call(client, resident, **answers):
    return client.post(
        reverse("staff:log-contact", args=[resident.pk]),
        {
            "channel": "phone",
            "phone_line": "vulnerable-residents-line",
            "outcome": "resolved_at_first_contact",
            "action": "log",
            **answers,
        },
    )


def test_the_script_is_on_the_contact_page_with_what_to_do_on_a_yes(client, resident):
    client.force_login(UserFactory(role=Role.CONTACT_CENTRE))
    page = client.get(reverse("staff:log-contact", args=[resident.pk])).text
    assert "Is anyone in immediate danger" in page
    assert "call 999" in page


def test_the_most_urgent_yes_is_the_outcome_and_the_residents_page_shows_it(client, resident):
    client.force_login(UserFactory(role=Role.CONTACT_CENTRE))
    response = log_call(client, resident, **all_no(money_for_essentials=True, no_essentials=True))
    assert response.status_code == 302
    contact = Contact.objects.get()
    assert contact.triage_outcome == triage.TriageOutcome.PRIORITY_CASE
    assert contact.triage_answers["no_essentials"] is True
    page = client.get(reverse("staff:resident", args=[resident.pk])).text
    assert "Triage: Priority case" in page


def test_a_health_or_care_need_leads_on_to_recording_it(client, resident):
    client.force_login(UserFactory(role=Role.CONTACT_CENTRE))
    response = log_call(client, resident, **all_no(health_or_care=True))
    contact = Contact.objects.get()
    record_page = reverse("staff:record-support-need", args=[resident.pk])
    assert response.url == f"{record_page}?contact={contact.pk}"
    assert contact.triage_outcome == triage.TriageOutcome.SUPPORT_NEED_TO_RECORD
    assert str(contact.get_triage_outcome_display()) == "Support need to record, with consent"


def test_a_more_urgent_outcome_still_leads_on_to_recording_the_support_need(client, resident):
    client.force_login(UserFactory(role=Role.CONTACT_CENTRE))
    response = log_call(client, resident, **all_no(no_essentials=True, health_or_care=True))
    contact = Contact.objects.get()
    assert contact.triage_outcome == triage.TriageOutcome.PRIORITY_CASE
    assert response.url.startswith(reverse("staff:record-support-need", args=[resident.pk]))


def test_the_call_says_recorded_only_once_the_support_need_is_recorded(client, resident):
    client.force_login(UserFactory(role=Role.CONTACT_CENTRE))
    record_page = log_call(client, resident, **all_no(health_or_care=True)).url
    contact = Contact.objects.get()
    assert f'name="contact" value="{contact.pk}"' in client.get(record_page).text
    refused = client.post(record_page, {"contact": contact.pk, "category": "disability"})
    assert refused.status_code == 400
    contact.refresh_from_db()
    assert contact.triage_outcome == triage.TriageOutcome.SUPPORT_NEED_TO_RECORD
    client.post(
        record_page,
        {
            "contact": contact.pk,
            "category": "disability",
            "details": "Uses a wheelchair: ground-floor appointments",
            "purpose": "To arrange visits she can get to",
            "consent_given": "yes",
            "consent_how": "spoken",
            "basis": "consent",
            "review_on-day": "1",
            "review_on-month": "9",
            "review_on-year": "2027",
        },
    )
    assert SensitiveInformation.objects.filter(resident=resident).exists()
    contact.refresh_from_db()
    assert contact.triage_outcome == triage.TriageOutcome.SUPPORT_NEED_RECORDED


def test_danger_to_life_is_signposted_to_999(client, resident):
    client.force_login(UserFactory(role=Role.CONTACT_CENTRE))
    log_call(client, resident, **all_no(immediate_danger=True, safeguarding=True))
    assert Contact.objects.get().triage_outcome == triage.TriageOutcome.EMERGENCY_SIGNPOSTED


def test_all_no_is_no_urgent_need_and_no_answers_is_no_triage(client, resident):
    client.force_login(UserFactory(role=Role.CONTACT_CENTRE))
    log_call(client, resident, **all_no())
    log_call(client, resident)
    outcomes = sorted(Contact.objects.values_list("triage_outcome", flat=True))
    assert outcomes == ["", triage.TriageOutcome.NO_URGENT_NEED]


def test_a_script_half_answered_is_refused_with_an_error_summary(client, resident):
    client.force_login(UserFactory(role=Role.CONTACT_CENTRE))
    response = log_call(client, resident, triage_immediate_danger="no")
    assert response.status_code == 200
    assert "Answer every triage question, or none of them" in response.text
    assert 'href="#id_triage_safeguarding"' in response.text
    assert not Contact.objects.exists()


def test_no_question_asks_for_a_condition_or_diagnosis():
    for question in triage.questions():
        words = question.ask.lower()
        assert question.ask.endswith("?")
        assert not any(word in words for word in ("diagnos", "condition", "what is", "which"))


# ---- support needs on the single view --------------------------------------------------------
@pytest.fixture
def caseworker():
    officer = UserFactory(role=Role.CASEWORKER, full_name="Cara Caseworker")
    TeamFactory(name="Housing").members.add(officer)
    return officer


def record_form(**changes) -> dict[str, str]:
    return {
        "category": "disability",
        "details": "Uses a wheelchair: ground-floor appointments.",
        "purpose": "To arrange visits she can get to",
        "consent_given": "yes",
        "consent_how": "spoken",
        "basis": "consent",
        "basis_condition": "",
        "basis_reason": "",
        "review_on-day": "1",
        "review_on-month": "9",
        "review_on-year": "2027",
        **changes,
    }


def test_an_officer_records_a_support_need_from_the_residents_page(client, resident, caseworker):
    client.force_login(caseworker)
    page = client.get(reverse("staff:resident", args=[resident.pk])).text
    assert reverse("staff:record-support-need", args=[resident.pk]) in page
    team = caseworker.teams.get()
    response = client.post(
        reverse("staff:record-support-need", args=[resident.pk]), record_form(team=team.pk)
    )
    assert response.status_code == 302
    page = client.get(reverse("staff:resident", args=[resident.pk])).text
    assert "Uses a wheelchair" in page
    assert "Review or remove" in page


def test_recording_without_consent_and_without_a_reason_shows_an_error_summary(
    client, resident, caseworker
):
    client.force_login(caseworker)
    response = client.post(
        reverse("staff:record-support-need", args=[resident.pk]),
        record_form(consent_given="no"),
    )
    assert response.status_code == 400
    assert "There is a problem" in response.text
    assert 'href="#id_basis"' in response.text
    assert 'href="#id_basis_reason"' in response.text
    assert not SensitiveAccess.objects.exists()


def support_need(caseworker, resident, review_on=TODAY + dt.timedelta(days=5)):
    return record_support_need(
        actor=caseworker,
        resident=resident,
        category="disability",
        details="Uses a wheelchair: ground-floor appointments.",
        purpose="To arrange visits",
        basis="consent",
        consent_given=True,
        consent_how="spoken",
        review_on=review_on,
        team=caseworker.teams.get(),
    )


def test_the_review_comes_to_the_team_listed_and_counted_on_the_home(client, resident, caseworker):
    entry = support_need(caseworker, resident)
    client.force_login(caseworker)
    assert "1 support need due for review" in client.get(reverse("staff:home")).text
    listed = client.get(reverse("staff:support-reviews-due")).text
    assert reverse("staff:review-support-need", args=[resident.pk, entry.pk]) in listed
    assert "wheelchair" not in listed


def test_an_overdue_review_is_flagged_and_still_raises_priority(client, resident, caseworker):
    support_need(caseworker, resident)
    with time_machine.travel(dt.datetime(2027, 4, 1, 10, 0, tzinfo=dt.UTC), tick=False):
        client.force_login(caseworker)
        listed = client.get(reverse("staff:support-reviews-due")).text
        assert "Review overdue" in listed
    resident.refresh_from_db()
    assert resident.is_priority


def test_reviewing_keeps_it_with_a_note_and_a_new_date(client, resident, caseworker):
    entry = support_need(caseworker, resident)
    client.force_login(caseworker)
    url = reverse("staff:review-support-need", args=[resident.pk, entry.pk])
    response = client.post(
        url,
        {
            "note": "Checked by phone",
            "review_on-day": "1",
            "review_on-month": "12",
            "review_on-year": "2027",
        },
    )
    assert response.status_code == 302
    assert SensitiveAccess.objects.filter(kind=AccessKind.REVIEWED).exists()


def test_removing_erases_the_details_and_the_log_keeps_the_fact(client, resident, caseworker):
    entry = support_need(caseworker, resident)
    client.force_login(caseworker)
    url = reverse("staff:remove-support-need", args=[resident.pk, entry.pk])
    assert client.post(url, {"reason": ""}).status_code == 400
    assert client.post(url, {"reason": "No longer needed"}).status_code == 302
    removal = SensitiveAccess.objects.get(kind=AccessKind.REMOVED)
    assert removal.purpose == "No longer needed"
    assert SensitiveInformation.objects.get().details == ""


def test_an_officer_without_a_need_to_know_cannot_open_the_review(client, resident, caseworker):
    entry = support_need(caseworker, resident)
    stranger = UserFactory(role=Role.CASEWORKER)
    TeamFactory(name="Waste").members.add(stranger)
    client.force_login(stranger)
    url = reverse("staff:review-support-need", args=[resident.pk, entry.pk])
    assert client.get(url).status_code == 403


def test_a_review_date_that_is_not_real_is_named_and_linked_to_its_day_box(
    client, resident, caseworker
):
    entry = support_need(caseworker, resident)
    client.force_login(caseworker)
    url = reverse("staff:review-support-need", args=[resident.pk, entry.pk])
    response = client.post(
        url,
        {
            "note": "Checked by phone",
            "review_on-day": "31",
            "review_on-month": "2",
            "review_on-year": "2027",
        },
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert 'class="govuk-error-summary' in page
    assert '<a href="#review_on-day">Enter a real date' in page
    assert 'id="review_on-day" name="review_on-day"' in page
    assert 'value="31"' in page  # what the officer typed is kept
