"""Who may see or do what with a case: one function per question, and the matching QuerySet.

`can_view_case` and `visible_cases` answer the same question for one case and for many; a test
checks they agree for every role. `available_actions` says what an officer may do with a case
now: the pages draw their forms from it and every action refuses what it leaves out.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Q

from opencex.accounts.actors import is_signed_in
from opencex.accounts.models import Role
from opencex.cases import owners
from opencex.cases.clock import allowed_pause_reasons, case_deadline
from opencex.cases.models import Case, CaseKind, CaseQuerySet, Channel, HazardClass, Status
from opencex.cases.workflow import LIFECYCLES, STAFF, TransitionNotAllowed, check_transition
from opencex.clocks.rules import DeadlineKind

INFORMATION_RIGHTS = frozenset(
    {CaseKind.FOI, CaseKind.EIR, CaseKind.SAR, CaseKind.FOI_INTERNAL_REVIEW}
)
# Subject access requests hold a resident's own data: only information governance sees them.
RESTRICTED_KINDS = frozenset({CaseKind.SAR})
CASE_HANDLERS = frozenset(
    {Role.CASEWORKER, Role.TEAM_MANAGER, Role.INFORMATION_GOVERNANCE, Role.ADMINISTRATOR}
)
ROUTERS = frozenset({Role.CONTACT_CENTRE, Role.TEAM_MANAGER, Role.ADMINISTRATOR})


def _team_ids(actor) -> set[int]:
    cached = getattr(actor, "_opencex_team_ids", None)
    if cached is None:
        cached = set(actor.teams.values_list("id", flat=True))
        actor._opencex_team_ids = cached
    return cached


def visible_cases(actor) -> CaseQuerySet:
    """Every case `actor` may see."""
    cases = Case.objects.all()
    if not is_signed_in(actor):
        return cases.none()
    if actor.role == Role.ADMINISTRATOR:
        return cases
    if actor.role == Role.RESIDENT:
        return cases.filter(resident__user=actor)
    if actor.role == Role.PARTNER:
        return cases.filter(created_by=actor)
    own = Q(team__in=_team_ids(actor)) | Q(assigned_to=actor)
    if actor.role == Role.CONTACT_CENTRE:
        return cases.filter(own | ~Q(kind__in=RESTRICTED_KINDS))
    if actor.role == Role.INFORMATION_GOVERNANCE:
        return cases.filter(own | Q(kind__in=INFORMATION_RIGHTS))
    if actor.role in {Role.CASEWORKER, Role.TEAM_MANAGER}:
        return cases.filter(own)
    return cases.none()


# Roles that see every case of their own teams and every case assigned to them (and maybe more):
# for them a queue of one of their teams, or of their own work, needs no other visibility test.
SEES_OWN_WORK = frozenset(
    {
        Role.CONTACT_CENTRE,
        Role.CASEWORKER,
        Role.TEAM_MANAGER,
        Role.INFORMATION_GOVERNANCE,
        Role.ADMINISTRATOR,
    }
)


def visible_team_cases(actor, team) -> CaseQuerySet:
    """The cases of `team` that `actor` may see: `visible_cases(actor)` narrowed to the team.

    For one of the actor's own teams that is every case of the team, and it is written so: a
    plain `team = …` the database answers from the team's indexes, where the general OR
    (their teams, or assigned to them, or ...) makes PostgreSQL misjudge how many rows match and
    read them all. A test holds the two to the same answers for every role."""
    if is_signed_in(actor) and actor.role in SEES_OWN_WORK and team.pk in _team_ids(actor):
        return Case.objects.filter(team=team)
    return visible_cases(actor).filter(team=team)


def visible_assigned_cases(actor) -> CaseQuerySet:
    """The cases assigned to `actor` that they may see (every one, for the staff roles), written
    as the plain test for the same reason as visible_team_cases."""
    if is_signed_in(actor) and actor.role in SEES_OWN_WORK:
        return Case.objects.filter(assigned_to=actor)
    return visible_cases(actor).filter(assigned_to=actor)


def can_view_case(actor, case: Case) -> bool:
    if not is_signed_in(actor):
        return False
    if actor.role == Role.ADMINISTRATOR:
        return True
    if actor.role == Role.RESIDENT:
        return case.resident is not None and case.resident.user_id == actor.id
    if actor.role == Role.PARTNER:
        return case.created_by_id == actor.id
    is_own = case.team_id in _team_ids(actor) or case.assigned_to_id == actor.id
    if actor.role == Role.CONTACT_CENTRE:
        return is_own or case.kind not in RESTRICTED_KINDS
    if actor.role == Role.INFORMATION_GOVERNANCE:
        return is_own or case.kind in INFORMATION_RIGHTS
    if actor.role in {Role.CASEWORKER, Role.TEAM_MANAGER}:
        return is_own
    return False


def can_open_case(actor, *, channel: str) -> bool:
    """Residents (signed in or not) open cases on the web; staff log them from any channel but a
    partner system's; partner systems (a service account) only on their own channel."""
    if is_signed_in(actor) and actor.role == Role.PARTNER:
        return channel == Channel.PARTNER_API
    if channel == Channel.PARTNER_API:
        return False
    if not is_signed_in(actor) or actor.role == Role.RESIDENT:
        return channel == Channel.WEB
    return actor.is_council_staff


