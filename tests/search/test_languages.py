"""Polish and Arabic queries: each language's clean-up, stems, synonyms and spelling, the
cross-language lexicon, and the API and the results page in those languages."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from django.core.cache import cache

from opencex.search.analysis import analyzer, script_language
from opencex.search.documents import Document
from opencex.search.engine import current_index, search
from opencex.search.multilingual import SiteIndex
from opencex.search.synonyms import lexicon, parse_rules, thesaurus
from tests.search.conftest import slugs

BENCH = Path(__file__).resolve().parents[2] / "bench" / "search"
PL = analyzer("pl")
AR = analyzer("ar")


# Polish


@pytest.mark.parametrize(
    ("with_diacritics", "without"),
    [("śmieci", "smieci"), ("odbiór", "odbior"), ("pleśń", "plesn"), ("głośna", "glosna")],
)
def test_a_polish_word_without_its_diacritics_is_the_same_term(with_diacritics, without):
    assert PL.terms(with_diacritics) == PL.terms(without)


def test_polish_word_forms_share_a_stem_and_polish_stop_words_are_dropped():
    assert PL.terms("pojemnika") == PL.terms("pojemniki") == PL.terms("pojemnik")
    assert PL.terms("naprawy w mieszkaniu") == PL.terms("naprawa mieszkanie")


@pytest.mark.usefixtures("oxford_catalogue")
def test_a_polish_word_typed_without_diacritics_finds_the_page_written_with_them():
    # "nieodebranych odpadów" is in the Polish title; the resident typed neither diacritic.
    assert slugs(search("nieodebranych odpadow", language="pl"))[0] == "report-missed-bin"


@pytest.mark.usefixtures("oxford_catalogue")
def test_polish_synonyms_turn_residents_words_into_the_councils():
    keys = [PL.phrase_key(word) for word in PL.words("kubeł")]
    assert thesaurus("pl").expansions(keys)[0].adds == ((PL.term("pojemnik"),),)
    assert slugs(search("śmieciarka nie przyjechała", language="pl"))[0] == "report-missed-bin"


@pytest.mark.usefixtures("oxford_catalogue")
def test_a_polish_typo_is_corrected_against_the_polish_words():
    index = current_index().indexes["pl"]
    assert index.readings("czynsu")[0][0] == "czynszu"  # one letter missing
    assert slugs(search("zaplacic czynsu", language="pl"))[0] == "pay-rent"


# Arabic


def test_arabic_clean_up_removes_vowel_marks_tatweel_and_the_article():
    assert AR.words("الضَّرِيبَةُ") == AR.words("ضريبة") == ["ضريبه"]
    assert AR.words("القمـــامة") == ["قمامه"]
    assert AR.terms("والقمامة") == AR.terms("بالقمامة") == AR.terms("قمامة")


def test_arabic_alef_forms_final_ta_marbuta_and_alef_maqsura_are_one_spelling():
    assert AR.terms("إيجار") == AR.terms("ايجار") == AR.terms("الإيجار")
    assert AR.terms("ضريبة") == AR.terms("ضريبه")
    assert AR.words("متى") == AR.words("متي")


def test_arabic_indic_digits_are_read_as_digits():
    assert AR.words("خصم ٢٥") == ["خصم", "25"]


def test_the_script_of_a_query_says_its_language_when_it_can():
    assert script_language("دفع الايجار") == "ar"
    assert script_language("zapłacić czynsz") == "pl"
    assert script_language("council tax") is None


@pytest.mark.usefixtures("oxford_catalogue")
def test_arabic_synonyms_and_a_prefix_stuck_to_a_word():
    keys = [AR.phrase_key(word) for word in AR.words("زبالة")]
    assert thesaurus("ar").expansions(keys)
    assert slugs(search("الزبالة ما انشالت", language="ar"))[0] == "report-missed-bin"
    # "وإيجار" (and rent): the one-letter prefix goes when the rest is a known word.
    index = current_index().indexes["ar"]
    assert index.readings("وايجار")[0][0] == "ايجار"


@pytest.mark.usefixtures("oxford_catalogue")
def test_an_arabic_typo_is_corrected_against_the_arabic_words():
    # "الضريبه" spelt "الضربية" (two letters swapped): one edit.
    assert slugs(search("دفع ضربية المجلس", language="ar"))[0] == "pay-council-tax"


# Across languages


@pytest.mark.parametrize(
    ("query", "language", "expected"),
    [
        ("szczury w ogrodzie", "pl", "report-rats-or-mice"),
        ("dziura w drodze", "pl", "report-pothole"),
        ("حفرة في الطريق", "ar", "report-pothole"),
        ("فئران في المطبخ", "ar", "report-rats-or-mice"),
    ],
)
def test_a_query_finds_the_english_page_when_there_is_no_translation(
    english_only, query, language, expected
):
    english_only(expected)
    index = current_index()
    document = next(d for d in index.documents if d.slug == expected)
    assert not document.texts_in(language)  # the page is in English only
    hits = search(query, language=language)
    assert expected in slugs(hits)[:3]
    assert next(h for h in hits if h.document.slug == expected).document.language == "en"


@pytest.mark.usefixtures("oxford_catalogue")
def test_a_translated_page_matched_in_its_language_comes_before_english_only_pages():
    hits = search("zgłoszenie naprawy mieszkanie komunalne", language="pl")
    assert hits.hits[0].document.slug == "report-housing-repair"
    assert hits.hits[0].document.title == "Zgłoszenie naprawy w mieszkaniu komunalnym"


def test_english_words_in_a_polish_query_are_still_searched_in_english(english_only):
    # "pothole" is no Polish word: kept as it is, it finds the page only in English.
    english_only("report-pothole")
    hits = search("zgłosić pothole", language="pl")
    assert slugs(hits)[0] == "report-pothole"
    assert hits.hits[0].document.language == "en"


@pytest.mark.usefixtures("oxford_catalogue")
def test_an_english_query_on_a_polish_page_finds_the_english_pages():
    assert slugs(search("pothole", language="pl"))[0] == "report-pothole"


@pytest.mark.usefixtures("oxford_catalogue")
def test_nonsense_still_finds_nothing_in_any_language():
    for language in ("en", "pl", "ar"):
        assert not search("asdfghjkl qwertyuiop", language=language)


def test_the_lexicons_and_synonyms_files_parse_and_cover_the_catalogue():
    for language in ("pl", "ar"):
        assert len(lexicon(language)._rules) > 300
        assert thesaurus(language)._rules
    with pytest.raises(ValueError, match="line 1"):
        parse_rules("bez strzałki\n", "pl")


def test_every_translated_field_of_a_document_is_searched_in_its_language():
    documents = [
        Document(
            kind="page",
            slug="christmas-trees",
            title="Christmas tree collection",
            summary="We collect real trees in January.",
            url="/guidance/christmas-trees/",
            translations={
                "pl": {"title": "Odbiór", "summary": "", "keywords": ("choinka",)},
                "ar": {"title": "جمع", "body": "نجمع أشجار عيد الميلاد الطبيعية في يناير"},
            },
        ),
        Document(kind="page", slug="other", title="Other", summary="", url="/o/"),
    ]
    index = SiteIndex(documents, ["en", "pl", "ar", "xx"])
    assert set(index.indexes) == {"pl", "ar"}  # no stemmer for "xx": searched in English
    assert [len(index.indexes[code]) for code in ("pl", "ar")] == [1, 1]
    assert [h.document.slug for h in index.search("choinki", language="pl")] == ["christmas-trees"]
    assert [h.document.slug for h in index.search("أشجار الميلاد")] == ["christmas-trees"]
    assert index.search("choinki", language="pl")[0].document.title == "Odbiór"


# The API and the results page


@pytest.fixture
def _fresh_rate_limits():
    cache.clear()
    yield
    cache.clear()


@pytest.mark.usefixtures("oxford_catalogue", "_fresh_rate_limits")
def test_the_api_answers_a_polish_query_in_polish(client):
    response = client.get("/api/v1/search", {"q": "nie odebrali śmieci", "lang": "pl"})
    first = response.json()["results"][0]
    assert first["url"] == "/services/report-missed-bin/"
    assert first["title"] == "Zgłoszenie nieodebranych odpadów"


@pytest.mark.usefixtures("_fresh_rate_limits")
def test_the_api_reads_arabic_from_accept_language_or_the_script(client, english_only):
    english_only("report-pothole")
    response = client.get("/api/v1/search", {"q": "دفع ضريبة المجلس"}, HTTP_ACCEPT_LANGUAGE="ar")
    first = response.json()["results"][0]
    assert first["url"] == "/services/pay-council-tax/"
    assert first["title"] == "دفع ضريبة المجلس"
    # No header, no lang: the Arabic letters say it.
    response = client.get("/api/v1/search", {"q": "حفرة في الطريق"})
    first = response.json()["results"][0]
    assert (first["url"], first["title"]) == ("/services/report-pothole/", "Report a pothole")


@pytest.mark.usefixtures("_fresh_rate_limits")
def test_the_api_refuses_a_language_the_site_does_not_offer(client, db):
    response = client.get("/api/v1/search", {"q": "bins", "lang": "xx"})
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "lang"


def test_the_results_page_in_arabic_shows_arabic_titles_and_marks_english_ones(
    client, english_only
):
    english_only("set-up-council-tax-direct-debit")
    page = client.get(
        "/search", {"q": "دفع ضريبة المجلس"}, HTTP_ACCEPT_LANGUAGE="ar"
    ).content.decode()
    assert '<html lang="ar" dir="rtl"' in page or 'dir="rtl"' in page
    # Results link through the web measures' click counter (/search/go/) to their own page.
    arabic = re.search(r'<a class="govuk-link" href="([^"]+)">دفع ضريبة المجلس</a>', page)
    assert arabic
    assert client.get(arabic.group(1))["Location"] == "/services/pay-council-tax/"
    # An English-only result inside the Arabic page says it is English.
    english = re.search(r'<a class="govuk-link" href="([^"]+)" lang="en" dir="ltr">', page)
    assert english
    assert client.get(english.group(1))["Location"] == "/services/set-up-council-tax-direct-debit/"


# The held-out sets: a regression fails here.

# hit@3 on the held-out sets when first run (pl 0.969, ar 0.938; see bench/search/README.md),
# less a margin for catalogue edits: below this, something in the pipeline broke.
HOLDOUT_FLOORS = {"pl": 0.85, "ar": 0.85}


@pytest.mark.usefixtures("oxford_catalogue")
@pytest.mark.parametrize("language", ["pl", "ar"])
def test_the_held_out_queries_stay_above_their_floor(language):
    queries = json.loads((BENCH / f"holdout.{language}.json").read_text(encoding="utf-8"))
    found = [
        bool(set(slugs(search(entry["q"], language=language))[:3]) & set(entry["expect"]))
        for entry in queries["queries"]
    ]
    assert len(found) >= 60
    assert sum(found) / len(found) >= HOLDOUT_FLOORS[language]
