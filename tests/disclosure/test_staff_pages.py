"""The staff side of the disclosure log: the list, preparing a draft, checking and publishing it,
withdrawing an entry, and released answers at intake."""

from __future__ import annotations

import pytest

from opencex.accounts.models import Role
from opencex.cases.actions.opening import open_case
from opencex.cases.models import CaseKind, Channel
from opencex.disclosure.models import DisclosureEntry, EntryStatus
from opencex.disclosure.services import prepare_disclosure
from tests.disclosure.conftest import staff_pdf
from tests.factories import DisclosureEntryFactory, TeamFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(ig_officer, released_case, waste_area):
    return prepare_disclosure(actor=ig_officer, case=released_case)


def signed_in(client, user):
    client.force_login(user)
    return client


def draft_form(entry, **changes) -> dict:
    data = {
        "title": entry.title,
        "request_text": entry.request_text,
        "response_text": entry.response_text,
        "decision": entry.decision,
        "service_area": "waste-recycling",
        "action": "save",
    }
    data.update(changes)
    return {name: value for name, value in data.items() if value is not None}


# The list


def test_the_list_shows_drafts_first_with_their_request(client, ig_officer, draft):
    page = signed_in(client, ig_officer).get("/staff/disclosure/").content.decode()
    assert draft.title in page
    assert f'href="/staff/cases/{draft.case.reference}/"' in page


def test_the_list_shows_published_entries_on_their_own_tab(client, ig_officer, draft):
    published = DisclosureEntryFactory(title="Parking permits issued")
    page = signed_in(client, ig_officer).get("/staff/disclosure/", {"status": "published"})
    assert published.title in page.content.decode()
    assert draft.title not in page.content.decode()


def test_a_team_manager_may_not_use_the_staff_log(client, ig_team):
    manager = UserFactory(role=Role.TEAM_MANAGER, teams=[ig_team])
    assert signed_in(client, manager).get("/staff/disclosure/").status_code == 403


def test_a_visitor_who_is_not_signed_in_is_sent_to_sign_in(client):
    response = client.get("/staff/disclosure/")
    assert response.status_code == 302
    assert response["Location"].startswith("/staff/sign-in/")


# Preparing


def test_a_reference_typed_on_the_list_leads_to_its_prepare_page(client, ig_officer, released_case):
    response = signed_in(client, ig_officer).post(
        "/staff/disclosure/prepare/", {"reference": released_case.reference.lower()}
    )
    assert response.status_code == 302
    assert response["Location"] == f"/staff/disclosure/prepare/{released_case.reference}/"


def test_an_unknown_reference_is_shown_in_the_error_summary(client, ig_officer):
    response = signed_in(client, ig_officer).post(
        "/staff/disclosure/prepare/", {"reference": "FOI-NOPE-0000"}
    )
    page = response.content.decode()
    assert "There is a problem" in page
    assert '<a href="#reference">You have no request with the reference FOI-NOPE-0000</a>' in page
    assert page.count("<title>Error:") == 1


def test_the_prepare_page_explains_and_its_button_makes_the_draft(
    client, ig_officer, released_case
):
    client = signed_in(client, ig_officer)
    url = f"/staff/disclosure/prepare/{released_case.reference}/"
    assert "Prepare a draft" in client.get(url).content.decode()
    assert not DisclosureEntry.objects.exists()
    response = client.post(url)
    entry = DisclosureEntry.objects.get()
    assert response["Location"] == f"/staff/disclosure/{entry.pk}/"


def test_the_prepare_page_of_a_case_with_a_draft_opens_the_draft(client, ig_officer, draft):
    response = signed_in(client, ig_officer).get(
        f"/staff/disclosure/prepare/{draft.case.reference}/"
    )
    assert response["Location"] == f"/staff/disclosure/{draft.pk}/"


def test_a_request_not_yet_answered_is_refused_in_the_error_summary(client, ig_officer):
    case, _ = open_case(
        actor=None,
        kind=CaseKind.FOI,
        channel=Channel.WEB,
        subject="Parking",
        description="How many permits?",
        contact_name="Ola Nordmann",
    )
    response = signed_in(client, ig_officer).post(f"/staff/disclosure/prepare/{case.reference}/")
    assert response.status_code == 200
    assert "Send the response before preparing it" in response.content.decode()


def test_a_request_the_officer_cannot_see_is_not_found(client, released_case):
    outsider = UserFactory(role=Role.CASEWORKER, teams=[TeamFactory(slug="waste")])
    response = signed_in(client, outsider).get(
        f"/staff/disclosure/prepare/{released_case.reference}/"
    )
    assert response.status_code == 404


# Checking and publishing a draft


def test_the_draft_page_highlights_every_redaction_and_counts_them(client, ig_officer, draft):
    page = signed_in(client, ig_officer).get(f"/staff/disclosure/{draft.pk}/").content.decode()
    assert page.count('<mark class="app-redaction">[redacted]</mark>') == 2
    assert "Names: 2" in page
    assert "I have checked this contains no personal data" in page


def test_saving_a_draft_keeps_the_officers_edits(client, ig_officer, draft):
    response = signed_in(client, ig_officer).post(
        f"/staff/disclosure/{draft.pk}/",
        draft_form(draft, response_text="Dear [redacted],\n\nWe issued 187 notices."),
    )
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.response_text == "Dear [redacted],\n\nWe issued 187 notices."
    assert draft.status == EntryStatus.DRAFT


