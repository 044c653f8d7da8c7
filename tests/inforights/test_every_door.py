"""Each information-rights act through every door that offers it (the staff case page, the
register page) keeps the register's rules and entries and sends the same letter; the waits only
the register starts and ends (a fee, proof of identity) and the answer (the decision) are refused
by the generic doors, which say where to go."""

from __future__ import annotations

import pytest
import time_machine
from django.urls import reverse

from opencex.cases.models import Case, CaseKind, PauseReason, Status
from opencex.inforights import services
from opencex.inforights.models import InformationRequest
from opencex.notify.models import Notification
from tests.inforights.conftest import at_ten

pytestmark = pytest.mark.django_db

DOORS = {
    "the case page": lambda case: reverse("staff:case-extend", args=[case.reference]),
    "the register page": lambda case: reverse(
        "staff:information-request-action", args=[case.reference, "extend"]
    ),
}


def _letters(case: Case) -> list[str]:
    return list(
        Notification.objects.filter(case=case)
        .exclude(template="case_received")
        .values_list("template", flat=True)
    )


@pytest.mark.parametrize("door", DOORS)
@pytest.mark.parametrize("kind", [CaseKind.FOI, CaseKind.EIR, CaseKind.SAR])
def test_an_extension_goes_through_the_register_at_every_door(
    client, ig_officer, open_request, door, kind
):
    case = open_request(kind, day="2026-03-02")
    client.force_login(ig_officer)
    with time_machine.travel(at_ten("2026-03-04"), tick=False):
        response = client.post(DOORS[door](case), {"extend-reason": "Many files to search"})
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.is_extended
    entry = InformationRequest.objects.get(case=case)
    assert (str(entry.extended_on), entry.extension_reason) == (
        "2026-03-04",
        "Many files to search",
    )
    assert _letters(case) == ["information_request_extended"]


@pytest.mark.parametrize("door", DOORS)
def test_an_extension_too_late_to_notify_is_refused_at_every_door(
    client, ig_officer, open_request, door
):
    case = open_request(CaseKind.FOI, day="2026-01-05")
    client.force_login(ig_officer)
    with time_machine.travel(at_ten("2026-03-04"), tick=False):
        response = client.post(DOORS[door](case), {"extend-reason": "Many files to search"})
    assert "Too late to extend" in response.content.decode()
    case.refresh_from_db()
    assert not case.is_extended
    assert _letters(case) == []


@pytest.mark.parametrize(
    "reason", [PauseReason.FEES_NOTICE, PauseReason.IDENTITY], ids=["fee", "identity"]
)
def test_the_case_page_cannot_start_a_wait_only_the_register_records(
    client, ig_officer, open_request, reason
):
    case = open_request(CaseKind.SAR, day="2026-03-02")
    client.force_login(ig_officer)
    with time_machine.travel(at_ten("2026-03-04"), tick=False):
        response = client.post(
            reverse("staff:case-pause", args=[case.reference]), {"pause-reason": reason}
        )
    assert response.status_code == 200
    assert not case.pauses.exists()


def test_the_case_page_cannot_end_a_fees_notice_without_the_register(
    client, ig_officer, open_request
):
    case = open_request(CaseKind.FOI, day="2026-03-02")
    with time_machine.travel(at_ten("2026-03-04"), tick=False):
        services.issue_fees_notice(actor=ig_officer, case=case, amount=25)
        client.force_login(ig_officer)
        response = client.post(reverse("staff:case-resume", args=[case.reference]))
    assert "information-rights register page" in response.content.decode()
    assert case.pauses.get().ended_on is None
    assert InformationRequest.objects.get(case=case).fee_paid_on is None


def test_change_status_never_marks_a_request_responded(client, ig_officer, open_request):
    case = open_request(CaseKind.FOI, day="2026-03-02")
    client.force_login(ig_officer)
    with time_machine.travel(at_ten("2026-03-04"), tick=False):
        client.post(reverse("staff:case-status", args=[case.reference]), {"status-to": "responded"})
    case.refresh_from_db()
    assert case.status == Status.RECEIVED
    assert _letters(case) == []