def can_add_note(actor, case: Case) -> bool:
    return is_signed_in(actor) and actor.is_council_staff and can_view_case(actor, case)


def can_open_attachments(actor, case: Case) -> bool:
    """Open the files on a case: council staff who may see the case (a subject access request's
    proof of identity therefore only for those who may see subject access requests)."""
    return is_signed_in(actor) and actor.is_council_staff and can_view_case(actor, case)


def can_handle_case(actor, case: Case) -> bool:
    """Change status, acknowledge, pause, extend, respond, close. The app that owns the case's
    kind may narrow it (stage 2 of a complaint is never handled by who handled stage 1)."""
    if not (is_signed_in(actor) and actor.role in CASE_HANDLERS and can_view_case(actor, case)):
        return False
    if case.kind in INFORMATION_RIGHTS and not (
        actor.role in {Role.INFORMATION_GOVERNANCE, Role.ADMINISTRATOR}
        or case.team_id in _team_ids(actor)
    ):
        return False
    return owners.may_handle(actor, case)


# Which outside systems hold a record of which case: `opencex.integrations` registers the answer
# when Django starts (as the owning apps register with `owners`), so cases never imports it.
def _no_back_office_holds(system: str, case: Case) -> bool:
    return False


_back_office_holds: Callable[[str, Case], bool] = _no_back_office_holds


def register_back_office_records(holds: Callable[[str, Case], bool]) -> None:
    global _back_office_holds
    _back_office_holds = holds


def can_system_act(actor, case: Case) -> bool:
    """The platform acting by itself (`cases.actions.core.System`) may make the moves the staff
    lifecycle allows when time passes or mail arrives; a back-office system reporting its
    progress only on a case it holds a record of."""
    back_office = getattr(actor, "back_office", "")
    return not back_office or _back_office_holds(back_office, case)


def can_system_close(actor, case: Case) -> bool:
    """Close a case as the platform: only a back-office system, on a case it holds a record of
    (time and mail never close a case)."""
    back_office = getattr(actor, "back_office", "")
    return bool(back_office) and _back_office_holds(back_office, case)


def can_system_raise_priority(actor, case: Case) -> bool:
    """Raise a case's priority as the platform: an urgency cue (`opencex.cues`) does, so that an
    officer looks sooner; a back-office system never changes how soon the council looks."""
    return not getattr(actor, "back_office", "")


def can_link_cases(actor, case: Case) -> bool:
    """Link `case` to a related case, or close it as a duplicate of another: its handlers. The
    other case need only be one the actor may see."""
    return can_handle_case(actor, case)


def can_reassign_case(actor, case: Case) -> bool:
    if not (is_signed_in(actor) and can_view_case(actor, case)):
        return False
    return actor.role in ROUTERS or can_handle_case(actor, case)


# The kinds whose service an officer may change: the others' clocks and handling come from
# their law (a complaint, an information request), never from a service.
SERVICE_ROUTED_KINDS = frozenset({CaseKind.SERVICE_REQUEST, CaseKind.ENQUIRY})


