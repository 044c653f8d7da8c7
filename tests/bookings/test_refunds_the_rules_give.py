"""The refunds a booking's rules give are issued by the system, by a job queued when the act that
gave them commits: no finance officer is asked, running the job twice refunds once, and a refund
the provider refuses stays due (and visible) while it is tried again."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from opencex.accounts.models import Role
from opencex.bookings import changes, services
from opencex.bookings.models import Booking, Slot, Status
from opencex.bookings.payment_purpose import (
    RefundNotIssued,
    issue_refund_due,
    issue_refund_due_job,
)
from opencex.catalogue.models import Service
from opencex.events.models import Event
from opencex.payments.models import Payment, PaymentEvent, Refund, RefundStatus
from opencex.payments.models import TestProviderSession as ProviderSession
from opencex.payments.providers import test_provider
from opencex.payments.reconciliation import reconcile_payments
from opencex.payments.services import record_unanswered_refund, refund_payment, settle_payment
from tests.bookings.conftest import key, london
from tests.factories import UserFactory

THURSDAY_NOON = london(2026, 9, 3, 12)
SUCCEEDS = "4444333322221111"


@pytest.fixture(autouse=True)
def clock(settings):
    settings.OPENCEX_PAYMENT_PROVIDER = "test"
    settings.OPENCEX_SITE_URL = "http://testserver"
    with time_machine.travel(THURSDAY_NOON, tick=False) as traveller:
        yield traveller


def confirmed(resident) -> Booking:
    booking = services.hold_slot(
        actor=resident.user,
        resident=resident,
        service="book-bulky-waste-collection",
        slot=Slot.objects.get(resource="round-east", day="2026-09-07"),
        details={"items": {"furniture": 2}},
        email=resident.email,
        idempotency_key=key(),
        address="1 Barton Road, Oxford",
        postcode="OX3 9AA",
    )
    payment = services.pay_for_booking(
        actor=resident.user, booking=booking, return_url="/book/return/"
    )
    test_provider.pay_with_card(payment.provider_payment_id, SUCCEEDS)
    settle_payment(payment=payment)
    booking.refresh_from_db()
    assert booking.status == Status.CONFIRMED
    return booking


def _refund_jobs():
    return DBTaskResult.objects.filter(task_path=issue_refund_due_job.module_path)


def test_a_residents_cancellation_before_the_cut_off_is_refunded_by_the_worker_with_no_officer(
    resident, slots, run_jobs
):
    booking = confirmed(resident)
    changes.cancel_booking(actor=resident.user, booking=booking)
    run_jobs()  # the real database worker, after the cancellation committed

    booking.refresh_from_db()
    assert (booking.refund_due_pence, booking.refunded_pence) == (0, 4400)
    refund = Refund.objects.get()
    assert (refund.amount_pence, refund.status, refund.requested_by) == (
        4400,
        RefundStatus.SUCCESS,
        None,
    )
    assert refund.because == f"the rules of booking {booking.reference}"
    assert ProviderSession.objects.get().refunded_pence == 4400
    asked = PaymentEvent.objects.get(refund=refund, to_status=RefundStatus.SUBMITTED)
    assert (asked.actor, asked.because) == (None, refund.because)
    assert Event.objects.filter(topic="payment.refunded").count() == 1
    assert list(booking.events.values_list("what", flat=True))[-4:] == [
        "cancelled",
        "refund due",
        "refund asked for",
        "refunded",
    ]


@pytest.mark.django_db
def test_the_refund_is_queued_with_the_cancellation_and_not_if_it_rolls_back(resident, slots):
    booking = confirmed(resident)
    with pytest.raises(PermissionDenied):
        changes.cancel_booking(actor=UserFactory(role=Role.RESIDENT), booking=booking)
    assert not _refund_jobs().exists()
    changes.cancel_booking(actor=resident.user, booking=booking)
    job = _refund_jobs().get()
    assert job.args_kwargs["kwargs"] == {"booking_id": booking.pk}


@pytest.mark.django_db
def test_running_the_refund_job_twice_refunds_once(resident, slots):
    booking = confirmed(resident)
    changes.cancel_booking(actor=resident.user, booking=booking)
    assert issue_refund_due_job.call(booking_id=booking.pk) == 4400
    assert issue_refund_due_job.call(booking_id=booking.pk) == 0
    assert Refund.objects.get().amount_pence == 4400
    assert Payment.objects.get().refunded_pence == 4400
    booking.refresh_from_db()
    assert (booking.refund_due_pence, booking.refunded_pence) == (0, 4400)


@pytest.mark.django_db
def test_a_refund_the_provider_refuses_stays_due_visible_and_is_tried_again(
    resident, slots, client
):
    booking = confirmed(resident)
    # The provider's own record says less is left than we think, so it refuses (GOV.UK Pay's 412).
    ProviderSession.objects.update(refunded_pence=100)
    changes.cancel_booking(actor=resident.user, booking=booking)
    _refund_jobs().delete()  # run it here instead of by the worker
    with pytest.raises(RefundNotIssued):
        issue_refund_due_job.call(booking_id=booking.pk)

    booking.refresh_from_db()
    assert (booking.refund_due_pence, booking.refunded_pence) == (4400, 0)
    assert booking.events.filter(what="refund not issued").count() == 1
    assert Payment.objects.get().refunded_pence == 0  # the reservation was given back
    assert Refund.objects.get().status == RefundStatus.ERROR
    retry = _refund_jobs().get()
    assert retry.args_kwargs["kwargs"] == {"booking_id": booking.pk, "attempt": 2}

    # Finance for the service (its team's manager) sees it due on the booking's page, and can
    # have it tried now.
    manager = UserFactory(
        role=Role.TEAM_MANAGER, teams=[Service.objects.get(slug=booking.service).team]
    )
    client.force_login(manager)
    url = reverse("staff:booking", args=[booking.reference])
    assert "Try the refund of £44.00 now" in client.get(url).content.decode()
    refused = client.post(reverse("staff:booking-refund", args=[booking.reference]))
    assert refused.status_code == 400
    assert "refused the refund again" in refused.content.decode()
    ProviderSession.objects.update(refunded_pence=0)
    client.post(reverse("staff:booking-refund", args=[booking.reference]))
    booking.refresh_from_db()
    assert (booking.refund_due_pence, booking.refunded_pence) == (0, 4400)
    assert "Try the refund" not in client.get(url).content.decode()
    # The retry the job queued finds nothing left to do.
    assert issue_refund_due_job.call(booking_id=booking.pk, attempt=2) == 0
    assert Refund.objects.filter(status=RefundStatus.SUCCESS).count() == 1


@pytest.mark.django_db
def test_a_refund_that_finally_fails_is_not_tried_again_and_stays_due(resident, slots):
    booking = confirmed(resident)
    ProviderSession.objects.update(refunded_pence=100)
    changes.cancel_booking(actor=resident.user, booking=booking)
    _refund_jobs().delete()
    with pytest.raises(RefundNotIssued):
        issue_refund_due_job.call(booking_id=booking.pk, attempt=5)
    assert not _refund_jobs().exists()
    booking.refresh_from_db()
    assert booking.refund_due_pence == 4400


@pytest.mark.django_db
@pytest.mark.parametrize("role", [Role.CONTACT_CENTRE, Role.CASEWORKER, Role.RESIDENT])
def test_only_finance_may_have_a_refund_due_tried_again(resident, slots, role):
    booking = confirmed(resident)
    changes.cancel_booking(actor=resident.user, booking=booking)
    with pytest.raises(PermissionDenied):
        issue_refund_due(actor=UserFactory(role=role), booking=booking)
    assert not Refund.objects.exists()


@pytest.mark.django_db
def test_a_refund_the_provider_fails_later_is_due_again_and_queued_not_counted_refunded(
    resident, slots, settings, clock
):
    settings.OPENCEX_TEST_PAYMENT_PROVIDER_REFUNDS = "later"  # "submitted" first, as GOV.UK Pay
    booking = confirmed(resident)
    changes.cancel_booking(actor=resident.user, booking=booking)
    _refund_jobs().delete()
    assert issue_refund_due_job.call(booking_id=booking.pk) == 0  # asked for, not yet made
    booking.refresh_from_db()
    assert (booking.refund_due_pence, booking.refunded_pence) == (0, 0)
    refund = Refund.objects.get()
    assert refund.status == RefundStatus.SUBMITTED

    test_provider.settle_refund_at_provider(refund.provider_refund_id, RefundStatus.ERROR)
    clock.shift(timedelta(minutes=10))
    reconcile_payments()

    booking.refresh_from_db()
    assert (booking.refund_due_pence, booking.refunded_pence) == (4400, 0)
    assert Payment.objects.get().refunded_pence == 0
    assert booking.events.filter(what="refund not issued").count() == 1
    assert _refund_jobs().get().args_kwargs["kwargs"] == {"booking_id": booking.pk}
    # Tried again, it is made, and only then counted as refunded.
    settings.OPENCEX_TEST_PAYMENT_PROVIDER_REFUNDS = "at_once"
    assert issue_refund_due_job.call(booking_id=booking.pk) == 4400
    booking.refresh_from_db()
    assert (booking.refund_due_pence, booking.refunded_pence) == (0, 4400)


@pytest.mark.django_db
def test_a_refund_the_provider_settles_later_is_counted_refunded_once_when_it_succeeds(
    resident, slots, settings, clock
):
    settings.OPENCEX_TEST_PAYMENT_PROVIDER_REFUNDS = "later"
    booking = confirmed(resident)
    changes.cancel_booking(actor=resident.user, booking=booking)
    _refund_jobs().delete()
    issue_refund_due_job.call(booking_id=booking.pk)
    refund = Refund.objects.get()
    test_provider.settle_refund_at_provider(refund.provider_refund_id, RefundStatus.SUCCESS)
    clock.shift(timedelta(minutes=10))
    reconcile_payments()
    reconcile_payments()
    booking.refresh_from_db()
    assert (booking.refund_due_pence, booking.refunded_pence) == (0, 4400)
    assert booking.events.filter(what="refunded").count() == 1


@pytest.mark.django_db
def test_a_worker_killed_after_taking_the_refund_due_leaves_it_reserved_and_reported(
    resident, slots, clock
):
    booking = confirmed(resident)
    changes.cancel_booking(actor=resident.user, booking=booking)
    _refund_jobs().delete()
    # The provider's side breaks in a way no adapter expects: as if the worker died mid-call.
    ProviderSession.objects.all().delete()
    with pytest.raises(ProviderSession.DoesNotExist):
        issue_refund_due_job.call(booking_id=booking.pk)
    booking.refresh_from_db()
    refund = Refund.objects.get()
    # Neither lost (nothing due, nothing refunded, nothing reserved) nor due twice.
    assert (booking.refund_due_pence, booking.refunded_pence) == (0, 0)
    assert (refund.status, refund.provider_refund_id, refund.amount_pence) == (
        "submitted",
        "",
        4400,
    )
    assert Payment.objects.get().refunded_pence == 4400
    assert issue_refund_due_job.call(booking_id=booking.pk, attempt=2) == 0  # the retry: no more
    clock.shift(timedelta(minutes=10))
    assert "no answer from the provider" in reconcile_payments().problems
    # Finance finds no such refund at the provider: it is due on the booking again, and queued.
    _refund_jobs().delete()
    record_unanswered_refund(actor=UserFactory(role=Role.TEAM_MANAGER), refund=refund, made=False)
    booking.refresh_from_db()
    assert (booking.refund_due_pence, booking.refunded_pence) == (4400, 0)
    assert _refund_jobs().get().args_kwargs["kwargs"] == {"booking_id": booking.pk}


@pytest.mark.django_db
def test_finance_cannot_refund_a_bookings_payment_from_the_payment_page(resident, slots, client):
    booking = confirmed(resident)
    payment = Payment.objects.get()
    finance = UserFactory(role=Role.TEAM_MANAGER)
    with pytest.raises(ValidationError) as refused:
        refund_payment(actor=finance, payment=payment, amount_pence=4400, reason="Sorry")
    booking_page = reverse("staff:booking", args=[booking.reference])
    assert booking_page in str(refused.value)
    assert not Refund.objects.exists()

    client.force_login(finance)
    page = client.get(reverse("staff:payment", args=[payment.reference])).content.decode()
    assert f'href="{booking_page}"' in page
    assert 'name="amount"' not in page
    posted = client.post(
        reverse("staff:payment-refund", args=[payment.reference]),
        {"amount": "44.00", "reason": "Sorry", "key": "k"},
    )
    assert posted.status_code == 400
    assert not Refund.objects.exists()
    booking.refresh_from_db()
    assert (booking.status, booking.refunded_pence) == (Status.CONFIRMED, 0)
