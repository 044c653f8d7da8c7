"""The requester gets exactly one email for each register action, the register's own (not the
generic status email as well), delivered through a real SMTP server on loopback; and a lapse is
recorded on the timeline as the system's doing."""

from collections.abc import Callable
from decimal import Decimal

import pytest

from opencex.cases.models import CaseKind, EventKind
from opencex.inforights import decisions, services
from opencex.inforights.lapsing import lapse_unpaid_fees
from tests.inforights.conftest import D

pytestmark = pytest.mark.django_db
K = CaseKind


@pytest.fixture
def emails_sent_by(smtp_server, run_jobs) -> Callable[[Callable[[], object]], list[str]]:
    """The subjects of the emails the requester received for `action` alone (anything sent
    before it, such as the acknowledgement, is put aside first)."""

    def sent(action: Callable[[], object]) -> list[str]:
        run_jobs()
        smtp_server.messages.clear()
        action()
        run_jobs()
        assert {email["To"] for email in smtp_server.messages} <= {"ann@example.org"}
        return [email["Subject"] for email in smtp_server.messages]

    return sent


def test_a_fees_notice_is_one_email(open_request, ig_officer, emails_sent_by):
    case = open_request(K.FOI, "2026-02-02")
    subjects = emails_sent_by(
        lambda: services.issue_fees_notice(
            actor=ig_officer, case=case, amount=Decimal("40"), on=D("2026-02-09")
        )
    )
    assert subjects == [f"There is a fee for your request ({case.reference})"]


def test_an_extension_is_one_email(open_request, ig_officer, emails_sent_by):
    case = open_request(K.FOI, "2026-02-02")
    subjects = emails_sent_by(
        lambda: services.extend_for_public_interest(
            actor=ig_officer, case=case, reason="Weighing the public interest", on=D("2026-02-10")
        )
    )
    assert subjects == [f"We need more time for your request ({case.reference})"]


def test_a_decision_is_one_email(open_request, ig_officer, emails_sent_by):
    case = open_request(K.FOI, "2026-02-02")
    subjects = emails_sent_by(
        lambda: decisions.record_decision(
            actor=ig_officer, case=case, decision="released", reasons="We spent £1.2m."
        )
    )
    assert subjects == [f"Our response to your request ({case.reference})"]


def test_a_lapse_is_one_email(open_request, ig_officer, emails_sent_by):
    case = open_request(K.FOI, "2026-02-02")
    services.issue_fees_notice(
        actor=ig_officer, case=case, amount=Decimal("40"), on=D("2026-02-09")
    )
    subjects = emails_sent_by(lambda: lapse_unpaid_fees(D("2026-05-09")))
    assert subjects == [f"Your request has lapsed ({case.reference})"]


def test_a_lapse_is_recorded_as_the_systems_doing(open_request, ig_officer):
    case = open_request(K.FOI, "2026-02-02")
    services.issue_fees_notice(
        actor=ig_officer, case=case, amount=Decimal("40"), on=D("2026-02-09")
    )
    lapse_unpaid_fees(D("2026-05-09"))

    lapsed = case.events.filter(kind=EventKind.STATUS_CHANGED).latest("at", "id")
    assert lapsed.actor is None
    assert (lapsed.data["by"], lapsed.data["to"]) == ("system", "withdrawn")
    assert lapsed.body == "Lapsed: the fee was not paid within three months"
    assert lapsed.is_visible_to_resident
