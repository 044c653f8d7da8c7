"""notify_staff: officers get their messages by email."""

import pytest

from opencex.notify.models import Notification
from opencex.notify.services import notify_staff
from tests.factories import CaseFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_officer_is_emailed_when_a_case_is_assigned_to_them(smtp_server, run_jobs):
    officer = UserFactory(role="caseworker", full_name="Priya Shah", email="priya@oxford.gov.uk")
    manager = UserFactory(role="team_manager", full_name="Dan Cole")
    case = CaseFactory(reference="SR-2025-000400", subject="Fly-tipping on Iffley Road")

    notify_staff(
        user=officer,
        template="staff_case_assigned",
        context={"case": case, "assigned_by": manager},
        actor=manager,
    )
    run_jobs()

    [message] = smtp_server.messages
    assert message["To"] == "priya@oxford.gov.uk"
    assert message["Subject"] == "Case SR-2025-000400 is assigned to you"
    body = message.get_content()
    assert "Hello Priya Shah," in body
    assert "assigned to you by Dan Cole" in body
    assert "http://127.0.0.1:8000/staff/cases/SR-2025-000400" in body
    stored = Notification.objects.get()
    assert (stored.case, stored.resident, stored.created_by) == (case, None, manager)


def test_inactive_officer_is_not_emailed(smtp_server, run_jobs):
    officer = UserFactory(role="caseworker", is_active=False)

    result = notify_staff(
        user=officer, template="staff_case_assigned", context={"case": CaseFactory()}
    )
    run_jobs()

    assert result is None
    assert smtp_server.messages == []
