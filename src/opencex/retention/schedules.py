"""The council's retention schedule as things the daily job can count and remove: one schedule
per kind of case (anonymised), residents with no case left (anonymised), bookings that took place
and payments past the accounting period (anonymised), and the records that are deleted (raw
emails, unfinished forms, notifications, sign-in links, finished jobs, sessions, reconciliation
runs, delivered outbound events, housing imports and ended tenancies copied from the housing
system).

Each schedule finds what has expired by a day (`expired`), says what that is (`line`: how many,
the oldest) and removes it in batches (`apply`), each batch its own transaction, so a long first
run neither holds locks for long nor loses its work if stopped. What is removed no longer matches,
so a second run removes nothing more.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.conf import settings
from django.contrib.sessions.models import Session
from django.db import models, transaction
from django.db.models.functions import Coalesce, Greatest
from django.utils import timezone
from django.utils.functional import Promise as StrPromise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from opencex.accounts.models import SignInLink
from opencex.bookings.models import Booking
from opencex.bookings.records import forget_bookings
from opencex.cases.models import OPEN_STATUSES, Case, CaseKind, CaseLink
from opencex.complaints.models import Complaint
from opencex.contacts.models import Contact
from opencex.council.profile import Period, Retention
from opencex.events.models import Delivery, DeliveryStatus, Event
from opencex.forms.models import FormSession
from opencex.housing.models import ImportRun, Repair, Tenancy, TenancyMember
from opencex.inbox.models import InboundEmail, InboundStatus
from opencex.inforights.models import InformationRequest
from opencex.notify.models import Notification, NotificationStatus
from opencex.payments.models import FINAL_STATUSES, Payment, ReconciliationRun, RefundStatus
from opencex.people.models import Resident
from opencex.retention import anonymising
from opencex.retention.models import Because
from opencex.retention.periods import (
    ONE_DAY,
    expired_before,
    expires_on,
    last_expired_financial_year_start,
    last_expired_start,
    period_in_words,
    start_of,
)
from opencex.search.models import SearchRecord

BATCH = 500
# What a schedule does to what has expired, in the officer's language.
ANONYMISED = gettext_lazy("anonymised")
DELETED = gettext_lazy("deleted")
# An email that was read onto a case, or set aside; held and unreadable ones wait for an officer.
READ_EMAIL_STATUSES = frozenset(
    {
        InboundStatus.CASE_OPENED,
        InboundStatus.ADDED_TO_CASE,
        InboundStatus.IGNORED,
        InboundStatus.NOT_A_REQUEST,
    }
)
PLURAL_KINDS: dict[str, Any] = {
    CaseKind.SERVICE_REQUEST: gettext_lazy("Service requests"),
    CaseKind.ENQUIRY: gettext_lazy("Enquiries"),
    CaseKind.COMPLAINT: gettext_lazy("Complaints"),
    CaseKind.COMPLIMENT: gettext_lazy("Compliments"),
    CaseKind.COMMENT: gettext_lazy("Comments"),
    CaseKind.FOI: gettext_lazy("Freedom of Information requests"),
    CaseKind.EIR: gettext_lazy("Environmental Information requests"),
    CaseKind.SAR: gettext_lazy("Subject access requests"),
    CaseKind.FOI_INTERNAL_REVIEW: gettext_lazy("FOI internal reviews"),
}


@dataclass(frozen=True)
class ScheduleLine:
    """One line of a retention report: what a schedule removed (or would), and the oldest."""

    schedule: str
    label: str | StrPromise  # translated when shown; the report keeps the words of its run
    rule: str  # "6 years after it was closed"
    action: str | StrPromise  # "anonymised" or "deleted"
    count: int
    oldest: date | None
    held: int = 0  # expired, but kept because a case linked to it is still kept

    def as_json(self) -> dict[str, Any]:
        """The line as a run's report keeps it: its words in the language the run was in."""
        words = {"label": str(self.label), "rule": str(self.rule), "action": str(self.action)}
        oldest = self.oldest.isoformat() if self.oldest else None
        return {**self.__dict__, **words, "oldest": oldest}


