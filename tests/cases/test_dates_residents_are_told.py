"""The due date on a case is the only date a resident is told: an officer may revise it with a
reason (told once), a request past its date gets the service's advice once, reopening counts the
standard again, and nobody is apologised to before anything is late."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from opencex.accounts.models import Role
from opencex.cases import reminders
from opencex.cases.actions.expected_date import revise_expected_date
from opencex.cases.actions.opening import open_case
from opencex.cases.actions.status import change_status
from opencex.cases.clock import case_deadline
from opencex.cases.errors import CaseError
from opencex.cases.models import CaseKind, Channel, EventKind, Status
from opencex.cases.policies import COMPLAINT_REFUSAL, INFORMATION_REQUEST_REFUSAL, ReferenceGrant
from opencex.cases.resident_actions import say_not_fixed
from opencex.notify.models import Notification
from opencex.web.track_views import expected_date
from tests.cases.conftest import at_ten
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

IF_LATE = "If we have not collected it by then, call us on 01865 249811."


@pytest.fixture
def missed_bin(missed_bin):
    missed_bin.if_late = IF_LATE
    missed_bin.save()
    return missed_bin


def _request(service, on: str, kind=CaseKind.SERVICE_REQUEST):
    with time_machine.travel(at_ten(on)):
        case, _ = open_case(
            actor=None,
            kind=kind,
            channel=Channel.WEB,
            subject="Bin not emptied",
            description="My green bin was missed.",
            contact_name="Ann Example",
            contact_email="ann@example.org",
            service=service,
            received_at=at_ten(on),
        )
    return case


def _sent(case, template: str) -> list[Notification]:
    return list(Notification.objects.filter(case=case, template=template).order_by("pk"))


# --- Nobody is apologised to before anything is late -------------------------------------------


def test_a_request_due_soon_tells_the_resident_nothing_and_reminds_its_officer_once(
    missed_bin, waste_caseworker
):
    case = _request(missed_bin, "2026-03-02")  # Monday: due Wednesday 4 March
    case.assigned_to = waste_caseworker
    case.save()

    with time_machine.travel(at_ten("2026-03-03")):
        first = reminders.send_due_soon_reminders()
        again = reminders.send_due_soon_reminders()

    assert (first.officers_reminded, again.officers_reminded) == (1, 0)
    assert first.residents_told == 0
    [reminder] = Notification.objects.filter(template="staff_case_due_soon")
    assert reminder.recipient == waste_caseworker.email
    assert "Wednesday 4 March 2026" in reminder.body
    templates = set(Notification.objects.filter(case=case).values_list("template", flat=True))
    assert templates == {"case_received", "staff_case_due_soon"}


def test_a_case_with_no_officer_reminds_the_team_officers_who_may_handle_it(
    missed_bin, waste_caseworker, waste_team
):
    UserFactory(role=Role.CASEWORKER, teams=[waste_team], is_active=False)
    _request(missed_bin, "2026-03-02")

    with time_machine.travel(at_ten("2026-03-04")):
        reminders.send_due_soon_reminders()

    recipients = set(
        Notification.objects.filter(template="staff_case_due_soon").values_list(
            "recipient", flat=True
        )
    )
    assert recipients == {waste_caseworker.email}


# --- Past its date: the service's advice, once ---------------------------------------------------


def test_a_request_past_its_date_gets_the_services_advice_once(missed_bin):
    case = _request(missed_bin, "2026-03-02")  # due Wednesday 4 March

    with time_machine.travel(at_ten("2026-03-05")):
        first = reminders.send_due_soon_reminders()
        again = reminders.send_due_soon_reminders()

    assert (first.residents_told, again.residents_told) == (1, 0)
    [message] = _sent(case, "case_taking_longer")
    assert IF_LATE in message.body
    assert "Wednesday 4 March 2026, the date we gave you" in message.body
    event = case.events.get(kind=EventKind.MESSAGE_OUT, data__taking_longer_for="2026-03-04")
    assert event.is_visible_to_resident


def test_a_request_on_its_due_day_is_not_yet_late(missed_bin):
    case = _request(missed_bin, "2026-03-02")

    with time_machine.travel(at_ten("2026-03-04")):
        assert reminders.send_due_soon_reminders().residents_told == 0
    assert not _sent(case, "case_taking_longer")


@pytest.mark.parametrize("kind", [CaseKind.FOI, CaseKind.COMPLAINT])
def test_a_statutory_case_past_its_date_is_not_sent_the_service_advice(missed_bin, kind):
    case = _request(None, "2026-01-05", kind=kind)

    with time_machine.travel(at_ten("2026-03-30")):
        assert reminders.send_due_soon_reminders().residents_told == 0
    assert not _sent(case, "case_taking_longer")


def test_a_paused_or_finished_request_is_not_told_it_is_late(missed_bin, waste_caseworker):
    resolved = _request(missed_bin, "2026-03-02")
    with time_machine.travel(at_ten("2026-03-03")):
        change_status(actor=waste_caseworker, case=resolved, to=Status.RESOLVED)

    with time_machine.travel(at_ten("2026-03-09")):
        assert reminders.send_due_soon_reminders().residents_told == 0


# --- A revised expected date ---------------------------------------------------------------------


def test_a_revised_date_becomes_the_due_date_with_its_reason_and_the_resident_is_told_once(
    missed_bin, waste_caseworker
):
    case = _request(missed_bin, "2026-03-02")

    with time_machine.travel(at_ten("2026-03-03")):
        case = revise_expected_date(
            actor=waste_caseworker,
            case=case,
            expected_on=dt.date(2026, 3, 13),
            reason="The lorry that lifts communal bins is being repaired.",
        )
        with pytest.raises(CaseError, match="already Friday 13 March 2026"):
            revise_expected_date(
                actor=waste_caseworker,
                case=case,
                expected_on=dt.date(2026, 3, 13),
                reason="Again",
            )

    case.refresh_from_db()
    assert case.due_on == dt.date(2026, 3, 13)
    deadline = case_deadline(case)
    assert deadline.due == case.due_on
    assert "The lorry that lifts communal bins is being repaired." in deadline.explanation[-2]
    assert deadline.explanation[-1] == "Due: Friday 13 March 2026."
    [told] = _sent(case, "case_expected_date_revised")
    assert "by Friday 13 March 2026" in told.body
    assert "The lorry that lifts communal bins is being repaired." in told.body
    assert case.events.get(kind=EventKind.EXPECTED_DATE_REVISED).is_visible_to_resident


def test_the_tracking_page_and_later_messages_name_the_revised_date(missed_bin, waste_caseworker):
    case = _request(missed_bin, "2026-03-02")
    with time_machine.travel(at_ten("2026-03-03")):
        revise_expected_date(
            actor=waste_caseworker, case=case, expected_on=dt.date(2026, 3, 13), reason="A part."
        )
        case = change_status(actor=waste_caseworker, case=case, to=Status.IN_PROGRESS)

    assert "13 March 2026" in str(expected_date(case))
    update = _sent(case, "case_status_changed")[-1]
    assert "Friday 13 March 2026" in update.body
    assert "4 March" not in update.body


def test_a_revised_date_that_passes_gets_the_advice_once_more_naming_it(
    missed_bin, waste_caseworker
):
    case = _request(missed_bin, "2026-03-02")
    with time_machine.travel(at_ten("2026-03-05")):
        reminders.send_due_soon_reminders()
        revise_expected_date(
            actor=waste_caseworker, case=case, expected_on=dt.date(2026, 3, 10), reason="A part."
        )
    with time_machine.travel(at_ten("2026-03-11")):
        reminders.send_due_soon_reminders()
        reminders.send_due_soon_reminders()

    first, second = _sent(case, "case_taking_longer")
    assert "Wednesday 4 March 2026" in first.body
    assert "Tuesday 10 March 2026" in second.body


@pytest.mark.parametrize(
    ("kind", "refusal"),
    [
        (CaseKind.COMPLAINT, COMPLAINT_REFUSAL),
        (CaseKind.FOI, INFORMATION_REQUEST_REFUSAL),
        (CaseKind.EIR, INFORMATION_REQUEST_REFUSAL),
        (CaseKind.SAR, INFORMATION_REQUEST_REFUSAL),
    ],
)
def test_a_statutory_clock_refuses_a_revised_date_and_says_where_to_extend_it(kind, refusal):
    case = _request(None, "2026-03-02", kind=kind)
    admin = UserFactory(role=Role.ADMINISTRATOR)

    with time_machine.travel(at_ten("2026-03-03")), pytest.raises(CaseError) as refused:
        revise_expected_date(actor=admin, case=case, expected_on=dt.date(2026, 5, 1), reason="Busy")

    assert str(refused.value) == refusal
    assert not _sent(case, "case_expected_date_revised")


def test_a_revised_date_on_a_council_closure_day_is_refused(missed_bin, waste_caseworker):
    case = _request(missed_bin, "2026-12-21")

    with time_machine.travel(at_ten("2026-12-22")), pytest.raises(CaseError, match="not a working"):
        revise_expected_date(
            actor=waste_caseworker, case=case, expected_on=dt.date(2026, 12, 29), reason="Snow"
        )


@pytest.mark.parametrize(
    ("expected_on", "reason", "message"),
    [
        (dt.date(2026, 3, 2), "A part.", "cannot be in the past"),
        (dt.date(2026, 3, 13), "   ", "Give the reason"),
    ],
)
def test_a_revised_date_needs_a_future_day_and_a_reason(
    missed_bin, waste_caseworker, expected_on, reason, message
):
    case = _request(missed_bin, "2026-03-02")

    with time_machine.travel(at_ten("2026-03-03")), pytest.raises(CaseError, match=message):
        revise_expected_date(
            actor=waste_caseworker, case=case, expected_on=expected_on, reason=reason
        )


def test_only_an_officer_who_may_handle_the_case_revises_its_date(missed_bin, contact_officer):
    case = _request(missed_bin, "2026-03-02")

    with time_machine.travel(at_ten("2026-03-03")), pytest.raises(PermissionDenied):
        revise_expected_date(
            actor=contact_officer, case=case, expected_on=dt.date(2026, 3, 13), reason="A part."
        )


# --- Reopening: a new date by the standard, from the day it reopens -----------------------------


def test_a_request_reopened_as_not_fixed_is_due_by_the_standard_from_that_day_across_christmas(
    missed_bin, waste_caseworker
):
    case = _request(missed_bin, "2026-11-02")
    with time_machine.travel(at_ten("2026-11-03")):
        change_status(actor=waste_caseworker, case=case, to=Status.RESOLVED)
    grant = ReferenceGrant(case_id=case.pk, email="ann@example.org")

    # Wednesday 23 December: the 24th is day 1; Christmas, the bank holidays, the council's
    # closure days (29-31 December, which count for service standards) and New Year's Day are
    # skipped, so day 2 is Monday 4 January.
    with time_machine.travel(at_ten("2026-12-23")):
        case = say_not_fixed(actor=None, grant=grant, case=case, reason="Still not emptied")

    assert case.due_on == dt.date(2027, 1, 4)
    assert case_deadline(case).due == case.due_on
    told = _sent(case, "case_status_changed")[-1]
    assert "Monday 4 January 2027" in told.body


def test_reopening_drops_an_earlier_revised_date(missed_bin, waste_caseworker):
    case = _request(missed_bin, "2026-03-02")
    with time_machine.travel(at_ten("2026-03-03")):
        revise_expected_date(
            actor=waste_caseworker, case=case, expected_on=dt.date(2026, 3, 20), reason="A part."
        )
        change_status(actor=waste_caseworker, case=case, to=Status.RESOLVED)
    with time_machine.travel(at_ten("2026-04-06")):  # Easter Monday: day 0 still
        case = change_status(actor=waste_caseworker, case=case, to=Status.IN_PROGRESS)

    assert case.expected_on_revised is None
    assert case.due_on == dt.date(2026, 4, 8)


def test_a_statutory_clock_crossing_christmas_counts_the_council_closure_days(missed_bin):
    complaint = _request(None, "2026-12-22", kind=CaseKind.COMPLAINT)
    enquiry = _request(None, "2026-12-22", kind=CaseKind.ENQUIRY)

    assert complaint.due_on == dt.date(2026, 12, 31)  # 23, 24, 29, 30, 31 December
    assert enquiry.due_on == dt.date(2027, 1, 6)  # 23, 24 December, then 4, 5, 6 January


# --- The staff form ------------------------------------------------------------------------------


def _post_form(client, case, **fields):
    data = {f"expected-date-{name}": value for name, value in fields.items()}
    return client.post(reverse("staff:case-expected-date", args=[case.reference]), data)


def test_the_staff_form_saves_the_revised_date_and_returns_to_the_case(
    client, missed_bin, waste_caseworker
):
    case = _request(missed_bin, "2026-03-02")
    client.force_login(waste_caseworker)

    with time_machine.travel(at_ten("2026-03-03")):
        response = _post_form(client, case, day="13", month="3", year="2026", reason="A part.")

    assert response.status_code == 302
    case.refresh_from_db()
    assert case.due_on == dt.date(2026, 3, 13)


def test_the_staff_form_shows_a_refusal_in_the_error_summary(client, missed_bin, waste_caseworker):
    case = _request(missed_bin, "2026-03-02")
    client.force_login(waste_caseworker)

    with time_machine.travel(at_ten("2026-03-03")):
        response = _post_form(client, case, day="31", month="2", year="2026", reason="A part.")

    assert response.status_code == 200
    assert "Enter a real date" in response.content.decode()
    assert "govuk-error-summary" in response.content.decode()


def test_a_complaint_is_offered_no_expected_date_and_refused_one_with_the_reason(
    client, feedback_team
):
    complaint = _request(None, "2026-03-02", kind=CaseKind.COMPLAINT)
    client.force_login(UserFactory(role=Role.ADMINISTRATOR))

    with time_machine.travel(at_ten("2026-03-03")):
        page = client.get(reverse("staff:case", args=[complaint.reference]))
        refused = _post_form(client, complaint, day="13", month="3", year="2026", reason="Busy.")

    assert "expected-date-day" not in page.content.decode()
    assert refused.status_code == 200
    assert "Complaint Handling Code" in refused.content.decode()
    complaint.refresh_from_db()
    assert complaint.expected_on_revised is None
