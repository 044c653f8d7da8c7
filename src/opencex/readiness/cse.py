"""The Customer Service Excellence standard's five criteria and their sub-criteria, which the
readiness model's questions name as the evidence they give the CSE assessor.

The numbers are the standard's (criterion.sub-criterion, and an element as a third part, such as
4.1.2). The titles of the criteria and sub-criteria are the standard's headings; a question may
name an element whose wording we have not checked against the current edition of the standard
by writing it with a question mark ("2.1.3?"): the evidence page shows it as "to be checked".
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Criterion:
    number: str  # "1" for a criterion, "1.2" for a sub-criterion
    title: str


CRITERIA: tuple[Criterion, ...] = (
    Criterion("1", "Customer Insight"),
    Criterion("2", "The Culture of the Organisation"),
    Criterion("3", "Information and Access"),
    Criterion("4", "Delivery"),
    Criterion("5", "Timeliness and Quality of Service"),
)

SUB_CRITERIA: tuple[Criterion, ...] = (
    Criterion("1.1", "Customer Identification"),
    Criterion("1.2", "Engagement and Consultation"),
    Criterion("1.3", "Customer Satisfaction"),
    Criterion("2.1", "Leadership, Policy and Culture"),
    Criterion("2.2", "Staff Professionalism and Attitude"),
    Criterion("3.1", "Range of Information"),
    Criterion("3.2", "Quality of Information"),
    Criterion("3.3", "Access"),
    Criterion("3.4", "Co-operative Working with Other Providers, Partners and Communities"),
    Criterion("4.1", "Delivery Standards and Outcomes"),
    Criterion("4.2", "Achieved Delivery and Outcomes"),
    Criterion("4.3", "Deal Effectively with Problems"),
    Criterion("5.1", "Standards for Timeliness and Quality of Service"),
    Criterion("5.2", "Timely Outcomes"),
    Criterion("5.3", "Achieved Timely Delivery"),
)

_SUB_NUMBERS = {criterion.number for criterion in SUB_CRITERIA}


@dataclass(frozen=True)
class Reference:
    """A question's reference to the standard: an element ("4.1.2") or a sub-criterion ("4.1"),
    `uncertain` when the file marked it with a question mark."""

    element: str
    uncertain: bool = False

    @property
    def sub_criterion(self) -> str:
        return ".".join(self.element.split(".")[:2])

    @property
    def criterion(self) -> str:
        return self.element.split(".")[0]

    def __str__(self) -> str:
        return f"{self.element}?" if self.uncertain else self.element


def parse_reference(text: str) -> Reference:
    """ "4.1.2" or "4.1" (a "?" after it: unchecked); ValueError for anything the standard has
    no sub-criterion for."""
    written = text.strip()
    uncertain = written.endswith("?")
    element = written.rstrip("?").strip()
    parts = element.split(".")
    if not 2 <= len(parts) <= 3 or not all(part.isdigit() for part in parts):
        raise ValueError(f"{text!r} is not a CSE reference like 4.1.2")
    if ".".join(parts[:2]) not in _SUB_NUMBERS:
        raise ValueError(f"{text!r}: the CSE standard has no sub-criterion {'.'.join(parts[:2])}")
    return Reference(element, uncertain)


def title_of(number: str) -> str:
    for criterion in CRITERIA + SUB_CRITERIA:
        if criterion.number == number:
            return criterion.title
    return ""
