"""Cases made without an account join the resident's account once they prove the email.

A case sent from a web form without signing in carries only the email typed on it
(`Case.contact_email`). When a resident signs in by a link sent to that address (the only proof
we have that they hold it), the cases on that address with no resident become theirs, each with
a note on its timeline saying why. An address that has not been proven joins nothing: typing
someone's email on a form, or an officer writing it on a resident record, never hands over cases.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import transaction

from opencex.cases.models import Case, EventKind
from opencex.cases.timeline import record_event


@transaction.atomic
def join_cases_to_account(*, actor, proven_email: str) -> list[Case]:
    """Give `actor` (a signed-in resident) the cases on `proven_email` that have no resident.
    The caller has just proven the address: call it only with the email of a sign-in link used
    (accounts.sign_in_links.UsedLink.email)."""
    resident = getattr(actor, "resident", None)
    if resident is None or actor.email.strip().lower() != proven_email.strip().lower():
        raise PermissionDenied("Only the holder of a proven email address can join its cases.")
    cases = list(
        Case.objects.for_client_email(proven_email)
        .filter(resident__isnull=True)
        .select_for_update(of=("self",))
        .order_by("received_at", "pk")
    )
    for case in cases:
        case.resident = resident
        case.save(update_fields=["resident", "updated_at"])
        record_event(
            case,
            EventKind.NOTE,
            actor,
            "Joined to the resident's account: they proved the email by a sign-in link",
            data={"joined_resident": resident.pk, "proven_email": proven_email.lower()},
        )
    return cases
