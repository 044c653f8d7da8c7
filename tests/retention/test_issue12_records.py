"""The retention schedule over what issue 12 added: payments (kept for the accounting period
after their financial year, then anonymised with their audit trail redacted through the
database's triggers), bookings (anonymised after the day they took place, and counted as a
resident's activity), outbound events (deleted once delivered or dead-lettered), housing imports
and ended tenancies (deleted), GeoReport requests (blanked with their case); erasure on request
refused while the law needs a payment kept; the subject access export lists payments and
tenancies. Dates are pinned, and each boundary is checked on the day before and the day itself."""

from __future__ import annotations

import datetime as dt
import io
import json
import tomllib
import zipfile
from decimal import Decimal

import pytest
import time_machine
from django.db import DatabaseError, connection, transaction
from django.urls import reverse
from django.utils import timezone

from opencex.accounts.models import Role
from opencex.audit.records import REMOVED_UNDER_RETENTION
from opencex.bookings.models import Booking, BookingEvent, Slot
from opencex.bookings.models import Status as BookingStatus
from opencex.cases.models import CaseKind, Status
from opencex.council.profile import PROFILES_DIR, Period, ProfileError, parse_profile
from opencex.events.models import Delivery, DeliveryStatus, Event, Subscription
from opencex.housing.models import (
    ImportRun,
    ImportSource,
    MemberRole,
    Priority,
    RentTransaction,
    Repair,
    Tenancy,
    TenancyMember,
    TenancyType,
    TransactionKind,
)
from opencex.inforights.export import export_everything_about
from opencex.open311.models import GeoReportRequest
from opencex.payments.models import (
    Payment,
    PaymentEvent,
    PaymentEventKind,
    PaymentStatus,
    ReconciliationRun,
    Refund,
    RefundStatus,
    TestProviderSession,
)
from opencex.people.models import Resident
from opencex.retention.actions import ErasureRefused, erase_resident
from opencex.retention.models import AnonymisedResident
from opencex.retention.runs import apply_retention
from tests.factories import CaseFactory, PropertyFactory, ResidentFactory, UserFactory
from tests.retention.conftest import at

pytestmark = pytest.mark.django_db

DAY = dt.timedelta(days=1)


def _run(day: str, **options):
    with time_machine.travel(at(day, 12), tick=False):
        return apply_retention(dt.date.fromisoformat(day), **options)


def _counts(report) -> dict[str, int]:
    return {line.schedule: line.count for line in report.lines}


@pytest.fixture
def governance():
    return UserFactory(role=Role.INFORMATION_GOVERNANCE, full_name="Ines Governance")


@pytest.fixture
def resident():
    return ResidentFactory(full_name="Ada Okonkwo", email="ada@example.org")


def _paid(resident, day: str, reference: str = "PAY-1", *, refund_reason: str = "") -> Payment:
    """A payment paid on `day` by card, as the test provider saw it, with its audit trail."""
    with time_machine.travel(at(day), tick=False):
        payment = Payment.objects.create(
            reference=reference,
            idempotency_key=f"key-{reference}",
            provider="test",
            provider_payment_id=f"tp-{reference}",
            return_url="/pay/done",
            amount_pence=2200,
            description="Bulky waste collection BW-1234",
            purpose="booking",
            purpose_id="BW-1234",
            resident=resident,
            email="ada@example.org",
            status=PaymentStatus.SUCCESS,
            card_last_digits="4242",
            settled_at=timezone.now(),
        )
        TestProviderSession.objects.create(
            id=f"tp-{reference}",
            amount_pence=2200,
            reference=reference,
            description="Bulky waste collection",
            return_url="/pay/done",
            email="ada@example.org",
            card_last_digits="4242",
            state=TestProviderSession.State.SUCCESS,
            created_at=timezone.now(),
            expires_at=timezone.now(),
        )
        PaymentEvent.objects.create(
            payment=payment,
            kind=PaymentEventKind.STATUS_CHANGED,
            to_status=PaymentStatus.SUCCESS,
            because="provider",
            detail="Paid by Ada Okonkwo",
        )
        if refund_reason:
            refund = Refund.objects.create(
                payment=payment,
                amount_pence=1000,
                reason=refund_reason,
                because="booking_cancelled",
                status=RefundStatus.SUCCESS,
            )
            PaymentEvent.objects.create(
                payment=payment,
                refund=refund,
                kind=PaymentEventKind.REFUND_STATUS_CHANGED,
                detail=f"1000p: {refund_reason}",
                because="booking_cancelled",
            )
            Payment.objects.filter(pk=payment.pk).update(
                refunded_pence=1000, updated_at=timezone.now()
            )
        ReconciliationRun.objects.create(looked_at=1, settled=1)
    return payment


