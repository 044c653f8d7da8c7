"""Every staff page and action, tried by every role: who gets in, who is refused and how.

The table below has one row per named staff URL. A new staff URL without a row fails
`test_every_staff_url_has_a_row`, so no page can ship without its permissions being decided and
tested. Each role signs in as a member of the team that owns the cases, so a refusal here comes
from the role, never from team membership (tests/cases/test_policies.py covers teams).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta
from functools import cached_property

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import URLPattern, URLResolver, reverse
from django.utils import timezone

from opencex.accounts.models import STAFF_ROLES, Role
from opencex.cases.actions.clock import acknowledge_case, pause_clock
from opencex.cases.actions.opening import open_case
from opencex.cases.actions.status import change_status, record_status_change
from opencex.cases.attachments import store_attachment
from opencex.cases.models import CaseKind, Channel, HazardClass, PauseReason, Status
from opencex.council.calendar import council_calendar
from opencex.disclosure import services as disclosure_services
from opencex.inbox.reading import read_inbound_email
from opencex.inbox.services import receive_email
from opencex.people.services import record_support_need
from opencex.staff.urls import urlpatterns
from tests.factories import (
    DisclosureEntryFactory,
    PropertyFactory,
    ResidentFactory,
    ServiceFactory,
    TeamFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

ALL_STAFF = frozenset(STAFF_ROLES)
HANDLERS = frozenset(
    {Role.CASEWORKER, Role.TEAM_MANAGER, Role.INFORMATION_GOVERNANCE, Role.ADMINISTRATOR}
)
MANAGERS = frozenset({Role.TEAM_MANAGER, Role.ADMINISTRATOR})
REPORTERS = frozenset({Role.TEAM_MANAGER, Role.INFORMATION_GOVERNANCE, Role.ADMINISTRATOR})
GOVERNANCE = frozenset({Role.INFORMATION_GOVERNANCE, Role.ADMINISTRATOR})
DISCLOSERS = GOVERNANCE | {Role.CASEWORKER}  # prepare drafts; only GOVERNANCE publishes
# Held emails: the world's team (waste) has no mailbox, so the contact centre sees none.
INTAKE = frozenset({Role.INFORMATION_GOVERNANCE, Role.TEAM_MANAGER, Role.ADMINISTRATOR})
COMPLAINT_RESPONSE = {
    "respond-outcome": "upheld",
    "respond-complaint_as_understood": "Your bin was missed again.",
    "respond-decision_and_reasons": "We missed it.",
    "send": "1",
}
NOT_STAFF = (Role.RESIDENT, Role.PARTNER)
# Pages anyone may reach: signing in and out.
PUBLIC = frozenset({"sign-in", "sign-in-code", "sign-in-set-up", "sign-out"})


def _open(kind: str, team, **extra):
    case, _ = open_case(
        actor=None,
        kind=kind,
        channel=Channel.WEB,
        subject="Bin not emptied",
        description="My green bin was missed again.",
        contact_name="Ada Okonkwo",
        contact_email="ada@example.org",
        **extra,
    )
    case.team = team
    case.save()
    return case


def _responded(kind: str, team, admin):
    case = _open(kind, team)
    return record_status_change(actor=admin, case=case, to=Status.RESPONDED, reason="Sent")


def _a_working_day_ahead():
    return council_calendar().add_working_days(timezone.localdate(), 20)


class World:
    """What the pages are about: one team's cases, a resident and their home, a disclosure log
    draft, a held email. Each is made the first time a row asks for it, so a test pays only for
    what its page needs."""

    def __init__(self) -> None:
        self.team = TeamFactory(slug="waste", name="Waste and recycling")
        self.admin = UserFactory(role=Role.ADMINISTRATOR)

    @cached_property
    def resident(self):
        return ResidentFactory(full_name="Ada Okonkwo", email="ada@example.org")

    @cached_property
    def property(self):
        return PropertyFactory()

    @cached_property
    def support_need(self):  # held by the team, so its readers have a need to know
        return record_support_need(
            actor=self.admin,
            resident=self.resident,
            category="disability",
            details="Uses a wheelchair.",
            purpose="To arrange visits",
            basis="consent",
            consent_given=True,
            consent_how="spoken",
            review_on=timezone.localdate() + timedelta(days=30),
            team=self.team,
        )

    @cached_property
    def request(self):  # a service request, as the resident sent it
        return _open(CaseKind.SERVICE_REQUEST, self.team, resident=self.resident)

    @cached_property
    def council_home_repair(self):  # a repair to a home the council lets (Awaab's Law)
        service = ServiceFactory(team=self.team, is_landlord_function=True)
        return _open(CaseKind.SERVICE_REQUEST, self.team, service=service)

    @cached_property
    def damp_and_mould(self):  # a significant hazard, not yet investigated
        service = ServiceFactory(team=self.team, is_landlord_function=True)
        return _open(
            CaseKind.SERVICE_REQUEST,
            self.team,
            service=service,
            hazard_class=HazardClass.SIGNIFICANT,
        )

    @cached_property
    def investigated_damp_and_mould(self):  # its investigation found a significant hazard today
        case = self.damp_and_mould
        case.became_aware_at = timezone.now() - timedelta(days=2)  # a call before the report
        case.investigation_concluded_on = timezone.localdate()
        case.significant_hazard_found = True
        case.save()
        return case

    @cached_property
    def attachment(self):  # a photo the resident sent with their request
        photo = SimpleUploadedFile("bin.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 32)
        return store_attachment(actor=None, case=self.request, upload=photo)

    @cached_property
    def resolved_request(self):
        case = _open(CaseKind.SERVICE_REQUEST, self.team)
        return change_status(actor=self.admin, case=case, to="resolved", reason="Done")

    @cached_property
    def complaint(self):
        return _open(CaseKind.COMPLAINT, self.team)

    @cached_property
    def acknowledged_complaint(self):
        case = _open(CaseKind.COMPLAINT, self.team)
        return acknowledge_case(actor=self.admin, case=case)

    @cached_property
    def foi(self):  # an FOI request the team handles
        return _open(CaseKind.FOI, self.team)

    @cached_property
    def paused_foi(self):
        case = _open(CaseKind.FOI, self.team)
        reason = PauseReason.CLARIFICATION
        return pause_clock(actor=self.admin, case=case, reason=reason)

    @cached_property
    def released_foi(self):  # answered, not yet on the disclosure log
        return _responded(CaseKind.FOI, self.team, self.admin)

    @cached_property
    def draft(self):  # a disclosure log draft prepared from a released FOI request
        released = _responded(CaseKind.FOI, self.team, self.admin)
        return disclosure_services.prepare_disclosure(actor=self.admin, case=released)

    @cached_property
    def published(self):
        return DisclosureEntryFactory()

    @cached_property
    def compliment(self):
        return _open(CaseKind.COMPLIMENT, self.team)

    @cached_property
    def comment(self):
        return _open(CaseKind.COMMENT, self.team)

    @cached_property
    def colleague(self):  # someone in the staff directory
        return UserFactory(role=Role.CASEWORKER, teams=[self.team], full_name="Sam Okafor")

    @cached_property
    def held_email(self):
        """An email to a mailbox that is no longer the council's: held for an officer."""
        raw = (
            b"From: Priya <priya@example.org>\r\nTo: old-foi@oxford.gov.uk\r\n"
            b"Subject: Fines\r\nMessage-ID: <m1@example.org>\r\n\r\nHow many fines?\r\n"
        )
        mailbox = "old-foi@oxford.gov.uk"
        inbound, _ = receive_email(raw=raw, mailbox=mailbox, received_at=timezone.now())
        read_inbound_email(inbound_email_id=inbound.pk)
        inbound.refresh_from_db()
        return inbound


