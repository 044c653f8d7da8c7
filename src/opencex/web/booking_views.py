"""Booking a service online (opencex.bookings): details, a date, check and pay, the return from
the payment page, then the booking itself (calendar file, cancel, move). A signed-in resident
books for themselves; every act is a bookings service, these views only parse and render."""

from __future__ import annotations

import contextlib
import secrets
from datetime import timedelta

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from opencex import ratelimits
from opencex.bookings import changes, policies, services
from opencex.bookings.booking_forms import DetailsForm, SlotForm, hold_asked_slot
from opencex.bookings.calendar_file import calendar_file
from opencex.bookings.changes import refund_if_cancelled_now
from opencex.bookings.config import bookings_config
from opencex.bookings.models import Booking, Slot, Status
from opencex.bookings.presenting import describe, describe_all, service_title, slot_choices
from opencex.bookings.services import BookingProblem
from opencex.catalogue.models import Service
from opencex.clientaddress import client_address
from opencex.payments.money import pounds
from opencex.payments.providers.base import ProviderError
from opencex.payments.services import settle_payment
from opencex.people.models import Resident
from opencex.requestguard import database_id
from opencex.web.account_views import is_signed_in_resident

ASKED_KEY = "booking_asked"
from opencex.web.account_views import AFTER_SIGN_IN_KEY  # noqa: E402

# Holds a resident may start in an hour: enough for real use, not for locking a round's days.
HOLDS_PER_HOUR = 10


def online_route(service) -> str | None:
    """Where a resident books this catalogue service online, or None if it is not bookable."""
    if bookings_config().bookable(service.slug) is None:
        return None
    return reverse("web:book-start", args=[service.slug])


def _bookable_or_404(slug: str):
    bookable = bookings_config().bookable(slug)
    if bookable is None:
        raise Http404
    return bookable


def _resident(request: HttpRequest) -> Resident:
    resident = Resident.objects.filter(user=request.user).first()
    if resident is None:
        raise PermissionDenied
    return resident


@never_cache
@require_http_methods(["GET", "POST"])
def book_start(request: HttpRequest, slug: str) -> HttpResponse:
    bookable = _bookable_or_404(slug)
    service = get_object_or_404(Service, slug=slug)
    if not is_signed_in_resident(request):
        request.session[AFTER_SIGN_IN_KEY] = request.path
        return render(request, "web/bookings/sign_in_first.html", {"service": service})
    resident = _resident(request)
    form = DetailsForm(request.POST or None, bookable=bookable, initial={"email": resident.email})
    if request.method == "POST" and form.is_valid():
        asked = form.checked_answers(slug)
        if asked is not None:
            request.session[ASKED_KEY] = {"service": slug, **asked}
            return redirect("web:book-date", slug=slug)
    return render(
        request,
        "web/bookings/start.html",
        {"service": service, "bookable": bookable, "form": form},
        status=400 if form.errors else 200,
    )


@never_cache
@require_http_methods(["GET", "POST"])
def book_date(request: HttpRequest, slug: str) -> HttpResponse:
    bookable = _bookable_or_404(slug)
    asked = request.session.get(ASKED_KEY)
    if not is_signed_in_resident(request) or not asked or asked.get("service") != slug:
        return redirect("web:book-start", slug=slug)
    resident = _resident(request)
    form = SlotForm(request.POST or None, initial={"token": secrets.token_urlsafe(24)})
    if request.method == "POST" and form.is_valid():
        slot = form.chosen_slot()
        if slot is None:
            form.add_error("slot", _("Select a date"))
        elif not ratelimits.allow(
            scope="booking-hold",
            values=[client_address(request), str(resident.pk)],
            limit=HOLDS_PER_HOUR,
            window=timedelta(hours=1),
        ):
            form.add_error("slot", _("You have started too many bookings. Try again in an hour"))
        else:
            try:
                booking = hold_asked_slot(
                    actor=request.user,
                    resident=resident,
                    service=slug,
                    slot=slot,
                    asked=asked,
                    idempotency_key=f"web-{form.cleaned_data['token']}",
                )
            except BookingProblem as problem:
                form.add_error("slot", problem.message)
            else:
                return redirect("web:booking-pay", reference=booking.reference)
    return render(
        request,
        "web/bookings/date.html",
        {
            "title": service_title(slug),
            "slug": slug,
            "choices": slot_choices(bookable, asked["details"], asked["resource"]),
            "form": form,
            "token": form["token"].value(),
        },
        status=400 if form.errors else 200,
    )


def _own_booking(request: HttpRequest, reference: str) -> Booking:
    booking = get_object_or_404(
        Booking.objects.select_related("slot", "resident"), reference=reference
    )
    if not policies.can_view_booking(request.user, booking):
        raise Http404  # the same answer as a booking that does not exist
    return booking


def _summary(booking: Booking) -> dict:
    described = describe(booking)
    return {"booking": booking, "described": described, "total": "£" + pounds(booking.total_pence)}


