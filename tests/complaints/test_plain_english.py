"""The plain-English checks shown to an officer before a response is sent."""

from __future__ import annotations

from opencex.complaints.plain_english import (
    JARGON,
    LONG_SENTENCE,
    PASSIVE,
    check_letter,
    check_wording,
)


def kinds(text: str) -> list[str]:
    return [warning.kind for warning in check_wording(text)]


def test_short_active_plain_sentences_get_no_warnings():
    assert (
        check_wording("We missed your bin on Monday. We are sorry. We will collect it today.") == []
    )


def test_a_sentence_of_more_than_25_words_is_flagged_with_its_length():
    sentence = " ".join(["word"] * 26) + "."

    [warning] = check_wording(sentence)

    assert warning.kind == LONG_SENTENCE
    assert "has 26 words" in warning.advice


def test_a_sentence_of_exactly_25_words_is_fine():
    assert check_wording(" ".join(["word"] * 25) + ".") == []


def test_the_passive_voice_is_hinted_with_what_to_do_instead():
    [warning] = check_wording("Your bin was missed.")

    assert (warning.kind, warning.words) == (PASSIVE, "was missed")
    assert "Say who did it" in warning.advice


def test_irregular_participles_count_as_passive():
    assert kinds("The letter was sent late. The decision has been made.") == [PASSIVE, PASSIVE]


def test_feelings_are_not_mistaken_for_the_passive():
    assert check_wording("I am pleased to help. We were worried about you.") == []


def test_jargon_gets_a_plainer_word():
    found = {
        w.words.lower(): w.advice
        for w in check_wording(
            "We will utilise the crew in accordance with the policy. "
            "We commence work prior to Friday."
        )
    }

    assert found["utilise"] == "Instead of “utilise”, write “use”."
    assert found["in accordance with"] == "Instead of “in accordance with”, write “under”."
    assert found["commence"] == "Instead of “commence”, write “start”."
    assert found["prior to"] == "Instead of “prior to”, write “before”."


def test_jargon_is_matched_as_whole_words_only():
    assert kinds("The assistant was kind.") == []


def test_a_longer_phrase_is_reported_rather_than_the_words_inside_it():
    [warning] = check_wording("We apologise for any inconvenience caused.")

    assert (warning.kind, warning.words) == (JARGON, "We apologise for any inconvenience caused")


def test_sentences_are_split_on_full_stops_and_blank_lines():
    text = " ".join(["word"] * 20) + "\n\n" + " ".join(["word"] * 20)

    assert check_wording(text) == []


def test_a_letter_is_checked_part_by_part_and_clean_parts_are_left_out():
    found = check_letter({"decision": "We commence today.", "remedy": "We will fix it."})

    assert list(found) == ["decision"]
    assert found["decision"][0].kind == JARGON
