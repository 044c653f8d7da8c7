"""Text that lives in data — form definitions and the catalogue — shown in the resident's
language, with English where it has no translation; the case stays in English for staff."""

from __future__ import annotations

import copy

import pytest
from django.conf import settings
from django.urls import reverse

from opencex.cases.models import Case
from opencex.forms.loading import sync_form_definitions
from opencex.forms.models import FormDefinition
from opencex.forms.services import publish_version
from tests.factories import ServiceFactory, TeamFactory, TopicFactory
from tests.forms.conftest import SERVICES, FormWalker

pytestmark = pytest.mark.django_db

FLY_TIPPING_PL = {
    "title": "Zgłoszenie nielegalnie porzuconych śmieci",
    "summary": "Prosimy poinformować nas o śmieciach nielegalnie porzuconych na ulicy.",
    "standard_text": "Porzucone śmieci z terenu publicznego usuwamy w ciągu 2 dni roboczych.",
    "if_late": "Jeśli ich nie usuniemy, proszę zadzwonić do nas pod numer 01865 249811.",
}
FLY_TIPPING_PAGES = [
    ("location", {"location-description": "Przy Magdalen Road 20, obok latarni"}),
    ("what", {"what": ["furniture"], "how_much": "single"}),
    ("photo", {}),
    ("contact", {"name": "Piotr Nowak", "email": "piotr@example.org", "phone": ""}),
]


@pytest.fixture
def forms(db):
    for slug, (kind, team, days) in SERVICES.items():
        ServiceFactory(
            slug=slug,
            title=slug.replace("-", " ").capitalize(),
            case_kind=kind,
            team=TeamFactory(slug=team),
            standard_days=days,
            standard_text=f"We deal with this within {days} working days.",
            translations={"pl": FLY_TIPPING_PL} if slug == "report-fly-tipping" else {},
        )
    sync_form_definitions()


def speaking(client, language: str):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    return client


@pytest.fixture
def fly_tipping(client, forms):
    return FormWalker(client, "report-fly-tipping")


def answer_every_page(walker: FormWalker) -> None:
    walker.start()
    for page_id, data in FLY_TIPPING_PAGES:
        assert walker.answer(page_id, data).status_code == 302, page_id


def test_a_form_page_in_polish_asks_the_question_in_polish(client, fly_tipping):
    speaking(client, "pl")
    fly_tipping.start()
    page = client.get(fly_tipping.page_url("what")).text
    assert '<html lang="pl" class="govuk-template"' in page
    assert (
        "<title>Co zostało porzucone? \N{EN DASH} Zgłoszenie nielegalnie porzuconych śmieci" in page
    )
    assert "Co zostało porzucone?" in page
    assert "Proszę zaznaczyć wszystkie pasujące odpowiedzi." in page  # the hint
    assert "Meble lub materace" in page  # an option
    assert "Furniture or mattresses" not in page


def test_a_form_page_in_arabic_is_right_to_left_and_in_arabic(client, fly_tipping):
    speaking(client, "ar")
    fly_tipping.start()
    page = client.get(fly_tipping.page_url("location")).text
    assert '<html lang="ar" dir="rtl"' in page
    assert "أين توجد النفايات المرمية؟" in page


def test_a_text_with_no_translation_in_the_language_is_shown_in_english(client, fly_tipping):
    definition = FormDefinition.objects.get(slug="report-fly-tipping")
    schema = copy.deepcopy(definition.current_version().schema)
    schema["pages"][0]["questions"][0]["label"] = {
        "en": "Where is the rubbish?",
        "pl": "Gdzie są śmieci?",
    }
    publish_version(actor=None, definition=definition, schema=schema)
    speaking(client, "ar")
    fly_tipping.start()
    page = client.get(fly_tipping.page_url("location")).text
    assert "Where is the rubbish?" in page
    assert "أين توجد؟" in page  # the page title has its Arabic


def test_the_forms_own_error_message_is_in_the_residents_language(client, fly_tipping):
    speaking(client, "pl")
    fly_tipping.start()
    fly_tipping.answer(*FLY_TIPPING_PAGES[0])
    page = fly_tipping.answer("what", {}).text
    assert '<a href="#what">Proszę zaznaczyć, co zostało porzucone</a>' in page
    assert "Proszę zaznaczyć, ile tego jest" in page