@pytest.fixture
def world(settings, tmp_path) -> World:
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": tmp_path},
        },
    }
    return World()


@dataclass(frozen=True)
class Row:
    name: str
    allowed: frozenset
    args: Callable[[World], list] = lambda w: []
    method: str = "get"
    data: Callable[[World], dict] = field(default=lambda w: {})
    refused: int = 403  # what a staff role outside `allowed` gets
    succeeds: tuple[int, ...] = (200,)  # what an allowed role gets


def _case_action(action: str, allowed, case: str, data: Callable[[World], dict]) -> Row:
    return Row(
        f"case-{action}",
        allowed,
        args=lambda w: [getattr(w, case).reference],
        method="post",
        data=data,
        succeeds=(302,),
    )


ROWS = [
    Row("home", ALL_STAFF),
    Row("outbox", ALL_STAFF),
    Row("assisted-forms", ALL_STAFF),
    Row("find-resident", ALL_STAFF),
    Row("create-resident", ALL_STAFF),
    Row("resident", ALL_STAFF, args=lambda w: [w.resident.pk]),
    Row("log-contact", ALL_STAFF, args=lambda w: [w.resident.pk]),
    Row("log-anonymous-contact", ALL_STAFF),
    Row("property", ALL_STAFF, args=lambda w: [w.property.uprn]),
    Row("queues", ALL_STAFF),
    Row(
        "queues-reassign",
        MANAGERS,
        method="post",
        data=lambda w: {"bulk-cases": [w.request.reference], "bulk-team": w.team.pk},
        succeeds=(302,),
    ),
    Row("case", ALL_STAFF, args=lambda w: [w.request.reference]),
    Row("case-attachment", ALL_STAFF, args=lambda w: [w.request.reference, w.attachment.pk]),
    _case_action("note", ALL_STAFF, "request", lambda w: {"note-body": "Crew told."}),
    _case_action("message", HANDLERS, "request", lambda w: {"message-body": "On its way."}),
    _case_action("status", HANDLERS, "request", lambda w: {"status-to": "in_progress"}),
    _case_action("acknowledge", HANDLERS, "complaint", lambda w: {}),
    _case_action("pause", HANDLERS, "foi", lambda w: {"pause-reason": PauseReason.CLARIFICATION}),
    _case_action("resume", HANDLERS, "paused_foi", lambda w: {}),
    _case_action(
        "extend",
        HANDLERS,
        "acknowledged_complaint",
        lambda w: {"extend-reason": "Site visit", "extend-days": 5},
    ),
    _case_action(
        "expected-date",
        HANDLERS,
        "request",
        lambda w: {
            "expected-date-day": str(_a_working_day_ahead().day),
            "expected-date-month": str(_a_working_day_ahead().month),
            "expected-date-year": str(_a_working_day_ahead().year),
            "expected-date-reason": "The crew needs a part.",
        },
    ),
    _case_action(
        "hazard",
        HANDLERS,
        "council_home_repair",
        lambda w: {"hazard-hazard_class": "emergency", "hazard-became_aware_by": "report"},
    ),
    _case_action(
        "investigation",
        HANDLERS,
        "damp_and_mould",
        lambda w: {
            "investigation-significant_hazard_found": "yes",
            "investigation-day": str(timezone.localdate().day),
            "investigation-month": str(timezone.localdate().month),
            "investigation-year": str(timezone.localdate().year),
        },
    ),
    _case_action(
        "summary",
        HANDLERS,
        "investigated_damp_and_mould",
        lambda w: {
            "summary-given_by": "letter",
            "summary-day": str(timezone.localdate().day),
            "summary-month": str(timezone.localdate().month),
            "summary-year": str(timezone.localdate().year),
        },
    ),
    _case_action(
        "made-safe",
        HANDLERS,
        "investigated_damp_and_mould",
        lambda w: {
            "made-safe-day": str(timezone.localdate().day),
            "made-safe-month": str(timezone.localdate().month),
            "made-safe-year": str(timezone.localdate().year),
            "made-safe-time": "00:00",
        },
    ),
    _case_action(
        "further-work",
        HANDLERS,
        "investigated_damp_and_mould",
        lambda w: {
            "further-work-day": str(timezone.localdate().day),
            "further-work-month": str(timezone.localdate().month),
            "further-work-year": str(timezone.localdate().year),
        },
    ),
    _case_action("reassign", ALL_STAFF, "request", lambda w: {"reassign-team": w.team.pk}),
    _case_action(
        "route", ALL_STAFF, "request", lambda w: {"route-service": ServiceFactory(team=w.team).slug}
    ),
    _case_action("close", HANDLERS, "resolved_request", lambda w: {"close-outcome": "Bin emptied"}),
    _case_action(
        "log-reply",
        ALL_STAFF,
        "request",
        lambda w: {"log-reply-channel": "phone", "log-reply-body": "She rang to say it is fine."},
    ),
    _case_action("escalate", HANDLERS, "complaint", lambda w: {"escalate-reason": "Unhappy"}),
    _case_action(
        "priority",
        ALL_STAFF,
        "request",
        lambda w: {"priority-priority": "2", "priority-reason": "No heating, young baby"},
    ),
    _case_action(
        "link",
        HANDLERS,
        "request",
        lambda w: {"link-reference": w.complaint.reference, "link-reason": "Same street"},
    ),
    _case_action(
        "duplicate",
        HANDLERS,
        "request",
        lambda w: {"duplicate-reference": w.resolved_request.reference, "duplicate-reason": "Same"},
    ),
]


