"""An officer takes a booking for a named resident, on the phone or at the desk, through the
same steps and services as the resident's own journey: details, a date, then the payment (card
holder not present on the phone), recorded as an assisted-digital contact by the payment."""

from __future__ import annotations

import secrets

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from opencex.bookings import policies, services
from opencex.bookings.booking_forms import DetailsForm, SlotForm, hold_asked_slot
from opencex.bookings.config import bookings_config
from opencex.bookings.models import Booking, Channel, Status
from opencex.bookings.payment_purpose import payment_of
from opencex.bookings.presenting import describe, service_title, slot_choices
from opencex.bookings.services import BookingProblem
from opencex.contacts import lines
from opencex.dates_in_language import clock_time
from opencex.payments.money import pounds
from opencex.payments.providers.base import ProviderError
from opencex.payments.services import settle_payment
from opencex.people.models import Resident
from opencex.staff.access import staff_only

ASKED_KEY = "staff_booking_asked"


class HowForm(forms.Form):
    channel = forms.ChoiceField(
        label=gettext_lazy("How is the resident booking?"),
        choices=[
            (Channel.PHONE, gettext_lazy("On the phone")),
            (Channel.FACE_TO_FACE, gettext_lazy("At the desk")),
        ],
        error_messages={"required": gettext_lazy("Select how the resident is booking")},
    )
    place = forms.ChoiceField(label=gettext_lazy("Where (at the desk)"), required=False)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["place"].choices = [("", ""), *list(lines.place_choices())]

    def clean(self):
        data = super().clean()
        if data.get("channel") == Channel.FACE_TO_FACE and not data.get("place"):
            self.add_error("place", _("Select where you saw the resident"))
        return data


def _resident_and_bookable(request: HttpRequest, resident_id: int, slug: str):
    resident = get_object_or_404(Resident, pk=resident_id)
    if not policies.is_booking_officer(request.user) or not policies.can_book_for(
        request.user, resident, slug
    ):
        raise PermissionDenied
    bookable = bookings_config().bookable(slug)
    if bookable is None:
        raise Http404
    return resident, bookable


@staff_only
@require_http_methods(["GET", "POST"])
def book_for_resident(request: HttpRequest, resident_id: int, slug: str) -> HttpResponse:
    resident, bookable = _resident_and_bookable(request, resident_id, slug)
    data = request.POST or None
    form = DetailsForm(data, bookable=bookable, initial={"email": resident.email}, prefix="d")
    how = HowForm(data, prefix="h")
    if request.method == "POST" and form.is_valid() and how.is_valid():
        asked = form.checked_answers(slug)
        if asked is not None:
            request.session[ASKED_KEY] = {
                "service": slug,
                "resident": resident.pk,
                **asked,
                "channel": how.cleaned_data["channel"],
                "place": how.cleaned_data["place"],
            }
            return redirect("staff:book-for-resident-date", resident_id=resident.pk, slug=slug)
    return render(
        request,
        "staff/bookings/take_details.html",
        {
            "resident": resident,
            "bookable": bookable,
            "title": service_title(slug),
            "form": form,
            "how": how,
        },
        status=400 if form.errors or how.errors else 200,
    )


@staff_only
@require_http_methods(["GET", "POST"])
def choose_date(request: HttpRequest, resident_id: int, slug: str) -> HttpResponse:
    resident, bookable = _resident_and_bookable(request, resident_id, slug)
    asked = request.session.get(ASKED_KEY)
    if not asked or asked.get("service") != slug or asked.get("resident") != resident.pk:
        return redirect("staff:book-for-resident", resident_id=resident.pk, slug=slug)
    form = SlotForm(request.POST or None, initial={"token": secrets.token_urlsafe(24)})
    if request.method == "POST" and form.is_valid():
        slot = form.chosen_slot()
        try:
            if slot is None:
                raise BookingProblem("slot", _("Select a date"))
            booking = hold_asked_slot(
                actor=request.user,
                resident=resident,
                service=slug,
                slot=slot,
                asked=asked,
                idempotency_key=f"staff-{form.cleaned_data['token']}",
            )
        except BookingProblem as problem:
            form.add_error("slot", problem.message)
        else:
            request.session[f"booking-place-{booking.reference}"] = asked.get("place", "")
            return redirect("staff:booking-take-payment", booking_reference=booking.reference)
    return render(
        request,
        "staff/bookings/take_date.html",
        {
            "resident": resident,
            "title": service_title(slug),
            "form": form,
            "token": form["token"].value(),
            "choices": slot_choices(bookable, asked["details"], asked["resource"]),
        },
        status=400 if form.errors else 200,
    )


def _booking(request: HttpRequest, booking_reference: str) -> Booking:
    booking = get_object_or_404(
        Booking.objects.select_related("slot", "resident"), reference=booking_reference
    )
    if not policies.can_manage_booking(request.user, booking):
        raise PermissionDenied
    return booking


@staff_only
@require_http_methods(["GET", "POST"])
def take_payment(request: HttpRequest, booking_reference: str) -> HttpResponse:
    booking = _booking(request, booking_reference)
    if booking.status != Status.HELD:
        return redirect("staff:booking", booking_reference=booking_reference)
    problem, status = "", 400
    if request.method == "POST":
        try:
            payment = services.pay_for_booking(
                actor=request.user,
                booking=booking,
                return_url=reverse("staff:booking-payment-return", args=[booking_reference]),
                place=request.session.get(f"booking-place-{booking_reference}", ""),
            )
        except BookingProblem as error:
            problem = error.message
        except ValidationError as refused:
            # The payment's own door refused it (say, a desk payment whose place this session no
            # longer knows): its words, on the page, and nothing started.
            problem = " ".join(refused.messages)
        except ProviderError:
            # Nothing was taken and the hold stands: say so, and let the officer try again.
            status = 503
            problem = _(
                "The payment provider cannot be reached, so no money has been taken. The date is "
                "held until %(time)s: try again, or call the resident back."
            ) % {"time": clock_time(booking.hold_expires_at)}
        else:
            return redirect(
                payment.next_url if payment else reverse("staff:booking", args=[booking_reference])
            )
    return render(
        request,
        "staff/bookings/take_payment.html",
        {
            "booking": booking,
            "described": describe(booking),
            "total": "£" + pounds(booking.total_pence),
            "problem": problem,
        },
        status=status if problem else 200,
    )


@staff_only
def payment_return(request: HttpRequest, booking_reference: str) -> HttpResponse:
    booking = _booking(request, booking_reference)
    payment = payment_of(booking)
    if payment is not None:
        try:
            settle_payment(payment=payment)
        except ProviderError:
            # Reconciliation settles it once the provider answers; the booking stays held.
            messages.info(
                request,
                _("We are checking the payment with the provider. The booking page will show it."),
            )
    return redirect("staff:booking", booking_reference=booking_reference)
