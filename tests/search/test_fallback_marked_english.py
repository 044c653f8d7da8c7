"""A search result whose title is translated but whose summary is not shows the summary in
English, marked lang="en" (WCAG 3.1.2), while the title carries the result's language."""

from __future__ import annotations

import re

from django.template.loader import render_to_string
from django.test import RequestFactory
from django.utils import translation

from opencex.search.documents import Document

DOCUMENT = Document(
    kind="service",
    slug="report-pothole",
    title="Report a pothole",
    summary="Tell us about a hole in a road.",
    url="/services/report-pothole/",
    translations={"pl": {"title": "Zgłoś dziurę w drodze"}},
)


class _Hit:
    def __init__(self, document):
        self.document = document


class _Results(list):
    found_something = True


def test_the_summary_that_fell_back_is_named():
    shown = DOCUMENT.in_language("pl")
    assert shown.title == "Zgłoś dziurę w drodze"
    assert shown.language == "pl"
    assert shown.in_english == {"summary"}


def test_a_translated_summary_is_not_named():
    translated = Document(
        **{**DOCUMENT.__dict__, "translations": {"pl": {"title": "Tytuł", "summary": "Opis."}}}
    )
    assert translated.in_language("pl").in_english == frozenset()


def test_the_results_page_marks_the_english_summary_on_a_polish_page():
    request = RequestFactory().get("/search/?q=dziura")
    with translation.override("pl"):
        page = render_to_string(
            "web/search.html",
            {
                "query": "dziura",
                "results": _Results([_Hit(DOCUMENT.in_language("pl"))]),
                "page_language": "pl",
            },
            request=request,
        )
    summary = re.search(r"<p [^>]*>Tell us about a hole in a road.</p>", page)
    assert summary
    assert 'lang="en"' in summary.group(0)
    title = re.search(r'<a [^>]*href="/services/report-pothole/"[^>]*>', page)
    assert title
    assert "lang=" not in title.group(0)
