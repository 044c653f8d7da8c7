"""An officer fills in the same citizen form for a resident on the phone, at the desk or at
outreach: the case records the channel, who logged it, who it is for, the phone line or place it
came in on, and the priority a call on the vulnerable-residents line gives it."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from opencex.accounts.models import STAFF_ROLES, Role
from opencex.cases.models import Case, Channel, Priority
from opencex.contacts.models import Contact, Outcome
from opencex.forms.models import FormDefinition, FormSession
from opencex.forms.services import start_session
from opencex.people.models import Occupancy
from opencex.people.services import record_sensitive_information
from tests.factories import PropertyFactory, ResidentFactory, UserFactory
from tests.forms.conftest import FormWalker, missed_bin_pages

pytestmark = pytest.mark.django_db


class AssistedWalker(FormWalker):
    def __init__(self, client, slug: str, channel: str) -> None:
        super().__init__(client, slug)
        self.channel = channel

    def start(self):
        url = reverse("web:form-start", kwargs={"slug": self.slug})
        return self.client.post(url, {"channel": self.channel})


def fill_in_by_phone(client, channel: str = Channel.PHONE) -> None:
    walker = AssistedWalker(client, "report-missed-bin", channel)
    walker.start()
    for page_id, data in missed_bin_pages():
        assert walker.answer(page_id, data).status_code == 302
    walker.submit()


def test_an_officer_on_the_phone_logs_a_missed_bin_recorded_as_a_phone_contact(client, forms):
    officer = UserFactory(role=Role.CONTACT_CENTRE)
    client.force_login(officer)
    fill_in_by_phone(client)
    case = Case.objects.get()
    assert (case.channel, case.created_by) == (Channel.PHONE, officer)


def test_the_start_page_tells_the_officer_which_channel_will_be_recorded(client, forms):
    client.force_login(UserFactory(role=Role.CONTACT_CENTRE))
    url = reverse("web:form-start", kwargs={"slug": "report-missed-bin"})
    page = client.get(url, {"channel": "face_to_face"}).text
    assert 'name="channel" value="face_to_face"' in page


def test_a_resident_cannot_claim_to_be_a_phone_contact(client, forms):
    url = reverse("web:form-start", kwargs={"slug": "report-missed-bin"})
    assert client.post(url, {"channel": "phone"}).status_code == 403
    assert not Case.objects.exists()


def test_an_unknown_channel_is_not_found(client, forms):
    client.force_login(UserFactory(role=Role.CONTACT_CENTRE))
    url = reverse("web:form-start", kwargs={"slug": "report-missed-bin"})
    assert client.get(url, {"channel": "pigeon"}).status_code == 404


def test_the_staff_forms_page_links_each_form_for_each_channel(client, forms):
    client.force_login(UserFactory(role=Role.CONTACT_CENTRE))
    page = client.get(reverse("staff:assisted-forms")).text
    start = reverse("web:form-start", kwargs={"slug": "report-missed-bin"})
    assert f"{start}?channel=phone" in page
    assert f"{start}?channel=outreach" in page


# ---- for a named resident (issue 4) -----------------------------------------------------------


@pytest.fixture
def officer(client):
    user = UserFactory(role=Role.CONTACT_CENTRE)
    client.force_login(user)
    return user


@pytest.fixture
def maria():
    resident = ResidentFactory(
        full_name="Maria Kowalska", email="maria@example.org", phone="07700900123"
    )
    home = PropertyFactory(uprn="100120009999", address_line_1="4 Pegasus Road", postcode="OX4 6DS")
    Occupancy.objects.create(resident=resident, property=home, relationship="tenant")
    return resident


def start_for(client, resident, channel: str = Channel.PHONE, **details):
    url = reverse("web:form-start", kwargs={"slug": "report-housing-repair"})
    return client.post(url, {"channel": channel, "resident": resident.pk, **details})


def damp_pages(uprn: str, contact: dict | None = None) -> list[tuple[str, dict]]:
    return [
        ("gas", {"gas_smell": "no"}),
        ("address", {"address-uprn": uprn}),
        ("problem", {"problem": "damp_mould"}),
        ("damp-and-mould", {"damp_rooms": ["bedroom"], "damp_health": "yes"}),
        ("describe", {"description": "Black mould behind the wardrobe."}),
        ("urgency", {"urgency": "urgent"}),
        ("access", {"access_times": ["any"]}),
        (
            "contact",
            contact
            or {"name": "Maria Kowalska", "email": "maria@example.org", "phone": "07700900123"},
        ),
    ]


def report_damp_for(client, resident, channel: str = Channel.PHONE, **details) -> Case:
    walker = FormWalker(client, "report-housing-repair")
    assert start_for(client, resident, channel, **details).status_code == 302
    for page_id, data in damp_pages("100120009999"):
        assert walker.answer(page_id, data).status_code == 302, page_id
    walker.submit()
    return Case.objects.get()


def test_a_case_filled_in_from_a_residents_page_is_theirs_and_at_their_home(
    client, forms, officer, maria
):
    case = report_damp_for(client, maria)
    assert (case.resident, case.property.uprn, case.channel) == (maria, "100120009999", "phone")
    assert case.service.slug == "report-damp-and-mould"


def test_the_residents_name_contact_details_and_home_are_filled_in_to_check(
    client, forms, officer, maria
):
    start_for(client, maria)
    walker = FormWalker(client, "report-housing-repair")
    address_page = client.get(walker.page_url("address")).text
    assert 'value="100120009999" selected' in address_page
    contact_page = client.get(walker.page_url("contact")).text
    assert 'value="Maria Kowalska"' in contact_page
    assert 'value="maria@example.org"' in contact_page
    assert 'value="07700900123"' in contact_page


def test_the_officer_can_change_the_details_filled_in(client, forms, officer, maria):
    walker = FormWalker(client, "report-housing-repair")
    start_for(client, maria)
    pages = damp_pages("100120009999", {"name": "Maria Kowalska", "email": "new@example.org"})
    for page_id, data in pages:
        walker.answer(page_id, data)
    walker.submit()
    case = Case.objects.get()
    assert (case.resident, case.contact_email, case.contact_phone) == (maria, "new@example.org", "")


def test_every_page_is_still_asked_though_some_answers_are_known(client, forms, officer, maria):
    response = start_for(client, maria)
    assert response.url == FormWalker(client, "report-housing-repair").page_url("gas")


def test_a_call_on_the_vulnerable_line_is_high_priority_without_a_vulnerability_flag(
    client, forms, officer, maria
):
    case = report_damp_for(client, maria, phone_line="vulnerable-residents-line")
    assert not maria.is_priority
    assert case.priority == Priority.HIGH


def test_the_officer_can_say_a_call_on_the_vulnerable_line_is_urgent(client, forms, officer, maria):
    case = report_damp_for(client, maria, phone_line="vulnerable-residents-line", urgent="yes")
    assert case.priority == Priority.URGENT


def test_a_call_on_the_general_line_keeps_the_usual_priority(client, forms, officer, maria):
    assert report_damp_for(client, maria).priority == Priority.NORMAL


def test_a_flagged_resident_on_the_general_line_is_still_high_priority(
    client, forms, officer, maria
):
    record_sensitive_information(
        actor=officer,
        resident=maria,
        category="vulnerability",
        details="Lives alone.",
        purpose="Safe contact",
        lawful_basis="Article 9(2)(g)",
        review_on=dt.date(2030, 1, 1),
    )
    assert report_damp_for(client, maria, phone_line="customer-services").priority == Priority.HIGH


def test_the_line_is_on_the_case_and_on_the_contact_that_opened_it(client, forms, officer, maria):
    case = report_damp_for(client, maria, phone_line="vulnerable-residents-line")
    assert case.answers["received_by"] == {
        "phone_line": "Vulnerable residents line",
        "phone_number": "01865 252200",
        "is_vulnerable_line": True,
    }
    contact = Contact.objects.get()
    assert (contact.case, contact.outcome, contact.officer, contact.resident) == (
        case,
        Outcome.CASE_OPENED,
        officer,
        maria,
    )
    assert (contact.phone_line, contact.is_vulnerable_line) == ("vulnerable-residents-line", True)


def test_a_call_is_taken_to_be_on_the_general_line_unless_the_officer_says(
    client, forms, officer, maria
):
    case = report_damp_for(client, maria)
    assert case.answers["received_by"]["phone_line"] == "Customer Services"
    assert Contact.objects.get().phone_line == "customer-services"


def test_an_outreach_form_records_the_larder(client, forms, officer, maria):
    case = report_damp_for(client, maria, Channel.OUTREACH, place="barton-community-larder")
    assert case.answers["received_by"] == {"place": "Outreach at Barton Community Larder"}
    assert Contact.objects.get().place == "barton-community-larder"


def test_a_visit_must_say_where_and_nothing_starts_until_it_does(client, forms, officer, maria):
    response = start_for(client, maria, Channel.FACE_TO_FACE)
    page = response.text
    assert response.status_code == 200
    assert "There is a problem" in page
    assert 'href="#place"' in page
    assert "Select where you saw the resident" in page
    assert not FormSession.objects.exists()


def test_an_unknown_phone_line_is_refused(client, forms, officer, maria):
    page = start_for(client, maria, phone_line="hotline").text
    assert "Select the phone line the resident called" in page
    assert not FormSession.objects.exists()


def test_a_resident_filling_in_a_form_online_logs_no_contact(client, forms):
    walker = FormWalker(client, "report-missed-bin")
    walker.start()
    for page_id, data in missed_bin_pages():
        walker.answer(page_id, data)
    walker.submit()
    assert Case.objects.get().channel == Channel.WEB
    assert "received_by" not in Case.objects.get().answers
    assert not Contact.objects.exists()


def test_an_email_can_be_filled_in_for_a_resident(client, forms, officer, maria):
    case = report_damp_for(client, maria, Channel.EMAIL)
    assert (case.channel, case.resident) == (Channel.EMAIL, maria)
    assert Contact.objects.get().channel == Channel.EMAIL


def test_starting_for_the_next_caller_starts_afresh(client, forms, officer, maria):
    start_for(client, maria)
    tom = ResidentFactory(full_name="Tom Baker")
    start_for(client, tom)
    session = FormSession.objects.latest("created_at")
    assert FormSession.objects.count() == 2
    assert session.resident == tom


def test_the_start_page_names_the_resident_and_offers_the_phone_lines(
    client, forms, officer, maria
):
    url = reverse("web:form-start", kwargs={"slug": "report-housing-repair"})
    page = client.get(url, {"channel": "phone", "resident": maria.pk}).text
    assert "You are filling in this form for Maria Kowalska" in page
    assert f'name="resident" value="{maria.pk}"' in page
    assert 'value="customer-services" checked' in page
    assert 'value="vulnerable-residents-line"' in page


def test_a_resident_cannot_fill_in_a_form_for_someone_else(client, forms, maria):
    client.force_login(UserFactory(role=Role.RESIDENT))
    url = reverse("web:form-start", kwargs={"slug": "report-housing-repair"})
    assert client.get(url, {"resident": maria.pk}).status_code == 403
    assert client.post(url, {"resident": maria.pk}).status_code == 403
    assert not FormSession.objects.exists()


def test_an_unknown_resident_is_not_found(client, forms, officer):
    url = reverse("web:form-start", kwargs={"slug": "report-housing-repair"})
    assert client.get(url, {"channel": "phone", "resident": 999999}).status_code == 404
    assert client.get(url, {"channel": "phone", "resident": "x"}).status_code == 404


def test_only_staff_may_start_a_session_for_a_resident(forms, maria):
    definition = FormDefinition.objects.get(slug="report-housing-repair")
    for actor in (None, UserFactory(role=Role.RESIDENT), UserFactory(role=Role.PARTNER)):
        with pytest.raises(PermissionDenied):
            start_session(actor=actor, definition=definition, resident=maria)
    assert not FormSession.objects.exists()


def test_the_staff_forms_page_for_a_resident_carries_them_into_each_form(
    client, forms, officer, maria
):
    page = client.get(reverse("staff:assisted-forms"), {"resident": maria.pk}).text
    start = reverse("web:form-start", kwargs={"slug": "report-housing-repair"})
    assert "Fill in a form for this resident" in page
    assert f"{start}?channel=phone&amp;resident={maria.pk}" in page
    assert f"{start}?channel=email&amp;resident={maria.pk}" in page


def test_the_staff_forms_page_for_an_unknown_resident_is_not_found(client, forms, officer):
    url = reverse("staff:assisted-forms")
    assert client.get(url, {"resident": 999999}).status_code == 404
    assert client.get(url, {"resident": "x"}).status_code == 404


@pytest.mark.parametrize("role", sorted(STAFF_ROLES))
def test_every_staff_role_can_fill_in_a_form_for_a_resident(client, forms, maria, role):
    client.force_login(UserFactory(role=role))
    forms_page = client.get(reverse("staff:assisted-forms"), {"resident": maria.pk})
    assert forms_page.status_code == 200
    assert start_for(client, maria).status_code == 302
    assert FormSession.objects.get().resident == maria


def test_anonymous_visitors_are_sent_to_staff_sign_in_for_the_staff_forms_page(client, maria):
    response = client.get(reverse("staff:assisted-forms"), {"resident": maria.pk})
    assert response.status_code == 302
    assert response.url.startswith(reverse("staff:sign-in"))


def test_an_officer_opening_the_public_form_next_does_not_carry_on_for_the_resident(
    client, forms, officer, maria
):
    start_for(client, maria)
    client.post(reverse("web:form-start", kwargs={"slug": "report-housing-repair"}))
    newest = FormSession.objects.latest("created_at")
    assert FormSession.objects.count() == 2
    assert (newest.resident, newest.channel) == (None, Channel.WEB)


def test_the_confirmation_takes_the_officer_back_to_the_residents_record(
    client, forms, officer, maria
):
    report_damp_for(client, maria)
    url = reverse("web:form-confirmation", kwargs={"slug": "report-housing-repair"})

    page = client.get(url).content.decode()

    assert reverse("staff:resident", args=[maria.pk]) in page
    assert "Go to the home page" not in page


def test_the_confirmation_takes_an_officer_without_a_named_resident_to_the_workspace(client, forms):
    client.force_login(UserFactory(role=Role.CONTACT_CENTRE))
    fill_in_by_phone(client)
    url = reverse("web:form-confirmation", kwargs={"slug": "report-missed-bin"})

    assert reverse("staff:queues") in client.get(url).content.decode()