def council_retention() -> Retention:
    return settings.COUNCIL_PROFILE.retention


def ended_at() -> Coalesce:
    """When a case ended: closed, or (a withdrawn, responded or resolved case that was never
    closed) its last change."""
    return Coalesce("closed_at", "updated_at")


def _pk_batches(queryset: models.QuerySet) -> Iterator[list[Any]]:
    """The primary keys of `queryset`, BATCH at a time, read afresh for each batch."""
    last = None
    while True:
        page = queryset.order_by("pk")
        if last is not None:
            page = page.filter(pk__gt=last)
        ids = list(page.values_list("pk", flat=True)[:BATCH])
        if not ids:
            return
        yield ids
        last = ids[-1]


def _oldest(queryset: models.QuerySet, field: str) -> date | None:
    moment = queryset.aggregate(oldest=models.Min(field))["oldest"]
    if isinstance(moment, datetime):
        return timezone.localdate(moment)
    return moment


# ---- cases --------------------------------------------------------------------------------------


def case_is_kept(*, kind: str, status: str, ended: datetime | None, today: date) -> bool:
    """Is a case with these facts still within its retention period on `today`?"""
    if status in OPEN_STATUSES or ended is None:
        return True
    return expires_on(timezone.localdate(ended), council_retention().cases.for_kind(kind)) > today


def _links_of(case_ids: list[int]) -> dict[int, set[int]]:
    """For each case, the cases linked to it: its request and internal reviews, the request a
    complaint was raised from, cases linked by an officer, a repeat request's earlier one."""
    pairs: list[tuple[int, int | None]] = []
    pairs += Case.objects.filter(pk__in=case_ids).values_list("pk", "parent_id")
    pairs += Case.objects.filter(parent_id__in=case_ids).values_list("parent_id", "pk")
    pairs += Complaint.objects.filter(case_id__in=case_ids).values_list("case_id", "raised_from")
    pairs += Complaint.objects.filter(raised_from__in=case_ids).values_list("raised_from", "case")
    pairs += CaseLink.objects.filter(case_id__in=case_ids).values_list("case_id", "other_case_id")
    pairs += CaseLink.objects.filter(other_case_id__in=case_ids).values_list(
        "other_case_id", "case_id"
    )
    for field in ("duplicate_of", "repeat_of"):
        pairs += InformationRequest.objects.filter(case_id__in=case_ids).values_list(
            "case_id", field
        )
        pairs += InformationRequest.objects.filter(**{f"{field}__in": case_ids}).values_list(
            field, "case_id"
        )
    links: dict[int, set[int]] = {}
    for case_id, other in pairs:
        if other is not None:
            links.setdefault(case_id, set()).add(other)
    return links


def held_by_linked_cases(case_ids: list[int], today: date) -> set[int]:
    """The cases among `case_ids` kept because a case linked to them is still kept: a complaint's
    evidence is the request it was raised from, an internal review needs its request."""
    links = _links_of(case_ids)
    linked = set().union(*links.values()) if links else set()
    kept = {
        row["pk"]
        for row in Case.objects.filter(pk__in=linked, anonymisation__isnull=True)
        .annotate(ended=ended_at())
        .values("pk", "kind", "status", "ended")
        if case_is_kept(kind=row["kind"], status=row["status"], ended=row["ended"], today=today)
    }
    return {case_id for case_id, others in links.items() if others & kept}