def _post(name: str, allowed, args, data: Callable[[World], dict] = lambda w: {}) -> Row:
    return Row(name, allowed, args=args, method="post", data=data, succeeds=(302,))


def _complaint_action(action: str, case: str, data: Callable[[World], dict]) -> Row:
    return _post(f"complaint-{action}", HANDLERS, lambda w: [getattr(w, case).reference], data)


ROWS += [
    # Staff directory and reports.
    Row("people", ALL_STAFF),
    Row("teams", ALL_STAFF),
    Row("team", ALL_STAFF, args=lambda w: [w.team.slug]),
    Row("person", ALL_STAFF, args=lambda w: [w.colleague.pk]),
    Row("reports", REPORTERS),
    Row("report-csv", REPORTERS, args=lambda w: ["demand-by-channel"]),
    Row("what-residents-say", REPORTERS),  # issue 14
    Row("equality-report", REPORTERS),  # equality and reach (issue 14)
    Row("tsm-report", REPORTERS),
    Row("measures", REPORTERS),
    Row("measure-target-new", MANAGERS),
    Row("report-xlsx", REPORTERS, args=lambda w: ["demand-by-channel"]),
    Row("reports-xlsx", REPORTERS),
    Row("dashboards", REPORTERS),
    Row("dashboard-csv", REPORTERS, args=lambda w: ["volumes-by-channel"]),
    Row("dashboard-xlsx", REPORTERS, args=lambda w: ["clocks-by-team"]),
    Row("dashboards-xlsx", REPORTERS),
    Row("web-measures", REPORTERS),  # issue 14: useful pages, searches, form drop-off
    Row("web-measures-csv", REPORTERS, args=lambda w: ["form-drop-off"]),
    # The disclosure log.
    Row("disclosure", DISCLOSERS),
    _post(
        "disclosure-prepare-find",
        DISCLOSERS,
        lambda w: [],
        lambda w: {"reference": w.released_foi.reference},
    ),
    Row("disclosure-prepare", DISCLOSERS, args=lambda w: [w.released_foi.reference]),
    Row("disclosure-similar", ALL_STAFF),
    Row("disclosure-entry", DISCLOSERS, args=lambda w: [w.draft.pk]),
    _post(
        "disclosure-withdraw",
        GOVERNANCE,
        lambda w: [w.published.pk],
        lambda w: {"reason": "Published by mistake"},
    ),
    # The information-rights register and the subject access export.
    Row("information-requests", ALL_STAFF),
    Row("information-request", ALL_STAFF, args=lambda w: [w.foi.reference]),
    _post(
        "information-request-action",
        HANDLERS,
        lambda w: [w.foi.reference, "flag"],
        lambda w: {"flag-flag": "vexatious", "flag-reason": "The hundredth request this week"},
    ),
    Row("export-resident", GOVERNANCE, args=lambda w: [w.resident.pk]),
    # Special-category details without a need to know (the resident has no case with the team):
    # those who read such details give a reason; governance needs none, so has no glass to break.
    Row(
        "resident-break-glass",
        frozenset({Role.CASEWORKER, Role.TEAM_MANAGER}),
        args=lambda w: [w.resident.pk],
        method="post",
        data=lambda w: {"reason": "Safeguarding call"},
    ),
    Row("break-glass-reads", GOVERNANCE),
    # Support needs: the contact centre records them (the vulnerable line) but cannot read them
    # back; the holding team's readers review and remove them.
    Row("record-support-need", HANDLERS | {Role.CONTACT_CENTRE}, args=lambda w: [w.resident.pk]),
    Row("support-reviews-due", HANDLERS),
    Row(
        "review-support-need",
        HANDLERS,
        args=lambda w: [w.resident.pk, w.support_need.pk],
    ),
    Row(
        "remove-support-need",
        HANDLERS,
        args=lambda w: [w.resident.pk, w.support_need.pk],
        method="post",
        data=lambda w: {"reason": "No longer needed"},
        succeeds=(302,),
    ),
    # Comments, complaints and compliments.
    Row("possible-complaints", ALL_STAFF),
    Row("complaint-lessons", ALL_STAFF),
    Row("complaint", HANDLERS, args=lambda w: [w.complaint.reference]),
    _complaint_action("acknowledge", "complaint", lambda w: {}),
    _complaint_action("respond", "acknowledged_complaint", lambda w: COMPLAINT_RESPONSE),
    _complaint_action(
        "extend", "acknowledged_complaint", lambda w: {"extend-days": 5, "extend-reason": "Visit"}
    ),
    _complaint_action("escalate", "complaint", lambda w: {"escalate-reason": "Asked by phone"}),
    _post("treat-as-complaint", ALL_STAFF, lambda w: [w.request.reference]),
    Row("compliments", ALL_STAFF),
    Row("compliment", HANDLERS, args=lambda w: [w.compliment.reference]),
    Row("comments", ALL_STAFF),
    Row("comment", HANDLERS, args=lambda w: [w.comment.reference]),
    # Emails held for an officer.
    Row("inbox", INTAKE),
    Row("inbox-email", INTAKE, args=lambda w: [w.held_email.pk]),
    _post(
        "inbox-decision",
        INTAKE,
        lambda w: [w.held_email.pk, "not-a-request"],
        lambda w: {"aside-reason": "Spam"},
    ),
]