def _booking(resident, day: str, reference: str = "BW-1234", **fields) -> Booking:
    """A bulky waste collection on `day`, booked a week before."""
    starts = at(day, 7)
    slot = Slot.objects.create(
        service="bulky-waste",
        resource=f"round-{reference}",
        day=starts.date(),
        starts_at=starts,
        ends_at=starts + dt.timedelta(hours=8),
        capacity=10,
        taken=1,
    )
    with time_machine.travel(starts - dt.timedelta(days=7), tick=False):
        booking = Booking.objects.create(
            reference=reference,
            service="bulky-waste",
            slot=slot,
            units=1,
            resident=resident,
            email=resident.email,
            address="1 Cowley Road",
            postcode="OX4 1AA",
            where_left="By the side gate",
            concession_benefit="Pension Credit",
            price_pence=2200,
            status=fields.pop("status", BookingStatus.CONFIRMED),
            hold_expires_at=timezone.now(),
            idempotency_key=f"idem-{reference}",
            **fields,
        )
        BookingEvent.objects.create(booking=booking, what="confirmed", detail="Ada phoned")
    return booking


# ---- payments ----------------------------------------------------------------------------------


def test_a_payment_is_kept_six_years_after_its_financial_year_then_anonymised(resident):
    payment = _paid(resident, "2020-03-10", refund_reason="Ada's sofa was collected already")

    assert _counts(_run("2026-03-31"))["records.payments"] == 0
    report = _run("2026-04-01")

    assert _counts(report)["records.payments"] == 1
    payment.refresh_from_db()
    # What the accounts need stays.
    assert (payment.reference, payment.amount_pence, payment.refunded_pence) == (
        "PAY-1",
        2200,
        1000,
    )
    assert (payment.purpose, payment.purpose_id, payment.status) == (
        "booking",
        "BW-1234",
        PaymentStatus.SUCCESS,
    )
    assert payment.settled_at is not None
    # What identifies the payer goes.
    assert (payment.email, payment.resident, payment.card_last_digits) == ("", None, "")
    assert payment.refunds.get().reason == ""
    assert payment.refunds.get().amount_pence == 1000
    session = TestProviderSession.objects.get(pk="tp-PAY-1")
    assert (session.email, session.card_last_digits) == ("", "")
    # The audit trail is redacted, never deleted.
    events = PaymentEvent.objects.filter(payment=payment)
    assert events.count() == 2
    assert {(e.detail, e.redacted_at is not None) for e in events} == {
        (REMOVED_UNDER_RETENTION, True)
    }
    assert not ReconciliationRun.objects.exists()


def test_a_payment_of_the_next_financial_year_is_kept_a_year_longer(resident):
    _paid(resident, "2020-04-01")

    assert _counts(_run("2026-04-01"))["records.payments"] == 0
    assert _counts(_run("2027-03-31"))["records.payments"] == 0
    assert _counts(_run("2027-04-01"))["records.payments"] == 1