@dataclass(frozen=True)
class CaseSchedule:
    kind: str
    period: Period
    action = ANONYMISED

    @property
    def key(self) -> str:
        return f"cases.{self.kind}"

    @property
    def label(self) -> str:
        return PLURAL_KINDS.get(self.kind, CaseKind(self.kind).label)

    @property
    def rule(self) -> str:
        return _("%(period)s after it was closed") % {"period": period_in_words(self.period)}

    def is_expired(self, today: date) -> models.Q:
        """The cases of this kind whose time is up by `today` (and not yet anonymised)."""
        before = expired_before(today, self.period)
        return (
            models.Q(kind=self.kind, anonymisation__isnull=True)
            & ~models.Q(status__in=OPEN_STATUSES)
            & (
                models.Q(closed_at__lt=before)
                | models.Q(closed_at__isnull=True, updated_at__lt=before)
            )
        )

    def expired(self, today: date) -> models.QuerySet[Case]:
        return Case.objects.filter(self.is_expired(today)).annotate(ended=ended_at())

    def held(self, today: date) -> set[int]:
        """The expired cases kept because a case linked to them is still kept."""
        held: set[int] = set()
        for ids in _pk_batches(self.expired(today).values("pk")):
            held |= held_by_linked_cases(ids, today)
        return held

    def line(
        self, today: date, *, going: models.Q | None = None, held: set[int] | None = None
    ) -> ScheduleLine:
        """`held`: `self.held(today)`, when the caller has worked it out already."""
        expired = self.expired(today)
        kept = len(self.held(today) if held is None else held)
        return self._line(expired.count() - kept, _oldest(expired, "ended"), kept)

    def apply(self, today: date) -> ScheduleLine:
        expired = self.expired(today)
        oldest = _oldest(expired, "ended")
        done = held = 0
        for ids in _pk_batches(expired):
            keep = held_by_linked_cases(ids, today)
            held += len(keep)
            for case_id in ids:
                if case_id not in keep:
                    done += self._anonymise(case_id, today)
        return self._line(done, oldest if done else None, held)

    def _anonymise(self, case_id: int, today: date) -> int:
        with transaction.atomic():
            case = self.expired(today).select_for_update(of=("self",)).filter(pk=case_id).first()
            if case is None:  # anonymised meanwhile, or reopened
                return 0
            anonymising.anonymise_case(case, because=Because.SCHEDULE)
            return 1

    def _line(self, count: int, oldest: date | None, held: int) -> ScheduleLine:
        return ScheduleLine(self.key, self.label, self.rule, self.action, count, oldest, held)


# ---- residents ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class ResidentSchedule:
    """A resident with no case left (their cases anonymised, or none) and no contact, change or
    sign-in for the period. A record merged into another (a tombstone, `merged_into`) is never
    aged on its own: it is anonymised with the record it was merged into, whose time counts
    (and is counted as that one resident)."""

    period: Period
    key = "residents"
    label = gettext_lazy("Residents with no case left")
    action = ANONYMISED

    @property
    def rule(self) -> str:
        return _("%(period)s after their record last changed") % {
            "period": period_in_words(self.period)
        }

    def expired(self, today: date, *, going: models.Q | None = None) -> models.QuerySet[Resident]:
        """Residents whose time is up; `going` also counts the cases it matches as gone (a dry
        run, which anonymises no case, counts the residents whose last case goes today)."""
        kept_cases = Case.objects.filter(anonymisation__isnull=True)
        if going is not None:
            kept_cases = kept_cases.exclude(going)
        open_cases = kept_cases.filter(resident=models.OuterRef("pk"))
        cases_by_email = kept_cases.filter(contact_email__iexact=models.OuterRef("email")).exclude(
            contact_email=""
        )
        last_contact = Contact.objects.filter(resident=models.OuterRef("pk")).order_by("-at")
        # A booking (the day it took place) and a payment are activity too; a tenant (of a
        # tenancy not ended, or ended within the period) is still the council's tenant.
        last_booked = (
            Booking.objects.filter(resident=models.OuterRef("pk"))
            .order_by("-slot__ends_at")
            .values("slot__ends_at")[:1]
        )
        last_paid = Payment.objects.filter(resident=models.OuterRef("pk")).order_by("-created_at")
        tenant = TenancyMember.objects.filter(resident=models.OuterRef("pk")).filter(
            models.Q(tenancy__ended_on__isnull=True)
            | models.Q(tenancy__ended_on__gt=last_expired_start(today, self.period))
        )
        return (
            Resident.objects.filter(anonymisation__isnull=True, merged_into__isnull=True)
            .exclude(models.Exists(open_cases))
            .exclude(~models.Q(email="") & models.Exists(cases_by_email))
            .exclude(models.Exists(tenant))
            .annotate(
                last_active=Greatest(
                    "updated_at",
                    Coalesce(models.Subquery(last_contact.values("at")[:1]), "updated_at"),
                    Coalesce("user__last_login", "updated_at"),
                    Coalesce(models.Subquery(last_booked), "updated_at"),
                    Coalesce(models.Subquery(last_paid.values("created_at")[:1]), "updated_at"),
                )
            )
            .filter(last_active__lt=expired_before(today, self.period))
        )

    def line(self, today: date, *, going: models.Q | None = None) -> ScheduleLine:
        expired = self.expired(today, going=going)
        return self._line(expired.count(), _oldest(expired, "last_active"))

    def apply(self, today: date) -> ScheduleLine:
        expired = self.expired(today)
        oldest = _oldest(expired, "last_active")
        done = 0
        for ids in _pk_batches(expired):
            for resident_id in ids:
                with transaction.atomic():
                    resident = (
                        self.expired(today)
                        .select_for_update(of=("self",))
                        .filter(pk=resident_id)
                        .first()
                    )
                    if resident is not None:
                        for each in [resident, *resident.merged_records()]:
                            if not hasattr(each, "anonymisation"):
                                anonymising.anonymise_resident(each, because=Because.SCHEDULE)
                        done += 1
        return self._line(done, oldest if done else None)

    def _line(self, count: int, oldest: date | None) -> ScheduleLine:
        return ScheduleLine(self.key, self.label, self.rule, self.action, count, oldest)


