"""What an officer decides for an email held for them or that could not be read: added to a case,
a case opened (dated by the email's arrival), read again, or set aside; each recorded with who
and when, each safe to repeat, and each refused to officers who may not make it."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import PermissionDenied
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from opencex.accounts.models import Role
from opencex.cases.models import Attachment, Case, CaseEvent, CaseKind, Channel, EventKind
from opencex.inbox import policies
from opencex.inbox.models import InboundEmail, InboundStatus, OfficerAction, OfficerActionKind
from opencex.inbox.parsing import read_email
from opencex.inbox.reading import open_case_from_email
from opencex.inbox.services import (
    InboxError,
    add_to_case,
    open_case_from,
    read_again,
    set_aside_as_not_a_request,
)
from opencex.notify.models import Notification
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
from tests.inbox.mail import EXE, PDF

pytestmark = pytest.mark.django_db

LONDON = ZoneInfo("Europe/London")


@pytest.fixture
def teams():
    return council_teams()


@pytest.fixture
def governance(teams):
    return UserFactory(role=Role.INFORMATION_GOVERNANCE, teams=[teams["information-governance"]])


# --- Add to a case --------------------------------------------------------------------------


def test_an_email_added_to_a_case_is_a_message_saying_who_sent_it(governance):
    case = email_case()
    email = held_reply(case, text="I am Priya's solicitor; please reply to me.")

    add_to_case(actor=governance, email=email, case=case)

    message = CaseEvent.objects.get(case=case, kind=EventKind.MESSAGE_IN)
    assert message.body.startswith("From: sam@elsewhere.example\n")
    assert "I am Priya's solicitor; please reply to me." in message.body
    assert (message.actor, message.data["channel"]) == (governance, Channel.EMAIL)


def test_an_email_added_to_a_case_records_who_added_it_and_when(governance):
    case = email_case()
    email = held_reply(case)

    add_to_case(actor=governance, email=email, case=case)

    email.refresh_from_db()
    assert (email.status, email.case) == (InboundStatus.ADDED_TO_CASE, case)
    action = OfficerAction.objects.get(email=email)
    assert (action.kind, action.actor, action.case) == (
        OfficerActionKind.ADDED_TO_CASE,
        governance,
        case,
    )
    assert action.at is not None


def test_an_email_added_to_a_case_brings_its_files_and_notes_a_refused_one(governance):
    case = email_case()
    email = held_reply(
        case,
        files=(("letter.pdf", PDF, "application/pdf"), ("run-me.exe", EXE, "application/x-foo")),
    )

    add_to_case(actor=governance, email=email, case=case)

    assert [a.original_name for a in Attachment.objects.filter(case=case)] == ["letter.pdf"]
    refused = CaseEvent.objects.get(case=case, kind=EventKind.NOTE)
    assert "run-me.exe" in refused.summary


def test_adding_an_email_twice_adds_one_message(governance):
    case = email_case()
    email = held_reply(case)

    add_to_case(actor=governance, email=email, case=case)
    add_to_case(actor=governance, email=email, case=case)

    assert CaseEvent.objects.filter(case=case, kind=EventKind.MESSAGE_IN).count() == 1
    assert OfficerAction.objects.filter(email=email).count() == 1


def test_an_email_added_to_one_case_cannot_then_be_added_to_another(governance):
    case, other = email_case(), email_case()
    email = held_reply(case)
    add_to_case(actor=governance, email=email, case=case)

    with pytest.raises(InboxError, match="already been dealt with"):
        add_to_case(actor=governance, email=email, case=other)


def test_an_officer_cannot_add_an_email_to_a_case_they_may_not_see(teams):
    manager = UserFactory(role=Role.TEAM_MANAGER, teams=[teams["customer-services"]])
    email = held_email()
    foi = email_case(team=teams["information-governance"])

    with pytest.raises(PermissionDenied):
        add_to_case(actor=manager, email=email, case=foi)
    assert not CaseEvent.objects.filter(case=foi, kind=EventKind.MESSAGE_IN).exists()


# --- Open a case ----------------------------------------------------------------------------


def test_a_case_opened_from_an_email_counts_from_the_day_the_email_arrived(governance):
    # Arrived on Friday 15 August 2025, to a mailbox the profile no longer lists; the officer
    # opens the case days later. Day 1 is Monday 18 August; 25 August (England) is skipped.
    email = held_email(received_at=dt.datetime(2025, 8, 15, 16, 40, tzinfo=LONDON))

    case = open_case_from(actor=governance, email=email, kind=CaseKind.FOI)

    assert case.received_on == dt.date(2025, 8, 15)
    assert case.due_on == dt.date(2025, 9, 15)


def test_a_case_opened_from_an_email_is_from_its_sender_on_the_email_channel(governance):
    email = held_email(sender="Priya Shah <Priya@Example.org>", subject="Re: Fwd: Tree survey")

    case = open_case_from(actor=governance, email=email, kind=CaseKind.EIR)

    assert (case.kind, case.channel, case.created_by) == (CaseKind.EIR, Channel.EMAIL, governance)
    assert (case.contact_name, case.contact_email) == ("Priya Shah", "priya@example.org")
    assert case.subject == "Tree survey"
    assert Notification.objects.filter(case=case, template="case_received").exists()
    email.refresh_from_db()
    assert (email.status, email.case) == (InboundStatus.CASE_OPENED, case)
    assert OfficerAction.objects.get(email=email).kind == OfficerActionKind.CASE_OPENED


def test_opening_a_case_from_an_email_twice_opens_one_case(governance):
    email = held_email()

    first = open_case_from(actor=governance, email=email, kind=CaseKind.FOI)
    second = open_case_from(actor=governance, email=email, kind=CaseKind.FOI)

    assert first == second
    assert Case.objects.count() == 1
    assert OfficerAction.objects.filter(email=email).count() == 1


def test_an_email_that_opened_a_case_cannot_open_one_of_another_kind(governance):
    email = held_email()
    open_case_from(actor=governance, email=email, kind=CaseKind.FOI)

    with pytest.raises(InboxError, match="already opened"):
        open_case_from(actor=governance, email=email, kind=CaseKind.COMPLAINT)
    assert Case.objects.count() == 1


def test_an_email_whose_case_was_opened_meanwhile_does_not_open_a_second(governance, teams):
    # As if the email's reading had opened its case while the officer was deciding.
    email = held_email()
    read = read_email(bytes(email.raw))
    open_case_from_email(email, read, actor=governance, kind=CaseKind.FOI)
    colleague = UserFactory(role=Role.INFORMATION_GOVERNANCE)

    with pytest.raises(InboxError):
        open_case_from(actor=colleague, email=email, kind=CaseKind.FOI)
    assert Case.objects.count() == 1


def test_an_email_with_no_sender_opens_a_case_with_no_address_to_reply_to(governance):
    email = held_email(mailbox=CUSTOMER_SERVICES_MAILBOX, sender="")

    case = open_case_from(actor=governance, email=email, kind=CaseKind.ENQUIRY)

    assert (case.contact_name, case.contact_email) == ("Unknown sender", "")


@pytest.mark.usefixtures("with_a_broken_mailbox")
def test_an_officer_opens_a_case_from_an_email_that_could_not_be_read(governance):
    email = failed_email()

    case = open_case_from(actor=governance, email=email, kind=CaseKind.FOI)

    assert case.description == "How many parking fines did the council issue in 2024?"


def test_a_team_manager_cannot_open_a_subject_access_request_from_an_email(teams):
    manager = UserFactory(role=Role.TEAM_MANAGER, teams=[teams["customer-services"]])
    email = held_email()

    with pytest.raises(PermissionDenied):
        open_case_from(actor=manager, email=email, kind=CaseKind.SAR)
    assert not Case.objects.exists()


def test_no_one_opens_an_internal_review_from_an_email_alone(governance):
    with pytest.raises(PermissionDenied):
        open_case_from(actor=governance, email=held_email(), kind=CaseKind.FOI_INTERNAL_REVIEW)


# --- Try again --------------------------------------------------------------------------------


@pytest.mark.usefixtures("with_a_broken_mailbox")
def test_an_email_that_could_not_be_read_is_queued_to_be_read_again(governance):
    email = failed_email()
    DBTaskResult.objects.all().delete()

    read_again(actor=governance, email=email)

    email.refresh_from_db()
    assert email.status == InboundStatus.RECEIVED
    job = DBTaskResult.objects.get(status=TaskResultStatus.READY)
    assert job.args_kwargs == {"args": [email.pk], "kwargs": {}}
    assert OfficerAction.objects.get(email=email).kind == OfficerActionKind.READ_AGAIN


@pytest.mark.usefixtures("with_a_broken_mailbox")
def test_trying_again_twice_queues_one_reading(governance):
    email = failed_email()
    DBTaskResult.objects.all().delete()

    read_again(actor=governance, email=email)
    read_again(actor=governance, email=email)

    assert DBTaskResult.objects.count() == 1
    assert OfficerAction.objects.filter(email=email).count() == 1


def test_a_held_email_is_not_read_again_as_it_would_only_be_held_again(governance):
    with pytest.raises(InboxError, match="could not be read"):
        read_again(actor=governance, email=held_email())


# --- Not a request ----------------------------------------------------------------------------


def test_an_email_set_aside_as_not_a_request_is_kept_with_the_reason(governance):
    email = held_email(subject="Cheap watches")
    raw = bytes(email.raw)

    set_aside_as_not_a_request(actor=governance, email=email, reason="Spam")

    email = InboundEmail.objects.get(pk=email.pk)
    assert (email.status, bytes(email.raw)) == (InboundStatus.NOT_A_REQUEST, raw)
    action = OfficerAction.objects.get(email=email)
    assert (action.kind, action.actor, action.reason) == (
        OfficerActionKind.NOT_A_REQUEST,
        governance,
        "Spam",
    )


def test_setting_an_email_aside_needs_a_reason(governance):
    email = held_email()

    with pytest.raises(InboxError, match="Say why"):
        set_aside_as_not_a_request(actor=governance, email=email, reason="  ")
    email.refresh_from_db()
    assert email.status == InboundStatus.HELD


def test_setting_an_email_aside_twice_records_it_once(governance):
    email = held_email()

    set_aside_as_not_a_request(actor=governance, email=email, reason="Spam")
    set_aside_as_not_a_request(actor=governance, email=email, reason="Spam")

    assert OfficerAction.objects.filter(email=email).count() == 1


def test_an_email_already_added_to_a_case_cannot_be_set_aside(governance):
    case = email_case()
    email = held_reply(case)
    add_to_case(actor=governance, email=email, case=case)

    with pytest.raises(InboxError, match="already been dealt with"):
        set_aside_as_not_a_request(actor=governance, email=email, reason="Spam")


def test_the_record_of_officers_decisions_cannot_be_edited(governance):
    email = held_email()
    set_aside_as_not_a_request(actor=governance, email=email, reason="Spam")
    action = OfficerAction.objects.get()

    action.reason = "Something else"
    with pytest.raises(TypeError):
        action.save()
    with pytest.raises(TypeError):
        OfficerAction.objects.update(reason="Something else")


# --- Who may decide ---------------------------------------------------------------------------

DECISIONS = {
    "add": lambda actor, email, case: add_to_case(actor=actor, email=email, case=case),
    "open": lambda actor, email, case: open_case_from(actor=actor, email=email, kind="enquiry"),
    "set aside": lambda actor, email, case: set_aside_as_not_a_request(
        actor=actor, email=email, reason="Spam"
    ),
}


@pytest.mark.parametrize("decision", sorted(DECISIONS))
@pytest.mark.parametrize(
    "role", [Role.CASEWORKER, Role.CONTACT_CENTRE, Role.RESIDENT, Role.PARTNER]
)
def test_officers_outside_email_intake_cannot_decide_for_an_email(teams, decision, role):
    officer = UserFactory(role=role, teams=[teams["information-governance"]])
    case = email_case(kind=CaseKind.ENQUIRY, team=teams["information-governance"])
    email = held_email()

    with pytest.raises(PermissionDenied):
        DECISIONS[decision](officer, email, case)
    email.refresh_from_db()
    assert email.status == InboundStatus.HELD
    assert not OfficerAction.objects.exists()


@pytest.mark.usefixtures("with_a_broken_mailbox")
@pytest.mark.parametrize("role", [Role.CASEWORKER, Role.CONTACT_CENTRE])
def test_officers_outside_email_intake_cannot_have_an_email_read_again(teams, role):
    email = failed_email()

    with pytest.raises(PermissionDenied):
        read_again(
            actor=UserFactory(role=role, teams=[teams["information-governance"]]), email=email
        )


def test_a_team_manager_cannot_decide_for_an_email_to_the_subject_access_mailbox(teams):
    manager = UserFactory(role=Role.TEAM_MANAGER, teams=[teams["customer-services"]])
    email = held_email(mailbox=SAR_MAILBOX, sender="")

    with pytest.raises(PermissionDenied):
        set_aside_as_not_a_request(actor=manager, email=email, reason="Spam")


def test_a_contact_centre_officer_decides_for_the_customer_services_mailbox(teams):
    officer = UserFactory(role=Role.CONTACT_CENTRE, teams=[teams["customer-services"]])
    email = held_email(mailbox=CUSTOMER_SERVICES_MAILBOX, sender="")

    case = open_case_from(actor=officer, email=email, kind=CaseKind.ENQUIRY)

    assert case.team == teams["customer-services"]


# --- Who may see which emails -----------------------------------------------------------------


@pytest.fixture
def emails(teams) -> dict[str, InboundEmail]:
    return {
        "unknown mailbox": held_email(),
        "subject access": held_email(mailbox=SAR_MAILBOX, sender=""),
        "customer services": held_email(mailbox=CUSTOMER_SERVICES_MAILBOX, sender=""),
        "about an FOI": held_reply(email_case(team=teams["information-governance"])),
        "about an enquiry": held_reply(
            email_case(kind=CaseKind.ENQUIRY, team=teams["customer-services"]),
            mailbox=CUSTOMER_SERVICES_MAILBOX,
        ),
    }


def _seen_by(officer, emails) -> set[str]:
    visible = set(policies.visible_inbound_emails(officer).values_list("pk", flat=True))
    return {name for name, email in emails.items() if email.pk in visible}


@pytest.mark.parametrize("role", sorted(Role))
@pytest.mark.parametrize("team", ["information-governance", "customer-services"])
def test_the_list_and_the_single_email_agree_on_who_sees_what(teams, emails, role, team):
    officer = UserFactory(role=role, teams=[teams[team]])

    for name, email in emails.items():
        email = InboundEmail.objects.select_related("case").get(pk=email.pk)
        listed = policies.visible_inbound_emails(officer).filter(pk=email.pk).exists()
        assert listed == policies.can_view_inbound_email(officer, email), name


def test_information_governance_sees_every_email(emails, governance):
    assert _seen_by(governance, emails) == set(emails)


def test_a_team_manager_sees_every_email_but_subject_access_and_other_teams_cases(teams, emails):
    manager = UserFactory(role=Role.TEAM_MANAGER, teams=[teams["customer-services"]])

    assert _seen_by(manager, emails) == {"unknown mailbox", "customer services", "about an enquiry"}


def test_a_contact_centre_officer_sees_only_their_teams_mailbox(teams, emails):
    officer = UserFactory(role=Role.CONTACT_CENTRE, teams=[teams["customer-services"]])

    assert _seen_by(officer, emails) == {"customer services", "about an enquiry"}
    assert policies.can_use_email_intake(officer)


def test_a_contact_centre_officer_in_no_mailboxs_team_has_no_email_screen(teams):
    officer = UserFactory(role=Role.CONTACT_CENTRE, teams=[TeamFactory(slug="waste")])

    assert not policies.can_use_email_intake(officer)