def test_a_late_refund_counts_from_its_own_financial_year(resident):
    payment = _paid(resident, "2020-03-10")
    with time_machine.travel(at("2020-05-01"), tick=False):
        Payment.objects.filter(pk=payment.pk).update(updated_at=timezone.now())

    assert _counts(_run("2026-04-01"))["records.payments"] == 0
    assert _counts(_run("2027-04-01"))["records.payments"] == 1


def test_the_database_refuses_any_other_change_to_a_payment_s_audit_trail(resident):
    payment = _paid(resident, "2020-03-10")
    _run("2026-04-01")
    event = PaymentEvent.objects.get(payment=payment)

    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            "UPDATE payments_paymentevent SET detail = %s WHERE id = %s", ["Put back", event.pk]
        )
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM payments_paymentevent WHERE id = %s", [event.pk])


# ---- bookings ----------------------------------------------------------------------------------


def test_a_booking_is_anonymised_two_years_after_the_day_it_took_place(resident):
    booking = _booking(resident, "2021-03-10")

    assert _counts(_run("2023-03-09"))["records.bookings"] == 0
    assert _counts(_run("2023-03-10"))["records.bookings"] == 1

    booking.refresh_from_db()
    assert (booking.email, booking.address, booking.postcode) == ("", "", "")
    assert (booking.where_left, booking.concession_benefit) == ("", "")
    assert (booking.reference, booking.price_pence, booking.status) == (
        "BW-1234",
        2200,
        BookingStatus.CONFIRMED,
    )
    assert BookingEvent.objects.get(booking=booking).detail == ""


def test_a_booking_keeps_a_resident_active(resident):
    """A resident with no case, whose record last changed in 2020, who had a collection in June
    2021: kept until 1 June 2023, not March 2022."""
    with time_machine.travel(at("2020-03-01"), tick=False):
        Resident.objects.filter(pk=resident.pk).update(updated_at=timezone.now())
    _booking(resident, "2021-06-01")

    assert _counts(_run("2022-03-02"))["residents"] == 0
    assert _counts(_run("2023-05-31"))["residents"] == 0
    assert _counts(_run("2023-06-01"))["residents"] == 1
    assert AnonymisedResident.objects.filter(resident=resident).exists()


def test_a_current_tenant_is_never_anonymised_as_inactive(resident):
    with time_machine.travel(at("2020-03-01"), tick=False):
        Resident.objects.filter(pk=resident.pk).update(updated_at=timezone.now())
    tenancy = _tenancy(resident, ended_on=None)

    assert _counts(_run("2024-03-02"))["residents"] == 0

    Tenancy.objects.filter(pk=tenancy.pk).update(ended_on=dt.date(2023, 1, 31))
    assert _counts(_run("2025-01-30"))["residents"] == 0
    assert _counts(_run("2025-01-31"))["residents"] == 1
    # The link to the housing system's person goes; the tenancy waits for its own period.
    assert not TenancyMember.objects.filter(resident=resident).exists()
    assert Tenancy.objects.filter(pk=tenancy.pk).exists()


# ---- outbound events ---------------------------------------------------------------------------


def _event(day: str, *statuses: str, fanned_out: bool = True) -> Event:
    with time_machine.travel(at(day), tick=False):
        event = Event.objects.create(
            topic="case.created",
            subject_type="case",
            subject_id="SR-1",
            data={"uprn": "100120000001"},
            occurred_at=timezone.now(),
            fanned_out_at=timezone.now() if fanned_out else None,
        )
    for number, status in enumerate(statuses):
        subscription, _ = Subscription.objects.get_or_create(
            name=f"Back office {number}",
            defaults={
                "url": f"https://bo{number}.example.org/hook",
                "secret": "s",
                "topics": ["*"],
            },
        )
        Delivery.objects.create(
            event=event, subscription=subscription, status=status, next_attempt_at=at(day)
        )
    return event