@never_cache
@require_http_methods(["GET", "POST"])
def booking_pay(request: HttpRequest, reference: str) -> HttpResponse:
    booking = _own_booking(request, reference)
    if booking.status != Status.HELD:
        return redirect("web:booking", reference=reference)
    problem = None
    if request.method == "POST":
        try:
            payment = services.pay_for_booking(
                actor=request.user,
                booking=booking,
                return_url=reverse("web:booking-return", args=[reference]),
            )
        except BookingProblem as error:
            problem = error.message
        except ProviderError:
            # Nothing was taken and the hold stands: the page says so and offers to try again.
            booking.refresh_from_db()
            return render(
                request,
                "web/bookings/unavailable.html",
                {**_summary(booking), "minutes_left": _minutes_left(booking)},
                status=503,
            )
        else:
            return redirect(
                payment.next_url if payment else reverse("web:booking", args=[reference])
            )
    return render(
        request,
        "web/bookings/pay.html",
        {**_summary(booking), "problem": problem, "minutes_left": _minutes_left(booking)},
        status=400 if problem else 200,
    )


def _minutes_left(booking: Booking) -> int:
    return max(int((booking.hold_expires_at - timezone.now()).total_seconds() // 60), 0)


@never_cache
def booking_return(request: HttpRequest, reference: str) -> HttpResponse:
    """Where the payment page sends the resident back: ask the provider (never trust the return
    alone), then show what happened."""
    booking = _own_booking(request, reference)
    from opencex.bookings.payment_purpose import payment_of

    payment = payment_of(booking)
    if payment is not None:
        # If the provider cannot be asked now, the booking stays held and the page says we are
        # waiting to hear; reconciliation settles the payment and confirms (or releases) it.
        with contextlib.suppress(ProviderError):
            settle_payment(payment=payment)
        booking.refresh_from_db()
    return render(request, "web/bookings/return.html", {**_summary(booking), "payment": payment})


@never_cache
def booking_detail(request: HttpRequest, reference: str) -> HttpResponse:
    booking = _own_booking(request, reference)
    acts = policies.available_actions(request.user, booking)
    return render(
        request,
        "web/bookings/booking.html",
        {
            **_summary(booking),
            "may_change": "cancel" in acts,
            "may_move": "move" in acts,
            "refund_now": "£" + pounds(refund_if_cancelled_now(booking))
            if "cancel" in acts
            else "",
        },
    )


@never_cache
def booking_calendar(request: HttpRequest, reference: str) -> HttpResponse:
    booking = _own_booking(request, reference)
    if booking.status not in (Status.CONFIRMED, Status.CANCELLED):
        raise Http404
    response = HttpResponse(calendar_file(booking), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{booking.reference}.ics"'
    return response


@never_cache
@require_http_methods(["GET", "POST"])
def booking_cancel(request: HttpRequest, reference: str) -> HttpResponse:
    booking = _own_booking(request, reference)
    problem = None
    if request.method == "POST" and booking.status == Status.CANCELLED:
        return redirect("web:booking", reference=reference)  # a second click: already done
    if request.method == "POST":
        try:
            changes.cancel_booking(actor=request.user, booking=booking)
        except BookingProblem as error:
            problem = error.message
        else:
            messages.success(request, _("Your booking is cancelled."))
            return redirect("web:booking", reference=reference)
    if "cancel" not in policies.available_actions(request.user, booking):
        return redirect("web:booking", reference=reference)
    refund_now = refund_if_cancelled_now(booking)
    return render(
        request,
        "web/bookings/cancel.html",
        {
            **_summary(booking),
            "refund": "£" + pounds(refund_now),
            "refund_pence": refund_now,
            "nothing_paid": booking.total_pence == 0,
            "problem": problem,
        },
        status=400 if problem else 200,
    )


@never_cache
@require_http_methods(["GET", "POST"])
def booking_move(request: HttpRequest, reference: str) -> HttpResponse:
    booking = _own_booking(request, reference)
    if "move" not in policies.available_actions(request.user, booking):
        return redirect("web:booking", reference=reference)
    bookable = bookings_config().bookable(booking.service)
    form = SlotForm(request.POST or None, initial={"token": "move"})
    if request.method == "POST" and form.is_valid():
        slot = Slot.objects.filter(pk=database_id(str(form.cleaned_data["slot"]))).first()
        if slot is not None and slot.pk == booking.slot_id:
            return redirect("web:booking", reference=reference)  # a second click: already moved
        try:
            if slot is None:
                raise BookingProblem("slot", _("Select a date"))
            changes.move_booking(actor=request.user, booking=booking, to_slot=slot)
        except BookingProblem as error:
            form.add_error("slot", error.message)
        else:
            messages.success(request, _("Your booking has moved."))
            return redirect("web:booking", reference=reference)
    asked = {
        "details": booking.details,
        "resource": booking.slot.resource if bookable.kind != "room" else "",
    }
    choices = [
        c
        for c in slot_choices(bookable, asked["details"], asked["resource"])
        if c["slot"].pk != booking.slot_id
    ]
    return render(
        request,
        "web/bookings/move.html",
        {**_summary(booking), "choices": choices, "form": form, "token": "move"},
        status=400 if form.errors else 200,
    )


def resident_bookings(user):
    """The signed-in resident's bookings for their account page, newest date first."""
    bookings = (
        policies.visible_bookings(user)
        .filter(status__in=[Status.CONFIRMED, Status.CANCELLED, Status.REFUSED])
        .select_related("slot", "resident")
        .order_by("-slot__starts_at")[:50]
    )
    return [{"booking": b, "described": d} for b, d in describe_all(bookings)]
