"""Uploads are judged by their content, limited in size and stored under a name we choose."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from opencex.cases.attachments import MAX_BYTES, AttachmentRejected, add_attachment
from opencex.cases.models import EventKind
from tests.factories import CaseFactory, ResidentFactory, UserFactory

pytestmark = pytest.mark.django_db

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
PDF = b"%PDF-1.7\n" + b"0" * 64


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
def owned_case():
    owner = UserFactory(role="resident")
    return owner, CaseFactory(resident=ResidentFactory(user=owner))


def test_a_photo_is_stored_under_a_random_name_with_its_true_type(owned_case):
    owner, case = owned_case
    upload = SimpleUploadedFile("../../etc/my photo.exe", PNG, content_type="text/html")
    attachment = add_attachment(actor=owner, case=case, upload=upload)
    assert attachment.content_type == "image/png"
    assert attachment.original_name == "my photo.png"
    assert "my photo" not in attachment.file.name
    assert ".." not in attachment.file.name
    assert case.events.filter(kind=EventKind.ATTACHMENT_ADDED).exists()


def test_a_pdf_is_accepted(owned_case):
    owner, case = owned_case
    upload = SimpleUploadedFile("letter.pdf", PDF, content_type="application/pdf")
    assert add_attachment(actor=owner, case=case, upload=upload).content_type == "application/pdf"


def test_a_file_that_only_claims_to_be_a_photo_is_refused(owned_case):
    owner, case = owned_case
    upload = SimpleUploadedFile(
        "photo.jpg", b"<script>alert(1)</script>", content_type="image/jpeg"
    )
    with pytest.raises(AttachmentRejected, match="JPG, PNG"):
        add_attachment(actor=owner, case=case, upload=upload)
    assert not case.attachments.exists()


def test_a_file_over_the_size_limit_is_refused(owned_case):
    owner, case = owned_case
    upload = SimpleUploadedFile("big.png", PNG + b"\x00" * MAX_BYTES, content_type="image/png")
    with pytest.raises(AttachmentRejected, match="smaller than 10MB"):
        add_attachment(actor=owner, case=case, upload=upload)


def test_someone_else_cannot_attach_to_a_residents_case(owned_case):
    _, case = owned_case
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        add_attachment(
            actor=UserFactory(role="resident"),
            case=case,
            upload=SimpleUploadedFile("a.png", PNG),
        )