# ---- records that are deleted -------------------------------------------------------------------


@dataclass(frozen=True)
class RecordSchedule:
    key: str
    label: Any  # lazily translated
    rule: str
    expired_by: Callable[[datetime], models.QuerySet]  # given the moment before which it expired
    started: str  # the field its period counts from, for the oldest
    remove: Callable[[models.QuerySet], int]
    period: Period | None = None  # None: goes as soon as it has expired (sessions)
    action: Any = DELETED
    # The month a financial year starts in, for a financial record: its period is counted from
    # the end of the financial year it was last changed in.
    financial_year_starts_in: int | None = None

    def expired(self, today: date) -> models.QuerySet:
        if self.period is None:
            # Expired before now (or before the end of `today`, when run as of an earlier day).
            moment = min(timezone.now(), start_of(today + ONE_DAY))
        elif self.financial_year_starts_in is not None:
            moment = start_of(
                last_expired_financial_year_start(today, self.period, self.financial_year_starts_in)
            )
        else:
            moment = expired_before(today, self.period)
        return self.expired_by(moment)

    def line(self, today: date, *, going: models.Q | None = None) -> ScheduleLine:
        expired = self.expired(today)
        return self._line(expired.count(), _oldest(expired, self.started))

    def apply(self, today: date) -> ScheduleLine:
        expired = self.expired(today)
        oldest = _oldest(expired, self.started)
        done = 0
        for ids in _pk_batches(expired):
            with transaction.atomic():
                done += self.remove(self.expired(today).filter(pk__in=ids))
        return self._line(done, oldest if done else None)

    def _line(self, count: int, oldest: date | None) -> ScheduleLine:
        return ScheduleLine(self.key, self.label, self.rule, self.action, count, oldest)


def _delete(queryset: models.QuerySet) -> int:
    _, deleted = queryset.delete()
    return deleted.get(queryset.model._meta.label, 0)


def _payments_expired_by(moment: datetime) -> models.QuerySet[Payment]:
    """Final payments last changed (paid, or refunded) before `moment`, with no refund still
    going through, that still say something about the payer."""
    refund_going_through = models.Q(refunds__status=RefundStatus.SUBMITTED)
    return (
        anonymising.payments_with_personal_details()
        .filter(status__in=FINAL_STATUSES, updated_at__lt=moment)
        .exclude(refund_going_through)
    )