def test_an_event_is_deleted_90_days_after_it_was_delivered_or_dead_lettered_everywhere():
    delivered = _event("2026-01-01", DeliveryStatus.DELIVERED, DeliveryStatus.DEAD)
    waiting = _event("2026-01-01", DeliveryStatus.DELIVERED, DeliveryStatus.PENDING)
    being_sent = _event("2026-01-01", DeliveryStatus.DELIVERING)
    not_fanned_out = _event("2026-01-01", fanned_out=False)
    nobody_subscribed = _event("2026-01-01")

    assert _counts(_run("2026-03-31"))["records.outbound_events"] == 0
    assert _counts(_run("2026-04-01"))["records.outbound_events"] == 2

    left = set(Event.objects.values_list("pk", flat=True))
    assert left == {waiting.pk, being_sent.pk, not_fanned_out.pk}
    assert not Delivery.objects.filter(event_id__in=[delivered.pk, nobody_subscribed.pk]).exists()


# ---- housing -----------------------------------------------------------------------------------


def _tenancy(resident, *, ended_on: dt.date | None, reference: str = "T-1") -> Tenancy:
    tenancy = Tenancy.objects.create(
        housing_ref=reference,
        property=PropertyFactory(),
        tenancy_type=TenancyType.SECURE,
        started_on=dt.date(2010, 4, 5),
        ended_on=ended_on,
        charge_amount=Decimal("120.50"),
    )
    TenancyMember.objects.create(
        tenancy=tenancy, resident=resident, person_ref=f"P-{reference}", role=MemberRole.TENANT
    )
    RentTransaction.objects.create(
        transaction_ref=f"RT-{reference}",
        tenancy=tenancy,
        posted_on=dt.date(2019, 4, 1),
        kind=TransactionKind.CHARGE,
        amount=Decimal("120.50"),
    )
    return tenancy


def test_housing_imports_go_after_a_year_and_ended_tenancies_after_six(resident):
    ImportRun.objects.create(
        kind="tenancies",
        source=ImportSource.CSV,
        started_at=at("2025-03-10"),
        errors=[{"line": 3, "message": "No resident matches Ada Okonkwo"}],
    )
    ended = _tenancy(resident, ended_on=dt.date(2020, 3, 10), reference="T-OLD")
    current = _tenancy(resident, ended_on=None, reference="T-NOW")

    counts = _counts(_run("2026-03-09"))
    assert (counts["records.housing_imports"], counts["records.ended_tenancies"]) == (0, 0)
    counts = _counts(_run("2026-03-10"))
    assert (counts["records.housing_imports"], counts["records.ended_tenancies"]) == (1, 1)

    assert not ImportRun.objects.exists()
    assert list(Tenancy.objects.all()) == [current]
    assert not RentTransaction.objects.filter(tenancy_id=ended.pk).exists()


def test_an_ended_tenancy_waits_while_a_repair_s_case_is_kept(resident):
    ended = _tenancy(resident, ended_on=dt.date(2020, 3, 10))
    with time_machine.travel(at("2020-01-10"), tick=False):
        complaint = CaseFactory(
            kind=CaseKind.COMPLAINT, status=Status.CLOSED, closed_at=at("2021-01-10")
        )
        Repair.objects.create(
            tenancy=ended,
            case=complaint,
            description="Damp in the back bedroom",
            priority=Priority.URGENT,
            reported_at=timezone.now(),
        )

    assert _counts(_run("2026-03-10"))["records.ended_tenancies"] == 0
    # The complaint is anonymised on 10 January 2027 (6 years after it closed), its repair's
    # description with it; the tenancy goes then.
    assert _counts(_run("2027-01-10"))["records.ended_tenancies"] == 1
    assert not Tenancy.objects.exists()


# ---- GeoReport requests ------------------------------------------------------------------------


