"""Turns text into search terms the same way for pages and for queries: lower case, no accents or
punctuation, contractions opened ("wasn't" → "was not"), stop words dropped, Snowball stems."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from opencex.search.stemmer import stem

_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "`": "'", "\u00b4": "'"})
_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?(?:-[a-z0-9]+(?:'[a-z]+)?)*")
_IRREGULAR_NEGATIONS = {"won't": "will not", "can't": "can not", "shan't": "shall not"}
# People often leave the apostrophe out: "didnt", "wont". The same words with "not" spelt out.
_BARE_NEGATIONS = {
    "aint": "is not", "arent": "are not", "cant": "can not", "couldnt": "could not",
    "didnt": "did not", "doesnt": "does not", "dont": "do not", "hadnt": "had not",
    "hasnt": "has not", "havent": "have not", "isnt": "is not", "shouldnt": "should not",
    "wasnt": "was not", "werent": "were not", "wont": "will not", "wouldnt": "would not",
}  # fmt: skip
_DROPPED_ENDINGS = ("'s", "'re", "'ve", "'ll", "'d", "'m")

# Words that say nothing about what a resident wants: grammar, and the filler of a question
# ("how do I", "I want to", "please"). Kept short: every word here can never be searched for.
STOP_WORDS = frozenset({
    "a", "about", "after", "again", "all", "also", "am", "an", "and", "any", "are", "as", "at",
    "be", "because", "been", "before", "being", "both", "but", "by", "can", "could", "did",
    "do", "does", "doing", "done", "during", "each", "either", "for", "from", "further", "had",
    "has", "have", "having", "he", "her", "here", "hers", "him", "his", "how", "i", "if", "in",
    "into", "is", "it", "its", "itself", "just", "let", "me", "might", "more", "most", "must",
    "my", "myself", "no", "nor", "not", "of", "off", "on", "once", "only", "or", "other",
    "our", "ours", "out", "over", "own", "please", "same", "shall", "she", "should", "so",
    "some", "such", "than", "that", "the", "their", "theirs", "them", "then", "there", "these",
    "they", "this", "those", "through", "to", "too", "under", "until", "up", "us", "very",
    "was", "way", "we", "were", "what", "when", "where", "whether", "which", "while", "who",
    "whom", "why", "will", "with", "within", "would", "you", "your", "yours", "yourself",
    "get", "got", "getting", "want", "wanted", "wants", "need", "needs", "needed", "like",
    "know", "tell", "im", "ive", "youre",
    # Where something is, not what it is: "the light outside my house" is about the light.
    "outside", "inside", "near", "nearby", "opposite", "beside", "behind", "across", "along",
    "around", "between", "against", "above", "below", "down",
})  # fmt: skip


@dataclass(frozen=True)
class Token:
    """One searchable word: as written (normalised) and as its stem."""

    word: str
    stem: str


def normalise(text: str) -> str:
    """Lower case, accents and curly quotes flattened, contractions opened."""
    text = unicodedata.normalize("NFKD", text.lower().translate(_APOSTROPHES))
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    for contraction, expansion in _IRREGULAR_NEGATIONS.items():
        text = text.replace(contraction, expansion)
    return text.replace("n't", " not")


def _split_word(raw: str) -> list[str]:
    """One written word as plain words: "neighbour's" → neighbour, "wasnt" → was not."""
    raw = raw.strip("'")
    for ending in _DROPPED_ENDINGS:
        if raw.endswith(ending):
            raw = raw[: -len(ending)]
            break
    raw = raw.replace("'", "")
    return _BARE_NEGATIONS.get(raw, raw).split()


def words(text: str) -> list[str]:
    """The text's words in order, stop words included; a hyphenated word counts as its parts."""
    found: list[str] = []
    for match in _WORD.finditer(normalise(text)):
        for part in match.group().split("-"):
            found.extend(_split_word(part))
    return found


def compounds(text: str) -> list[str]:
    """Hyphenated words written as one ("fly-tipping" → "flytipping"), as people also type them."""
    joined = []
    for match in _WORD.finditer(normalise(text)):
        if "-" in match.group():
            joined.append("".join(_split_word(match.group().replace("-", ""))))
    return joined


def is_searchable(word: str) -> bool:
    return word not in STOP_WORDS and (len(word) > 1 or word.isdigit())


def tokens(text: str) -> list[Token]:
    """The text's searchable words, in order, with their stems."""
    return [Token(word, stem(word)) for word in words(text) if is_searchable(word)]


def stems(text: str) -> list[str]:
    return [token.stem for token in tokens(text)]
