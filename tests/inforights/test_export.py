"""The subject access export: one zip with everything held about a resident, opened here and
checked part by part, its audit, and who may make it."""

import io
import json
import zipfile

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from opencex.accounts.models import Role
from opencex.cases.actions.messages import add_note
from opencex.cases.actions.opening import open_case
from opencex.cases.attachments import add_attachment
from opencex.cases.models import Case, CaseKind, Channel, EventKind
from opencex.inforights.export import export_everything_about
from opencex.inforights.models import SubjectAccessExport
from opencex.inforights.selectors import residents_who_may_be
from opencex.matching.services import merge_residents
from opencex.people.models import EqualityProfile, SensitiveAccess
from opencex.people.services import read_sensitive_information, record_sensitive_information
from tests.factories import ContactFactory, ResidentFactory, TeamFactory, UserFactory
from tests.inforights.conftest import D

pytestmark = pytest.mark.django_db
PNG = b"\x89PNG\r\n\x1a\n" + b"photo of the damp" * 4


@pytest.fixture(autouse=True)
def private_media(settings, tmp_path):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": tmp_path},
        },
    }


@pytest.fixture
def resident(db):
    return ResidentFactory(full_name="Ann Example", email="ann@example.org", phone="07700900123")


@pytest.fixture
def history(resident, contact_officer, ig_officer, ig_team):
    """A resident the council knows: a case with a file, a note and a message, a logged call,
    special-category data read once by a caseworker, and a subject access request."""
    caseworker = UserFactory(role=Role.CASEWORKER, full_name="Cal Worker")
    repair, _ = open_case(
        actor=contact_officer,
        kind=CaseKind.SERVICE_REQUEST,
        channel=Channel.PHONE,
        subject="Damp in the kitchen",
        description="Black mould behind the fridge.",
        contact_name=resident.full_name,
        contact_email=resident.email,
        resident=resident,
    )
    add_attachment(
        actor=contact_officer,
        case=repair,
        upload=SimpleUploadedFile("kitchen.png", PNG, content_type="image/png"),
    )
    add_note(actor=contact_officer, case=repair, body="Neighbour says she is often out.")
    ContactFactory(resident=resident, note="Asked about the damp visit.")
    record_sensitive_information(
        actor=caseworker,
        resident=resident,
        category="physical_health",
        details="Asthma made worse by mould.",
        purpose="Prioritise repairs",
        lawful_basis="Art 9(2)(g)",
        review_on=D("2027-01-01"),
    )
    # Need to know (people.policies): the caseworker handles the repair.
    Case.objects.filter(pk=repair.pk).update(assigned_to=caseworker)
    read_sensitive_information(actor=caseworker, resident=resident, purpose="Repair triage")
    sar, _ = open_case(
        actor=contact_officer,
        kind=CaseKind.SAR,
        channel=Channel.EMAIL,
        subject="Request for personal data",
        description="Everything you hold about me.",
        contact_name=resident.full_name,
        contact_email=resident.email,
    )
    return {"repair": repair, "sar": sar, "caseworker": caseworker}


def _open(export):
    archive = zipfile.ZipFile(io.BytesIO(export.content))
    names = archive.namelist()
    folder = names[0].split("/")[0]

    def read(name):
        data = archive.read(f"{folder}/{name}")
        return json.loads(data) if name.endswith(".json") else data

    return names, read


def test_the_export_is_one_zip_with_an_index_and_every_part(resident, history, ig_officer):
    names, read = _open(export_everything_about(actor=ig_officer, resident=resident))
    parts = {name.split("/", 1)[1] for name in names}
    assert {
        "index.html",
        "resident.json",
        "cases.json",
        "contacts.json",
        "messages.json",
        "special-category.json",
        "audit.json",
    } <= parts
    index = read("index.html").decode()
    assert "The personal data we hold about Ann Example" in index
    assert 'href="cases.json"' in index


