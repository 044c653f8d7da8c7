"""At intake: which released answers may already answer a new request, best first."""

from __future__ import annotations

import pytest

from opencex.disclosure.models import EntryStatus
from opencex.disclosure.ranking import Ranking, Text
from opencex.disclosure.selectors import search_disclosure_log, similar_disclosures
from tests.factories import DisclosureEntryFactory

pytestmark = pytest.mark.django_db

NEW_REQUEST = (
    "Under the Freedom of Information Act, please tell me how many fixed penalty notices the "
    "council issued for fly-tipping in 2024, broken down by ward, and how many were paid."
)


@pytest.fixture
def log():
    return {
        "fly_tipping": DisclosureEntryFactory(
            title="Fly-tipping incidents and fixed penalty notices by ward",
            request_text="How many fly-tipping incidents and fixed penalty notices in each ward?",
            response_text="We issued 187 fixed penalty notices for fly-tipping in 2023.",
        ),
        "littering": DisclosureEntryFactory(
            title="Fixed penalty notices for littering",
            request_text="How many fixed penalty notices for dropping litter?",
            response_text="We issued 1,204 fixed penalty notices for littering.",
        ),
        "agency": DisclosureEntryFactory(
            title="Spending on agency staff",
            request_text="How much did the council spend on agency staff?",
            response_text="£3.4 million in 2023/24.",
        ),
    }


def titles(matches) -> list[str]:
    return [match.entry.title for match in matches]


def test_the_answer_to_the_same_question_comes_first(log):
    assert titles(similar_disclosures(NEW_REQUEST)) == [
        "Fly-tipping incidents and fixed penalty notices by ward",
        "Fixed penalty notices for littering",
    ]


def test_an_answer_about_something_else_is_not_offered(log):
    assert "Spending on agency staff" not in titles(similar_disclosures(NEW_REQUEST))


def test_each_match_says_which_words_it_shares_rarest_first(log):
    best = similar_disclosures(NEW_REQUEST)[0]
    assert set(best.shared_words) >= {"fly", "tipping", "ward", "penalty"}
    assert best.shared_words.index("ward") < best.shared_words.index("penalty")


def test_the_number_of_answers_is_limited(log):
    assert len(similar_disclosures(NEW_REQUEST, limit=1)) == 1


def test_drafts_and_withdrawn_entries_are_never_offered():
    DisclosureEntryFactory(
        title="Fly-tipping fines by ward", status=EntryStatus.DRAFT, published_at=None
    )
    DisclosureEntryFactory(title="Fly-tipping fines by ward", status=EntryStatus.WITHDRAWN)
    assert similar_disclosures(NEW_REQUEST) == []


def test_one_shared_word_is_not_enough_for_a_long_request(log):
    assert similar_disclosures("What are the opening hours of the council's public toilets?") == []


def test_a_newly_published_entry_is_found_at_once(log):
    assert titles(similar_disclosures("allotment waiting lists")) == []
    DisclosureEntryFactory(title="Allotment waiting lists by site")
    assert titles(similar_disclosures("allotment waiting lists")) == [
        "Allotment waiting lists by site"
    ]


def test_the_log_search_ranks_by_the_residents_words(log):
    ranked = search_disclosure_log("penalty notices ward")
    assert ranked[0] == log["fly_tipping"].pk
    assert log["agency"].pk not in ranked


def test_a_one_word_search_needs_only_that_word(log):
    assert search_disclosure_log("agency") == [log["agency"].pk]


def test_words_in_the_title_count_more_than_in_the_response():
    ranking = Ranking(
        [
            Text(1, "Parking permits", "How many were issued?"),
            Text(2, "Car park income", "Income from parking permits and fines."),
        ]
    )
    assert [match.pk for match in ranking.rank("parking permits")] == [1, 2]


def test_plural_and_singular_are_the_same_word():
    ranking = Ranking([Text(1, "Penalty charge notice", "One notice.")])
    assert [match.pk for match in ranking.rank("penalty notices")] == [1]
