"""English shown for want of a translation is marked as English wherever it appears on a page in
another language, and left-to-right runs (phone numbers, emails, references) stay left to right
on an Arabic page (WCAG 3.1.2; issue #13)."""

from __future__ import annotations

import copy
from html.parser import HTMLParser

import pytest
from django.urls import reverse

from opencex.cases.models import Case
from opencex.catalogue.models import GuidancePage
from opencex.forms.models import FormDefinition
from opencex.forms.services import publish_version
from tests.factories import DirectoryServiceFactory, ServiceFactory, TopicFactory
from tests.forms.conftest import FormWalker
from tests.web.test_localised_data import FLY_TIPPING_PAGES, forms, speaking  # noqa: F401

pytestmark = pytest.mark.django_db

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}


class TextInContext(HTMLParser):
    """Each piece of text on a page, with the nearest `lang` and `dir` around it."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, str | None, str | None]] = []
        self.texts: list[tuple[str, str | None, str | None, list[str]]] = []

    def handle_starttag(self, tag, attrs):
        if tag in VOID:
            return
        found = dict(attrs)
        self.stack.append((tag, found.get("lang"), found.get("dir")))

    def handle_endtag(self, tag):
        while self.stack:
            if self.stack.pop()[0] == tag:
                break

    def handle_data(self, data):
        tags = [tag for tag, _lang, _dir in self.stack]
        lang = next((lang for _t, lang, _d in reversed(self.stack) if lang), None)
        direction = next((d for _t, _l, d in reversed(self.stack) if d), None)
        self.texts.append((data, lang, direction, tags))


def unmarked_english(page: str, english: set[str], rtl: bool) -> list[str]:
    """The English texts from `english` found on `page` outside an element marked lang="en"
    (and dir="ltr" on a right-to-left page); the page's <title> cannot carry a language."""
    parser = TextInContext()
    parser.feed(page)
    wrong = []
    for data, lang, direction, tags in parser.texts:
        if "title" in tags or "script" in tags or "style" in tags:
            continue
        for text in english:
            if text in data and (lang != "en" or (rtl and direction != "ltr")):
                wrong.append(f"{text!r} in {tags[-3:]} lang={lang} dir={direction}")
    return wrong


def english_texts(value) -> set[str]:
    """Every English text in a form schema or data: plain strings and the "en" of texts by
    language, under the keys residents read."""
    found: set[str] = set()
    if isinstance(value, dict):
        for key, item in value.items():
            if key in {"label", "hint", "title", "intro", "next_steps"}:
                found |= _texts(item)
            found |= english_texts(item)
    elif isinstance(value, list):
        for item in value:
            found |= english_texts(item)
    return found


def _texts(value) -> set[str]:
    if isinstance(value, str):
        return {value}
    if isinstance(value, dict) and isinstance(value.get("en"), str):
        return {value["en"]}
    if isinstance(value, list):
        return set().union(*(_texts(item) for item in value)) if value else set()
    return set()


@pytest.fixture
def english_only(forms):  # noqa: F811
    """A service, guidance page, directory entry and form texts with no translation at all."""
    topic = TopicFactory(name="Allotments and growing")
    ServiceFactory(
        slug="rent-an-allotment-plot",
        title="Rent an allotment plot",
        summary="Grow your own food on a council plot. Call 01865 249811 to join the waiting list.",
        topic=topic,
        translations={},
    )
    GuidancePage.objects.create(
        slug="growing-your-own-food",
        title="Growing your own food",
        summary="How to start with a small allotment plot.",
        body=[{"heading": "Before you start"}, "Ask the allotment officer first."],
        topic=topic,
    )
    DirectoryServiceFactory(
        slug="community-garden", name="Community garden drop-in", description="Free seeds."
    )
    definition = FormDefinition.objects.get(slug="report-fly-tipping")
    schema = copy.deepcopy(definition.current_version().schema)
    first = schema["pages"][0]
    first["title"] = "Where the rubbish has been left"
    first["questions"][0]["label"] = "Describe exactly where the rubbish is"
    first["questions"][0]["hint"] = "For example, the nearest house number or lamp post."
    what = next(page for page in schema["pages"] if page["id"] == "what")
    for question in what["questions"]:
        for option in question.get("options", [])[:1]:
            option["label"] = f"Only in English: {option['value']}"
    publish_version(actor=None, definition=definition, schema=schema)
    texts = english_texts(schema) | {
        "Rent an allotment plot",
        "Allotments and growing",
        "Growing your own food",
        "How to start with a small allotment plot.",
        "Ask the allotment officer first.",
        "Community garden drop-in",
        "Free seeds.",
    }
    # Texts with a translation are not shown in English; short words may be part of others.
    return {text for text in texts if len(text) >= 12}