def test_the_export_holds_the_residents_details_and_contact_preferences(
    resident, history, ig_officer
):
    _, read = _open(export_everything_about(actor=ig_officer, resident=resident))
    details = read("resident.json")
    assert (details["full_name"], details["email"]) == ("Ann Example", "ann@example.org")
    assert details["contact_preferences"]["preferred_channel"] == "Email"


def test_the_export_holds_every_case_with_internal_notes_marked_for_review(
    resident, history, ig_officer
):
    _, read = _open(export_everything_about(actor=ig_officer, resident=resident))
    by_reference = {case["reference"]: case for case in read("cases.json")}
    repair = by_reference[history["repair"].reference]
    note = next(event for event in repair["timeline"] if event["what"] == "Internal note")
    assert note["text"] == "Neighbour says she is often out."
    assert note["internal_review_before_release"] is True
    created = repair["timeline"][0]
    assert created["internal_review_before_release"] is False
    # The request given with their email address but not yet linked to their record.
    assert by_reference[history["sar"].reference]["linked_to_your_record"] is False


def test_the_export_holds_the_attached_files_themselves(resident, history, ig_officer):
    _, read = _open(export_everything_about(actor=ig_officer, resident=resident))
    repair = next(c for c in read("cases.json") if c["reference"] == history["repair"].reference)
    [attachment] = repair["attachments"]
    assert attachment["name"] == "kitchen.png"
    assert read(attachment["file"]) == PNG


def test_the_export_holds_contacts_and_the_messages_sent(resident, history, ig_officer):
    _, read = _open(export_everything_about(actor=ig_officer, resident=resident))
    assert [contact["note"] for contact in read("contacts.json")] == ["Asked about the damp visit."]
    subjects = [message["subject"] for message in read("messages.json")]
    assert any(history["repair"].reference in subject for subject in subjects)


def test_the_export_holds_special_category_data_and_who_read_it(resident, history, ig_officer):
    _, read = _open(export_everything_about(actor=ig_officer, resident=resident))
    [held] = read("special-category.json")
    assert held["details"] == "Asthma made worse by mould."
    reads = read("audit.json")["who_read_your_health_and_vulnerability_details"]
    # The import that recorded it is in the log too, under the purpose it was recorded for.
    assert [(r["by"]["name"], r["why"]) for r in reads] == [
        ("Cal Worker", "Prioritise repairs"),
        ("Cal Worker", "Repair triage"),
        ("Iris Grant", "Subject access export"),
    ]


def test_the_export_holds_special_category_data_no_longer_in_use(resident, history, ig_officer):
    # Withdrawn from use, but still held: the resident is entitled to see it (UK GDPR Art 15).
    withdrawn_at = timezone.now()
    resident.sensitive_information.update(withdrawn_at=withdrawn_at)
    _, read = _open(export_everything_about(actor=ig_officer, resident=resident))
    [held] = read("special-category.json")
    assert held["details"] == "Asthma made worse by mould."
    assert held["withdrawn_at"] is not None


def test_the_export_says_who_acted_on_the_residents_cases(
    resident, history, ig_officer, contact_officer
):
    _, read = _open(export_everything_about(actor=ig_officer, resident=resident))
    actions = read("audit.json")["who_acted_on_your_cases"]
    assert {
        "case": history["repair"].reference,
        "by": {"name": contact_officer.full_name, "role": "Contact-centre officer"},
        "did": "Note added",
    }.items() <= next(action for action in actions if action["did"] == "Note added").items()


def test_each_export_is_recorded_and_shown_in_the_next(resident, history, ig_officer):
    first = export_everything_about(actor=ig_officer, resident=resident, case=history["sar"])
    second = export_everything_about(actor=ig_officer, resident=resident)

    assert SubjectAccessExport.objects.count() == 2
    assert first.record.case == history["sar"]
    assert len(first.record.sha256) == 64
    assert first.record.size == len(first.content)
    _, read = _open(second)
    [earlier] = read("audit.json")["earlier_exports_of_your_data"]
    assert (earlier["by"]["name"], earlier["for_request"]) == (
        "Iris Grant",
        history["sar"].reference,
    )
    assert history["sar"].events.filter(kind=EventKind.NOTE, data__export=first.record.pk).exists()