# --- issue 11: the retention page, reviews due, erasure on request ---
def _review_due(world: World):
    from opencex.people.models import SensitiveInformation
    from opencex.retention.models import SensitiveReview

    entry = SensitiveInformation.objects.create(
        resident=world.resident,
        category="disability",
        details="Uses a wheelchair",
        purpose="Access",
        lawful_basis="Art 9(2)(g)",
        review_on=timezone.localdate(),
    )
    return SensitiveReview.objects.create(
        information=entry,
        resident=world.resident,
        review_on=entry.review_on,
        created_at=timezone.now(),
    )


ROWS += [
    Row("retention", GOVERNANCE),
    _post("retention-review", GOVERNANCE, lambda w: [_review_due(w).pk], lambda w: {"note": ""}),
    Row("erase-resident", GOVERNANCE, args=lambda w: [w.resident.pk]),
]
# --- issue 12: the day's bookings, the room diary, a booking and its acts ---
BOOKING_OFFICERS = frozenset(
    {Role.CONTACT_CENTRE, Role.CASEWORKER, Role.TEAM_MANAGER, Role.ADMINISTRATOR}
)
FINANCE = frozenset({Role.TEAM_MANAGER, Role.ADMINISTRATOR})


def _team_runs_the_bookable_services(world: World) -> list:
    """The world's team runs the bookable services, so its caseworkers and managers see their
    bookings (tests/bookings/test_booking_policies.py covers another team's refusals). No URL
    arguments: a row's `args` calls it."""
    if "bookable_services" not in world.__dict__:
        world.__dict__["bookable_services"] = [
            ServiceFactory(slug=slug, team=world.team)
            for slug in ("visit-museum-of-oxford", "book-community-centre")
        ]
    return []


def _museum_visit(world: World, *, paid: bool = True):
    """A confirmed group visit for the world's resident (visits are open on any day of the year
    a few weeks ahead, unlike a collection's 7 days), taken by phone at the concession price."""
    key = "museum_visit" if paid else "held_visit"
    if key in world.__dict__:
        return world.__dict__[key]
    from opencex.bookings import services as booking_services
    from opencex.bookings.config import bookings_config
    from opencex.bookings.slots import bookable_slots, open_slots
    from opencex.payments.providers import test_provider
    from opencex.payments.services import settle_payment

    _team_runs_the_bookable_services(world)
    open_slots()
    visit = bookings_config().bookable("visit-museum-of-oxford")
    offered = bookable_slots(visit, units=10)
    booking = booking_services.hold_slot(
        actor=world.admin,
        resident=world.resident,
        service=visit.service,
        slot=offered[0],
        details={"people": 10},
        email=world.resident.email,
        idempotency_key=f"matrix-{key}",
        concession_benefit="A state-funded school or college" if paid else "",
        channel="phone",
    )
    if paid:  # at the concession price a school's visit is free: confirmed without a payment
        payment = booking_services.pay_for_booking(
            actor=world.admin, booking=booking, return_url="/"
        )
        if payment is not None:
            test_provider.pay_with_card(payment.provider_payment_id, "4444333322221111")
            settle_payment(payment=payment)
        booking.refresh_from_db()
    world.__dict__[key] = booking
    world.__dict__["other_visit_slot"] = offered[1]
    return booking


def _ref(world: World) -> list:
    return [_museum_visit(world).reference]


ROWS += [
    Row("bookings", BOOKING_OFFICERS),
    Row("bookings-csv", BOOKING_OFFICERS),
    Row("room-diary", BOOKING_OFFICERS),
    Row("booking", BOOKING_OFFICERS, args=_ref),
    _post("booking-cancel", BOOKING_OFFICERS, _ref),
    _post(
        "booking-move",
        BOOKING_OFFICERS,
        _ref,
        lambda w: {"slot": w.__dict__["other_visit_slot"].pk},
    ),
    # The visit has no deposit: an officer gets the page with the reason; others are refused.
    Row("booking-deposit", BOOKING_OFFICERS, args=_ref, method="post", succeeds=(400,)),
    _post("booking-concession", BOOKING_OFFICERS, _ref, lambda w: {"is_right": "yes"}),
    _post("booking-refund", FINANCE, _ref),
    Row(
        "booking-take-payment",
        BOOKING_OFFICERS,
        args=lambda w: [_museum_visit(w, paid=False).reference],
    ),
    Row("booking-payment-return", BOOKING_OFFICERS, args=_ref, succeeds=(302,)),
    Row(
        "book-for-resident",
        BOOKING_OFFICERS,
        args=lambda w: [
            w.resident.pk,
            *_team_runs_the_bookable_services(w),
            "visit-museum-of-oxford",
        ],
    ),
    Row(
        "book-for-resident-date",
        BOOKING_OFFICERS,
        args=lambda w: [
            w.resident.pk,
            *_team_runs_the_bookable_services(w),
            "visit-museum-of-oxford",
        ],
        succeeds=(302,),
    ),
]