def crawl(client, walker: FormWalker) -> dict[str, str]:
    """The citizen pages that show the English-only texts, by name."""
    pages = {
        "services": client.get(reverse("web:services")).text,
        "service": client.get(reverse("web:service", args=["rent-an-allotment-plot"])).text,
        "guidance": client.get(reverse("web:guidance", args=["growing-your-own-food"])).text,
        "directory": client.get(reverse("web:directory-entry", args=["community-garden"])).text,
        "search": client.get(reverse("web:search"), {"q": "allotment"}).text,
    }
    walker.start()
    pages["form: location"] = client.get(walker.page_url("location")).text
    for page_id, data in FLY_TIPPING_PAGES:
        assert walker.answer(page_id, data).status_code == 302, page_id
    pages["form: what"] = client.get(walker.page_url("what")).text
    pages["form: check answers"] = walker.check_answers().text
    return pages


@pytest.mark.parametrize("language", ["pl", "ar"])
def test_every_english_fallback_on_a_citizen_page_is_marked_english(client, english_only, language):
    speaking(client, language)
    pages = crawl(client, FormWalker(client, "report-fly-tipping"))
    shown = {name for name, page in pages.items() if any(text in page for text in english_only)}
    # The crawl does meet the English texts, on every kind of page.
    assert {"service", "guidance", "directory", "search", "form: location"} <= shown
    problems = {
        name: unmarked_english(page, english_only, rtl=language == "ar")
        for name, page in pages.items()
    }
    assert {name: found for name, found in problems.items() if found} == {}


def test_a_translated_text_is_not_marked_english(client, forms):  # noqa: F811
    speaking(client, "pl")
    page = client.get(reverse("web:service", args=["report-fly-tipping"])).text
    assert '<h1 class="govuk-heading-xl">Zgłoszenie nielegalnie porzuconych śmieci</h1>' in page


def test_a_phone_number_in_an_arabic_service_text_reads_left_to_right(client, english_only):
    ServiceFactory(
        slug="report-a-pothole",
        title="Report a pothole",
        summary="Phone 01865 249811.",
        translations={
            "ar": {"summary": "اتصلوا بنا على 01865 249811 أو اكتبوا إلى info@oxford.gov.uk"}
        },
    )
    speaking(client, "ar")
    page = client.get(reverse("web:service", args=["report-a-pothole"])).text
    assert 'على <bdi dir="ltr">01865 249811</bdi> أو' in page
    assert '<bdi dir="ltr">info@oxford.gov.uk</bdi>' in page


def test_the_footer_phone_number_and_email_read_left_to_right_in_arabic_with_tel_links_intact(
    client,
):
    speaking(client, "ar")
    page = client.get(reverse("web:home")).text
    assert 'href="tel:01865249811"><bdi dir="ltr">01865 249811</bdi></a>' in page
    assert 'href="mailto:' in page
    assert "mailto:<bdi" not in page
    assert '<bdi dir="ltr">' in page.split('href="mailto:')[1].split("</a>")[0]


def test_an_english_page_has_no_isolation_markup(client):
    page = client.get(reverse("web:home")).text
    assert "<bdi" not in page
    assert ">01865 249811</a>" in page


def test_the_reference_on_the_confirmation_page_reads_left_to_right_in_arabic(client, forms):  # noqa: F811
    speaking(client, "ar")
    walker = FormWalker(client, "report-fly-tipping")
    walker.start()
    for page_id, data in FLY_TIPPING_PAGES:
        assert walker.answer(page_id, data).status_code == 302, page_id
    walker.submit()
    done = walker.confirmation().text
    reference = Case.objects.get().reference
    assert f'<strong><bdi dir="ltr">{reference}</bdi></strong>' in done
    assert '<bdi dir="ltr">piotr@example.org</bdi>' in done
