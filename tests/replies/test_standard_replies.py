"""Standard replies: which suit a case, their placeholders filled in, and the ones every council
starts with."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from opencex.accounts.models import Role
from opencex.cases.models import CaseKind
from opencex.replies.models import StandardReply
from opencex.replies.placeholders import UnknownPlaceholder, fill_placeholders, placeholders_in
from opencex.replies.selectors import ReplyNotUsable, replies_for_case, reply_text
from tests.factories import (
    CaseFactory,
    ResidentFactory,
    ServiceFactory,
    StandardReplyFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def officer():
    return UserFactory(role=Role.CASEWORKER, full_name="Sam Okafor")


def test_a_reply_is_filled_in_with_the_cases_details_and_the_officers_name(officer):
    case = CaseFactory(
        reference="SR-7KQM-3XHD",
        resident=ResidentFactory(full_name="Ada Okonkwo"),
        service=ServiceFactory(title="Report a missed bin collection"),
        due_on=dt.date(2025, 4, 18),
    )
    reply = StandardReplyFactory(
        body="Dear {name}, about {service} ({reference}): we aim to finish by {due_date}. {officer}"
    )

    assert reply_text(reply=reply, case=case, officer=officer) == (
        "Dear Ada Okonkwo, about Report a missed bin collection (SR-7KQM-3XHD): we aim to "
        "finish by Friday 18 April 2025. Sam Okafor"
    )


def test_without_a_resident_record_or_service_the_contact_name_and_kind_are_used(officer):
    case = CaseFactory(contact_name="Bo Li", kind=CaseKind.ENQUIRY, service=None, due_on=None)
    reply = StandardReplyFactory(body="{name}: your {service}, {due_date}.")

    assert reply_text(reply=reply, case=case, officer=officer) == (
        "Bo Li: your enquiry, as soon as we can."
    )


def test_an_unknown_placeholder_is_a_clear_error_naming_it(officer):
    reply = StandardReplyFactory(name="Old wording", body="Hello {first_name}, {reference}.")

    with pytest.raises(ReplyNotUsable, match=r"“Old wording” cannot be used: \{first_name\}"):
        reply_text(reply=reply, case=CaseFactory(), officer=officer)


def test_saving_a_reply_with_an_unknown_placeholder_is_refused():
    reply = StandardReply(name="Typo", body="Dear {nmae},")

    with pytest.raises(ValidationError, match=r"\{nmae\} cannot be filled in"):
        reply.full_clean()


def test_doubled_braces_stand_for_braces_and_are_not_placeholders():
    assert placeholders_in("{{not this}} but {reference}") == ["reference"]
    assert fill_placeholders("{{x}} {reference}", {"reference": "SR-1"}) == "{x} SR-1"


def test_empty_braces_are_an_unknown_placeholder():
    with pytest.raises(UnknownPlaceholder):
        fill_placeholders("Hello {}", {})


def test_only_active_replies_for_the_cases_kind_or_every_kind_are_offered():
    StandardReply.objects.all().delete()
    for_all = StandardReplyFactory(name="Any", case_kinds=[])
    for_complaints = StandardReplyFactory(name="Complaint", case_kinds=[CaseKind.COMPLAINT])
    StandardReplyFactory(name="FOI", case_kinds=[CaseKind.FOI])
    StandardReplyFactory(name="Retired", is_active=False)

    offered = replies_for_case(CaseFactory(kind=CaseKind.COMPLAINT))

    assert offered == [for_all, for_complaints]


def test_the_council_starts_with_default_replies_that_all_fill_in(officer):
    names = set(StandardReply.objects.values_list("name", flat=True))
    assert {
        "We need more information",
        "We have passed this to the team",
        "Your request is complete",
        "Sorry for the delay",
    } <= names
    for reply in StandardReply.objects.all():
        kind = reply.case_kinds[0] if reply.case_kinds else CaseKind.SERVICE_REQUEST
        text = reply_text(reply=reply, case=CaseFactory(kind=kind), officer=officer)
        assert "{" not in text


# --- The admin ----------------------------------------------------------------------------------


@pytest.fixture
def administrator():
    return UserFactory(role=Role.ADMINISTRATOR, is_superuser=True)


def test_an_administrator_sees_the_standard_replies_in_the_admin(client, administrator):
    client.force_login(administrator)
    response = client.get("/staff/admin/replies/standardreply/")
    assert response.status_code == 200
    assert "We need more information" in response.content.decode()


def test_the_admin_refuses_a_reply_with_an_unknown_placeholder(client, administrator):
    client.force_login(administrator)
    response = client.post(
        "/staff/admin/replies/standardreply/add/",
        {"name": "Visit booked", "body": "We will visit on {visit_date}.", "is_active": "on"},
    )
    assert response.status_code == 200
    assert "{visit_date} cannot be filled in" in response.content.decode()
    assert not StandardReply.objects.filter(name="Visit booked").exists()


def test_the_admin_saves_the_kinds_of_case_a_reply_suits(client, administrator):
    client.force_login(administrator)
    client.post(
        "/staff/admin/replies/standardreply/add/",
        {
            "name": "Stage 2 acknowledgement",
            "case_kinds": [CaseKind.COMPLAINT],
            "body": "Your complaint {reference} is now at stage 2.",
            "is_active": "on",
        },
    )
    assert StandardReply.objects.get(name="Stage 2 acknowledgement").case_kinds == ["complaint"]