# --- issue 12: taking a payment for a resident, finance, refunds ---
TAKERS = frozenset({Role.CONTACT_CENTRE, Role.CASEWORKER, Role.TEAM_MANAGER, Role.ADMINISTRATOR})


def _unanswered_refund(world: World) -> list:
    """A refund reserved on a paid payment that the provider never answered (a worker died)."""
    from django.db import transaction

    from opencex.payments.services import reserve_refund_for_purpose

    payment, _ = _phone_payment(world, paid=True)
    with transaction.atomic():
        refund = reserve_refund_for_purpose(
            payment=payment, amount_pence=100, reason="Overpaid", because="the rules"
        )
    return [payment.reference, refund.pk]


def _phone_payment(world: World, *, paid: bool = False):
    """A council tax payment an administrator took by phone for the resident (test provider)."""
    import secrets

    from opencex.payments.bills.services import start_bill_payment
    from opencex.payments.providers import test_provider
    from opencex.payments.services import settle_payment

    token = secrets.token_urlsafe(8)
    payment = start_bill_payment(
        actor=world.admin,
        kind="council_tax",
        reference="4001234564",
        amount_pence=1000,
        email="ada@example.org",
        return_url=f"/staff/payments/return/{token}/",
        idempotency_key=f"staff-{token}",
        channel="phone",
        resident=world.resident,
        card_holder_present=False,
    )
    if paid:
        test_provider.pay_with_card(payment.provider_payment_id, "4444333322221111")
        payment = settle_payment(payment=payment)
    return payment, token


ROWS += [
    Row("take-payment", TAKERS, args=lambda w: [w.resident.pk]),
    Row(
        "payment-return",
        TAKERS,
        args=lambda w: [_phone_payment(w)[1]],
        succeeds=(302,),
    ),
    Row("finance", MANAGERS),
    Row("finance-csv", MANAGERS),
    Row("payment", MANAGERS, args=lambda w: [_phone_payment(w)[0].reference]),
    _post(
        "payment-refund",
        MANAGERS,
        lambda w: [_phone_payment(w, paid=True)[0].reference],
        lambda w: {"amount": "1.00", "reason": "Paid twice", "key": "matrix-refund"},
    ),
    _post(
        "payment-unanswered-refund",
        MANAGERS,
        lambda w: _unanswered_refund(w),
        lambda w: {"outcome": "not_made"},
    ),
]
# --- issue 12: the housing management system's import log ---
ROWS += [Row("housing-imports", MANAGERS)]
# Telephony (issue 14): the call figures and their imports, for those who read the reports.
ROWS += [
    Row("telephony", REPORTERS),
    Row("telephony-csv", REPORTERS, args=lambda w: ["calls-by-line"]),
    Row("telephony-xlsx", REPORTERS, args=lambda w: ["calls-by-line"]),
    Row("telephony-all-xlsx", REPORTERS),
]
# Issue 14's downloads of the report pages: for those who read the reports.
ROWS += [
    Row("equality-csv", REPORTERS, args=lambda w: ["equality-coverage"]),
    Row("equality-xlsx", REPORTERS, args=lambda w: ["equality-coverage"]),
    Row("equality-all-xlsx", REPORTERS),
    Row("tsm-csv", REPORTERS, args=lambda w: ["tenant-satisfaction-measures"]),
    Row("tsm-xlsx", REPORTERS, args=lambda w: ["tenant-satisfaction-measures"]),
    Row("tsm-all-xlsx", REPORTERS),
    Row("web-measures-xlsx", REPORTERS, args=lambda w: ["form-drop-off"]),
    Row("web-measures-all-xlsx", REPORTERS),
    Row("what-residents-say-csv", REPORTERS, args=lambda w: ["sentiment-by-source"]),
    Row("what-residents-say-xlsx", REPORTERS, args=lambda w: ["sentiment-by-source"]),
    Row("what-residents-say-all-xlsx", REPORTERS),
]


# --- the form builder (issue 13): administrators only ---
def _built_form(world: World):
    """A form with version 1 published and a draft of version 2 (a copy of it)."""
    from opencex.forms import building

    if not hasattr(world, "_built_form"):
        admin = world.admin
        definition = building.create_form(
            actor=admin, slug="report-a-pothole", title="Report a pothole", case_kind="enquiry"
        )
        draft = building.draft_of(definition)
        building.add_page(actor=admin, draft=draft, title="About you")
        for label in ("Your name", "Where is it"):
            building.add_question(
                actor=admin,
                draft=draft,
                page_id="about-you",
                question={"type": "text", "label": label},
            )
        building.set_case_mapping(
            actor=admin, draft=draft, mapping={"subject": "Pothole", "contact_name": "your_name"}
        )
        building.publish_draft(actor=admin, draft=draft)
        building.start_draft(actor=admin, definition=definition)
        world._built_form = definition
    return world._built_form


ADMINS = frozenset({Role.ADMINISTRATOR})


def _form(*more):
    return lambda w: [_built_form(w).pk, *more]


