"""Reads about cases that are more than a QuerySet method: finding a case by what a visitor
without an account can tell us."""

from __future__ import annotations

from django.db.models import Q

from opencex.cases.models import Case
from opencex.cases.references import normalise_reference


def case_for_reference_and_email(reference: str, email: str) -> Case | None:
    """The case with this reference whose contact email (or its resident's email) is `email`;
    None when the pair does not match, without saying which half was wrong."""
    reference, email = normalise_reference(reference), email.strip()
    if not reference or not email:
        return None
    return (
        Case.objects.select_related("resident", "service")
        .filter(reference=reference)
        .filter(Q(contact_email__iexact=email) | Q(resident__email__iexact=email))
        .first()
    )
