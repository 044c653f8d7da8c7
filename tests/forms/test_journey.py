"""A resident fills in a form through the real pages: errors, changes, and sending it once."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from opencex.cases.models import Case, CaseKind, Channel
from opencex.forms.models import FormSession
from opencex.forms.services import publish_version
from opencex.people.models import Property
from tests.factories import PropertyFactory
from tests.forms.conftest import (
    CONTACT,
    FormWalker,
    fill_in,
    missed_bin_pages,
    tiny_png,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def walker(client, forms):
    return FormWalker(client, "report-missed-bin")


def test_the_service_page_has_a_start_button_to_its_form(client, forms):
    page = client.get(reverse("web:service", kwargs={"slug": "report-missed-bin"})).content
    assert b'href="/forms/report-missed-bin/"' in page
    assert b"Start now" in page


def test_starting_goes_to_the_first_page(walker):
    response = walker.start()
    assert response.status_code == 302
    assert response.url == walker.page_url("address")


def test_an_error_shows_a_summary_linked_to_the_field_and_keeps_what_was_typed(walker):
    walker.start()
    response = walker.answer(
        "contact", {"name": "Amira Haddad", "email": "not-an-email", "phone": "01865 249811"}
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "<title>Error: Your contact details" in page
    assert 'class="govuk-error-summary"' in page
    assert '<a href="#email">Enter an email address in the correct format' in page
    assert 'id="email-error"' in page
    # Nothing typed is lost: every answer on the page comes back as it was.
    assert 'value="Amira Haddad"' in page
    assert 'value="not-an-email"' in page
    assert 'value="01865 249811"' in page


def test_a_date_error_links_to_the_box_that_is_missing(walker):
    walker.start()
    response = walker.answer(
        "collection-day", {"collection_day-day": "3", "collection_day-year": "2026"}
    )
    page = response.content.decode()
    assert '<a href="#collection_day-month">The date must include a month</a>' in page
    assert 'value="3"' in page


def test_the_page_for_garden_waste_is_asked_only_when_garden_waste_was_missed(walker):
    walker.start()
    response = walker.answer("which-bin", {"bins": ["rubbish"]})
    assert response.url == walker.page_url("collection-day")

    response = walker.answer("which-bin", {"bins": ["rubbish", "garden"]})
    assert response.url == walker.page_url("garden-waste")


def test_a_hidden_page_is_not_shown_and_its_old_answer_is_not_sent(walker, client):
    fill_in(walker, missed_bin_pages())
    walker.answer("which-bin", {"bins": ["garden"]}, change=True)
    walker.answer("garden-waste", {"garden_sticker": "yes"}, change=True)
    assert "this year" in walker.check_answers().content.decode()

    walker.answer("which-bin", {"bins": ["food"]}, change=True)
    assert "this year" not in walker.check_answers().content.decode()
    assert client.get(walker.page_url("garden-waste")).status_code == 404
    walker.submit()
    labels = [row["label"] for row in Case.objects.get().answers["answers"]]
    assert not any("sticker" in label for label in labels)


def test_check_your_answers_has_a_change_link_back_to_each_page(walker):
    fill_in(walker, missed_bin_pages())
    page = walker.check_answers().content.decode()
    assert "Recycling (blue bin)" in page
    assert "12 Cowley Road, Oxford OX4 1HR" in page
    assert f'href="{walker.page_url("which-bin")}?change=1#bins"' in page
    assert f'href="{walker.page_url("collection-day")}?change=1#collection_day-day"' in page


def test_a_change_goes_back_to_check_your_answers(walker):
    fill_in(walker, missed_bin_pages())
    response = walker.answer("which-bin", {"bins": ["food"]}, change=True)
    assert response.url == reverse("web:form-check-answers", kwargs={"slug": "report-missed-bin"})
    assert "Food waste (caddy)" in walker.check_answers().content.decode()


def test_a_change_that_brings_in_a_new_question_asks_it_first(walker):
    fill_in(walker, missed_bin_pages())
    response = walker.answer("which-bin", {"bins": ["garden"]}, change=True)
    assert response.url == walker.page_url("garden-waste") + "?change=1"


def test_check_your_answers_sends_back_to_a_page_not_yet_answered(walker):
    walker.start()
    response = walker.check_answers()
    assert response.url == walker.page_url("address")


def test_sending_opens_a_case_and_shows_the_reference_and_expected_date(walker):
    fill_in(walker, missed_bin_pages())
    response = walker.submit()
    assert response.url == reverse("web:form-confirmation", kwargs={"slug": "report-missed-bin"})

    case = Case.objects.get()
    assert case.kind == CaseKind.SERVICE_REQUEST
    assert case.channel == Channel.WEB
    assert case.service.slug == "report-missed-bin"
    assert case.contact_name == "Amira Haddad"
    assert case.contact_email == "amira@example.org"
    assert case.subject == "Missed collection: Recycling (blue bin), 12 Cowley Road, Oxford OX4 1HR"
    assert "Which bins were not collected?\nRecycling (blue bin)" in case.description
    page = walker.confirmation().content.decode()
    assert case.reference in page
    assert f"{case.due_on:%A} {case.due_on.day} {case.due_on:%B %Y}" in page
    assert "We have sent a confirmation email to amira@example.org" in page


def test_two_sends_open_one_case_and_show_the_same_confirmation(walker):
    fill_in(walker, missed_bin_pages())
    first = walker.submit()
    second = walker.submit()
    assert first.url == second.url
    assert Case.objects.count() == 1
    assert Case.objects.get().submission_key == f"form:{FormSession.objects.get().token}"


def test_going_back_after_sending_shows_the_confirmation_not_a_second_case(walker, client):
    fill_in(walker, missed_bin_pages())
    walker.submit()
    assert walker.answer("contact", CONTACT).url.endswith("/confirmation/")
    assert walker.submit().url.endswith("/confirmation/")
    assert Case.objects.count() == 1


def test_the_case_records_the_form_version_it_was_sent_with(walker, forms):
    session_before = None
    fill_in(walker, missed_bin_pages())
    session_before = FormSession.objects.get()
    definition = session_before.version.definition
    schema = dict(session_before.version.schema, intro=["Changed after they started."])
    publish_version(actor=None, definition=definition, schema=schema)

    walker.submit()
    case = Case.objects.get()
    assert session_before.version.number == 1
    assert case.answers["form"] == "report-missed-bin"
    assert case.answers["form_version"] == 1
    assert FormSession.objects.get(case=case).version.number == 1
    assert definition.current_version().number == 2


def test_an_address_is_found_by_postcode_and_becomes_the_cases_property(walker):
    home = PropertyFactory(address_line_1="7 Iffley Road", postcode="OX4 1EA")
    PropertyFactory(address_line_1="9 Iffley Road", postcode="OX4 1EA")
    walker.start()
    response = walker.client.post(
        walker.page_url("address"), {"action": "find-address:address", "address-postcode": "ox41ea"}
    )
    page = response.content.decode()
    assert "2 addresses found" in page
    assert f'<option value="{home.uprn}">7 Iffley Road, Oxford OX4 1EA</option>' in page

    pages = missed_bin_pages()
    pages[0] = ("address", {"address-uprn": home.uprn})
    for page_id, data in pages:
        walker.answer(page_id, data)
    walker.submit()
    assert Case.objects.get().property == home


def test_a_bad_postcode_search_says_what_to_enter(walker):
    walker.start()
    response = walker.client.post(
        walker.page_url("address"), {"action": "find-address:address", "address-postcode": "OX4"}
    )
    page = response.content.decode()
    assert '<a href="#address-postcode">Enter a full UK postcode, like OX1 1BX</a>' in page
    assert not Property.objects.exists()


def test_every_post_needs_the_csrf_token(forms):
    client = Client(enforce_csrf_checks=True)
    response = client.post(reverse("web:form-start", kwargs={"slug": "report-missed-bin"}))
    assert response.status_code == 403


def test_too_many_sends_from_one_address_are_refused_with_a_clear_message(forms, settings):
    from opencex.web import form_views

    for _ in range(form_views.SUBMISSIONS_PER_WINDOW + 1):
        walker = FormWalker(Client(), "report-missed-bin")
        fill_in(walker, missed_bin_pages())
        response = walker.submit()
    assert response.status_code == 429
    assert "You have sent too many forms" in response.content.decode()
    assert Case.objects.count() == form_views.SUBMISSIONS_PER_WINDOW


# ---- which kind of case --------------------------------------------------------------------


def information_request(client, environment: str) -> Case:
    walker = FormWalker(client, "ask-for-information")
    fill_in(
        walker,
        [
            ("request", {"request": "Air quality readings on the High Street for 2025."}),
            ("environment", {"about_environment": environment}),
            ("contact", CONTACT),
        ],
    )
    walker.submit()
    return Case.objects.get()


def test_a_request_about_the_environment_becomes_an_eir_request(client, forms):
    case = information_request(client, "yes")
    assert case.kind == CaseKind.EIR
    assert case.service.slug == "make-eir-request"


def test_a_request_not_about_the_environment_becomes_an_foi_request(client, forms):
    case = information_request(client, "no")
    assert case.kind == CaseKind.FOI
    assert case.service.slug == "make-foi-request"


def test_the_complaint_form_says_you_do_not_have_to_use_the_word(client, forms):
    page = client.get(reverse("web:form-start", kwargs={"slug": "make-complaint"})).content
    assert "You do not have to use the word \u201ccomplaint\u201d".encode() in page


def test_a_complaint_opens_a_stage_1_complaint(client, forms):
    walker = FormWalker(client, "make-complaint")
    fill_in(
        walker,
        [
            ("what-happened", {"what_happened": "My bin was missed three weeks running."}),
            ("put-right", {"put_right": "Collect it, and make sure it does not happen again."}),
            ("council-home", {"council_home": "no"}),
            ("contact", CONTACT),
        ],
    )
    walker.submit()
    case = Case.objects.get()
    assert (case.kind, case.stage) == (CaseKind.COMPLAINT, 1)


def test_damp_and_mould_goes_to_the_damp_and_mould_service(client, forms):
    walker = FormWalker(client, "report-housing-repair")
    fill_in(
        walker,
        [
            ("gas", {"gas_smell": "no"}),
            (
                "address",
                {
                    "address-line_1": "4 Pegasus Road",
                    "address-town": "Oxford",
                    "address-manual_postcode": "OX4 6DS",
                },
            ),
            ("problem", {"problem": "damp_mould"}),
            ("damp-and-mould", {"damp_rooms": ["bedroom"], "damp_health": "yes"}),
            ("describe", {"description": "Black mould behind the wardrobe."}),
            ("urgency", {"urgency": "urgent"}),
            ("access", {"access_times": ["any"]}),
            ("contact", CONTACT),
        ],
    )
    walker.submit()
    assert Case.objects.get().service.slug == "report-damp-and-mould"


# ---- files ---------------------------------------------------------------------------------


FLY_TIPPING = [
    ("location", {"location-description": "Outside 20 Magdalen Road, by the lamp post"}),
    ("what", {"what": ["furniture"], "how_much": "single"}),
]


def test_a_file_that_is_not_a_photo_is_refused_with_a_clear_error(client, forms):
    walker = FormWalker(client, "report-fly-tipping")
    fill_in(walker, FLY_TIPPING)
    fake = SimpleUploadedFile("photo.jpg", b"MZ this is a program", content_type="image/jpeg")
    response = client.post(walker.page_url("photo"), {"action": "continue", "photo": fake})
    page = response.content.decode()
    assert response.status_code == 200
    assert (
        '<a href="#photo">The selected file must be a JPG, PNG, GIF or HEIC photo, or a PDF.</a>'
        in page
    )
    assert not FormSession.objects.get().uploads.exists()


def test_a_photo_is_kept_privately_until_the_form_is_sent(client, forms):
    walker = FormWalker(client, "report-fly-tipping")
    fill_in(walker, FLY_TIPPING)
    photo = SimpleUploadedFile("My photo.png", tiny_png(), content_type="image/png")
    response = client.post(walker.page_url("photo"), {"action": "continue", "photo": photo})
    assert response.status_code == 302
    upload = FormSession.objects.get().uploads.get()
    assert upload.original_name == "My photo.png"
    assert upload.file.name.startswith("form-uploads/")
    assert "My photo" not in upload.file.name
    walker.answer("contact", CONTACT)
    assert "My photo.png" in walker.check_answers().content.decode()


def test_a_photo_is_attached_to_the_case_when_the_form_is_sent(client, forms):
    walker = FormWalker(client, "report-fly-tipping")
    fill_in(walker, FLY_TIPPING)
    photo = SimpleUploadedFile("tip.png", tiny_png(), content_type="image/png")
    client.post(walker.page_url("photo"), {"action": "continue", "photo": photo})
    walker.answer("contact", CONTACT)
    walker.submit()

    attachment = Case.objects.get().attachments.get()
    assert attachment.original_name == "tip.png"
    assert attachment.content_type == "image/png"
    assert not FormSession.objects.get().uploads.exists()


def _missed_bin_saying(details: str) -> list[tuple[str, dict]]:
    return [
        (page, {"details": details} if page == "details" else data)
        for page, data in missed_bin_pages()
    ]


def test_an_unhappy_resident_is_offered_the_complaints_process_on_the_confirmation(walker, client):
    fill_in(walker, _missed_bin_saying("Third time this month. I am fed up with this."))
    response = client.get(walker.submit().url)

    page = response.content.decode()
    assert "Do you want to make a complaint?" in page
    assert reverse("web:track-complain", kwargs={"reference": Case.objects.get().reference}) in page


def test_a_first_report_is_not_offered_the_complaints_process(walker, client):
    fill_in(walker, missed_bin_pages())

    assert (
        "Do you want to make a complaint?" not in client.get(walker.submit().url).content.decode()
    )