def test_a_georeport_request_is_blanked_when_its_case_is_anonymised():
    with time_machine.travel(at("2020-03-10"), tick=False):
        case = CaseFactory(
            kind=CaseKind.SERVICE_REQUEST, status=Status.CLOSED, closed_at=timezone.now()
        )
    partner = UserFactory(role=Role.PARTNER)
    GeoReportRequest.objects.create(
        case=case,
        partner=partner,
        lat=Decimal("51.752000"),
        long=Decimal("-1.257800"),
        address_string="Outside 1 Cowley Road",
        address_id="A1",
        media_url="https://fixmystreet.example.org/photo/1.jpeg",
        device_id="device-1",
        account_id="account-1",
    )

    _run("2022-03-10")

    sent = GeoReportRequest.objects.get(case=case)
    assert (sent.lat, sent.long) == (None, None)
    assert (sent.address_string, sent.address_id, sent.media_url) == ("", "", "")
    assert (sent.device_id, sent.account_id, sent.partner) == ("", "", partner)


# ---- the dry run and a second run --------------------------------------------------------------


def test_the_dry_run_counts_the_new_records_and_writes_nothing_and_a_second_run_removes_nothing(
    resident,
):
    _paid(resident, "2019-06-01")
    _booking(ResidentFactory(), "2019-06-01", reference="BW-2")
    _event("2019-06-01", DeliveryStatus.DELIVERED)
    ImportRun.objects.create(kind="rent", source=ImportSource.CSV, started_at=at("2019-06-01"))
    _tenancy(ResidentFactory(), ended_on=dt.date(2019, 6, 1))
    expected = {
        "records.payments": 1,
        "records.reconciliation_runs": 1,
        "records.bookings": 1,
        "records.outbound_events": 1,
        "records.housing_imports": 1,
        "records.ended_tenancies": 1,
    }

    dry = _counts(_run("2026-06-01", dry_run=True))
    assert {key: dry[key] for key in expected} == expected
    assert Payment.objects.get().email == "ada@example.org"
    assert (Event.objects.count(), ImportRun.objects.count(), Tenancy.objects.count()) == (1, 1, 1)

    real = _counts(_run("2026-06-01"))
    assert {key: real[key] for key in expected} == expected
    again = _counts(_run("2026-06-01"))
    assert {key: again[key] for key in expected} == dict.fromkeys(expected, 0)


# ---- erasure on request ------------------------------------------------------------------------


def _erase(resident, by, day: str):
    with time_machine.travel(at(day), tick=False):
        return erase_resident(resident, by=by, reason="She asked by letter.")


def test_erasure_is_refused_while_a_payment_must_be_kept_for_the_accounts(resident, governance):
    _paid(resident, "2024-05-03")

    with pytest.raises(ErasureRefused) as refused:
        _erase(resident, governance, "2026-03-09")

    assert refused.value.reasons == (
        "Payment PAY-1 of £22.00 (Bulky waste collection BW-1234) is a financial record the "
        "council must keep for its accounts until 1 April 2031 (6 years after the end of the "
        "financial year it was paid or last refunded in).",
    )


def test_erasure_after_the_accounting_period_anonymises_the_payments(resident, governance):
    payment = _paid(resident, "2019-05-03")

    _erase(resident, governance, "2026-04-01")

    payment.refresh_from_db()
    assert (payment.email, payment.resident, payment.card_last_digits) == ("", None, "")
    assert PaymentEvent.objects.get(payment=payment).detail == REMOVED_UNDER_RETENTION


def test_erasure_is_refused_for_a_booking_still_to_come_and_a_tenancy_not_ended(
    resident, governance
):
    _booking(resident, "2026-04-01")
    _tenancy(resident, ended_on=None)

    with pytest.raises(ErasureRefused) as refused:
        _erase(resident, governance, "2026-03-09")

    assert refused.value.reasons == (
        "Booking BW-1234 is still to take place, on 1 April 2026: cancel it first.",
        "They are on tenancy T-1, which has not ended: the housing management system holds the "
        "tenancy and its rent account, and the council needs them to manage it.",
    )


# ---- the subject access export -----------------------------------------------------------------