def test_publishing_without_confirming_shows_the_error_and_publishes_nothing(
    client, ig_officer, draft
):
    response = signed_in(client, ig_officer).post(
        f"/staff/disclosure/{draft.pk}/",
        draft_form(draft, action="publish", title="Edited title"),
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert (
        '<a href="#confirmed">Confirm that you have checked this contains no personal data</a>'
        in page
    )
    assert 'id="confirmed-error"' in page
    assert 'value="Edited title"' in page
    draft.refresh_from_db()
    assert draft.status == EntryStatus.DRAFT
    assert draft.title != "Edited title"


def test_publishing_needs_a_service_area_chosen(client, ig_officer, draft):
    response = signed_in(client, ig_officer).post(
        f"/staff/disclosure/{draft.pk}/",
        draft_form(draft, action="publish", confirmed="on", service_area=""),
    )
    assert '<a href="#service_area">Choose the service area' in response.content.decode()


def test_publishing_with_the_confirmation_puts_it_on_the_log_with_the_ticked_file(
    client, ig_officer, draft
):
    ticked = staff_pdf(ig_officer, draft.case, "figures-by-ward.pdf")
    staff_pdf(ig_officer, draft.case, "internal-working.pdf")
    response = signed_in(client, ig_officer).post(
        f"/staff/disclosure/{draft.pk}/",
        draft_form(draft, action="publish", confirmed="on", attachments=[str(ticked.pk)]),
    )
    assert response["Location"] == f"/staff/disclosure/{draft.pk}/"
    draft.refresh_from_db()
    assert draft.status == EntryStatus.PUBLISHED
    assert [copy.name for copy in draft.files.all()] == ["figures-by-ward.pdf"]


def test_the_requesters_name_left_in_stops_publishing_with_a_message(client, ig_officer, draft):
    response = signed_in(client, ig_officer).post(
        f"/staff/disclosure/{draft.pk}/",
        draft_form(
            draft, action="publish", confirmed="on", request_text="From Jane Smith: figures?"
        ),
    )
    assert "still holds the requester&#x27;s own details (a name)" in response.content.decode()
    draft.refresh_from_db()
    assert draft.status == EntryStatus.DRAFT
    assert "Jane" not in draft.request_text


def test_a_caseworker_saves_a_draft_but_is_not_offered_publishing(client, caseworker, draft):
    client = signed_in(client, caseworker)
    page = client.get(f"/staff/disclosure/{draft.pk}/").content.decode()
    assert "Save draft" in page
    assert "Publish on the disclosure log" not in page
    response = client.post(
        f"/staff/disclosure/{draft.pk}/", draft_form(draft, action="publish", confirmed="on")
    )
    assert response.status_code == 403
    draft.refresh_from_db()
    assert draft.status == EntryStatus.DRAFT


# Withdrawing


def test_an_officer_withdraws_a_published_entry_with_a_reason(client, ig_officer):
    entry = DisclosureEntryFactory()
    response = signed_in(client, ig_officer).post(
        f"/staff/disclosure/{entry.pk}/withdraw/", {"reason": "A name in the table."}
    )
    assert response.status_code == 302
    entry.refresh_from_db()
    assert entry.status == EntryStatus.WITHDRAWN
    assert entry.withdrawn_reason == "A name in the table."


def test_withdrawing_without_a_reason_shows_the_error_summary(client, ig_officer):
    entry = DisclosureEntryFactory()
    response = signed_in(client, ig_officer).post(
        f"/staff/disclosure/{entry.pk}/withdraw/", {"reason": ""}
    )
    assert '<a href="#reason">Say why the entry is being withdrawn</a>' in (
        response.content.decode()
    )
    entry.refresh_from_db()
    assert entry.status == EntryStatus.PUBLISHED


def test_a_caseworker_may_not_withdraw(client, caseworker):
    entry = DisclosureEntryFactory()
    response = signed_in(client, caseworker).post(
        f"/staff/disclosure/{entry.pk}/withdraw/", {"reason": "No"}
    )
    assert response.status_code == 403


# Released answers at intake


def test_the_similar_page_lists_released_answers_for_a_case(client, ig_officer, released_case):
    answer = DisclosureEntryFactory(
        title="Fly-tipping fixed penalty notices by ward",
        request_text="How many fixed penalty notices for fly-tipping?",
    )
    DisclosureEntryFactory(title="Agency staff spending", request_text="Agency staff costs?")
    page = (
        signed_in(client, ig_officer)
        .get("/staff/disclosure/similar/", {"case": released_case.reference})
        .content.decode()
    )
    assert f'href="/disclosure-log/{answer.pk}/"' in page
    assert "Agency staff spending" not in page


def test_the_similar_page_takes_pasted_words_before_there_is_a_case(client, caseworker):
    answer = DisclosureEntryFactory(title="Empty homes premium", request_text="Empty homes?")
    page = (
        signed_in(client, caseworker)
        .get("/staff/disclosure/similar/", {"text": "How many empty homes pay the premium?"})
        .content.decode()
    )
    assert f'href="/disclosure-log/{answer.pk}/"' in page


def test_the_similar_page_says_when_nothing_matches(client, caseworker):
    page = (
        signed_in(client, caseworker)
        .get("/staff/disclosure/similar/", {"text": "Zeppelin landing fees"})
        .content.decode()
    )
    assert "No released answer on the disclosure log looks like this request" in page


def test_the_similar_page_for_a_case_the_officer_cannot_see_is_not_found(client, released_case):
    outsider = UserFactory(role=Role.CASEWORKER, teams=[TeamFactory(slug="waste")])
    response = signed_in(client, outsider).get(
        "/staff/disclosure/similar/", {"case": released_case.reference}
    )
    assert response.status_code == 404
