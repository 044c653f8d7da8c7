"""What every case action shares: the `System` actor, the row lock, the policy check, the
officer-acted mark and the due-date refresh."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from django.core.exceptions import PermissionDenied

from opencex.accounts.actors import account_or_none
from opencex.cases import owners, policies
from opencex.cases.clock import (
    apply_deadline,
    case_deadline,
)
from opencex.cases.errors import CaseError
from opencex.cases.models import Case
from opencex.cases.workflow import RESIDENT, STAFF


@dataclass(frozen=True)
class System:
    """The platform itself acting, for the few changes nobody makes by hand: time passing (an FOI
    fee unpaid for three months lapses the request) or mail arriving (a clarification emailed by
    the requester restarts the clock on the day it arrived). `because` says which, for the
    timeline. It has no account, so no policy lets it act: only `change_status` and
    `resume_clock` accept it, and every other service refuses it as it refuses a stranger.

    A back-office system (planning, housing: `opencex.integrations`) reporting its progress acts
    as the `System` too, naming itself in `back_office`: `policies.can_system_act` lets it move
    only a case it holds a record of, and `close_case` accepts it only then."""

    because: str
    back_office: str = ""
    is_authenticated: ClassVar[bool] = False
    is_active: ClassVar[bool] = False


def party_of(actor, case: Case, grant: policies.ReferenceGrant | None = None) -> str:
    return RESIDENT if policies.can_act_as_resident_on(actor, case, grant) else STAFF


def proof_of(actor, grant: policies.ReferenceGrant | None) -> dict[str, str]:
    """How a resident without a signed-in account proved who they are, or that the platform
    acted by itself and why, for the timeline (which records no account for either)."""
    if isinstance(actor, System):
        return {"by": "system", "because": actor.because}
    if grant is not None and account_or_none(actor) is None:
        return {"by": "reference_and_email", "email": grant.email.strip().lower()}
    return {}


def locked(case: Case) -> Case:
    return (
        Case.objects.select_for_update(of=("self",))
        .select_related("service", "resident")
        .get(pk=case.pk)
    )


def refresh_due_date(case: Case) -> None:
    apply_deadline(case, case_deadline(case))


def officer_acts(case: Case) -> None:
    """An officer handling the case did something with it, so a reply from the resident is no
    longer new. The caller saves the case."""
    case.new_reply_at = None


def require(allowed: bool, message: str) -> None:
    if not allowed:
        raise PermissionDenied(message)


def require_available(actor, case: Case, act: str) -> None:
    """The last check of an officer's act: what `policies.available_actions` leaves out is
    refused, so no door can do more than the pages offer."""
    why = policies.refusal(actor, case, act)
    if why is not None:
        raise CaseError(why)


def owner_place(case: Case) -> str:
    """Where the app that owns the case's kind takes its own acts, for a refusal's message."""
    owner = owners.owner_of(case)
    return owner.place if owner is not None else "the case page"


def save_that_officer_acted(case: Case) -> None:
    if case.new_reply_at is not None:
        officer_acts(case)
        case.save(update_fields=["new_reply_at", "updated_at"])