def test_the_subject_access_export_includes_payments_and_the_tenancy(resident, governance):
    _paid(resident, "2025-05-03", refund_reason="Collected already")
    _tenancy(resident, ended_on=None)

    export = export_everything_about(actor=governance, resident=resident)

    with zipfile.ZipFile(io.BytesIO(export.content)) as archive:
        files = {name.split("/", 1)[1]: name for name in archive.namelist()}
        payments = json.loads(archive.read(files["payments.json"]))
        housing = json.loads(archive.read(files["housing.json"]))
    assert [(p["reference"], p["card_last_digits"], p["email"]) for p in payments] == [
        ("PAY-1", "4242", "ada@example.org")
    ]
    assert payments[0]["refunds"][0]["reason"] == "Collected already"
    assert len(payments[0]["history"]) == 2
    assert [(t["tenancy"], t["you_are"]) for t in housing] == [("T-1", "Tenant")]
    assert housing[0]["rent_account"][0]["amount"] == "120.50"


def test_a_repair_reported_in_the_portal_loses_the_tenant_s_words_with_its_case(resident):
    current = _tenancy(resident, ended_on=None)
    with time_machine.travel(at("2020-03-10"), tick=False):
        case = CaseFactory(
            kind=CaseKind.SERVICE_REQUEST, status=Status.CLOSED, closed_at=timezone.now()
        )
        repair = Repair.objects.create(
            tenancy=current,
            case=case,
            room="kitchen",
            item="tap",
            problem="leaking",
            description="My son Tom noticed it dripping",
            priority=Priority.ROUTINE,
            reported_at=timezone.now(),
        )

    _run("2022-03-10")

    repair.refresh_from_db()
    assert (repair.room, repair.item, repair.problem, repair.description) == (
        "kitchen",
        "tap",
        "leaking",
        "",
    )


def test_erasure_leaves_another_resident_s_payment_from_the_same_address_alone(
    resident, governance
):
    sister = ResidentFactory(full_name="Bea Okonkwo", email="ada@example.org")
    hers = _paid(sister, "2019-05-03", reference="PAY-2")
    with_the_address_only = _paid(None, "2019-05-03", reference="PAY-3")

    _erase(resident, governance, "2026-04-01")

    hers.refresh_from_db()
    with_the_address_only.refresh_from_db()
    assert (hers.email, hers.resident) == ("ada@example.org", sister)
    assert with_the_address_only.email == ""


# ---- the staff pages ---------------------------------------------------------------------------


def test_the_retention_page_lists_the_new_schedules_and_what_a_run_anonymised(
    client, resident, governance
):
    _paid(resident, "2019-05-03")
    _run("2026-04-01")
    client.force_login(governance)

    page = client.get(reverse("staff:retention")).content.decode()

    assert (
        "Payments, with their refunds, 6 years after the end of the financial year it was paid "
        "or last refunded in</td>" in page
    )
    assert "Outbound events, with their deliveries" in page
    assert "Tenancies copied from the housing system" in page


def test_the_erasure_page_says_a_payment_must_be_kept_for_the_accounts(
    client, resident, governance
):
    _paid(resident, "2025-05-03")
    client.force_login(governance)

    page = client.get(reverse("staff:erase-resident", args=[resident.pk])).content.decode()

    assert "Payment PAY-1 of £22.00" in page
    assert "until 1 April 2032" in page
    assert "Erase their personal data</button>" not in page


# ---- the profile -------------------------------------------------------------------------------


def test_oxford_s_profile_sets_the_new_periods_and_the_financial_year():
    with (PROFILES_DIR / "oxford.toml").open("rb") as handle:
        raw = tomllib.load(handle)
    retention = parse_profile(raw).retention
    assert retention.records.payments == Period(6, "years")
    assert retention.records.bookings == Period(2, "years")
    assert retention.records.outbound_events == Period(90, "days")
    assert retention.financial_year_starts_in == 4

    with pytest.raises(ProfileError, match="financial_year_starts_in"):
        parse_profile({**raw, "retention": {"financial_year_starts_in": 13}})
