"""How text becomes search terms in each language: one `Analyzer` per language code.

English keeps the rules in `text.py` unchanged. Other languages read Unicode words, drop their
own stop words and stem with their Snowball stemmer, after their own clean-up:

- Polish: a stem is compared without its diacritics ("śmieci" and "smieci" are one term, both
  ways), but the word keeps them while it is stemmed, because the stemmer reads endings such as
  "-ów" and "-ość"; the index restores the diacritics of a word typed without them from its own
  vocabulary before stemming (see `SearchIndex.readings`).
- Arabic: short vowels (tashkeel) and tatweel removed, alef forms (أ إ آ ٱ) made a bare alef,
  alef maqsura made ya, a final ta marbuta made ha, Arabic-Indic digits made 0-9, and the
  article ال with the prefixes stuck to it (وال فال بال كال لل) removed before the stemmer,
  which does not remove them consistently. A single و, ف, ب or ل is only removed when the rest is
  a known word (in the index), since many words begin with those letters.

`analyzer(code)` gives the analyzer for a site language; `script_language(text)` says which
language a query is certainly in from its letters (Arabic script; Polish letters).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import cache, lru_cache

from opencex.search import text as english
from opencex.search.stemmer import SNOWBALL_ALGORITHMS, stem

ENGLISH = "en"
# Words and numbers in any script (no underscore); apostrophes are removed first.
_UNICODE_WORD = re.compile(r"[^\W_]+")
_ARABIC_LETTER = re.compile(r"[\u0620-\u064a\u0671-\u06d3\u06fa-\u06ff]")
_POLISH_LETTER = re.compile(r"[ąćęłńśźż]")

POLISH_LETTERS = "ąćęłńóśźż"
_POLISH_FOLD = str.maketrans(POLISH_LETTERS, "acelnoszz")

# Arabic: short vowels, shadda, sukun, dagger alef, tatweel.
_ARABIC_MARKS = re.compile(r"[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")
_ARABIC_LETTERS = str.maketrans({
    "أ": "\u0627", "إ": "\u0627", "آ": "\u0627", "ٱ": "\u0627", "ى": "ي",
    "ک": "ك", "ی": "ي", "،": ",", "؟": "?", "٪": "%",
})  # fmt: skip
_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")
# The article with what may be stuck to it, longest first.
_ARABIC_ARTICLES = ("وبال", "وكال", "وال", "فال", "بال", "كال", "لل", "ال")
# One-letter prefixes (and, so, with, for) removed only when the rest is a known word.
ARABIC_CLITICS = ("و", "ف", "ب", "ل")

POLISH_STOP_WORDS = frozenset({
    "a", "aby", "albo", "ale", "bo", "być", "by", "był", "była", "było", "były", "chcę", "chce",
    "chciałbym", "chciałabym", "co", "czy", "dla", "do", "gdzie", "i", "ich", "ile", "im", "jak",
    "jaki", "jaka", "jakie", "jakim", "jest", "jestem", "jego", "jej", "już", "kiedy", "kto",
    "który", "która", "które", "którego", "ma", "mam", "mi", "mnie", "moja", "moje", "mój",
    "moim", "mojej", "moją", "mojego", "mu", "my", "na", "nad", "nam", "nas", "o", "od", "oraz",
    "po", "pod", "przez", "przy", "proszę", "się", "sie", "są", "ta", "tak", "te", "tego", "ten",
    "to", "tu", "tym", "u", "w", "we", "z", "za", "ze", "że", "ja", "ty", "on", "ona", "oni",
    "bardzo", "można", "muszę", "trzeba", "potrzebuję", "chcemy", "swój",
    "swoje", "swojego", "państwa", "pan", "pani", "lub", "czyli", "też", "także", "jeśli",
    "jeżeli", "iż", "żeby",
})  # fmt: skip
POLISH_NEGATIONS = frozenset({"nie", "brak", "bez"})

ARABIC_STOP_WORDS = frozenset({
    "في", "على", "من", "الى", "الي", "عن", "مع", "هذا", "هذه", "ذلك", "تلك", "هو", "هي", "هم",
    "انا", "انت", "نحن", "كيف", "اين", "متي", "ماذا", "هل", "ان", "او", "ثم", "كل", "عند",
    "عندي", "لدي", "لي", "يا", "الذي", "التي", "الذين", "اي", "به", "بها", "له", "لها", "قد",
    "كان", "كانت", "يكون", "اريد", "ابغي", "بدي", "عايز", "ممكن", "لو", "اذا",
    "حتي", "بعد", "قبل", "فيه", "فيها", "عليه", "عليها", "منه", "منها", "و", "يتم", "تم", "فضلك",
    "شي", "شيء", "احتاج", "ايضا", "بين", "حول", "لمن", "يوجد", "توجد", "هناك",
})  # fmt: skip
ARABIC_NEGATIONS = frozenset({"لا", "لم", "لن", "ما", "ليس", "مش", "مو", "بدون", "عدم", "ليست"})


def fold_polish(word: str) -> str:
    return word.translate(_POLISH_FOLD)


def _strip_other_accents(text: str, keep: str = "") -> str:
    """Accents removed, except on the letters in `keep` (the language's own)."""
    kept = []
    for char in text:
        if char in keep:
            kept.append(char)
            continue
        decomposed = unicodedata.normalize("NFKD", char)
        kept.append("".join(c for c in decomposed if not unicodedata.combining(c)))
    return "".join(kept)


def normalise_arabic(text: str) -> str:
    """Arabic text with one spelling per word: see the module's notes."""
    text = _ARABIC_MARKS.sub("", text.translate(_DIGITS).translate(_ARABIC_LETTERS))
    return text.replace("ة", "\u0647")  # ta marbuta is only written at a word's end: ha


def strip_arabic_article(word: str) -> str:
    for article in _ARABIC_ARTICLES:
        if word.startswith(article) and len(word) - len(article) >= 2:
            return word[len(article) :]
    return word


def script_language(text: str) -> str | None:
    """The language a query is certainly written in, by its letters; None when not certain."""
    if _ARABIC_LETTER.search(text):
        return "ar"
    if _POLISH_LETTER.search(text.lower()):
        return "pl"
    return None


@dataclass(frozen=True)
class Analyzer:
    """Text to terms in one language. `term(word)` is what the index stores and a query looks
    up; `spelling(word)` is the form the spelling check compares (diacritics folded in Polish)."""

    language: str
    stop_words: frozenset[str] = frozenset()
    negations: frozenset[str] = frozenset()
    own_letters: str = ""
    clitics: tuple[str, ...] = field(default=())

    def normalise(self, text: str) -> str:
        text = unicodedata.normalize("NFC", text.lower())
        if self.language == "ar":
            return normalise_arabic(_strip_other_accents(text, keep=_ARABIC_KEEP))
        return _strip_other_accents(text, keep=self.own_letters)

    def words(self, text: str) -> list[str]:
        """The text's words in order, stop words included."""
        if self.language == ENGLISH:
            return english.words(text)
        text = self.normalise(text).replace("'", "").replace("\u2019", "")
        found = _UNICODE_WORD.findall(text)
        if self.language == "ar":
            found = [
                word if word in self.stop_words else strip_arabic_article(word) for word in found
            ]
        return found

    def compounds(self, text: str) -> list[str]:
        return english.compounds(text) if self.language == ENGLISH else []

    def is_searchable(self, word: str) -> bool:
        if self.language == ENGLISH:
            return english.is_searchable(word)
        return (
            word not in self.stop_words
            and word not in self.negations
            and (len(word) > 1 or word.isdigit())
        )

    def term(self, word: str) -> str:
        return _term(self.language, word)

    def spelling(self, word: str) -> str:
        return fold_polish(word) if self.language == "pl" else word

    def phrase_key(self, word: str) -> str:
        """How a word is matched against a synonym or lexicon rule: English by its singular
        (as it always was), other languages by their term."""
        if self.language == ENGLISH:
            from opencex.search.synonyms import fold_plural

            return fold_plural(word)
        return self.term(word)

    def terms(self, text: str) -> list[str]:
        return [self.term(w) for w in self.words(text) if self.is_searchable(w)]


# Arabic letters are not accents to strip: NFKD would split the hamza from its alef, which the
# Arabic clean-up does itself.
_ARABIC_KEEP = "".join(chr(c) for c in range(0x0600, 0x0700))


@lru_cache(maxsize=100_000)
def _term(language: str, word: str) -> str:
    if language == ENGLISH:
        return stem(word)
    stemmed = stem(word, language)
    return fold_polish(stemmed) if language == "pl" else stemmed


_ANALYZERS = {
    ENGLISH: Analyzer(ENGLISH, english.STOP_WORDS, frozenset({"not", "no", "never"})),
    "pl": Analyzer(
        "pl",
        POLISH_STOP_WORDS | {fold_polish(word) for word in POLISH_STOP_WORDS},
        POLISH_NEGATIONS,
        own_letters=POLISH_LETTERS,
    ),
    "ar": Analyzer(
        "ar",
        frozenset(normalise_arabic(word) for word in ARABIC_STOP_WORDS),
        frozenset(normalise_arabic(word) for word in ARABIC_NEGATIONS),
        clitics=ARABIC_CLITICS,
    ),
}


@cache
def analyzer(language: str) -> Analyzer:
    """The analyzer for a language code ("pl", "ar-eg" is "ar"); a language with a Snowball
    stemmer but no rules here gets Unicode words and its stemmer; one without is refused."""
    code = language.lower().split("-")[0].split("_")[0]
    if code in _ANALYZERS:
        return _ANALYZERS[code]
    if code not in SNOWBALL_ALGORITHMS:
        raise ValueError(f"No search analyzer for the language {language!r}.")
    return Analyzer(code)
