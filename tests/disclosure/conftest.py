"""Released FOI requests made through the real case services, and the officers who handle them."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile

from opencex.accounts.models import Role
from opencex.cases.actions.messages import send_message
from opencex.cases.actions.opening import open_case
from opencex.cases.actions.status import close_case, record_status_change
from opencex.cases.attachments import add_attachment
from opencex.cases.models import Attachment, Case, CaseKind, Channel, Status
from tests.factories import ServiceAreaFactory, TeamFactory, UserFactory

PDF = b"%PDF-1.7\n" + b"0" * 64
REQUEST = (
    "Dear Oxford City Council,\n\n"
    "Please tell me how many fixed penalty notices for fly-tipping were issued in each ward "
    "in 2023, and how many prosecutions followed.\n\n"
    "Yours faithfully,\nJane Smith"
)
RESPONSE = (
    "Dear Ms Smith,\n\n"
    "The council issued 187 fixed penalty notices for fly-tipping in 2023 and brought 9 "
    "prosecutions. The figures for each ward are attached.\n\n"
    "Yours sincerely,\nInformation Governance Team"
)


@pytest.fixture(autouse=True)
def private_media(settings, tmp_path):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": tmp_path},
        },
    }


@pytest.fixture(autouse=True)
def _quick_passwords(settings):
    # Every officer here gets a password; the real hasher's cost is not what these tests are about.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    # The search API counts requests in the cache, which outlives a test's transaction.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def ig_team(db):
    return TeamFactory(slug="information-governance", name="Information Governance")


@pytest.fixture
def ig_officer(ig_team):
    return UserFactory(role=Role.INFORMATION_GOVERNANCE, teams=[ig_team], full_name="Priya Shah")


@pytest.fixture
def caseworker(ig_team):
    return UserFactory(role=Role.CASEWORKER, teams=[ig_team], full_name="Sam Okafor")


@pytest.fixture
def waste_area(db):
    return ServiceAreaFactory(slug="waste-recycling", name="Waste and recycling")


def released_request(
    officer,
    *,
    subject: str = "Fly-tipping fixed penalty notices by ward",
    description: str = REQUEST,
    response: str = RESPONSE,
    outcome: str = "Information provided in full",
    kind: str = CaseKind.FOI,
    **contact,
) -> Case:
    """An FOI request opened on the web, answered by message, marked responded and closed."""
    contact = {
        "contact_name": "Jane Smith",
        "contact_email": "jane.smith@example.org",
        "contact_phone": "07700 900123",
        **contact,
    }
    case, _ = open_case(
        actor=None,
        kind=kind,
        channel=Channel.WEB,
        subject=subject,
        description=description,
        **contact,
    )
    send_message(actor=officer, case=case, body=response)
    record_status_change(actor=officer, case=case, to=Status.RESPONDED)
    close_case(actor=officer, case=case, outcome=outcome)
    return Case.objects.get(pk=case.pk)


@pytest.fixture
def released_case(ig_officer):
    return released_request(ig_officer)


def staff_pdf(officer, case: Case, name: str = "fly-tipping-by-ward.pdf") -> Attachment:
    upload = SimpleUploadedFile(name, PDF, content_type="application/pdf")
    return add_attachment(actor=officer, case=case, upload=upload, visible_to_resident=True)


def staff_text_file(officer, case: Case, name: str, content_type: str, body: bytes) -> Attachment:
    """A text or CSV file the council added (the upload checks take only photos and PDFs, so a
    test writes the row itself, as an email intake would)."""
    return Attachment.objects.create(
        case=case,
        file=ContentFile(body, name=name),
        original_name=name,
        content_type=content_type,
        size=len(body),
        uploaded_by=officer,
    )