def _anonymise_payments(payments: models.QuerySet[Payment]) -> int:
    locked = payments.select_for_update(of=("self",))
    return anonymising.anonymise_payments(
        Payment.objects.filter(pk__in=list(locked.values_list("pk", flat=True)))
    )


def _bookings_expired_by(moment: datetime) -> models.QuerySet[Booking]:
    """Bookings whose slot ended before `moment` that still say something about the booker."""
    personal = (
        ~models.Q(email="")
        | ~models.Q(address="")
        | ~models.Q(postcode="")
        | ~models.Q(where_left="")
        | ~models.Q(concession_benefit="")
    )
    return Booking.objects.filter(personal, slot__ends_at__lt=moment)


def _events_expired_by(moment: datetime) -> models.QuerySet[Event]:
    """Events recorded before `moment`, fanned out, and delivered or dead-lettered to every
    subscription they were queued for: none is still waiting to be sent."""
    waiting = Delivery.objects.filter(event=models.OuterRef("pk")).exclude(
        status__in=[DeliveryStatus.DELIVERED, DeliveryStatus.DEAD]
    )
    return Event.objects.filter(recorded_at__lt=moment, fanned_out_at__isnull=False).exclude(
        models.Exists(waiting)
    )


def _delete_events(events: models.QuerySet[Event]) -> int:
    _, deleted = Event.objects.filter(pk__in=list(events.values_list("pk", flat=True))).delete()
    return deleted.get("events.Event", 0)


def _ended_tenancies(moment: datetime) -> models.QuerySet[Tenancy]:
    """Tenancies that ended before `moment`'s day, but none with a repair whose case is still
    kept in full (a disrepair complaint still needs the repair it was about)."""
    repair_of_a_kept_case = Repair.objects.filter(
        tenancy=models.OuterRef("pk"), case__isnull=False, case__anonymisation__isnull=True
    )
    return Tenancy.objects.filter(ended_on__lt=timezone.localdate(moment)).exclude(
        models.Exists(repair_of_a_kept_case)
    )


def activity_schedules(retention: Retention) -> list[RecordSchedule]:
    """Bookings and payments (anonymised): what residents booked and paid for (issue 12)."""
    records = retention.records
    return [
        RecordSchedule(
            "records.bookings",
            gettext_lazy("Bookings"),
            _("%(period)s after the day it took place")
            % {"period": period_in_words(records.bookings)},
            _bookings_expired_by,
            "slot__ends_at",
            forget_bookings,
            records.bookings,
            action=ANONYMISED,
        ),
        RecordSchedule(
            "records.payments",
            gettext_lazy("Payments, with their refunds"),
            _("%(period)s after the end of the financial year it was paid or last refunded in")
            % {"period": period_in_words(records.payments)},
            _payments_expired_by,
            "updated_at",
            _anonymise_payments,
            records.payments,
            action=ANONYMISED,
            financial_year_starts_in=retention.financial_year_starts_in,
        ),
    ]


