"""The register pages for staff: the list with its filters and clock status, a request's page
with its actions through the inforights services, the export download, and who may do what."""

import io
import zipfile

import pytest
from django.urls import reverse

from opencex.accounts.models import Role
from opencex.cases.models import CaseKind, Channel, Status
from opencex.inforights import decisions
from opencex.inforights.models import InformationRequest, SubjectAccessExport
from tests.factories import DisclosureEntryFactory, ResidentFactory, TeamFactory, UserFactory

pytestmark = pytest.mark.django_db
K = CaseKind


def _page(case) -> str:
    return reverse("staff:information-request", args=[case.reference])


def _action(case, name) -> str:
    return reverse("staff:information-request-action", args=[case.reference, name])


def test_the_register_lists_information_requests_with_their_clock(client, open_request, ig_officer):
    foi = open_request(K.FOI, "2025-04-11", subject="Agency staff costs")
    client.force_login(ig_officer)
    page = client.get(reverse("staff:information-requests")).content.decode()
    assert foi.reference in page
    assert "Agency staff costs" in page
    assert "Overdue" in page  # received in 2025 and never answered
    assert "Letter" in page


def test_the_register_filters_by_kind_and_decision(client, open_request, ig_officer):
    foi, sar = open_request(K.FOI), open_request(K.SAR)
    client.force_login(ig_officer)
    url = reverse("staff:information-requests")
    page = client.get(url, {"kind": "sar"}).content.decode()
    assert sar.reference in page
    assert foi.reference not in page
    page = client.get(url, {"decision": "released", "status": "all"}).content.decode()
    assert "No requests match" in page


def test_the_register_shows_a_contact_centre_officer_no_subject_access_requests(
    client, open_request, contact_officer
):
    sar = open_request(K.SAR)
    client.force_login(contact_officer)
    assert sar.reference not in client.get(reverse("staff:information-requests")).content.decode()
    assert client.get(_page(sar)).status_code == 404


def test_a_request_of_another_team_is_not_found_for_a_caseworker(client, open_request):
    case = open_request(K.FOI)
    client.force_login(UserFactory(role=Role.CASEWORKER, teams=[TeamFactory()]))
    assert client.get(_page(case)).status_code == 404


def test_a_case_that_is_not_an_information_request_is_not_found(client, open_request, ig_officer):
    case = open_request(K.ENQUIRY, channel=Channel.PHONE)
    client.force_login(ig_officer)
    assert client.get(_page(case)).status_code == 404


def test_the_request_page_shows_the_due_date_and_why(client, open_request, ig_officer):
    case = open_request(K.FOI, "2025-04-11")
    client.force_login(ig_officer)
    page = client.get(_page(case)).content.decode()
    assert "Wednesday 14 May 2025" in page
    assert "Good Friday" in page
    assert "Section 43(2): Commercial interests" in page  # the decision form's list


