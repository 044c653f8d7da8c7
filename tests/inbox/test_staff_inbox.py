"""The staff screen for held and unread emails: who gets in, what the list and an email's page
show (plain text, never the email's HTML), and each decision posted from the page, with the GOV.UK
error summary for what the officer must correct."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils.html import escape

from opencex.accounts.models import Role
from opencex.cases.models import Case, CaseEvent, CaseKind, EventKind
from opencex.inbox.models import InboundStatus, OfficerAction
from opencex.inbox.services import set_aside_as_not_a_request
from tests.factories import TeamFactory, UserFactory
from tests.inbox.held import (
    CUSTOMER_SERVICES_MAILBOX,
    SAR_MAILBOX,
    council_teams,
    email_case,
    failed_email,
    held_email,
    held_reply,
    with_a_broken_mailbox,  # noqa: F401 - a fixture
)
from tests.inbox.mail import PDF

pytestmark = pytest.mark.django_db

LONDON = ZoneInfo("Europe/London")
LIST = reverse("staff:inbox")


def page_of(email) -> str:
    return reverse("staff:inbox-email", args=[email.pk])


def decision(email, action: str) -> str:
    return reverse("staff:inbox-decision", args=[email.pk, action])


@pytest.fixture
def teams():
    return council_teams()


@pytest.fixture
def governance(client, teams):
    officer = UserFactory(role=Role.INFORMATION_GOVERNANCE, teams=[teams["information-governance"]])
    client.force_login(officer)
    return officer


def _error_summary(response) -> str:
    page = response.content.decode()
    start = page.find('class="govuk-error-summary"')
    assert start >= 0, "no error summary on the page"
    return page[start : page.find("</div>\n</div>", start)]


# --- Who gets in --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("role", "status"),
    [
        (Role.INFORMATION_GOVERNANCE, 200),
        (Role.ADMINISTRATOR, 200),
        (Role.TEAM_MANAGER, 200),
        (Role.CONTACT_CENTRE, 200),  # in customer services, which gets customerservices@
        (Role.CASEWORKER, 403),
        (Role.RESIDENT, 403),
        (Role.PARTNER, 403),
    ],
)
def test_each_role_gets_the_list_or_is_refused(client, teams, role, status):
    client.force_login(UserFactory(role=role, teams=[teams["customer-services"]]))

    assert client.get(LIST).status_code == status


def test_a_contact_centre_officer_outside_the_mailboxes_teams_is_refused(client, teams):
    client.force_login(UserFactory(role=Role.CONTACT_CENTRE, teams=[TeamFactory(slug="waste")]))

    assert client.get(LIST).status_code == 403


def test_anonymous_visitors_are_sent_to_sign_in(client):
    email = held_email()

    for url in (LIST, page_of(email)):
        response = client.get(url)
        assert response.status_code == 302
        assert response.url.startswith(reverse("staff:sign-in"))


def test_a_caseworker_is_refused_an_emails_page_and_its_decisions(client, teams):
    email = held_email()
    client.force_login(UserFactory(role=Role.CASEWORKER, teams=[teams["information-governance"]]))

    assert client.get(page_of(email)).status_code == 403
    response = client.post(decision(email, "not-a-request"), {"aside-reason": "Spam"})
    assert response.status_code == 403


def test_an_email_the_officer_may_not_see_is_not_found(client, teams):
    email = held_email(mailbox=SAR_MAILBOX, sender="")
    client.force_login(UserFactory(role=Role.TEAM_MANAGER, teams=[teams["customer-services"]]))

    assert client.get(page_of(email)).status_code == 404
    response = client.post(decision(email, "not-a-request"), {"aside-reason": "Spam"})
    assert response.status_code == 404
    email.refresh_from_db()
    assert email.status == InboundStatus.HELD


def test_an_email_that_does_not_exist_is_not_found(client, governance):
    assert client.get(reverse("staff:inbox-email", args=[999])).status_code == 404


def test_an_unknown_decision_is_not_found(client, governance):
    assert client.post(decision(held_email(), "delete"), {}).status_code == 404


# --- The list -----------------------------------------------------------------------------------


@pytest.mark.usefixtures("with_a_broken_mailbox")
def test_the_list_shows_held_and_unread_emails_newest_first(client, governance):
    held_email(subject="Older request", received_at=dt.datetime(2025, 8, 14, 9, tzinfo=LONDON))
    failed_email(subject="Unreadable request")
    held_email(subject="Newer request", received_at=dt.datetime(2025, 8, 15, 9, tzinfo=LONDON))

    page = client.get(LIST).content.decode()

    positions = [page.find(s) for s in ("Unreadable request", "Newer request", "Older request")]
    assert -1 not in positions
    assert positions == sorted(positions)
    assert "old-foi@oxford.gov.uk, which the council profile does not list" in page
    assert "Could not be read" in page


def test_the_list_leaves_out_emails_dealt_with_until_asked(client, governance):
    email = held_email(subject="Cheap watches")
    set_aside_as_not_a_request(actor=governance, email=email, reason="Spam")

    assert "Cheap watches" not in client.get(LIST).content.decode()
    assert "Cheap watches" in client.get(LIST, {"show": "dealt-with"}).content.decode()


# --- An email's page ----------------------------------------------------------------------------


def test_an_emails_page_shows_its_text_escaped_never_as_html(client, governance):
    email = held_email(text='Dear council,\n<script>alert("hi")</script><b>bold</b>')

    page = client.get(page_of(email)).content.decode()

    assert "&lt;script&gt;alert(&quot;hi&quot;)&lt;/script&gt;&lt;b&gt;bold&lt;/b&gt;" in page
    assert '<script>alert("hi")' not in page


def test_an_html_only_email_is_shown_as_its_words(client, governance):
    email = held_email(
        text=None, html='<p>Please see <a href="https://phish.example">this link</a>.</p>'
    )

    page = client.get(page_of(email)).content.decode()

    assert "Please see this link." in page
    assert "phish.example" not in page


def test_an_emails_page_lists_its_files_by_name(client, governance):
    email = held_email(files=(("site-plan.pdf", PDF, "application/pdf"),))

    page = client.get(page_of(email)).content.decode()

    assert "site-plan.pdf" in page


def test_a_held_reply_offers_the_case_it_looks_like_part_of(client, governance):
    case = email_case()
    email = held_reply(case)

    page = client.get(page_of(email)).content.decode()

    assert f'value="{case.reference}"' in page
    assert "not from the address on the case" in page


@pytest.mark.usefixtures("with_a_broken_mailbox")
def test_only_an_email_that_could_not_be_read_offers_try_again(client, governance):
    assert "Try again" not in client.get(page_of(held_email())).content.decode()
    assert "Try again" in client.get(page_of(failed_email())).content.decode()


def test_an_email_dealt_with_shows_who_decided_and_offers_nothing_more(client, governance):
    email = held_email()
    set_aside_as_not_a_request(actor=governance, email=email, reason="Sent to us by mistake")

    page = client.get(page_of(email)).content.decode()

    assert escape(governance.full_name) in page
    assert "Sent to us by mistake" in page
    assert "What is this email?" not in page


# --- Decisions ----------------------------------------------------------------------------------


def test_adding_an_email_to_a_case_by_its_reference(client, governance):
    case = email_case()
    email = held_reply(case)

    response = client.post(
        decision(email, "add-to-case"), {"add-reference": case.reference.lower()}
    )

    assert response.status_code == 302
    assert response.url == LIST
    assert CaseEvent.objects.filter(case=case, kind=EventKind.MESSAGE_IN).count() == 1


def test_a_double_click_on_add_adds_the_message_once(client, governance):
    case = email_case()
    email = held_reply(case)

    for _ in range(2):
        client.post(decision(email, "add-to-case"), {"add-reference": case.reference})

    assert CaseEvent.objects.filter(case=case, kind=EventKind.MESSAGE_IN).count() == 1


def test_a_missing_reference_is_shown_in_the_error_summary(client, governance):
    email = held_email()

    response = client.post(decision(email, "add-to-case"), {"add-reference": "FOI-ZZZZ-ZZZZ"})

    assert response.status_code == 200
    summary = _error_summary(response)
    assert "There is no case with the reference FOI-ZZZZ-ZZZZ" in summary
    assert 'href="#add-reference"' in summary
    assert "<title>Error:" in response.content.decode()


def test_a_case_the_officer_may_not_see_gets_the_same_answer_as_a_missing_one(client, teams):
    hidden = email_case(kind=CaseKind.SERVICE_REQUEST, team=TeamFactory(slug="waste"))
    email = held_email()
    client.force_login(UserFactory(role=Role.TEAM_MANAGER, teams=[teams["customer-services"]]))

    response = client.post(decision(email, "add-to-case"), {"add-reference": hidden.reference})

    assert f"There is no case with the reference {hidden.reference}" in _error_summary(response)
    assert not CaseEvent.objects.filter(case=hidden, kind=EventKind.MESSAGE_IN).exists()


def test_an_empty_reference_asks_for_one(client, governance):
    response = client.post(decision(held_email(), "add-to-case"), {"add-reference": ""})

    assert "Enter the reference of the case to add the email to" in _error_summary(response)


def test_opening_a_case_from_an_email_dates_it_by_the_emails_arrival(client, governance):
    email = held_email(received_at=dt.datetime(2025, 8, 15, 16, 40, tzinfo=LONDON))  # Friday

    response = client.post(decision(email, "open-case"), {"open-kind": CaseKind.FOI})

    assert response.status_code == 302
    case = Case.objects.get()
    assert (case.kind, case.received_on, case.due_on) == (
        CaseKind.FOI,
        dt.date(2025, 8, 15),
        dt.date(2025, 9, 15),
    )
    assert case.reference in client.get(response.url).content.decode()  # the success banner


def test_a_double_click_on_open_opens_one_case(client, governance):
    email = held_email()

    for _ in range(2):
        client.post(decision(email, "open-case"), {"open-kind": CaseKind.FOI})

    assert Case.objects.count() == 1


def test_opening_a_case_without_choosing_its_kind_is_shown_in_the_error_summary(client, governance):
    response = client.post(decision(held_email(), "open-case"), {})

    summary = _error_summary(response)
    assert "Select the kind of case to open" in summary
    assert 'href="#open-kind"' in summary
    assert not Case.objects.exists()


def test_a_team_manager_is_not_offered_subject_access_requests(client, teams):
    client.force_login(UserFactory(role=Role.TEAM_MANAGER, teams=[teams["customer-services"]]))
    email = held_email()

    page = client.get(page_of(email)).content.decode()
    refused = client.post(decision(email, "open-case"), {"open-kind": CaseKind.SAR})

    assert 'value="foi"' in page
    assert 'value="sar"' not in page
    assert "Select the kind of case to open" in _error_summary(refused)
    assert not Case.objects.exists()


def test_setting_an_email_aside_without_a_reason_is_shown_in_the_error_summary(client, governance):
    response = client.post(decision(held_email(), "not-a-request"), {"aside-reason": ""})

    assert "Say why this email is not a request" in _error_summary(response)


def test_setting_an_email_aside_from_its_page(client, governance):
    email = held_email()

    response = client.post(decision(email, "not-a-request"), {"aside-reason": "Spam"})

    assert response.status_code == 302
    email.refresh_from_db()
    assert email.status == InboundStatus.NOT_A_REQUEST


@pytest.mark.usefixtures("with_a_broken_mailbox")
def test_trying_again_from_the_page_queues_the_email(client, governance):
    email = failed_email()

    response = client.post(decision(email, "read-again"), {})

    assert response.status_code == 302
    email.refresh_from_db()
    assert email.status == InboundStatus.RECEIVED


def test_trying_again_on_a_held_email_is_explained_in_the_error_summary(client, governance):
    response = client.post(decision(held_email(), "read-again"), {})

    summary = _error_summary(response)
    assert "Only an email that could not be read can be read again" in summary
    assert 'href="#read-again-button"' in summary
    assert not OfficerAction.objects.exists()


def test_a_decision_on_an_email_already_dealt_with_is_explained(client, governance):
    email = held_email()
    set_aside_as_not_a_request(actor=governance, email=email, reason="Spam")

    response = client.post(decision(email, "open-case"), {"open-kind": CaseKind.FOI})

    assert "already been dealt with" in _error_summary(response)
    assert not Case.objects.exists()


def test_a_contact_centre_officer_opens_an_enquiry_from_their_mailbox(client, teams):
    client.force_login(UserFactory(role=Role.CONTACT_CENTRE, teams=[teams["customer-services"]]))
    email = held_email(mailbox=CUSTOMER_SERVICES_MAILBOX, sender="")

    response = client.post(decision(email, "open-case"), {"open-kind": CaseKind.ENQUIRY})

    assert response.status_code == 302
    assert Case.objects.get().kind == CaseKind.ENQUIRY
