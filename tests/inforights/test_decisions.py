"""Decisions on the register: exemptions from the legislation's lists, public interest reasoning
for qualified ones, the response naming internal review and then the ICO, and who may decide."""

import pytest
from django.core.exceptions import PermissionDenied

from opencex.accounts.models import Role
from opencex.cases.actions.clock import pause_clock
from opencex.cases.models import CaseKind, EventKind, PauseReason, Status
from opencex.inforights import decisions, services
from opencex.inforights.models import InformationRequest
from opencex.notify.models import Notification
from tests.factories import TeamFactory, UserFactory
from tests.inforights.conftest import D

pytestmark = pytest.mark.django_db
K = CaseKind
PI = "Releasing the rates would let competitors undercut the council's contractor."


def _problems(excinfo) -> dict[str, str]:
    return excinfo.value.errors


def test_a_release_is_sent_and_the_case_is_responded(open_request, ig_officer):
    case = open_request(K.FOI)
    entry = decisions.record_decision(
        actor=ig_officer, case=case, decision="released", reasons="We spent £1.2m."
    )

    case.refresh_from_db()
    assert case.status == Status.RESPONDED
    assert case.responded_on is not None
    assert (entry.decision, entry.decided_by, entry.reasons) == (
        "released",
        ig_officer,
        "We spent £1.2m.",
    )
    sent = case.events.get(kind=EventKind.MESSAGE_OUT)
    assert sent.is_visible_to_resident
    assert "We spent £1.2m." in sent.body


def test_the_foi_response_names_internal_review_and_then_the_ico(open_request, ig_officer):
    case = open_request(K.FOI)
    decisions.record_decision(actor=ig_officer, case=case, decision="released", reasons="Here.")

    body = Notification.objects.get(template="information_request_decision").body
    assert "internal review" in body
    assert "Information Commissioner" in body
    assert body.index("internal review") < body.index("Information Commissioner")
    assert "40 working days" in body


def test_the_internal_review_response_names_only_the_ico(open_request, ig_officer):
    case = open_request(K.FOI)
    decisions.record_decision(actor=ig_officer, case=case, decision="released", reasons="Here.")
    review = decisions.request_internal_review(actor=ig_officer, case=case, reason="Not all of it.")
    decisions.record_decision(actor=ig_officer, case=review, decision="released", reasons="Upheld.")

    body = (
        Notification.objects.filter(case=review, template="information_request_decision").get().body
    )
    assert "Information Commissioner" in body
    assert "ask us for an internal review" not in body


def test_a_refusal_needs_an_exemption(open_request, ig_officer):
    case = open_request(K.FOI)
    with pytest.raises(services.RequestError) as refused:
        decisions.record_decision(actor=ig_officer, case=case, decision="refused", reasons="No.")
    assert "exemptions" in _problems(refused)
    assert case.events.filter(kind=EventKind.MESSAGE_OUT).count() == 0


def test_a_qualified_exemption_needs_public_interest_reasoning(open_request, ig_officer):
    case = open_request(K.FOI)
    with pytest.raises(services.RequestError) as refused:
        decisions.record_decision(
            actor=ig_officer,
            case=case,
            decision="part_released",
            exemptions=["foia-s43(2)"],
            reasons="Totals attached; rates withheld.",
        )
    assert "public_interest:foia-s43(2)" in _problems(refused)


def test_a_qualified_exemption_with_its_reasoning_is_recorded_and_cited(open_request, ig_officer):
    case = open_request(K.FOI)
    entry = decisions.record_decision(
        actor=ig_officer,
        case=case,
        decision="part_released",
        exemptions=["foia-s43(2)", "foia-s40(2)"],
        reasons="Totals attached; rates and names withheld.",
        public_interest={"foia-s43(2)": PI, "foia-s40(2)": "ignored for an absolute exemption"},
    )

    applied = {item.code: item.public_interest for item in entry.exemptions.all()}
    assert applied == {"foia-s43(2)": PI, "foia-s40(2)": ""}
    body = case.events.get(kind=EventKind.MESSAGE_OUT).body
    assert "Section 43(2): Commercial interests" in body
    assert PI in body


def test_an_absolute_exemption_needs_no_public_interest_reasoning(open_request, ig_officer):
    case = open_request(K.FOI)
    decisions.record_decision(
        actor=ig_officer,
        case=case,
        decision="refused",
        exemptions=["foia-s21"],
        reasons="It is on our website.",
    )
    assert InformationRequest.objects.get(case=case).decision == "refused"


def test_a_full_release_relies_on_no_exemption(open_request, ig_officer):
    case = open_request(K.FOI)
    with pytest.raises(services.RequestError) as refused:
        decisions.record_decision(
            actor=ig_officer, case=case, decision="released", exemptions=["foia-s21"], reasons="x"
        )
    assert "exemptions" in _problems(refused)


def test_neither_confirming_nor_denying_needs_an_exemption(open_request, ig_officer):
    case = open_request(K.FOI)
    with pytest.raises(services.RequestError):
        decisions.record_decision(
            actor=ig_officer, case=case, decision="neither_confirm_nor_deny", reasons="We can't."
        )


def test_information_not_held_needs_no_exemption(open_request, ig_officer):
    case = open_request(K.FOI)
    entry = decisions.record_decision(
        actor=ig_officer, case=case, decision="not_held", reasons="We do not hold this."
    )
    assert entry.decision == "not_held"


