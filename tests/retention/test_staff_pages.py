"""Information governance's pages: the retention page shows each run's report and the reviews
due; erasure from the resident's page asks for a reason and a confirmation (GOV.UK error summary)
and shows why the council must keep the data when it must."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from opencex.accounts.models import Role
from opencex.cases.models import CaseKind, Status
from opencex.people.models import SensitiveInformation
from opencex.retention.models import Erasure, SensitiveReview
from opencex.retention.runs import apply_retention
from tests.factories import CaseFactory, ResidentFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def governance(client):
    user = UserFactory(role=Role.INFORMATION_GOVERNANCE, full_name="Ines Governance")
    client.force_login(user)
    return user


@pytest.fixture
def resident():
    return ResidentFactory(full_name="Ada Okonkwo", email="ada@example.org")


def test_the_retention_page_shows_the_last_run_and_the_reviews_due(client, governance, resident):
    SensitiveInformation.objects.create(
        resident=resident,
        category="mental_health",
        details="Anxiety",
        purpose="How to contact her",
        lawful_basis="Art 9(2)(g)",
        review_on=timezone.localdate(),
    )
    CaseFactory(kind=CaseKind.COMPLIMENT, status=Status.CLOSED, closed_at=timezone.now())
    CaseFactory(resident=resident)  # open: keeps her record
    apply_retention(timezone.localdate() + dt.timedelta(days=366))

    page = client.get(reverse("staff:retention")).content.decode()

    assert "Compliments, 1 year after it was closed" in page
    assert "1 anonymised" in page
    assert "Ada Okonkwo" in page
    assert "Anxiety" not in page  # the details are read, and the read recorded, on her page


def test_marking_a_review_done_takes_it_off_the_list(client, governance, resident):
    entry = SensitiveInformation.objects.create(
        resident=resident,
        category="disability",
        details="Wheelchair",
        purpose="Access",
        lawful_basis="Art 9(2)(g)",
        review_on=timezone.localdate(),
    )
    apply_retention()
    review = SensitiveReview.objects.get(information=entry)

    response = client.post(reverse("staff:retention-review", args=[review.pk]), {"note": "Kept"})

    assert response.status_code == 302
    review.refresh_from_db()
    assert (review.done_by, review.note) == (governance, "Kept")
    assert not SensitiveReview.objects.to_do().exists()


def test_the_resident_page_offers_erasure_to_information_governance_only(client, resident):
    url = reverse("staff:resident", args=[resident.pk])
    erase = reverse("staff:erase-resident", args=[resident.pk])
    client.force_login(UserFactory(role=Role.CASEWORKER))
    assert erase not in client.get(url).content.decode()
    client.force_login(UserFactory(role=Role.INFORMATION_GOVERNANCE))
    assert erase in client.get(url).content.decode()


def test_erasing_without_a_reason_or_confirmation_shows_the_error_summary(
    client, governance, resident
):
    response = client.post(reverse("staff:erase-resident", args=[resident.pk]), {"reason": ""})

    page = response.content.decode()
    assert response.status_code == 200
    assert "govuk-error-summary" in page
    assert '<a href="#id_reason">Enter why the data is being erased</a>' in page
    assert '<a href="#id_confirm">Confirm that you have checked who asked' in page
    assert page.count("<title>Error:") == 1
    assert not Erasure.objects.exists()


def test_the_erasure_page_says_why_the_council_must_keep_the_data(client, governance, resident):
    case = CaseFactory(resident=resident, kind=CaseKind.COMPLAINT)

    page = client.get(reverse("staff:erase-resident", args=[resident.pk])).content.decode()

    assert f"Complaint {case.reference} is still open." in page
    assert "Erase their personal data</button>" not in page


def test_a_case_opened_while_the_form_was_filled_in_refuses_and_says_why_once(
    client, governance, resident
):
    """The officer opened the form when nothing had to be kept; a complaint arrived before they
    sent it: nothing is erased, and the page gives the reason once."""
    case = CaseFactory(resident=resident, kind=CaseKind.COMPLAINT)

    response = client.post(
        reverse("staff:erase-resident", args=[resident.pk]),
        {"reason": "She asked by email.", "confirm": "on"},
    )

    page = response.content.decode()
    assert page.count(f"Complaint {case.reference} is still open.") == 1
    assert not Erasure.objects.exists()


def test_a_long_review_note_is_kept_whole(client, governance, resident):
    SensitiveInformation.objects.create(
        resident=resident,
        category="disability",
        details="Wheelchair",
        purpose="Access",
        lawful_basis="Art 9(2)(g)",
        review_on=timezone.localdate(),
    )
    apply_retention()
    review = SensitiveReview.objects.get()
    note = "Spoke to her on the phone; " * 100

    client.post(reverse("staff:retention-review", args=[review.pk]), {"note": note})

    review.refresh_from_db()
    assert review.note == note.strip()


def test_erasing_with_a_reason_and_confirmation_erases_and_says_so(client, governance, resident):
    response = client.post(
        reverse("staff:erase-resident", args=[resident.pk]),
        {"reason": "She asked by email.", "confirm": "on"},
        follow=True,
    )

    assert "The resident&#x27;s personal data has been erased" in response.content.decode()
    erasure = Erasure.objects.get()
    assert (erasure.resident, erasure.by, erasure.reason) == (
        resident,
        governance,
        "She asked by email.",
    )
