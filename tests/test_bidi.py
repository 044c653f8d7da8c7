"""Left-to-right runs found in a text and isolated for a right-to-left page; the rest escaped."""

from __future__ import annotations

import pytest

from opencex.bidi import isolate_ltr_runs
from opencex.languages import is_english_fallback, text_in


@pytest.mark.parametrize(
    "run",
    [
        "01865 249811",
        "+44 1865 249811",
        "info@oxford.gov.uk",
        "SR-7KQM-3XHD",
        "OX1 1BX",
        "£22.00",
        "12/03/2026",
        "100120812345",
        "https://www.oxford.gov.uk/bins",
    ],
)
def test_a_run_inside_an_arabic_sentence_is_isolated_left_to_right(run):
    assert isolate_ltr_runs(f"اتصلوا على {run}، شكراً") == (
        f'اتصلوا على <bdi dir="ltr">{run}</bdi>، شكراً'
    )


def test_the_rest_of_the_text_is_escaped():
    assert isolate_ltr_runs('<script>"x"</script> & 01865 249811') == (
        '&lt;script&gt;&quot;x&quot;&lt;/script&gt; &amp; <bdi dir="ltr">01865 249811</bdi>'
    )


def test_a_url_keeps_its_full_stop_outside():
    assert isolate_ltr_runs("زوروا www.oxford.gov.uk.") == (
        'زوروا <bdi dir="ltr">www.oxford.gov.uk</bdi>.'
    )


def test_english_shown_for_want_of_a_translation_says_so():
    assert is_english_fallback(text_in({"en": "Bins", "pl": "Śmieci"}, "ar"))
    assert is_english_fallback(text_in("Bins", "pl"))
    assert not is_english_fallback(text_in({"en": "Bins", "pl": "Śmieci"}, "pl"))
    assert not is_english_fallback(text_in("Bins", "en"))
    assert text_in({"en": "Bins"}, "pl") == "Bins"