def service_change_refusal(case: Case) -> str | None:
    """Why the case cannot be moved to another service now, or None."""
    if case.kind not in SERVICE_ROUTED_KINDS:
        return "Only a request or an enquiry can be moved to another service."
    if not case.is_open:
        return "A closed case stays on its service."
    if case.hazard_class:
        return "A hazard report stays on its repair service."
    return None


@dataclass(frozen=True)
class ReferenceGrant:
    """Proof held in a browser session by a visitor without an account: they gave this case's
    reference and the email address used for it. It lets them act as the resident on that one
    case, never as staff."""

    case_id: int
    email: str


def grant_holds(grant: ReferenceGrant | None, case: Case) -> bool:
    if grant is None or grant.case_id != case.pk:
        return False
    return case.is_client_email(grant.email)


def can_bulk_reassign(actor) -> bool:
    """Moving many cases at once is a manager's job; each case is still checked by
    `can_reassign_case` when the service moves it."""
    return is_signed_in(actor) and actor.role in {Role.TEAM_MANAGER, Role.ADMINISTRATOR}


def can_act_as_resident_on(actor, case: Case, grant: ReferenceGrant | None = None) -> bool:
    """The resident whose case it is (signed in, or holding a reference grant): withdraw it,
    reopen it, escalate a complaint, reply."""
    is_owner = (
        is_signed_in(actor)
        and actor.role == Role.RESIDENT
        and case.resident is not None
        and case.resident.user_id == actor.id
    )
    return is_owner or grant_holds(grant, case)


# --- What an officer may do now ----------------------------------------------------------------


def open_pause_of(case: Case):
    """The pause the clock is in now, if any (read from the database: a caller's copy of the
    case may be older than the pause)."""
    return case.pauses.open().first()


def owned_pause_reasons(case: Case) -> frozenset[str]:
    """The waits the owning app starts and ends with its own acts (a fees notice records the
    fee; proof of identity records the evidence)."""
    owner = owners.owner_of(case)
    return owner.pause_reasons if owner is not None else frozenset()


def generic_pause_reasons(case: Case) -> frozenset[str]:
    """What the generic pause may stop the clock for: the kind's reasons, less the owner's."""
    return allowed_pause_reasons(case.kind) - owned_pause_reasons(case)


def status_targets(case: Case) -> list[Status]:
    """The statuses "change status" may move the case to: the lifecycle's, less those with an act
    of their own (acknowledge, pause, close) and those only the owning app's acts set (a
    complaint is responded by its stage response, an information request by its decision)."""
    owner = owners.owner_of(case)
    own: set[str] = {Status.ACKNOWLEDGED, Status.AWAITING_RESIDENT, Status.CLOSED}
    own |= owner.statuses if owner is not None else set()
    targets = LIFECYCLES[CaseKind(case.kind)].allowed_targets(Status(case.status), STAFF)
    return [target for target in targets if target not in own]


# An officer's revised expected date (cases.actions.expected_date): requests on a service
# standard only; statutory clocks move by their own extension rules.
REVISABLE_KINDS = frozenset({CaseKind.SERVICE_REQUEST, CaseKind.ENQUIRY})
COMPLAINT_REFUSAL = (
    "A complaint's response date moves only by its one extension under the Complaint Handling "
    "Code, with the Ombudsman's details: extend it on the complaint page."
)
INFORMATION_REQUEST_REFUSAL = (
    "An information request's deadline is set by law: extend it on the information-rights "
    "register, where the law allows one."
)


def expected_date_refusal(case: Case) -> str | None:
    """Why this case's expected date cannot be revised by an officer, or None if it can."""
    if case.kind == CaseKind.COMPLAINT:
        return COMPLAINT_REFUSAL
    if case.kind in INFORMATION_RIGHTS:
        return INFORMATION_REQUEST_REFUSAL
    if case.kind not in REVISABLE_KINDS:
        return f"A {CaseKind(case.kind).label.lower()} has no expected date to revise."
    if not case.is_open:
        return "This request is finished: reopen it before giving a new date."
    if open_pause_of(case) is not None:
        return (
            "The clock is stopped while we wait for the resident: resume it before giving a "
            "new date."
        )
    # Last: it recomputes the clock (a hazard repair runs on Awaab's Law, not a standard).
    if case_deadline(case).kind != DeadlineKind.SERVICE_STANDARD:
        return "This request runs on a legal clock, not a service standard: its date cannot move."
    return None


