"""The information-rights app's claim on FOI, EIR and subject access requests and internal
reviews (see `cases.owners`): their extension is this app's act (the register's notice rules and
entry), fees and proof of identity are waits only the register starts and ends (with the fee, the
evidence), and a request is *responded* only by its decision."""

from __future__ import annotations

from opencex.cases import owners
from opencex.cases.models import PauseReason, Status
from opencex.cases.policies import INFORMATION_RIGHTS
from opencex.inforights import decisions, policies, services

OWNER = owners.Owner(
    app="inforights",
    kinds=INFORMATION_RIGHTS,
    place="the information-rights register page",
    acts={
        "extend": services.extend_request,
        "decision": decisions.record_decision,
        "fees-notice": services.issue_fees_notice,
        "fee-paid": services.record_fee_paid,
        "identity-needed": services.ask_for_identity,
        "identity-verified": services.record_identity_verified,
        "flag": services.flag_request,
        "internal-review": decisions.request_internal_review,
        "ico-complaint": decisions.record_ico_complaint,
    },
    offers=policies.register_acts,
    pause_reasons=frozenset({PauseReason.FEES_NOTICE, PauseReason.IDENTITY}),
    statuses=frozenset({Status.RESPONDED}),
)