def test_the_export_leaves_out_other_residents(resident, history, ig_officer, contact_officer):
    other = ResidentFactory(full_name="Bo Other", email="bo@example.org")
    theirs, _ = open_case(
        actor=contact_officer,
        kind=CaseKind.ENQUIRY,
        channel=Channel.PHONE,
        subject="Parking permit",
        description="How do I renew?",
        contact_name=other.full_name,
        contact_email=other.email,
        resident=other,
    )
    _, read = _open(export_everything_about(actor=ig_officer, resident=resident))
    assert theirs.reference not in {case["reference"] for case in read("cases.json")}


def test_an_administrator_may_export(resident, history):
    admin = UserFactory(role=Role.ADMINISTRATOR)
    assert export_everything_about(actor=admin, resident=resident).content


@pytest.mark.parametrize(
    "role", [Role.CASEWORKER, Role.TEAM_MANAGER, Role.CONTACT_CENTRE, Role.RESIDENT]
)
def test_other_roles_may_not_export(resident, role):
    with pytest.raises(PermissionDenied):
        export_everything_about(
            actor=UserFactory(role=role, teams=[TeamFactory()]), resident=resident
        )
    assert not SubjectAccessExport.objects.exists()
    assert not SensitiveAccess.objects.exists()


def test_an_export_for_a_request_must_be_for_a_subject_access_request(
    resident, history, ig_officer
):
    with pytest.raises(PermissionDenied):
        export_everything_about(actor=ig_officer, resident=resident, case=history["repair"])


def test_the_export_is_named_for_the_resident_and_the_day(resident, ig_officer):
    made = export_everything_about(actor=ig_officer, resident=resident)
    assert made.file_name == f"subject-access-{resident.pk}-{timezone.localdate():%Y-%m-%d}.zip"


def test_the_residents_a_requester_may_be_leave_out_merged_away_records(open_request):
    kept = ResidentFactory(email="ann@example.org", full_name="Ann Example")
    ResidentFactory(email="ann@example.org", full_name="Ann Example", merged_into=kept)
    case = open_request(kind=CaseKind.SAR)

    assert kept in residents_who_may_be(case)
    assert list(residents_who_may_be(case).filter(merged_into__isnull=False)) == []


def test_the_export_holds_what_stayed_on_records_merged_into_the_residents(resident, ig_officer):
    """A merge leaves audit rows and a row the kept record already had one of (an equality
    profile) on the merged record; the kept record's export holds them, through a chain."""
    middle = ResidentFactory(full_name="Ann Exampel")
    oldest = ResidentFactory(full_name="A. Example")
    EqualityProfile.objects.create(
        resident=resident, consent_given=True, consented_at=timezone.now(), purpose="Monitoring"
    )
    EqualityProfile.objects.create(
        resident=middle,
        consent_given=True,
        consented_at=timezone.now(),
        purpose="Monitoring",
        ethnic_group="prefer_not_to_say",
    )
    SensitiveAccess.objects.create(
        resident=oldest, actor=UserFactory(role=Role.CASEWORKER), purpose="Checked before a visit"
    )
    merge_residents(actor=ig_officer, kept=middle, merged=oldest, reason="Same person")
    merge_residents(actor=ig_officer, kept=resident, merged=middle, reason="Same person")

    _, read = _open(export_everything_about(actor=ig_officer, resident=resident))
    assert read(f"merged-record-{middle.pk}/equality-monitoring.json") is not None
    assert read(f"merged-record-{middle.pk}/resident.json")["full_name"] == "Ann Exampel"
    reads = read(f"merged-record-{oldest.pk}/audit.json")
    assert "Checked before a visit" in [
        r["why"] for r in reads["who_read_your_health_and_vulnerability_details"]
    ]
    assert "Checked before a visit" not in str(read("audit.json"))
