"""The housing register, change of circumstances and deposit forms through the real pages: each
opens its case on the team that deals with it, with what the resident sent."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile

from opencex.cases.models import Case, Priority
from tests.forms.conftest import CONTACT, FormWalker, date_parts, tiny_png

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2027, 3, 1, 10, 0, tzinfo=dt.UTC)
EMAIL = {"email": CONTACT["email"], "phone": ""}


def send(client, slug, pages) -> Case:
    walker = FormWalker(client, slug)
    with time_machine.travel(NOW, tick=False):
        walker.start()
        for page_id, data in pages:
            response = client.post(walker.page_url(page_id), {"action": "continue", **data})
            assert response.status_code == 302, (page_id, response.content.decode()[:2000])
        assert response.url.endswith("/check-your-answers/"), response.url
        walker.submit()
    return Case.objects.get()


def register_pages() -> list[tuple[str, dict]]:
    passport = SimpleUploadedFile("passport.png", tiny_png(), content_type="image/png")
    born = date_parts("date_of_birth", dt.date(1990, 3, 27))
    return [
        ("applicant", {"name": "Amira Haddad", **born}),
        ("household", {"household_size": "3", "household_members": "Sami, 4, son"}),
        (
            "address",
            {
                "address-line_1": "12 Cowley Road",
                "address-town": "Oxford",
                "address-manual_postcode": "OX4 1HR",
                "tenure": "private_rent",
            },
        ),
        ("local-connection", {"years_in_oxford": "3_plus", "connection": ["work"]}),
        ("needs", {"medical_need": "yes"}),
        ("needs-details", {"medical_details": "My son has asthma made worse by damp."}),
        ("income", {"income_band": "under_20k"}),
        ("documents", {"proof_of_identity": passport}),
        ("contact", EMAIL),
    ]


def test_a_housing_register_application_with_a_document_reaches_the_register_team(
    client, housing_forms
):
    case = send(client, "apply-housing-register", register_pages())
    assert case.team.slug == "housing-register"
    assert case.subject == "Housing register application: Amira Haddad"
    assert "3 years or more" in case.description
    assert "asthma" in case.description
    assert case.attachments.get().original_name == "passport.png"
    assert "triage" not in case.answers


def test_the_register_confirmation_says_when_the_application_is_assessed(client, housing_forms):
    send(client, "apply-housing-register", register_pages())
    page = FormWalker(client, "apply-housing-register").confirmation().content.decode()
    assert "within 25 working days of receiving all your documents" in page


def test_a_change_of_circumstances_reaches_the_register_team(client, housing_forms):
    case = send(
        client,
        "update-housing-application",
        [
            ("application", {"name": "Amira Haddad", "register_number": "HR123456"}),
            (
                "change",
                {
                    "changes": ["pregnancy"],
                    **date_parts("changed_on", dt.date(2027, 2, 20)),
                    "details": "We are expecting a baby in July.",
                },
            ),
            ("evidence", {}),
            ("contact", EMAIL),
        ],
    )
    assert case.team.slug == "housing-register"
    assert case.subject == "Housing register change: A pregnancy or a new baby for Amira Haddad"


def test_a_deposit_request_reaches_housing_options_at_its_usual_priority(client, housing_forms):
    case = send(
        client,
        "get-help-rent-deposit",
        [
            ("situation", {"at_risk": "yes", "found_home": "yes"}),
            (
                "new-home",
                {"new_address": "4 Iffley Road", "monthly_rent": "1100", "deposit_amount": "2400"},
            ),
            ("afford", {"income_band": "2000_3000", "details": ""}),
            ("contact", CONTACT),
        ],
    )
    assert case.team.slug == "housing-options"
    assert case.priority == Priority.NORMAL
    assert "4 Iffley Road" in case.description