ROWS += [
    Row("formbuilder", ADMINS),
    Row("formbuilder-new", ADMINS),
    Row("formbuilder-form", ADMINS, args=_form()),
    Row("formbuilder-add-question", ADMINS, args=_form("about-you")),
    Row("formbuilder-question", ADMINS, args=_form("your_name")),
    Row("formbuilder-case", ADMINS, args=_form()),
    Row("formbuilder-texts", ADMINS, args=_form()),
    _post("formbuilder-start-draft", ADMINS, _form()),
    _post("formbuilder-add-page", ADMINS, _form(), lambda w: {"title_en": "More"}),
    _post("formbuilder-remove-page", ADMINS, _form("about-you")),
    _post("formbuilder-move-question", ADMINS, _form("your_name"), lambda w: {"direction": "down"}),
    _post("formbuilder-remove-question", ADMINS, _form("where_is_it")),
    _post("formbuilder-publish", ADMINS, _form()),
    _post("formbuilder-discard", ADMINS, _form()),
    _post("formbuilder-live", ADMINS, _form(), lambda w: {"live": "no"}),
    _post("formbuilder-roll-back", ADMINS, _form(1)),
]


# --- you said, we did (issue 14): handlers record and link, managers publish and withdraw ---
def _change(world: World, *, published: bool = False):
    from opencex.yousaidwedid import services as changes

    change = changes.record_change(
        actor=world.admin,
        title="More benches",
        you_said="Nowhere to sit.",
        we_did="Six benches.",
        service_area=world.team.service_area,
        made_on=timezone.localdate(),
    )
    if published:
        changes.publish_change(actor=world.admin, change=change)
    return change


ROWS += [
    Row("changes", HANDLERS),
    Row("change-record", HANDLERS),
    Row("change", HANDLERS, args=lambda w: [_change(w).pk]),
    _post(
        "change-link",
        HANDLERS,
        lambda w: [_change(w).pk],
        lambda w: {"kind": "comment", "reference": w.comment.reference},
    ),
    Row("change-publish", MANAGERS, args=lambda w: [_change(w).pk]),
    _post(
        "change-withdraw",
        MANAGERS,
        lambda w: [_change(w, published=True).pk],
        lambda w: {"reason": "Moved"},
    ),
]


# --- surveys (issue 15): results for the report roles ---
def _survey(world: World):
    if not hasattr(world, "_survey"):
        from opencex.surveys import services as surveys

        today = timezone.localdate()
        world._survey = surveys.create_survey(
            actor=world.admin,
            definition="residents-panel",
            title="Winter survey",
            purpose="What the panel thinks.",
            audience="panel_sample",
            opens_on=today,
            closes_on=today + timedelta(days=28),
        )
    return world._survey


ROWS += [
    Row("surveys", REPORTERS),
    Row("survey-results", REPORTERS, args=lambda w: [_survey(w).pk]),
    Row("survey-results-csv", REPORTERS, args=lambda w: [_survey(w).pk]),
    Row("survey-results-xlsx", REPORTERS, args=lambda w: [_survey(w).pk]),
    # Running a survey: surveys.policies.can_run_surveys (team managers, administrators).
    Row("survey-new", MANAGERS),
    Row("survey-invite", MANAGERS, args=lambda w: [_survey(w).pk]),
    _post("survey-close", MANAGERS, lambda w: [_survey(w).pk]),
]


# --- the panels (issue 15): managers, governance and administrators see them; contact details,
# moderation and invitations are for those who contact members (managers, administrators) ---
def _young_member(world: World):
    import datetime as dt

    from opencex.panels import services as panels

    applied = panels.join_panel(
        actor=None,
        kind="youth",
        applicant=panels.Applicant(
            full_name="Sam Young",
            email="sam@example.org",
            date_of_birth=timezone.localdate() - dt.timedelta(days=365 * 20),
            agrees_to_join=True,
            message="More buses",
        ),
    )
    return panels.confirm_application(membership=applied.membership)


ROWS += [
    Row("panels", REPORTERS),
    Row("panel-members", REPORTERS, args=lambda w: ["youth"]),
    Row(
        "panel-contact-details",
        MANAGERS,
        args=lambda w: ["youth", _young_member(w).pk],
        method="post",
        data=lambda w: {"why": "To invite them to a meeting"},
    ),
    _post(
        "panel-moderate",
        MANAGERS,
        lambda w: ["youth", _young_member(w).messages.get().pk],
        lambda w: {"decision": "approve"},
    ),
    Row("panel-representativeness", REPORTERS, args=lambda w: ["residents"]),
    Row("panel-representativeness-csv", REPORTERS, args=lambda w: ["residents"]),
    _post("panel-invite", MANAGERS, lambda w: ["residents"], lambda w: {"resident": w.resident.pk}),
]


def _assessment(world: World, *, elsewhere: bool = False, to: str = "draft"):
    """A readiness self-assessment by the administrator: of the world's service area (whose
    members may assess it), or of another one (whose outsiders may moderate it); answered at
    level 1 throughout when it is to be submitted or confirmed."""
    from opencex.readiness import services as readiness
    from opencex.readiness.framework import current_framework

    area = TeamFactory().service_area if elsewhere else world.team.service_area
    assessment = readiness.start_assessment(actor=world.admin, service_area=area)
    if to == "draft":
        return assessment
    keys = [question.key for question in current_framework().questions()]
    answers = {key: readiness.AnswerInput(1, "Evidence.") for key in keys}
    readiness.save_answers(actor=world.admin, assessment=assessment, answers=answers)
    if to == "answered":
        return assessment
    readiness.submit_assessment(actor=world.admin, assessment=assessment)
    if to == "confirmed":
        readiness.confirm_assessment(
            actor=UserFactory(role=Role.TEAM_MANAGER),
            assessment=assessment,
            decisions={key: readiness.Decision(1) for key in keys},
        )
    return assessment


