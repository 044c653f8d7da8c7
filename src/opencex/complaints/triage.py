"""Spotting dissatisfaction in what a resident wrote, so they can be offered the complaints
process without having to use the word "complaint" (RULES.md, "Complaints").

Plain rules, no model: each cue is a pattern with the reason it suggests a complaint, so an
officer can see why the prompt appeared. A first report ("my bin was not emptied") matches none:
it is a service request. A cue right after a negation ("not disappointed", "no complaints") does
not count. The detector only suggests; an officer or the resident decides.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

REPEATED = "It has happened before"
NOT_PUT_RIGHT = "It has still not been put right"
NOT_CONTACTED = "Nobody got back to them"
UNHAPPY = "They say they are unhappy"
ASKS_TO_COMPLAIN = "They ask to complain or to escalate"

_ORDINAL = r"(?:second|third|fourth|fifth|sixth|umpteenth|nth|\d+(?:st|nd|rd|th))"
_CUES: tuple[tuple[str, str], ...] = (
    (REPEATED, rf"\b(?:the\s+)?{_ORDINAL}\s+time\b"),
    (REPEATED, r"\b(?:\d+|two|three|four|five|six|several|many|countless)\s+times\b"),
    (REPEATED, r"\b(?:yet|once)\s+again\b"),
    (REPEATED, r"\bagain\s+and\s+again\b"),
    (REPEATED, r"\b(?:missed|forgotten|ignored|happened|broken|failed|skipped)\s+again\b"),
    (REPEATED, r"\bkeeps?\s+(?:on\s+)?(?:happening|missing|forgetting|getting\s+missed)\b"),
    (REPEATED, r"\b(?:every|each)\s+(?:single\s+)?(?:time|week)\s+(?:you|it|they)\b"),
    (
        REPEATED,
        r"\b(?:reported|told\s+you|rang|called|phoned|emailed)\s+(?:this\s+|it\s+)?"
        r"(?:before|already|several\s+times|many\s+times|twice)\b",
    ),
    (
        NOT_PUT_RIGHT,
        r"\bstill\s+(?:not|hasn't|hasnt|has\s+not|haven't|havent|isn't|isnt|"
        r"no|nothing|waiting|broken)\b",
    ),
    (NOT_PUT_RIGHT, r"\b(?:not|never)\s+(?:been\s+)?(?:fixed|sorted|resolved|repaired)\s+yet\b"),
    (NOT_PUT_RIGHT, r"\b(?:weeks|months|ages)\s+(?:later|and\s+(?:still|nothing))\b"),
    (
        NOT_CONTACTED,
        r"\b(?:nobody|no\s*-?\s*one|no\s+body)\b[^.!?]{0,30}?\b(?:called|"
        r"rang|phoned|got\s+back|gets\s+back|replied|responded|contacted|came|turned\s+up|"
        r"bothered|answered|listens?)\b",
    ),
    (
        NOT_CONTACTED,
        r"\b(?:never|didn't|did\s+not|haven't|have\s+not|hasn't|has\s+not)\s+"
        r"(?:been\s+)?(?:heard\s+back|got\s+back|called\s+(?:me\s+)?back|rung\s+(?:me\s+)?back|"
        r"phoned\s+(?:me\s+)?back|replied|responded|turned\s+up)\b",
    ),
    (NOT_CONTACTED, r"\bno\s+(?:reply|response|answer|call\s*back)\b"),
    (NOT_CONTACTED, r"\b(?:promised|supposed)\s+to\s+(?:call|ring|phone|come|get\s+back)\b"),
    (NOT_CONTACTED, r"\bchas(?:ed|ing)\b"),
    (UNHAPPY, r"\bfed\s+up\b"),
    (UNHAPPY, r"\bsick\s+(?:and\s+tired\s+)?of\b"),
    (UNHAPPY, r"\bhad\s+enough\b"),
    (UNHAPPY, r"\bnot\s+(?:happy|good\s+enough|acceptable)\b"),
    (
        UNHAPPY,
        r"\b(?:unhappy|dissatisfied|disappointed|disappointing|disgusted|disgusting|"
        r"appalled|appalling|outraged|outrageous|furious|livid|angry|annoyed|frustrated|"
        r"frustrating|upset|shocking|shocked|ridiculous|pathetic|useless|incompetent|shambles|"
        r"disgrace|disgraceful|unacceptable|terrible|awful|rubbish\s+service|poor\s+service|"
        r"rude|let\s+down|waste\s+of\s+time)\b",
    ),
    (UNHAPPY, r"\b(?:a|an\s+absolute|a\s+complete)\s+joke\b"),
    (ASKS_TO_COMPLAIN, r"\bcomplain(?:t|ts|ing|ed)?\b"),
    (ASKS_TO_COMPLAIN, r"\bombudsman\b"),
    (ASKS_TO_COMPLAIN, r"\b(?:speak|talk)\s+to\s+(?:a|your|the)\s+(?:manager|supervisor|boss)\b"),
    (ASKS_TO_COMPLAIN, r"\bescalate\b"),
)
_PATTERNS = tuple((reason, re.compile(pattern)) for reason, pattern in _CUES)
# A cue straight after one of these is negated: "not disappointed", "no complaints".
_NEGATION = re.compile(r"\b(?:not|never|no|isn't|wasn't|aren't|weren't|n't)\s+(?:at\s+all\s+)?$")
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "`": "'"})


@dataclass(frozen=True)
class Cue:
    reason: str
    words: str  # what the resident wrote that matched


def _normalised(text: str) -> str:
    return " ".join(text.translate(_APOSTROPHES).lower().split())


def dissatisfaction_cues(text: str) -> tuple[Cue, ...]:
    """The signs of dissatisfaction in `text`, in the order they appear; empty if none."""
    text = _normalised(text)
    found: list[tuple[int, Cue]] = []
    seen: set[str] = set()
    for reason, pattern in _PATTERNS:
        for match in pattern.finditer(text):
            words = match.group(0)
            if words in seen or _NEGATION.search(text[max(0, match.start() - 20) : match.start()]):
                continue
            seen.add(words)
            found.append((match.start(), Cue(reason=reason, words=words)))
    return tuple(cue for _, cue in sorted(found, key=lambda item: item[0]))


def is_dissatisfied(text: str) -> bool:
    return bool(dissatisfaction_cues(text))
