"""Word stems by language, from the Snowball stemmers (`snowballstemmer`): "collections" and
"collected" both become "collect", so a resident's word form does not have to match the page's.

A language is chosen by its code as the site names it ("en", "pl", "ar"; "en-gb" is "en"); the
index is English today, and a language's own index asks for its own stemmer.
"""

from __future__ import annotations

import threading
from functools import lru_cache

import snowballstemmer

DEFAULT_LANGUAGE = "en"
# The site's language codes and the Snowball algorithm for each.
SNOWBALL_ALGORITHMS = {
    "en": "english",
    "pl": "polish",
    "ar": "arabic",
    "cy": "english",  # Snowball has no Welsh; English suffixes are the safer guess than none
    "fr": "french",
    "de": "german",
    "es": "spanish",
    "pt": "portuguese",
    "it": "italian",
    "ro": "romanian",
    "ru": "russian",
    "tr": "turkish",
    "lt": "lithuanian",
    "hi": "hindi",
    "ne": "nepali",
    "ta": "tamil",
    "fa": "persian",
}

# Word forms no suffix rule can join ("broke" and "broken" are "break"), by language, each mapped
# to the word whose stem it takes: the words residents use for what went wrong, not a dictionary.
IRREGULAR_FORMS: dict[str, dict[str, str]] = {
    "en": {
        **dict.fromkeys(("broke", "broken"), "break"),
        **dict.fromkeys(("stole", "stolen"), "steal"),
        **dict.fromkeys(("fell", "fallen"), "fall"),
        **dict.fromkeys(("threw", "thrown"), "throw"),
        **dict.fromkeys(("blew", "blown"), "blow"),
        **dict.fromkeys(("froze", "frozen"), "freeze"),
        **dict.fromkeys(("tore", "torn"), "tear"),
        **dict.fromkeys(("grew", "grown"), "grow"),
        **dict.fromkeys(("overgrew", "overgrown"), "overgrow"),
        **dict.fromkeys(("bit", "bitten"), "bite"),
        **dict.fromkeys(("took", "taken"), "take"),
        **dict.fromkeys(("gave", "given"), "give"),
        **dict.fromkeys(("sold",), "sell"),
        **dict.fromkeys(("bought",), "buy"),
        **dict.fromkeys(("paid",), "pay"),
        **dict.fromkeys(("lost",), "lose"),
        **dict.fromkeys(("burnt",), "burn"),
        **dict.fromkeys(("built",), "build"),
        **dict.fromkeys(("dug",), "dig"),
        **dict.fromkeys(("hung",), "hang"),
        **dict.fromkeys(("caught",), "catch"),
        **dict.fromkeys(("spilt",), "spill"),
        "mice": "mouse",
        "children": "child",
        "men": "man",
        "women": "woman",
        "feet": "foot",
        "teeth": "tooth",
        "geese": "goose",
        "people": "person",
    },
}

# A Snowball stemmer object keeps the word it is working on: one per thread and language.
_stemmers = threading.local()


def algorithm_for(language: str) -> str:
    """The Snowball algorithm for a language code; refuses one we have no stemmer for."""
    code = language.lower().split("-")[0]
    try:
        return SNOWBALL_ALGORITHMS[code]
    except KeyError:
        raise ValueError(f"No stemmer for the language {language!r}.") from None


def _stemmer(language: str):
    by_language = getattr(_stemmers, "by_language", None)
    if by_language is None:
        by_language = _stemmers.by_language = {}
    if language not in by_language:
        by_language[language] = snowballstemmer.stemmer(algorithm_for(language))
    return by_language[language]


@lru_cache(maxsize=50_000)
def stem(word: str, language: str = DEFAULT_LANGUAGE) -> str:
    """The stem of a lower-case word in a language ("emptied" and "empty" → "empti")."""
    if len(word) <= 2 or not word.isalpha():
        return word
    stemmer = _stemmer(language)
    irregular = IRREGULAR_FORMS.get(language.lower().split("-")[0], {}).get(word)
    return stemmer.stemWord(irregular) if irregular else stemmer.stemWord(word)
