"""What a panel member is asked when they join, beyond the equality questions people.equality
already holds (age band, ethnic group, disability, main language): their home's tenure, in the
census's groups, and how an answer falls into the groups the city's census profile is counted in.
"""

from __future__ import annotations

from datetime import date

from django.utils.translation import gettext_lazy as _

from opencex.people import equality

PREFER_NOT_TO_SAY = equality.PREFER_NOT_TO_SAY

# Why the council asks, as the member agrees to it and as their profile records it.
PURPOSE = _(
    "To check that the panel's members are like the people of the city, and to invite more "
    "people from groups that are missing. Only totals for groups of at least 5 members are "
    "reported; no officer can see your answers."
)

# The census's household tenure (TS054), in three groups, and any other way of living.
TENURE_OPTIONS = (
    ("owned", _("I own my home, or part-own it (shared ownership)")),
    ("social_rented", _("I rent from the council or a housing association")),
    ("private_rented", _("I rent from a private landlord or letting agent")),
    ("other", _("Something else, for example I live with family or in student halls")),
)
TENURE_CHOICES = [*TENURE_OPTIONS, (PREFER_NOT_TO_SAY, _("Prefer not to say"))]

# The five headings of the ONS 2021 ethnic groups, which the census profile is counted in.
ETHNIC_HEADINGS = {
    "asian": _("Asian, Asian British or Asian Welsh"),
    "black": _("Black, Black British, Black Welsh, Caribbean or African"),
    "mixed": _("Mixed or Multiple ethnic groups"),
    "white": _("White"),
    "other": _("Other ethnic group"),
}


def ethnic_heading(ethnic_group: str) -> str:
    """The heading ("asian") of one of people.equality's 19 ethnic groups ("asian_indian");
    blank for none given or "prefer not to say"."""
    heading = ethnic_group.split("_", 1)[0]
    return heading if heading in ETHNIC_HEADINGS else ""


def age_on(born: date, today: date) -> int:
    return today.year - born.year - ((today.month, today.day) < (born.month, born.day))


def age_band(age: int) -> str:
    """people.equality's age band for an age (the Youth Panel's 13 to 17 are "under_18")."""
    bounds: tuple[tuple[int, str], ...] = (
        (18, "under_18"),
        (25, "18_24"),
        (35, "25_34"),
        (45, "35_44"),
        (55, "45_54"),
        (65, "55_64"),
        (75, "65_74"),
    )
    return next((band for upper, band in bounds if age < upper), "75_plus")