def test_an_eir_refusal_cites_an_eir_exception_not_a_foia_exemption(open_request, ig_officer):
    case = open_request(K.EIR)
    with pytest.raises(services.RequestError):
        decisions.record_decision(
            actor=ig_officer, case=case, decision="refused", exemptions=["foia-s21"], reasons="x"
        )
    entry = decisions.record_decision(
        actor=ig_officer,
        case=case,
        decision="refused",
        exemptions=["eir-12(4)(b)"],
        reasons="It would take 90 hours.",
        public_interest={"eir-12(4)(b)": "The cost outweighs the value of the information."},
    )
    assert [item.code for item in entry.exemptions.all()] == ["eir-12(4)(b)"]


def test_a_subject_access_decision_gives_its_reasons_without_the_foia_lists(
    open_request, ig_officer
):
    case = open_request(K.SAR)
    with pytest.raises(services.RequestError):
        decisions.record_decision(
            actor=ig_officer, case=case, decision="refused", exemptions=["foia-s40(1)"], reasons="x"
        )
    entry = decisions.record_decision(
        actor=ig_officer, case=case, decision="part_released", reasons="Third-party data removed."
    )
    assert entry.decision == "part_released"
    body = Notification.objects.get(template="information_request_decision").body
    assert "your request for the personal information we hold about you" in body
    assert "Information Commissioner" in body


def test_a_response_needs_its_text(open_request, ig_officer):
    case = open_request(K.FOI)
    with pytest.raises(services.RequestError) as refused:
        decisions.record_decision(actor=ig_officer, case=case, decision="released", reasons=" ")
    assert "reasons" in _problems(refused)


def test_a_request_is_decided_once(open_request, ig_officer):
    case = open_request(K.FOI)
    decisions.record_decision(actor=ig_officer, case=case, decision="released", reasons="Here.")
    with pytest.raises(services.RequestError, match="decided already"):
        decisions.record_decision(
            actor=ig_officer, case=case, decision="released", reasons="Again."
        )


def test_a_request_waiting_for_clarification_cannot_be_decided(open_request, ig_officer):
    case = open_request(K.FOI)
    pause_clock(actor=ig_officer, case=case, reason=PauseReason.CLARIFICATION)
    with pytest.raises(services.RequestError, match="waiting for the requester"):
        decisions.record_decision(actor=ig_officer, case=case, decision="released", reasons="x")
    assert not InformationRequest.objects.filter(case=case, decision="released").exists()


@pytest.mark.parametrize("role", [Role.CONTACT_CENTRE, Role.CASEWORKER, Role.TEAM_MANAGER])
def test_only_information_governance_or_the_team_may_decide(open_request, role):
    case = open_request(K.FOI)
    outsider = UserFactory(role=role, teams=[TeamFactory()])
    with pytest.raises(PermissionDenied):
        decisions.record_decision(actor=outsider, case=case, decision="released", reasons="x")


def test_an_internal_review_is_of_a_decided_foi_request(open_request, ig_officer):
    case = open_request(K.FOI)
    with pytest.raises(services.RequestError, match="decision"):
        decisions.request_internal_review(actor=ig_officer, case=case, reason="Unhappy.")


def test_a_request_has_one_internal_review(open_request, ig_officer):
    case = open_request(K.FOI)
    decisions.record_decision(actor=ig_officer, case=case, decision="released", reasons="Here.")
    decisions.request_internal_review(actor=ig_officer, case=case, reason="Unhappy.")
    with pytest.raises(services.RequestError, match="already"):
        decisions.request_internal_review(actor=ig_officer, case=case, reason="Again.")


def test_an_ico_complaint_is_recorded_then_its_outcome(open_request, ig_officer):
    case = open_request(K.FOI, "2025-04-11")
    decisions.record_ico_complaint(
        actor=ig_officer, case=case, ico_reference="ic-123456-a1b2", received_on=D("2025-07-01")
    )
    complaint = decisions.record_ico_complaint(
        actor=ig_officer,
        case=case,
        ico_reference="IC-123456-A1B2",
        received_on=D("2025-07-01"),
        outcome="not_upheld",
    )

    assert case.ico_complaints.get() == complaint
    assert complaint.outcome == "not_upheld"
    assert case.events.filter(kind=EventKind.NOTE, summary__startswith="ICO complaint").count() == 2


def test_an_ico_complaint_cannot_predate_the_request(open_request, ig_officer):
    case = open_request(K.FOI, "2025-04-11")
    with pytest.raises(services.RequestError) as refused:
        decisions.record_ico_complaint(
            actor=ig_officer, case=case, ico_reference="IC-1", received_on=D("2025-04-10")
        )
    assert "received_on" in _problems(refused)


def test_an_ico_reference_belongs_to_one_request(open_request, ig_officer):
    first, second = open_request(K.FOI, "2025-04-11"), open_request(K.EIR, "2025-04-11")
    decisions.record_ico_complaint(
        actor=ig_officer, case=first, ico_reference="IC-1", received_on=D("2025-06-01")
    )
    with pytest.raises(services.RequestError):
        decisions.record_ico_complaint(
            actor=ig_officer, case=second, ico_reference="IC-1", received_on=D("2025-06-01")
        )
