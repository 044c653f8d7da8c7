"""Plain-English checks on what an officer writes to a resident: long sentences, hints of the
passive voice, and council jargon with a plainer word to use. They are warnings to read before
sending, never a block: the officer decides."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

MAX_SENTENCE_WORDS = 25

LONG_SENTENCE = "long_sentence"
PASSIVE = "passive"
JARGON = "jargon"

# Words and phrases that make a letter harder to read, with what to write instead. Longer
# phrases come first so that "in order to" is reported rather than "order".
PLAINER_WORDS: Mapping[str, str] = {
    "we apologise for any inconvenience caused": "we are sorry",
    "please do not hesitate to contact us": "please contact us",
    "at this moment in time": "now",
    "in the event that": "if",
    "in accordance with": "under",
    "with regard to": "about",
    "with reference to": "about",
    "in respect of": "about",
    "in relation to": "about",
    "subsequent to": "after",
    "prior to": "before",
    "in order to": "to",
    "going forward": "in future",
    "as per": "as",
    "aforementioned": "this",
    "notwithstanding": "despite",
    "henceforth": "from now on",
    "hereby": "(leave it out)",
    "utilise": "use",
    "utilize": "use",
    "utilisation": "use",
    "commence": "start",
    "commenced": "started",
    "facilitate": "help",
    "endeavour": "try",
    "ascertain": "find out",
    "terminate": "end",
    "approximately": "about",
    "sufficient": "enough",
    "additional": "extra",
    "assist": "help",
    "purchase": "buy",
    "require": "need",
    "liaise": "work with",
    "rectify": "put right",
    "expedite": "speed up",
    "remit": "job",
}
_JARGON = re.compile(
    r"\b(" + "|".join(re.escape(phrase) for phrase in PLAINER_WORDS) + r")\b", re.IGNORECASE
)
# A form of "to be" followed by a past participle: "was missed", "has been passed", "is being
# looked at". Irregular participles are listed; regular ones end in -ed.
_IRREGULAR = (
    "done|given|made|taken|seen|sent|told|paid|found|kept|held|shown|written|brought|put|left|"
    "set|known|chosen|caught|thrown|forgotten|broken|spoken|understood"
)
_PASSIVE = re.compile(
    r"\b(?:am|is|are|was|were|be|been|being)\s+(?:\w+ly\s+)?(?:not\s+)?"
    rf"(\w+ed|{_IRREGULAR})\b",
    re.IGNORECASE,
)
# Words ending in -ed after "is/was" that describe rather than act: "I am pleased", "was closed"
# still reads fine to residents and is not worth a warning.
_NOT_PASSIVE = frozenset(
    {"pleased", "concerned", "interested", "tired", "worried", "based", "scheduled", "needed"}
)
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\n\s*\n|\n(?=\s*[-*•])")


@dataclass(frozen=True)
class WordingWarning:
    kind: str
    words: str  # what was written
    advice: str

    def __str__(self) -> str:
        return self.advice


def sentences(text: str) -> list[str]:
    return [part.strip() for part in _SENTENCE_END.split(text) if part.strip()]


def check_wording(text: str) -> list[WordingWarning]:
    """Warnings about `text`, in the order a reader meets them."""
    warnings: list[WordingWarning] = []
    for sentence in sentences(text):
        words = len(sentence.split())
        if words > MAX_SENTENCE_WORDS:
            start = " ".join(sentence.split()[:6])
            warnings.append(
                WordingWarning(
                    LONG_SENTENCE,
                    sentence,
                    f"The sentence starting “{start}…” has {words} words. Try to keep "
                    f"sentences to {MAX_SENTENCE_WORDS} words or fewer.",
                )
            )
        for match in _PASSIVE.finditer(sentence):
            if match.group(1).lower() in _NOT_PASSIVE:
                continue
            warnings.append(
                WordingWarning(
                    PASSIVE,
                    match.group(0),
                    f"“{match.group(0)}” may be passive. Say who did it, for example "
                    "“we missed your bin” rather than “your bin was missed”.",
                )
            )
        for match in _JARGON.finditer(sentence):
            phrase = match.group(0)
            plainer = PLAINER_WORDS[phrase.lower()]
            warnings.append(
                WordingWarning(JARGON, phrase, f"Instead of “{phrase}”, write “{plainer}”.")
            )
    return warnings


def check_letter(parts: Mapping[str, str]) -> dict[str, list[WordingWarning]]:
    """Warnings for each named part of a letter that has any, keyed by the part's name."""
    return {name: found for name, text in parts.items() if (found := check_wording(text or ""))}