def _first_strand(world: World) -> list:
    from opencex.readiness.framework import current_framework

    return [_assessment(world).pk, current_framework().strands[0].key]


def _readiness_action(world: World) -> list:
    return [_assessment(world, elsewhere=True, to="confirmed").actions.first().pk]


ROWS += [
    Row("readiness", REPORTERS),
    Row("readiness-scores-csv", REPORTERS),
    _post(
        "readiness-start",
        MANAGERS,
        lambda w: [],
        lambda w: {"service_area": w.team.service_area.pk},
    ),
    Row("readiness-assessment", REPORTERS, args=lambda w: [_assessment(w).pk]),
    Row("readiness-assessment-strand", MANAGERS, args=_first_strand),
    _post(
        "readiness-assessment-submit",
        MANAGERS,
        lambda w: [_assessment(w, to="answered").pk],
    ),
    Row(
        "readiness-assessment-moderate",
        MANAGERS,
        args=lambda w: [_assessment(w, elsewhere=True, to="submitted").pk],
    ),
    _post(
        "readiness-assessment-return",
        MANAGERS,
        lambda w: [_assessment(w, elsewhere=True, to="submitted").pk],
        lambda w: {"reason": "Add evidence"},
    ),
    Row("readiness-area", REPORTERS, args=lambda w: [w.team.service_area.slug]),
    Row("readiness-actions", REPORTERS),
    Row("readiness-actions-csv", REPORTERS),
    Row("readiness-action", REPORTERS, args=_readiness_action),
    Row("readiness-cse", REPORTERS),
    Row("readiness-cse-csv", REPORTERS),
]

# --- consultations (issue 15): every officer sees the scan and the pages; the owning team's
# caseworkers and managers (or an administrator) plan, change, check, answer the check, close and
# record results; its managers (or an administrator) launch and publish. Each role is a member of
# the world's team, which owns every consultation here (tests/consultations covers other teams).
PLANNERS = frozenset({Role.CASEWORKER, Role.TEAM_MANAGER, Role.ADMINISTRATOR})
APPROVERS = MANAGERS  # a team manager of the owning team, or an administrator


def _consultation_plan(world: World, title: str):
    from opencex.consultations import services as consultations
    from opencex.consultations.models import Audience, Method

    today = timezone.localdate()
    return consultations.Plan(
        title=title,
        topic="Whether to collect food waste every week.",
        service_area=world.team.service_area,
        team=world.team,
        audience=Audience.EVERYONE,
        wards=[],
        methods=[Method.ONLINE_SURVEY, Method.PAPER],
        starts_on=today - timedelta(days=14),
        ends_on=today + timedelta(days=14),
        how_to_take_part="Fill in the survey online or ask for a paper copy.",
    )


def _consultation(world: World, to: str = "planned"):
    """A consultation of the world's team, taken by its administrator as far as `to`: planned;
    checked with a clash found (against a second plan); checked and ready to launch (the
    equality check answered); open; closed; or closed with its results recorded."""
    key = f"consultation_{to}"
    if key in world.__dict__:
        return world.__dict__[key]
    from opencex.consultations import services as consultations

    admin = world.admin
    if to == "clash":
        consultations.plan_consultation(
            actor=admin, plan=_consultation_plan(world, "Garden waste collections")
        )
    consultation = consultations.plan_consultation(
        actor=admin, plan=_consultation_plan(world, "Weekly food waste")
    )
    if to != "planned":
        consultations.check_consultation(actor=admin, consultation=consultation)
    if to not in ("planned", "clash", "checked"):
        consultations.record_equality_check(
            actor=admin,
            consultation=consultation,
            how_reached={
                c.group: "Leaflets and events." for c in consultation.equality_checks.all()
            },
        )
    if to in ("open", "closed", "results"):
        consultations.launch_consultation(actor=admin, consultation=consultation)
    if to in ("closed", "results"):
        consultations.close_consultation(actor=admin, consultation=consultation)
    if to == "results":
        consultations.record_outcome(
            actor=admin,
            consultation=consultation,
            responses=120,
            themes="Most want weekly collections.",
            decision="Weekly collections from April.",
            decided_by="The Cabinet",
            decided_on=timezone.localdate(),
        )
    consultation.refresh_from_db()
    world.__dict__[key] = consultation
    return consultation


def _clash(world: World):
    return _consultation(world, "clash").findings.get()


def _equality_answers(world: World) -> dict:
    checks = _consultation(world, "checked").equality_checks.all()
    return {check.group: "Leaflets through every door." for check in checks}


def _plan_post(world: World) -> dict:
    from opencex.consultations.models import Audience, Method

    starts, ends = timezone.localdate(), timezone.localdate() + timedelta(days=28)
    return {
        "title": "Weekly food waste",
        "topic": "Whether to collect food waste every week.",
        "service_area": world.team.service_area.pk,
        "team": world.team.pk,
        "audience": Audience.EVERYONE,
        "methods": [Method.ONLINE_SURVEY],
        "starts_on-day": str(starts.day),
        "starts_on-month": str(starts.month),
        "starts_on-year": str(starts.year),
        "ends_on-day": str(ends.day),
        "ends_on-month": str(ends.month),
        "ends_on-year": str(ends.year),
        "how_to_take_part": "Online.",
    }


def _consultation_pk(to: str = "planned") -> Callable[[World], list]:
    return lambda w: [_consultation(w, to).pk]


