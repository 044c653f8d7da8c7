"""The exemptions and exceptions a refusal may cite: FOIA 2000 Part II and EIR 2004 regs 12 and 13.

Absolute or qualified is the law's, not the council's choice: FOIA s2(3) lists the absolute
exemptions (the rest need the public interest test); under the EIR every exception is weighed
against the public interest (reg 12(1)(b)) except the first condition of reg 13, other people's
personal data whose release would breach the data protection principles. A qualified exemption
may only be relied on with the public interest reasoning written down.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Law(StrEnum):
    FOIA = "foia"
    EIR = "eir"


@dataclass(frozen=True)
class Exemption:
    """One exemption (FOIA) or exception (EIR) as the register records it."""

    code: str  # stored in the register: "foia-s43(2)", "eir-12(4)(b)"
    law: Law
    provision: str  # as cited in a letter: "section 43(2)", "regulation 12(4)(b)"
    title: str
    # Qualified: relied on only where the public interest in withholding outweighs that in
    # releasing, with the reasoning recorded. Absolute exemptions and Part I grounds have no test.
    needs_public_interest: bool

    @property
    def label(self) -> str:
        return f"{self.provision[0].upper()}{self.provision[1:]}: {self.title}"


def _foia(section: str, title: str, *, absolute: bool = False) -> Exemption:
    return Exemption(f"foia-s{section}", Law.FOIA, f"section {section}", title, not absolute)


def _eir(regulation: str, title: str, *, absolute: bool = False) -> Exemption:
    return Exemption(f"eir-{regulation}", Law.EIR, f"regulation {regulation}", title, not absolute)


# FOIA Part II, sections 21 to 44 (section 25 is about certificates, not an exemption). Where the
# Act makes part of a section absolute (s2(3)(ea), (fa)) the parts are listed apart.
FOIA_EXEMPTIONS: tuple[Exemption, ...] = (
    _foia("21", "Information accessible to the applicant by other means", absolute=True),
    _foia("22", "Information intended for future publication"),
    _foia("22A", "Research"),
    _foia(
        "23",
        "Information supplied by, or relating to, bodies dealing with security matters",
        absolute=True,
    ),
    _foia("24", "National security"),
    _foia("26", "Defence"),
    _foia("27", "International relations"),
    _foia("28", "Relations within the United Kingdom"),
    _foia("29", "The economy"),
    _foia("30", "Investigations and proceedings conducted by public authorities"),
    _foia("31", "Law enforcement"),
    _foia("32", "Court records", absolute=True),
    _foia("33", "Audit functions"),
    _foia("34", "Parliamentary privilege", absolute=True),
    _foia("35", "Formulation of government policy"),
    # Absolute only for information held by the Houses of Parliament (s2(3)(e)); never a council.
    _foia("36", "Prejudice to effective conduct of public affairs"),
    _foia(
        "37(1)(a)-(ab)",
        "Communications with the Sovereign, the heir or second in line",
        absolute=True,
    ),
    _foia(
        "37(1)(ac)-(b)",
        "Communications with other members of the Royal Family or Household; honours",
    ),
    _foia("38", "Health and safety"),
    _foia("39", "Environmental information (to be dealt with under the EIR)"),
    _foia(
        "40(1)", "Personal information of which the applicant is the data subject", absolute=True
    ),
    _foia(
        "40(2)",
        "Personal information of others: disclosure would breach the data protection "
        "principles (first condition)",
        absolute=True,
    ),
    _foia(
        "40(2)-other",
        "Personal information of others: right to object or subject access "
        "exemption (second or third condition)",
    ),
    _foia("41", "Information provided in confidence", absolute=True),
    _foia("42", "Legal professional privilege"),
    _foia("43(1)", "Trade secrets"),
    _foia("43(2)", "Commercial interests"),
    _foia("44", "Prohibitions on disclosure", absolute=True),
)

# Grounds in Part I on which a request need not be answered at all: cited like exemptions in a
# refusal notice (s17(5)), without a public interest test.
FOIA_REFUSAL_GROUNDS: tuple[Exemption, ...] = (
    _foia("12", "Cost of compliance exceeds the appropriate limit", absolute=True),
    _foia("14(1)", "Vexatious request", absolute=True),
    _foia("14(2)", "Repeated request", absolute=True),
)

EIR_EXCEPTIONS: tuple[Exemption, ...] = (
    _eir("12(4)(a)", "Information not held when the request was received"),
    _eir("12(4)(b)", "Request manifestly unreasonable"),
    _eir("12(4)(c)", "Request formulated in too general a manner"),
    _eir(
        "12(4)(d)", "Material in the course of completion, unfinished documents or incomplete data"
    ),
    _eir("12(4)(e)", "Internal communications"),
    _eir("12(5)(a)", "International relations, defence, national security or public safety"),
    _eir("12(5)(b)", "The course of justice, a fair trial or an inquiry"),
    _eir("12(5)(c)", "Intellectual property rights"),
    _eir("12(5)(d)", "Confidentiality of proceedings"),
    _eir("12(5)(e)", "Confidentiality of commercial or industrial information"),
    _eir("12(5)(f)", "Interests of the person who provided the information"),
    _eir("12(5)(g)", "Protection of the environment"),
    _eir(
        "13",
        "Personal data of others: disclosure would breach the data protection "
        "principles (first condition)",
        absolute=True,
    ),
    _eir(
        "13-other",
        "Personal data of others: right to object or subject access exemption "
        "(second or third condition)",
    ),
)

_ALL: dict[str, Exemption] = {
    item.code: item for item in (*FOIA_EXEMPTIONS, *FOIA_REFUSAL_GROUNDS, *EIR_EXCEPTIONS)
}
CODE_CHOICES: list[tuple[str, str]] = [(code, item.label) for code, item in _ALL.items()]


def exemption(code: str) -> Exemption:
    """The exemption or exception stored as `code`; KeyError for an unknown one."""
    return _ALL[code]


def citable_for(law: Law | None) -> tuple[Exemption, ...]:
    """What a refusal under `law` may cite; nothing for a request under neither (subject
    access, whose exemptions are in the Data Protection Act 2018 and are given as reasons)."""
    if law is Law.FOIA:
        return (*FOIA_EXEMPTIONS, *FOIA_REFUSAL_GROUNDS)
    if law is Law.EIR:
        return EIR_EXCEPTIONS
    return ()
