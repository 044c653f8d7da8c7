"""Officers open a case's files from the case page: as downloads with safe headers, each opening
recorded, and never a file of a case they may not see."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from opencex.accounts.models import Role
from opencex.cases.attachments import store_attachment
from opencex.cases.models import CaseKind, EventKind
from tests.factories import CaseFactory, ResidentFactory, TeamFactory, UserFactory

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
def team():
    return TeamFactory(slug="waste", name="Waste and recycling")


@pytest.fixture
def request_case(team):
    return CaseFactory(team=team, resident=ResidentFactory(full_name="Ada Okonkwo"))


@pytest.fixture
def subject_access_request():
    return CaseFactory(kind=CaseKind.SAR, reference="SAR-TEST-0001", team=TeamFactory())


def _attach(case, name="bin photo.png", content=PNG):
    return store_attachment(actor=None, case=case, upload=SimpleUploadedFile(name, content))


def _download(client, case, attachment):
    return client.get(reverse("staff:case-attachment", args=[case.reference, attachment.pk]))


def test_an_officer_downloads_a_file_as_an_attachment_with_its_true_type(
    client, team, request_case
):
    attachment = _attach(request_case)
    client.force_login(UserFactory(role=Role.CASEWORKER, teams=[team]))

    response = _download(client, request_case, attachment)

    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert response["Content-Disposition"] == 'attachment; filename="bin photo.png"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content) == PNG


def test_the_type_served_is_judged_from_the_content_not_the_stored_row(client, team, request_case):
    attachment = _attach(request_case, "letter.pdf", PDF)
    attachment.content_type = "text/html"
    attachment.save()
    client.force_login(UserFactory(role=Role.CASEWORKER, teams=[team]))

    assert _download(client, request_case, attachment)["Content-Type"] == "application/pdf"


def test_each_opening_is_recorded_on_the_timeline_for_staff_only(client, team, request_case):
    attachment = _attach(request_case)
    officer = UserFactory(role=Role.CASEWORKER, teams=[team], full_name="Sam Okafor")
    client.force_login(officer)

    _download(client, request_case, attachment)
    _download(client, request_case, attachment)

    opened = request_case.events.filter(kind=EventKind.ATTACHMENT_OPENED)
    assert opened.count() == 2
    event = opened.first()
    assert event.actor == officer
    assert event.summary == "File opened: bin photo.png"
    assert event.data == {"attachment": attachment.pk}
    assert not event.is_visible_to_resident


def test_a_caseworker_outside_the_team_gets_not_found(client, request_case):
    attachment = _attach(request_case)
    client.force_login(UserFactory(role=Role.CASEWORKER, teams=[TeamFactory()]))

    assert _download(client, request_case, attachment).status_code == 404
    assert not request_case.events.filter(kind=EventKind.ATTACHMENT_OPENED).exists()


def test_proof_of_identity_on_a_subject_access_request_is_hidden_from_the_contact_centre(
    client, subject_access_request
):
    proof = _attach(subject_access_request, "passport.pdf", PDF)
    client.force_login(UserFactory(role=Role.CONTACT_CENTRE))

    assert _download(client, subject_access_request, proof).status_code == 404


def test_information_governance_opens_proof_of_identity_on_a_subject_access_request(
    client, subject_access_request
):
    proof = _attach(subject_access_request, "passport.pdf", PDF)
    client.force_login(UserFactory(role=Role.INFORMATION_GOVERNANCE))

    assert _download(client, subject_access_request, proof).status_code == 200


def test_a_file_of_another_case_is_not_found_through_this_case(client, team, request_case):
    elsewhere = _attach(CaseFactory(team=team))
    client.force_login(UserFactory(role=Role.ADMINISTRATOR))

    assert _download(client, request_case, elsewhere).status_code == 404


def test_a_file_gone_from_storage_is_not_found(client, team, request_case):
    attachment = _attach(request_case)
    attachment.file.delete(save=False)
    client.force_login(UserFactory(role=Role.ADMINISTRATOR))

    assert _download(client, request_case, attachment).status_code == 404


def test_the_case_page_lists_each_file_with_a_link_to_download_it(client, team, request_case):
    attachment = _attach(request_case)
    client.force_login(UserFactory(role=Role.CASEWORKER, teams=[team]))

    page = client.get(reverse("staff:case", args=[request_case.reference])).content.decode()

    url = reverse("staff:case-attachment", args=[request_case.reference, attachment.pk])
    assert f'href="{url}"' in page
    assert "bin photo.png" in page


def test_the_case_page_says_when_a_case_has_no_files(client, team, request_case):
    client.force_login(UserFactory(role=Role.CASEWORKER, teams=[team]))

    page = client.get(reverse("staff:case", args=[request_case.reference])).content.decode()

    assert "No files on this case." in page