ROWS += [
    Row("consultations", ALL_STAFF),
    _post("consultation-plan", PLANNERS, lambda w: [], _plan_post),
    Row("consultation", ALL_STAFF, args=_consultation_pk()),
    Row("consultation-change", PLANNERS, args=_consultation_pk()),
    _post("consultation-check", PLANNERS, _consultation_pk()),
    _post(
        "consultation-acknowledge",
        PLANNERS,
        lambda w: [_consultation(w, "clash").pk, _clash(w).pk],
        lambda w: {f"finding-{_clash(w).pk}-reason": "Joint events agreed with the other team."},
    ),
    _post("consultation-equality", PLANNERS, _consultation_pk("checked"), _equality_answers),
    _post("consultation-launch", APPROVERS, _consultation_pk("ready")),
    _post("consultation-close", PLANNERS, _consultation_pk("open")),
    Row("consultation-results", PLANNERS, args=_consultation_pk("closed")),
    _post("consultation-publish", APPROVERS, _consultation_pk("results")),
]


def _urgency_cue(world: World) -> list:
    from opencex.cues.services import look_for_cues

    return [look_for_cues(case=world.request, text="I can smell gas on the landing").pk]


ROWS += [  # issue 16: an urgency cue decided by whoever may change the case's priority
    Row("cue-confirm", ALL_STAFF, args=_urgency_cue, method="post", succeeds=(302,)),
    Row(
        "cue-dismiss",
        ALL_STAFF,
        args=_urgency_cue,
        method="post",
        data=lambda w: {"cue-dismiss-reason": "The cooker was left on"},
        succeeds=(302,),
    ),
    Row("ai-oversight", MANAGERS),
]


# --- duplicate reports (issue 16): every officer sees the proposals of their teams; those who
# may close a case as a duplicate (its handlers) merge reports into one job or say they differ.
def _duplicate_proposal(world: World):
    if not hasattr(world, "duplicate_proposal"):
        from opencex.duplicatereports.places import record_place
        from opencex.duplicatereports.services import propose_for

        record_place(_open(CaseKind.SERVICE_REQUEST, world.team))
        world.duplicate_proposal = propose_for(_open(CaseKind.SERVICE_REQUEST, world.team))
    return world.duplicate_proposal


def _merge_data(world: World) -> dict:
    proposal = _duplicate_proposal(world)
    return {"job": proposal.main_id, f"job{proposal.main_id}-proposals": [proposal.pk]}


ROWS += [
    Row("duplicate-reports", ALL_STAFF),
    _post("duplicate-reports-merge", HANDLERS, lambda w: [], _merge_data),
    _post("duplicate-reports-not-same", HANDLERS, lambda w: [_duplicate_proposal(w).pk]),
]


# --- one record per resident (issue 16): any officer reviews pairs and proposes; managers,
# governance and administrators merge and undo.
def _candidate_pair(w: World):
    from tests.matching.rows import candidate_pair

    return candidate_pair(
        ResidentFactory(full_name="Robert Smith"), ResidentFactory(full_name="Bob Smyth")
    )


def _merge(w: World):
    from opencex.matching.services import merge_residents

    pair = _candidate_pair(w)
    return merge_residents(
        actor=w.admin, kept=pair.resident_a, merged=pair.resident_b, reason="Same", pair=pair
    )


ROWS += [
    Row("resident-duplicates", ALL_STAFF),
    Row("resident-duplicate", ALL_STAFF, args=lambda w: [_candidate_pair(w).pk]),
    Row("resident-merge", REPORTERS, args=lambda w: [_candidate_pair(w).pk]),
    Row("resident-merges", REPORTERS),
    Row("resident-merge-undo", REPORTERS, args=lambda w: [_merge(w).pk]),
    Row("known-residents", ALL_STAFF),
]

ROW_BY_NAME = {row.name: row for row in ROWS}


def _staff_url_names(patterns=urlpatterns) -> set[str]:
    names = set()
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            names |= _staff_url_names(pattern.url_patterns)
        elif isinstance(pattern, URLPattern) and pattern.name:
            names.add(pattern.name)
    return names


def test_every_staff_url_has_a_row():
    assert _staff_url_names() - PUBLIC == set(ROW_BY_NAME)


def _request(client, row: Row, world: World):
    url = reverse(f"staff:{row.name}", args=row.args(world))
    if row.method == "post":
        return client.post(url, row.data(world))
    return client.get(url)


def _error_summary(response) -> str:
    page = response.content.decode()
    start = page.find("govuk-error-summary")
    return page[start : start + 1500] if start >= 0 else page[:500]


def _member(role: Role, world: World):
    return UserFactory(role=role, teams=[world.team])


@pytest.mark.parametrize("role", sorted(ALL_STAFF))
@pytest.mark.parametrize("name", sorted(ROW_BY_NAME))
def test_each_staff_role_gets_in_or_is_refused_as_the_row_says(client, world, name, role):
    row = ROW_BY_NAME[name]
    client.force_login(_member(role, world))

    response = _request(client, row, world)

    if role in row.allowed:
        assert response.status_code in row.succeeds, _error_summary(response)
        if response.status_code == 302:
            assert "/staff/sign-in/" not in response.url
    else:
        assert response.status_code == row.refused


@pytest.mark.parametrize("role", NOT_STAFF)
@pytest.mark.parametrize("name", sorted(ROW_BY_NAME))
def test_residents_and_partner_systems_are_refused_every_staff_page(client, world, name, role):
    client.force_login(UserFactory(role=role))
    assert _request(client, ROW_BY_NAME[name], world).status_code == 403


@pytest.mark.parametrize("name", sorted(ROW_BY_NAME))
def test_anonymous_visitors_are_sent_to_staff_sign_in_from_every_page(client, world, name):
    response = _request(client, ROW_BY_NAME[name], world)
    assert response.status_code == 302
    assert response.url.startswith(reverse("staff:sign-in"))
