"""Preparing, editing, publishing and withdrawing disclosure log entries through the services."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile

from opencex.cases.actions.messages import send_message
from opencex.cases.actions.opening import open_case
from opencex.cases.actions.status import close_case, record_status_change
from opencex.cases.attachments import add_attachment
from opencex.cases.models import CaseEvent, CaseKind, Channel, EventKind, Status
from opencex.disclosure.models import (
    Decision,
    DisclosureEvent,
    DisclosureEventKind,
    EntryStatus,
)
from opencex.disclosure.redaction import REDACTED, Kind
from opencex.disclosure.selectors import publishable_files
from opencex.disclosure.services import (
    DisclosureError,
    prepare_disclosure,
    publish_disclosure,
    update_draft,
    withdraw_disclosure,
)
from tests.disclosure.conftest import PDF, released_request, staff_pdf, staff_text_file
from tests.factories import (
    PropertyFactory,
    ResidentFactory,
    ServiceAreaFactory,
    ServiceFactory,
)

pytestmark = pytest.mark.django_db


def publish(officer, entry, **kwargs):
    kwargs.setdefault("confirmed_no_personal_data", True)
    return publish_disclosure(actor=officer, entry=entry, **kwargs)


def edit(officer, entry, **changes):
    fields = {
        "title": entry.title,
        "request_text": entry.request_text,
        "response_text": entry.response_text,
        "decision": entry.decision,
        "service_area": entry.service_area,
        **changes,
    }
    return update_draft(actor=officer, entry=entry, **fields)


@pytest.fixture
def draft(ig_officer, released_case, waste_area):
    entry = prepare_disclosure(actor=ig_officer, case=released_case)
    return edit(ig_officer, entry, service_area=waste_area)


# Preparing


def test_a_released_request_becomes_a_draft_without_the_requesters_name(ig_officer, released_case):
    entry = prepare_disclosure(actor=ig_officer, case=released_case)
    assert entry.status == EntryStatus.DRAFT
    assert "Jane" not in entry.request_text
    assert "Smith" not in entry.request_text
    assert entry.request_text.endswith(f"Yours faithfully,\n{REDACTED}")
    assert entry.response_text.startswith(f"Dear {REDACTED},")
    assert "187 fixed penalty notices" in entry.response_text


def test_the_draft_counts_what_was_removed_but_never_keeps_it(ig_officer, released_case):
    entry = prepare_disclosure(actor=ig_officer, case=released_case)
    assert entry.redaction_counts == {Kind.NAME: 2}
    assert "Jane" not in str(entry.redaction_counts)
    event = DisclosureEvent.objects.get(entry=entry)
    assert event.kind == DisclosureEventKind.PREPARED
    assert event.data == {"redactions": {Kind.NAME: 2}}


def test_the_response_is_the_last_message_sent_to_the_requester(ig_officer):
    case, _ = open_case(
        actor=None,
        kind=CaseKind.FOI,
        channel=Channel.WEB,
        subject="Agency staff",
        description="How much was spent on agency staff?",
        contact_name="Ola Nordmann",
    )
    send_message(actor=ig_officer, case=case, body="We are searching our records.")
    send_message(actor=ig_officer, case=case, body="We spent £3.4 million.")
    record_status_change(actor=ig_officer, case=case, to=Status.RESPONDED)
    entry = prepare_disclosure(actor=ig_officer, case=case)
    assert entry.response_text == "We spent £3.4 million."


def test_without_a_message_the_response_is_the_outcome(ig_officer):
    case, _ = open_case(
        actor=None,
        kind=CaseKind.EIR,
        channel=Channel.WEB,
        subject="Air quality",
        description="Nitrogen dioxide readings on the High Street, please.",
        contact_name="Ola Nordmann",
    )
    record_status_change(actor=ig_officer, case=case, to=Status.RESPONDED)
    close_case(actor=ig_officer, case=case, outcome="Information provided in part: reg 12(4)(d)")
    entry = prepare_disclosure(actor=ig_officer, case=case)
    assert entry.response_text == "Information provided in part: reg 12(4)(d)"
    assert entry.decision == Decision.PART_RELEASED


def test_a_response_released_in_full_is_a_release(ig_officer, released_case):
    assert prepare_disclosure(actor=ig_officer, case=released_case).decision == Decision.RELEASED


def test_the_release_date_is_the_day_the_response_was_sent(ig_officer, released_case):
    entry = prepare_disclosure(actor=ig_officer, case=released_case)
    assert entry.released_on == released_case.responded_on


def test_preparing_twice_opens_the_same_draft(ig_officer, released_case):
    first = prepare_disclosure(actor=ig_officer, case=released_case)
    assert prepare_disclosure(actor=ig_officer, case=released_case) == first


def test_a_request_not_yet_answered_cannot_be_prepared(ig_officer):
    case, _ = open_case(
        actor=None,
        kind=CaseKind.FOI,
        channel=Channel.WEB,
        subject="Parking",
        description="How many permits?",
        contact_name="Ola Nordmann",
    )
    with pytest.raises(DisclosureError, match="Send the response"):
        prepare_disclosure(actor=ig_officer, case=case)


def test_a_subject_access_request_never_goes_on_the_log(ig_officer):
    case = released_request(ig_officer, kind=CaseKind.SAR, outcome="Personal data provided")
    with pytest.raises(DisclosureError, match="Only FOI and EIR"):
        prepare_disclosure(actor=ig_officer, case=case)


def test_a_published_response_cannot_be_prepared_again(ig_officer, draft):
    publish(ig_officer, draft)
    with pytest.raises(DisclosureError, match="already on the disclosure log"):
        prepare_disclosure(actor=ig_officer, case=draft.case)


def test_a_withdrawn_entry_leaves_room_for_a_new_draft(ig_officer, draft):
    withdraw_disclosure(actor=ig_officer, entry=publish(ig_officer, draft), reason="Typo")
    again = prepare_disclosure(actor=ig_officer, case=draft.case)
    assert again.pk != draft.pk
    assert again.status == EntryStatus.DRAFT


def test_the_service_area_comes_from_the_service_the_request_was_about(ig_officer):
    area = ServiceAreaFactory(slug="parking", name="Parking")
    service = ServiceFactory(service_area=area, team__service_area=area)
    case = released_request(ig_officer, service=service)
    assert prepare_disclosure(actor=ig_officer, case=case).service_area == area


def test_an_foi_forms_own_service_says_nothing_about_the_area(ig_officer):
    service = ServiceFactory(case_kind=CaseKind.FOI)
    case = released_request(ig_officer, service=service)
    assert prepare_disclosure(actor=ig_officer, case=case).service_area is None


def test_the_residents_record_and_the_people_at_the_property_are_redacted(ig_officer):
    home = PropertyFactory(address_line_1="27 Iffley Road", postcode="OX4 1EA")
    resident = ResidentFactory(full_name="Amira Haddad", email="amira@example.net")
    resident.occupancies.create(property=home, relationship="tenant")
    lodger = ResidentFactory(full_name="Bogdan Kowalski")
    lodger.occupancies.create(property=home, relationship="household_member")
    case = released_request(
        ig_officer,
        description="I am Amira, I live at 27 Iffley Road with Bogdan. Email amira@example.net.",
        contact_name="A Haddad",
        contact_email="",
        resident=resident,
        property=home,
    )
    entry = prepare_disclosure(actor=ig_officer, case=case)
    for gone in ("Amira", "27 Iffley Road", "Bogdan", "amira@example.net"):
        assert gone not in entry.request_text


def test_the_councils_own_mailbox_stays_in_the_response(ig_officer):
    case = released_request(
        ig_officer, response="For a review, write to foi@oxford.gov.uk within 40 working days."
    )
    entry = prepare_disclosure(actor=ig_officer, case=case)
    assert "foi@oxford.gov.uk" in entry.response_text


# Editing


def test_an_officer_redacts_a_missed_name_and_the_edit_is_audited(caseworker, draft):
    edited = edit(caseworker, draft, response_text=draft.response_text + "\nThanks to [redacted].")
    assert edited.response_text.endswith("Thanks to [redacted].")
    event = edited.events.get(kind=DisclosureEventKind.EDITED, actor=caseworker)
    assert event.data == {"changed": ["response_text"]}


def test_an_empty_response_is_refused(ig_officer, draft):
    with pytest.raises(DisclosureError, match="Enter the response"):
        edit(ig_officer, draft, response_text="  ")


def test_a_published_entry_cannot_be_edited(ig_officer, draft):
    publish(ig_officer, draft)
    with pytest.raises(PermissionDenied):
        edit(ig_officer, draft, title="Changed after publishing")


# Publishing


def test_publishing_without_the_confirmation_is_refused(ig_officer, draft):
    with pytest.raises(DisclosureError, match="no personal data"):
        publish(ig_officer, draft, confirmed_no_personal_data=False)
    draft.refresh_from_db()
    assert draft.status == EntryStatus.DRAFT
    assert draft.published_at is None


def test_publishing_with_the_confirmation_puts_the_entry_on_the_log(ig_officer, draft):
    entry = publish(ig_officer, draft)
    assert entry.status == EntryStatus.PUBLISHED
    assert entry.published_by == ig_officer
    assert entry.published_at is not None
    assert entry.events.filter(kind=DisclosureEventKind.PUBLISHED, actor=ig_officer).exists()


def test_publishing_is_noted_on_the_cases_timeline_for_staff_only(ig_officer, draft):
    publish(ig_officer, draft)
    note = CaseEvent.objects.get(case=draft.case, summary="Published on the disclosure log")
    assert note.kind == EventKind.NOTE
    assert not note.is_visible_to_resident


def test_publishing_needs_a_service_area(ig_officer, draft):
    edit(ig_officer, draft, service_area=None)
    with pytest.raises(DisclosureError, match="service area"):
        publish(ig_officer, draft)


def test_the_requesters_name_put_back_stops_publishing(ig_officer, draft):
    edit(ig_officer, draft, request_text=draft.request_text + "\nFrom Jane Smith")
    with pytest.raises(DisclosureError, match="requester's own details \\(a name\\)"):
        publish(ig_officer, draft)


def test_the_requesters_email_put_back_stops_publishing(ig_officer, draft):
    edit(ig_officer, draft, response_text="Sent to jane.smith@example.org")
    with pytest.raises(DisclosureError, match="an email address"):
        publish(ig_officer, draft)


def test_a_chosen_pdf_is_published_as_a_copy(ig_officer, draft):
    original = staff_pdf(ig_officer, draft.case)
    entry = publish(ig_officer, draft, files=[original])
    copy = entry.files.get()
    assert copy.name == "fly-tipping-by-ward.pdf"
    assert copy.content_type == "application/pdf"
    assert copy.file.name != original.file.name
    with copy.file.open("rb") as published:
        assert published.read() == PDF
    assert copy.copied_from == original


def test_text_and_csv_files_added_by_staff_are_offered(ig_officer, released_case):
    staff_text_file(ig_officer, released_case, "wards.csv", "text/csv", b"ward,notices\n")
    staff_text_file(ig_officer, released_case, "notes.txt", "text/plain", b"Figures.\n")
    offered = [attachment.original_name for attachment in publishable_files(released_case)]
    assert offered == ["notes.txt", "wards.csv"]


def test_a_photo_added_by_staff_is_not_offered(ig_officer, released_case):
    png = SimpleUploadedFile("site.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64)
    add_attachment(actor=ig_officer, case=released_case, upload=png)
    assert not publishable_files(released_case).exists()


def test_the_requesters_own_upload_is_never_offered_or_published(ig_officer, waste_area):
    upload = SimpleUploadedFile("my-letter.pdf", PDF, content_type="application/pdf")
    case, _ = open_case(
        actor=None,
        kind=CaseKind.FOI,
        channel=Channel.WEB,
        subject="Parking",
        description="See my letter.",
        contact_name="Jane Smith",
        uploads=[upload],
    )
    send_message(actor=ig_officer, case=case, body="We issued 9,000 permits.")
    record_status_change(actor=ig_officer, case=case, to=Status.RESPONDED)
    entry = edit(
        ig_officer, prepare_disclosure(actor=ig_officer, case=case), service_area=waste_area
    )
    requesters = case.attachments.get()
    assert not publishable_files(case).exists()
    with pytest.raises(DisclosureError, match="Only text-based files added by the council"):
        publish(ig_officer, entry, files=[requesters])


def test_only_a_draft_can_be_published(ig_officer, draft):
    publish(ig_officer, draft)
    with pytest.raises(DisclosureError, match="Only a draft"):
        publish(ig_officer, draft)


# Withdrawing


def test_withdrawing_takes_the_entry_and_its_files_off_the_log(
    ig_officer, draft, django_capture_on_commit_callbacks
):
    entry = publish(ig_officer, draft, files=[staff_pdf(ig_officer, draft.case)])
    stored = entry.files.get().file
    storage, name = stored.storage, stored.name
    with django_capture_on_commit_callbacks(execute=True):
        withdrawn = withdraw_disclosure(
            actor=ig_officer, entry=entry, reason="A name was left in the attachment."
        )
    assert withdrawn.status == EntryStatus.WITHDRAWN
    assert withdrawn.withdrawn_reason == "A name was left in the attachment."
    assert not withdrawn.files.exists()
    assert not storage.exists(name)
    event = withdrawn.events.get(kind=DisclosureEventKind.WITHDRAWN)
    assert event.data == {"files": ["fly-tipping-by-ward.pdf"]}


def test_withdrawing_needs_a_reason(ig_officer, draft):
    publish(ig_officer, draft)
    with pytest.raises(DisclosureError, match="Say why"):
        withdraw_disclosure(actor=ig_officer, entry=draft, reason=" ")


def test_only_a_published_entry_can_be_withdrawn(ig_officer, draft):
    with pytest.raises(DisclosureError, match="Only a published entry"):
        withdraw_disclosure(actor=ig_officer, entry=draft, reason="Not needed")


def test_the_audit_trail_cannot_be_edited(ig_officer, draft):
    event = draft.events.first()
    event.details = "changed"
    with pytest.raises(TypeError, match="append-only"):
        event.save()
    with pytest.raises(TypeError, match="append-only"):
        DisclosureEvent.objects.filter(entry=draft).update(details="changed")