def test_a_refusal_without_an_exemption_is_shown_in_the_error_summary(
    client, open_request, ig_officer
):
    case = open_request(K.FOI)
    client.force_login(ig_officer)
    response = client.post(
        _action(case, "decision"), {"decision-decision": "refused", "decision-reasons": "No."}
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "govuk-error-summary" in page
    assert 'href="#decision-exemptions"' in page
    assert "No." in page  # what the officer typed is kept
    assert not InformationRequest.objects.filter(case=case, decision="refused").exists()


def test_a_missing_public_interest_reasoning_links_to_its_field(client, open_request, ig_officer):
    case = open_request(K.FOI)
    client.force_login(ig_officer)
    page = client.post(
        _action(case, "decision"),
        {
            "decision-decision": "part_released",
            "decision-exemptions": ["foia-s43(2)"],
            "decision-reasons": "Totals attached.",
        },
    ).content.decode()
    assert 'href="#decision-pi_foia-s43-2"' in page
    assert "public interest reasoning for section 43(2)" in page


def test_a_decision_with_its_reasoning_is_recorded_and_the_officer_returned_to_the_page(
    client, open_request, ig_officer
):
    case = open_request(K.FOI)
    client.force_login(ig_officer)
    response = client.post(
        _action(case, "decision"),
        {
            "decision-decision": "part_released",
            "decision-exemptions": ["foia-s43(2)"],
            "decision-pi_foia-s43-2": "Competitors would undercut the contractor.",
            "decision-reasons": "Totals attached.",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == _page(case)
    entry = InformationRequest.objects.get(case=case)
    assert entry.decision == "part_released"
    assert entry.exemptions.get().public_interest == "Competitors would undercut the contractor."


def test_a_fees_notice_with_a_date_stops_the_clock(client, open_request, ig_officer):
    case = open_request(K.FOI, "2026-02-02")
    client.force_login(ig_officer)
    response = client.post(
        _action(case, "fees-notice"),
        {
            "fees-notice-amount": "25.50",
            "fees-notice-on-day": "9",
            "fees-notice-on-month": "2",
            "fees-notice-on-year": "2026",
        },
    )
    assert response.status_code == 302
    case.refresh_from_db()
    assert (case.status, case.due_on) == (Status.AWAITING_RESIDENT, None)
    assert str(InformationRequest.objects.get(case=case).fees_notice_on) == "2026-02-09"


def test_a_date_that_is_not_real_links_to_its_day_box(client, open_request, ig_officer):
    case = open_request(K.FOI, "2026-02-02")
    client.force_login(ig_officer)
    page = client.post(
        _action(case, "fees-notice"),
        {
            "fees-notice-amount": "25",
            "fees-notice-on-day": "31",
            "fees-notice-on-month": "2",
            "fees-notice-on-year": "2026",
        },
    ).content.decode()
    assert 'href="#fees-notice-on-day"' in page
    assert "Enter a real date" in page


def test_a_role_that_may_see_but_not_act_is_refused(client, open_request, contact_officer):
    case = open_request(K.FOI)
    client.force_login(contact_officer)
    assert client.get(_page(case)).status_code == 200
    response = client.post(
        _action(case, "decision"), {"decision-decision": "released", "decision-reasons": "x"}
    )
    assert response.status_code == 403


def test_possible_repeats_are_shown_at_intake(client, open_request, ig_officer):
    words = "Please send the total spending on agency staff in 2024 by department."
    earlier = open_request(K.FOI, "2025-03-03", description=words)
    later = open_request(K.FOI, "2025-03-10", description=words)
    client.force_login(ig_officer)
    page = client.get(_page(later)).content.decode()
    assert "Possible duplicates and repeats" in page
    assert earlier.reference in page


def test_released_answers_that_may_already_answer_the_request_are_shown(
    client, open_request, ig_officer
):
    DisclosureEntryFactory(
        title="Agency staff spending 2024",
        request_text="How much did the council spend on agency staff in 2024?",
        response_text="The council spent £1.2m on agency staff in 2024.",
    )
    case = open_request(K.FOI, description="What was the spending on agency staff in 2024?")
    client.force_login(ig_officer)
    page = client.get(_page(case)).content.decode()
    assert "Released answers that may already answer this" in page
    assert "Agency staff spending 2024" in page


def test_a_subject_access_request_offers_the_export_of_matching_residents(
    client, open_request, ig_officer
):
    resident = ResidentFactory(full_name="Ann Example", email="ann@example.org")
    case = open_request(K.SAR)
    client.force_login(ig_officer)
    page = client.get(_page(case)).content.decode()
    assert f"/staff/residents/{resident.pk}/export/?case={case.reference}" in page


def test_the_export_page_downloads_one_zip_and_records_it(client, open_request, ig_officer):
    resident = ResidentFactory(full_name="Ann Example", email="ann@example.org")
    case = open_request(K.SAR)
    client.force_login(ig_officer)
    url = reverse("staff:export-resident", args=[resident.pk])
    assert "Download everything (zip)" in client.get(url, {"case": case.reference}).content.decode()

    response = client.post(url, {"export-case": case.reference})
    assert response["Content-Type"] == "application/zip"
    assert "attachment;" in response["Content-Disposition"]
    assert zipfile.ZipFile(io.BytesIO(response.content)).testzip() is None
    assert SubjectAccessExport.objects.get().case == case


def test_an_unknown_request_on_the_export_page_is_an_error_not_a_download(
    client, open_request, ig_officer
):
    resident = ResidentFactory()
    client.force_login(ig_officer)
    response = client.post(
        reverse("staff:export-resident", args=[resident.pk]), {"export-case": "NOPE"}
    )
    assert "govuk-error-summary" in response.content.decode()
    assert not SubjectAccessExport.objects.exists()


@pytest.mark.parametrize("role", [Role.CASEWORKER, Role.TEAM_MANAGER, Role.CONTACT_CENTRE])
def test_only_information_governance_and_administrators_may_export(client, role):
    resident = ResidentFactory()
    client.force_login(UserFactory(role=role))
    assert client.get(reverse("staff:export-resident", args=[resident.pk])).status_code == 403


def test_an_internal_review_is_opened_from_the_page_on_the_day_it_arrived(
    client, open_request, ig_officer
):
    case = open_request(K.FOI, "2025-07-01")
    decisions.record_decision(actor=ig_officer, case=case, decision="released", reasons="Here.")
    client.force_login(ig_officer)
    response = client.post(
        _action(case, "internal-review"),
        {
            "internal-review-reason": "You left out 2023.",
            "internal-review-channel": "email",
            "internal-review-on-day": "15",
            "internal-review-on-month": "8",
            "internal-review-on-year": "2025",
        },
    )
    assert response.status_code == 302
    review = case.children.get()
    assert (review.kind, str(review.received_on), str(review.due_on)) == (
        K.FOI_INTERNAL_REVIEW,
        "2025-08-15",
        "2025-09-15",
    )


def test_an_ico_complaint_is_recorded_from_the_page(client, open_request, ig_officer):
    case = open_request(K.EIR, "2025-04-11")
    client.force_login(ig_officer)
    response = client.post(
        _action(case, "ico-complaint"),
        {
            "ico-complaint-ico_reference": "IC-123-A1",
            "ico-complaint-received_on-day": "1",
            "ico-complaint-received_on-month": "7",
            "ico-complaint-received_on-year": "2025",
            "ico-complaint-outcome": "pending",
        },
    )
    assert response.status_code == 302
    assert case.ico_complaints.get().ico_reference == "IC-123-A1"


def test_a_flag_naming_an_unknown_request_is_an_error_on_that_field(
    client, open_request, ig_officer
):
    case = open_request(K.FOI)
    client.force_login(ig_officer)
    page = client.post(
        _action(case, "flag"),
        {"flag-flag": "repeat", "flag-other_reference": "FOI-NOPE", "flag-reason": "Asked before."},
    ).content.decode()
    assert 'href="#flag-other_reference"' in page
    assert "No request with that reference" in page


def test_an_extension_too_late_is_shown_as_an_error(client, open_request, ig_officer):
    case = open_request(K.FOI, "2025-04-11")  # its 20th working day is long past
    client.force_login(ig_officer)
    page = client.post(_action(case, "extend"), {"extend-reason": "Weighing s43."}).content.decode()
    assert "govuk-error-summary" in page
    assert "Too late to extend" in page


def test_an_unknown_action_is_not_found(client, open_request, ig_officer):
    case = open_request(K.FOI)
    client.force_login(ig_officer)
    assert client.post(_action(case, "delete")).status_code == 404
