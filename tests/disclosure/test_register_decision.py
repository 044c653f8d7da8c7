"""A draft for the disclosure log takes the decision recorded on the information-rights register,
which says exactly what was released; a request refused there has nothing to publish."""

import pytest

from opencex.cases.actions.opening import open_case
from opencex.cases.models import CaseKind, Channel
from opencex.disclosure.models import Decision
from opencex.disclosure.services import DisclosureError, prepare_disclosure
from opencex.inforights import decisions

pytestmark = pytest.mark.django_db


@pytest.fixture
def foi_request(ig_officer):
    case, _ = open_case(
        actor=None,
        kind=CaseKind.FOI,
        channel=Channel.WEB,
        subject="Dog fouling fines 2024",
        description="How many fixed penalty notices for dog fouling did you issue in 2024?",
        contact_name="Jo Bloggs",
        contact_email="jo@example.org",
    )
    return case


def test_a_part_release_on_the_register_is_a_part_release_on_the_log(ig_officer, foi_request):
    decisions.record_decision(
        actor=ig_officer,
        case=foi_request,
        decision="part_released",
        exemptions=["foia-s40(2)"],
        reasons="We issued 212 notices. We withheld the names of those fined.",
    )
    entry = prepare_disclosure(actor=ig_officer, case=foi_request)
    assert entry.decision == Decision.PART_RELEASED


def test_a_release_on_the_register_is_a_release_on_the_log(ig_officer, foi_request):
    decisions.record_decision(
        actor=ig_officer, case=foi_request, decision="released", reasons="We issued 212."
    )
    assert prepare_disclosure(actor=ig_officer, case=foi_request).decision == Decision.RELEASED


def test_a_request_refused_on_the_register_cannot_be_prepared(ig_officer, foi_request):
    decisions.record_decision(
        actor=ig_officer,
        case=foi_request,
        decision="refused",
        exemptions=["foia-s40(2)"],
        reasons="The information is the personal data of those fined.",
    )
    with pytest.raises(DisclosureError, match="only released information"):
        prepare_disclosure(actor=ig_officer, case=foi_request)
    assert not foi_request.disclosures.exists()


def test_the_prepare_page_shows_the_decision_sent_from_the_register(
    client, ig_officer, foi_request
):
    decisions.record_decision(
        actor=ig_officer, case=foi_request, decision="released", reasons="We issued 212."
    )
    client.force_login(ig_officer)
    page = client.get(f"/staff/disclosure/prepare/{foi_request.reference}/").content.decode()
    assert "Information released" in page
    assert "Not recorded" not in page