# Hazards in council homes (Awaab's Law, cases.actions.hazards): a repair to a home the council
# lets (a service where the council acts as landlord). Nothing pauses their clocks.
HAZARD_PAUSE_REFUSAL = (
    "Nothing pauses an Awaab's Law clock: the hazard must be dealt with by its deadline, "
    "whether or not we are waiting for the tenant."
)


def is_council_home_repair(case: Case) -> bool:
    """A repair to a home the council lets: a service request for a service in which the council
    acts as landlord (`Service.is_landlord_function`)."""
    service = case.service
    return (
        case.kind == CaseKind.SERVICE_REQUEST
        and service is not None
        and service.is_landlord_function
    )


def hazard_refusal(case: Case) -> str | None:
    """Why a hazard cannot be recorded on this case now, or None if it can."""
    if not is_council_home_repair(case):
        return "Awaab's Law hazard clocks are for repairs to the council's own homes only."
    if not case.is_open:
        return "This repair is finished: reopen it before recording a hazard."
    if case.investigation_concluded_on is not None:
        return "The investigation has concluded: the hazard class can no longer change."
    if case.made_safe_at is not None:
        return "The home has been recorded as made safe: the hazard class can no longer change."
    if case.pauses.open().exists():
        return (
            "The clock is stopped while we wait for the tenant, and nothing pauses a hazard "
            "clock: resume it before recording the hazard."
        )
    return None


def investigation_refusal(case: Case) -> str | None:
    """Why the investigation of a hazard on this case cannot be recorded as concluded now, or None
    if it can."""
    if not is_council_home_repair(case) or case.hazard_class != HazardClass.SIGNIFICANT:
        return "Only a significant hazard has an investigation to conclude."
    if case.investigation_concluded_on is not None:
        return "The investigation has already concluded."
    if not case.is_open:
        return "This repair is finished: reopen it before recording the investigation."
    return None


def summary_refusal(case: Case) -> str | None:
    """Why giving the tenant the written summary of a significant hazard's investigation cannot
    be recorded now, or None if it can. A finished repair may still record it: a step done late
    is recorded late, never left out."""
    if not is_council_home_repair(case) or case.hazard_class != HazardClass.SIGNIFICANT:
        return "Only a significant hazard's investigation has a written summary."
    if case.investigation_concluded_on is None:
        return "Record the investigation's conclusion first: the summary is of its findings."
    if case.summary_given_on is not None:
        return "The written summary has already been recorded as given."
    return None


def made_safe_refusal(case: Case) -> str | None:
    """Why making the home safe cannot be recorded now, or None if it can: an emergency hazard,
    or a significant hazard the investigation found."""
    if not is_council_home_repair(case) or not case.hazard_class:
        return "Only a hazard in a council home has a home to make safe."
    if case.hazard_class == HazardClass.SIGNIFICANT and not case.significant_hazard_found:
        return (
            "Making the home safe follows an investigation that found a significant hazard: "
            "record the investigation's finding first."
        )
    if case.made_safe_at is not None:
        return "Making the home safe has already been recorded."
    return None


def further_work_refusal(case: Case) -> str | None:
    """Why the start of further work cannot be recorded now, or None if it can: a significant
    hazard the investigation found."""
    if (
        not is_council_home_repair(case)
        or case.hazard_class != HazardClass.SIGNIFICANT
        or not case.significant_hazard_found
    ):
        return "Only a significant hazard the investigation found has further work to begin."
    if case.further_work_began_on is not None:
        return "The start of the further work has already been recorded."
    return None


# The steps after the investigation (cases.actions.hazard_steps), each with its refusal.
HAZARD_STEP_REFUSALS: dict[str, Callable[[Case], str | None]] = {
    "summary": summary_refusal,
    "made-safe": made_safe_refusal,
    "further-work": further_work_refusal,
}


