"""Case references: short enough to read out on the phone, random enough not to be guessed."""

import secrets

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


def new_reference(kind: str) -> str:
    """A fresh reference such as FOI-7KQM-3XHD (uniqueness is the database's job)."""
    body = "".join(secrets.choice(ALPHABET) for _ in range(RANDOM_LENGTH))
    return f"{PREFIXES[CaseKind(kind)]}-{body[:4]}-{body[4:]}"


def normalise_reference(text: str) -> str:
    """What a resident typed, as stored: upper case, no spaces, O read as 0 is not possible."""
    return "".join(text.split()).upper()
