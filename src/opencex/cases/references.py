"""Case references: short enough to read out on the phone, random enough not to be guessed. Every
hint that shows a reference takes its example from `example_reference`, in the very shape
`new_reference` issues, so a hint can never show a format the system does not use."""

import re
import secrets

from django.utils.functional import lazy

from opencex.cases.models import CaseKind

# Crockford-style alphabet without 0/O, 1/I/L and U, so a reference survives being read aloud.
ALPHABET = "23456789ABCDEFGHJKMNPQRSTVWXYZ"
RANDOM_LENGTH = 8  # 30**8 ≈ 6.6e11 possibilities per kind

PREFIXES = {
    CaseKind.SERVICE_REQUEST: "SR",
    CaseKind.ENQUIRY: "EN",
    CaseKind.COMPLAINT: "CP",
    CaseKind.COMPLIMENT: "CM",
    CaseKind.COMMENT: "CO",
    CaseKind.FOI: "FOI",
    CaseKind.EIR: "EIR",
    CaseKind.SAR: "SAR",
    CaseKind.FOI_INTERNAL_REVIEW: "IR",
}
_GROUP = RANDOM_LENGTH // 2
# Any reference we issue, wherever it appears in text (an email subject, a hint).
REFERENCE_PATTERN = re.compile(
    rf"\b(?:{'|'.join(sorted(PREFIXES.values(), key=len, reverse=True))})"
    rf"-[{ALPHABET}]{{{_GROUP}}}-[{ALPHABET}]{{{_GROUP}}}\b",
    re.IGNORECASE,
)
_EXAMPLE_BODY = "7KQM3XHD"  # from ALPHABET, so the example reads like a real reference


def _formatted(kind: str, body: str) -> str:
    return f"{PREFIXES[CaseKind(kind)]}-{body[:_GROUP]}-{body[_GROUP:]}"


def new_reference(kind: str) -> str:
    """A fresh reference such as FOI-7KQM-3XHD (uniqueness is the database's job)."""
    return _formatted(kind, "".join(secrets.choice(ALPHABET) for _ in range(RANDOM_LENGTH)))


def example_reference(kind: str = CaseKind.SERVICE_REQUEST) -> str:
    """The reference a hint shows for `kind`, e.g. SR-7KQM-3XHD: the shape `new_reference` gives."""
    return _formatted(kind, _EXAMPLE_BODY)


def _hint(text, kind: str = CaseKind.SERVICE_REQUEST) -> str:
    return str(text) % {"reference": example_reference(kind)}


# A translatable hint with %(reference)s filled in when it is shown (in the page's language):
# `reference_hint(gettext_lazy("For example %(reference)s."), CaseKind.FOI)`.
reference_hint = lazy(_hint, str)


def normalise_reference(text: str) -> str:
    """What a resident typed, as stored: upper case, no spaces, O read as 0 is not possible."""
    return "".join(text.split()).upper()