def available_actions(actor, case: Case) -> frozenset[str]:
    """The acts (named as in `owners.CASE_PAGE_ACTS` and the owners' pages) that the officer
    `actor` may take on `case` now. The generic acts are decided here; for a kind a domain app
    owns, the acts it performs itself are decided by its `offers`."""
    acts: set[str] = set()
    if can_add_note(actor, case):
        acts.update({"note", "log-reply"})
    if can_reassign_case(actor, case):
        acts.update({"reassign", "priority"})
        if service_change_refusal(case) is None:
            acts.add("route")
    if can_handle_case(actor, case):
        acts.update(_handler_acts(case))
    owner = owners.owner_of(case)
    if owner is not None:
        acts -= set(owner.acts)
        acts |= owner.offers(actor, case)
    return frozenset(acts)


def _handler_acts(case: Case) -> set[str]:
    acts = {"message", "link"}
    if case.is_open:
        acts.add("duplicate")
    if expected_date_refusal(case) is None:
        acts.add("expected-date")
    if hazard_refusal(case) is None:
        acts.add("hazard")
    if investigation_refusal(case) is None:
        acts.add("investigation")
    acts.update(act for act, why in HAZARD_STEP_REFUSALS.items() if why(case) is None)
    targets = LIFECYCLES[CaseKind(case.kind)].allowed_targets(Status(case.status), STAFF)
    if status_targets(case):
        acts.add("status")
    if Status.ACKNOWLEDGED in targets:
        acts.add("acknowledge")
    if Status.CLOSED in targets:
        acts.add("close")
    pause = open_pause_of(case)
    if pause is not None:
        if pause.reason not in owned_pause_reasons(case):
            acts.add("resume")
    elif (
        Status.AWAITING_RESIDENT in targets
        and generic_pause_reasons(case)
        and not case.hazard_class
    ):
        acts.add("pause")
    return acts


def refusal(actor, case: Case, act: str) -> str | None:
    """Why the officer `actor` may not take `act` on `case` now, or None when they may."""
    if act in available_actions(actor, case):
        return None
    kind, status = CaseKind(case.kind), Status(case.status)
    if act == "pause" and case.hazard_class:
        return HAZARD_PAUSE_REFUSAL
    if act == "hazard" and hazard_refusal(case) is not None:
        return hazard_refusal(case)
    if act == "investigation" and investigation_refusal(case) is not None:
        return investigation_refusal(case)
    if act in HAZARD_STEP_REFUSALS and HAZARD_STEP_REFUSALS[act](case) is not None:
        return HAZARD_STEP_REFUSALS[act](case)
    target = _TARGET_OF.get(act)
    if target is not None:
        try:
            check_transition(kind=kind, current=status, to=target, party=STAFF)
        except TransitionNotAllowed as refused:
            return str(refused)
    if act == "pause" and open_pause_of(case) is not None:
        return "The clock is already paused."
    if act == "resume" and open_pause_of(case) is None:
        return "The clock is not paused."
    if act == "expected-date":
        why = expected_date_refusal(case)
        if why is not None:
            return why
    if act == "extend" and case.is_extended:
        return "This deadline has already been extended once."
    return (
        f"A {kind.label.lower()} that is {status.label.lower()} cannot be "
        f"{_DONE.get(act, 'changed that way')} now."
    )


_TARGET_OF = {
    "acknowledge": Status.ACKNOWLEDGED,
    "pause": Status.AWAITING_RESIDENT,
    "close": Status.CLOSED,
}
_DONE = {
    "note": "given a note",
    "message": "messaged about",
    "log-reply": "given a logged reply",
    "status": "moved to another status",
    "acknowledge": "acknowledged",
    "pause": "paused",
    "resume": "resumed",
    "extend": "extended",
    "reassign": "reassigned",
    "priority": "given another priority",
    "close": "closed",
    "escalate": "escalated",
    "link": "linked",
    "duplicate": "closed as a duplicate",
    "expected-date": "given a revised expected date",
    "hazard": "given a hazard",
    "investigation": "given an investigation's conclusion",
    "summary": "given a written summary",
    "made-safe": "recorded as made safe",
    "further-work": "recorded as having further work begun",
}