def test_check_your_answers_reads_the_questions_and_choices_back_in_polish(client, fly_tipping):
    speaking(client, "pl")
    answer_every_page(fly_tipping)
    page = fly_tipping.check_answers().text
    assert "Gdzie są porzucone śmieci?" in page
    assert "Meble lub materace" in page
    assert "Jedna rzecz" in page


def test_the_case_is_in_english_for_staff_and_keeps_the_residents_language(client, fly_tipping):
    speaking(client, "pl")
    answer_every_page(fly_tipping)
    fly_tipping.submit()
    case = Case.objects.get()
    assert case.answers["language"] == "pl"
    labels = {row["question"]: (row["label"], row["answer"]) for row in case.answers["answers"]}
    assert labels["what"] == ("What has been dumped?", "Furniture or mattresses")
    assert labels["how_much"] == ("How much is there?", "A single item")
    assert case.subject.startswith("Fly-tipping: Furniture or mattresses at Przy Magdalen Road")
    assert "Where is the fly-tipping?\nPrzy Magdalen Road 20" in case.description


def test_a_case_sent_in_english_says_english(client, fly_tipping):
    answer_every_page(fly_tipping)
    fly_tipping.submit()
    assert Case.objects.get().answers["language"] == "en"


def test_the_start_and_confirmation_pages_use_the_translated_form_and_service(client, fly_tipping):
    speaking(client, "pl")
    start = client.get(reverse("web:form-start", kwargs={"slug": "report-fly-tipping"})).text
    assert '<h1 class="govuk-heading-xl">Zgłoszenie nielegalnie porzuconych śmieci</h1>' in start
    assert "Mogą Państwo dodać zdjęcie. Zajmie to około 5 minut." in start
    assert FLY_TIPPING_PL["standard_text"] in start
    answer_every_page(fly_tipping)
    fly_tipping.submit()
    done = fly_tipping.confirmation().text
    assert "Sprawdzimy zgłoszenie i uprzątniemy teren publiczny w ciągu 2 dni roboczych." in done
    assert FLY_TIPPING_PL["if_late"] in done


def test_the_service_page_in_polish_shows_the_polish_texts(client, forms):
    speaking(client, "pl")
    page = client.get(reverse("web:service", kwargs={"slug": "report-fly-tipping"})).text
    assert f"<title>{FLY_TIPPING_PL['title']}" in page
    assert FLY_TIPPING_PL["summary"] in page
    assert FLY_TIPPING_PL["standard_text"] in page
    assert FLY_TIPPING_PL["if_late"] in page


def test_the_service_page_in_english_is_unchanged(client, forms):
    page = client.get(reverse("web:service", kwargs={"slug": "report-fly-tipping"})).text
    assert "Report fly tipping" in page
    assert "We deal with this within 2 working days." in page
    assert FLY_TIPPING_PL["summary"] not in page


def test_a_service_with_no_translation_is_shown_in_english(client):
    ServiceFactory(slug="apply-for-allotment", title="Apply for an allotment", if_late="")
    speaking(client, "ar")
    page = client.get(reverse("web:service", kwargs={"slug": "apply-for-allotment"})).text
    assert '<html lang="ar" dir="rtl"' in page
    assert "<title>Apply for an allotment" in page


def test_the_services_list_in_polish_uses_polish_titles_in_polish_order(client):
    topic = TopicFactory(name="Bins")
    ServiceFactory(
        topic=topic,
        title="Book a bulky waste collection",
        translations={"pl": {"title": "Zamówienie odbioru odpadów wielkogabarytowych"}},
    )
    ServiceFactory(
        topic=topic,
        title="Report a missed bin collection",
        translations={"pl": {"title": "Dodaj pojemnik"}},
    )
    speaking(client, "pl")
    page = client.get(reverse("web:services")).text
    assert page.index("Dodaj pojemnik") < page.index(
        "Zamówienie odbioru odpadów wielkogabarytowych"
    )
    assert "Book a bulky waste collection" not in page


@pytest.mark.parametrize(
    ("language", "hours"),
    [
        ("pl", "od poniedziałku do piątku, od 9:00 do 17:00"),
        ("ar", "من الاثنين إلى الجمعة، من 9:00 إلى 17:00"),
    ],
)
def test_the_start_page_gives_the_phone_lines_hours_in_the_page_language(
    client, fly_tipping, language, hours
):
    speaking(client, language)
    start = client.get(reverse("web:form-start", kwargs={"slug": "report-fly-tipping"})).text
    assert hours in start
    assert "Monday to Friday" not in start