def record_schedules(retention: Retention) -> list[RecordSchedule]:
    records = retention.records
    return [
        RecordSchedule(
            "records.inbound_emails",
            gettext_lazy("Raw emails received"),
            _("%(period)s after it was read onto a case or set aside")
            % {"period": period_in_words(records.inbound_emails)},
            lambda moment: InboundEmail.objects.filter(
                status__in=READ_EMAIL_STATUSES, processed_at__lt=moment
            ).exclude(raw=b""),
            "processed_at",
            anonymising.remove_raw_emails,
            records.inbound_emails,
            action=gettext_lazy("removed"),
        ),
        RecordSchedule(
            "records.form_sessions",
            gettext_lazy("Forms being filled in, with their uploads"),
            _("%(period)s after it was last changed")
            % {"period": period_in_words(records.form_sessions)},
            lambda moment: FormSession.objects.filter(updated_at__lt=moment),
            "updated_at",
            anonymising.delete_form_sessions,
            records.form_sessions,
        ),
        RecordSchedule(
            "records.notifications",
            gettext_lazy("Emails and text messages sent"),
            _("%(period)s after it was written")
            % {"period": period_in_words(records.notifications)},
            lambda moment: Notification.objects.exclude(status=NotificationStatus.QUEUED).filter(
                created_at__lt=moment
            ),
            "created_at",
            _delete,
            records.notifications,
        ),
        RecordSchedule(
            "records.sign_in_links",
            gettext_lazy("Residents' sign-in links"),
            _("%(period)s after it was used or ran out")
            % {"period": period_in_words(records.sign_in_links)},
            lambda moment: SignInLink.objects.filter(
                models.Q(used_at__lt=moment) | models.Q(expires_at__lt=moment)
            ),
            "created_at",
            _delete,
            records.sign_in_links,
        ),
        RecordSchedule(
            "records.finished_tasks",
            gettext_lazy("Finished background jobs"),
            _("%(period)s after it finished") % {"period": period_in_words(records.finished_tasks)},
            lambda moment: DBTaskResult.objects.filter(
                status__in=[TaskResultStatus.SUCCESSFUL, TaskResultStatus.FAILED],
                finished_at__lt=moment,
            ),
            "finished_at",
            _delete,
            records.finished_tasks,
        ),
        RecordSchedule(
            "records.sessions",
            gettext_lazy("Signed-in sessions"),
            _("when it has expired"),
            lambda moment: Session.objects.filter(expire_date__lt=moment),
            "expire_date",
            _delete,
        ),
        RecordSchedule(
            "records.reconciliation_runs",
            gettext_lazy("Payment reconciliation runs"),
            _("%(period)s after the end of the financial year it ran in")
            % {"period": period_in_words(records.payments)},
            lambda moment: ReconciliationRun.objects.filter(started_at__lt=moment),
            "started_at",
            _delete,
            records.payments,
            financial_year_starts_in=retention.financial_year_starts_in,
        ),
        RecordSchedule(
            "records.outbound_events",
            gettext_lazy("Outbound events, with their deliveries"),
            _("%(period)s after it was recorded, once delivered or dead-lettered")
            % {"period": period_in_words(records.outbound_events)},
            _events_expired_by,
            "recorded_at",
            _delete_events,
            records.outbound_events,
        ),
        RecordSchedule(
            "records.housing_imports",
            gettext_lazy("Housing system imports, with the rows they refused"),
            _("%(period)s after it started") % {"period": period_in_words(records.housing_imports)},
            lambda moment: ImportRun.objects.filter(started_at__lt=moment),
            "started_at",
            _delete,
            records.housing_imports,
        ),
        RecordSchedule(
            "records.ended_tenancies",
            gettext_lazy("Tenancies copied from the housing system, with rent and repairs"),
            _("%(period)s after it ended") % {"period": period_in_words(records.ended_tenancies)},
            _ended_tenancies,
            "ended_on",
            _delete,
            records.ended_tenancies,
        ),
        RecordSchedule(
            "records.search_records",
            gettext_lazy("Searches kept for the web measures"),
            _("%(period)s after the day it was made")
            % {"period": period_in_words(records.search_records)},
            lambda moment: SearchRecord.objects.filter(day__lt=timezone.localdate(moment)),
            "day",
            _delete,
            records.search_records,
        ),
    ]


def all_schedules(retention: Retention | None = None) -> list:
    """Every schedule, in the order the daily job applies them: cases before residents (a
    resident whose last case goes today goes too), then the records."""
    retention = retention or council_retention()
    cases = [CaseSchedule(kind, retention.cases.for_kind(kind)) for kind in CaseKind]
    residents = ResidentSchedule(retention.records.inactive_residents)
    return [*cases, residents, *activity_schedules(retention), *record_schedules(retention)]
