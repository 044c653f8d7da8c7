"""Officers' booking pages: the day's bookings by service and round (the crew's collection list,
printable and as CSV), the room diary, and a booking's page whose acts call the same bookings
services as the resident's pages."""

from __future__ import annotations

import csv
from datetime import date, timedelta

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from opencex.bookings import changes, policies
from opencex.bookings.config import bookings_config
from opencex.bookings.models import Booking, Slot, Status
from opencex.bookings.payment_purpose import issue_refund_due, payment_of
from opencex.bookings.presenting import (
    describe,
    describe_all,
    resource_name,
    service_titles,
    slot_choices,
)
from opencex.bookings.services import BookingProblem
from opencex.languages import in_current_language
from opencex.payments import policies as payment_policies
from opencex.payments.money import pounds, pounds_to_pence
from opencex.requestguard import database_id
from opencex.staff.access import staff_only
from opencex.staff.query_days import day_from_query

ACTS = {
    "cancel": changes.cancel_booking,
    "move": changes.move_booking,
    "deposit": changes.return_deposit,
    "concession": changes.record_concession_check,
    "refund": issue_refund_due,
}


def _check(request: HttpRequest) -> None:
    if not policies.can_manage_bookings(request.user):
        raise PermissionDenied


class DayForm(forms.Form):
    day = forms.DateField(
        label=gettext_lazy("Day"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": gettext_lazy("Enter a real date, like 2026-09-07")},
    )
    service = forms.ChoiceField(label=gettext_lazy("Service"), required=False)
    resource = forms.ChoiceField(label=gettext_lazy("Round or room"), required=False)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        config = bookings_config()
        titles = service_titles(b.service for b in config.bookables)
        self.fields["service"].choices = [("", _("All"))] + [
            (b.service, titles[b.service]) for b in config.bookables
        ]
        resources = Slot.objects.order_by("resource").values_list("resource", flat=True).distinct()
        self.fields["resource"].choices = [("", _("All"))] + [(r, r) for r in resources]


def _day_bookings(request: HttpRequest):
    form = DayForm(request.GET or None)
    day = timezone.localdate()
    service = resource = ""
    if form.is_valid():
        day = form.cleaned_data["day"] or day
        service = form.cleaned_data["service"]
        resource = form.cleaned_data["resource"]
    bookings = (
        policies.visible_bookings(request.user)
        .filter(slot__day=day, status=Status.CONFIRMED)
        .select_related("slot", "resident")
        .order_by("slot__resource", "slot__starts_at", "postcode", "reference")
    )
    if service:
        bookings = bookings.filter(service=service)
    if resource:
        bookings = bookings.filter(slot__resource=resource)
    return form, day, [{"booking": b, "described": d} for b, d in describe_all(bookings)]


@staff_only
def day_list(request: HttpRequest) -> HttpResponse:
    _check(request)
    form, day, rows = _day_bookings(request)
    return render(
        request,
        "staff/bookings/day.html",
        {
            "form": form,
            "day": day,
            "rows": rows,
            "query": request.GET.urlencode(),
            "previous": day - timedelta(days=1),
            "next": day + timedelta(days=1),
        },
        status=400 if form.errors else 200,
    )


@staff_only
def day_list_csv(request: HttpRequest) -> HttpResponse:
    _check(request)
    _form, day, rows = _day_bookings(request)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="bookings-{day.isoformat()}.csv"'
    response.write("\ufeff")  # so that Excel reads the file as UTF-8
    writer = csv.writer(response)
    writer.writerow(
        [
            "Reference",
            "Service",
            "Round or room",
            "Starts",
            "Name",
            "Phone",
            "Address",
            "Postcode",
            "What",
            "Where left",
            "Concession to check",
        ]
    )
    for row in rows:
        booking = row["booking"]
        writer.writerow(
            [
                booking.reference,
                row["described"].title,
                resource_name(booking.slot),
                timezone.localtime(booking.slot.starts_at).strftime("%Y-%m-%d %H:%M"),
                booking.resident.full_name,
                booking.resident.phone,
                booking.address,
                booking.postcode,
                row["described"].what,
                booking.where_left,
                booking.concession_benefit if booking.concession_checked is None else "",
            ]
        )
    return response


@staff_only
def room_diary(request: HttpRequest) -> HttpResponse:
    """A week of every room: each session booked, held or free."""
    _check(request)
    start = _monday_of(request.GET.get("week", ""))
    days = [start + timedelta(days=n) for n in range(7)]
    rooms = [
        (hire.service, venue, room)
        for hire in bookings_config().rooms
        if hire.service in policies.services_of(request.user)
        for venue in hire.venues
        for room in venue.rooms
    ]
    slots = Slot.objects.filter(
        resource__in=[room.slug for _s, _v, room in rooms], day__gte=days[0], day__lte=days[-1]
    ).prefetch_related(Prefetch("bookings", Booking.objects.select_related("resident")))
    by_room_day: dict[tuple[str, date], list] = {}
    for slot in slots:
        live = [b for b in slot.bookings.all() if b.is_live]
        by_room_day.setdefault((slot.resource, slot.day), []).append(
            {"slot": slot, "booking": live[0] if live else None}
        )
    diary = [
        {
            "venue": venue,
            "room": room,
            "name": f"{in_current_language(room.name)}, {in_current_language(venue.name)}",
            "days": [
                sorted(by_room_day.get((room.slug, day), []), key=lambda e: e["slot"].starts_at)
                for day in days
            ],
        }
        for _service, venue, room in rooms
    ]
    return render(
        request,
        "staff/bookings/room_diary.html",
        {
            "days": days,
            "diary": diary,
            "previous": start - timedelta(weeks=1),
            "next": start + timedelta(weeks=1),
        },
    )


def _monday_of(text: str) -> date:
    day = day_from_query(text)
    return day - timedelta(days=day.weekday())


def _booking(request: HttpRequest, booking_reference: str) -> Booking:
    booking = get_object_or_404(
        Booking.objects.select_related("slot", "resident"), reference=booking_reference
    )
    if not policies.can_view_booking(request.user, booking):
        raise PermissionDenied
    return booking


def _page(request: HttpRequest, booking: Booking, *, problem: str = "", status: int = 200):
    bookable = bookings_config().bookable(booking.service)
    acts = policies.available_actions(request.user, booking)
    return render(
        request,
        "staff/bookings/booking.html",
        {
            "booking": booking,
            "described": describe(booking),
            "events": booking.events.select_related("actor"),
            "may_cancel": "cancel" in acts,
            "refund_now": "£" + pounds(changes.refund_if_cancelled_now(booking))
            if "cancel" in acts
            else "",
            "move_choices": slot_choices(bookable, booking.details, moving=booking)
            if "move" in acts
            else [],
            "may_return_deposit": "return-deposit" in acts,
            "may_check_concession": bool(booking.concession_benefit)
            and booking.concession_checked is None,
            "may_refund": booking.refund_due_pence and payment_policies.can_refund(request.user),
            "refund_due": "£" + pounds(booking.refund_due_pence),
            "payment": payment_of(booking)
            if payment_policies.can_view_finance(request.user)
            else None,
            "problem": problem,
        },
        status=status,
    )


@staff_only
def booking_page(request: HttpRequest, booking_reference: str) -> HttpResponse:
    _check(request)
    return _page(request, _booking(request, booking_reference))


def _act(
    request: HttpRequest, booking_reference: str, act: str, done: str, **arguments
) -> HttpResponse:
    _check(request)
    booking = _booking(request, booking_reference)
    try:
        ACTS[act](actor=request.user, booking=booking, **arguments)
    except BookingProblem as problem:
        return _page(request, booking, problem=problem.message, status=400)
    except ValidationError as error:  # the payments app refused the refund
        return _page(request, booking, problem=" ".join(error.messages), status=400)
    messages.success(request, done)
    return redirect("staff:booking", booking_reference=booking_reference)


@staff_only
@require_POST
def cancel(request: HttpRequest, booking_reference: str) -> HttpResponse:
    return _act(
        request,
        booking_reference,
        "cancel",
        _("Booking cancelled"),
        reason=request.POST.get("reason", ""),
    )


@staff_only
@require_http_methods(["POST"])
def move(request: HttpRequest, booking_reference: str) -> HttpResponse:
    slot = Slot.objects.filter(pk=database_id(request.POST.get("slot"))).first()
    if slot is None:
        _check(request)
        return _page(
            request, _booking(request, booking_reference), problem=_("Select a date"), status=400
        )
    return _act(request, booking_reference, "move", _("Booking moved"), to_slot=slot)


@staff_only
@require_POST
def deposit(request: HttpRequest, booking_reference: str) -> HttpResponse:
    kept = request.POST.get("kept", "0").strip() or "0"
    try:
        kept_pence = pounds_to_pence(kept)
    except ValidationError as error:
        _check(request)
        return _page(
            request,
            _booking(request, booking_reference),
            problem=" ".join(error.messages),
            status=400,
        )
    return _act(
        request,
        booking_reference,
        "deposit",
        _("Deposit returned"),
        kept_pence=kept_pence,
        reason=request.POST.get("reason", ""),
    )


@staff_only
@require_POST
def concession(request: HttpRequest, booking_reference: str) -> HttpResponse:
    return _act(
        request,
        booking_reference,
        "concession",
        _("Concession check recorded"),
        is_right=request.POST.get("is_right") == "yes",
        note=request.POST.get("note", ""),
    )


@staff_only
@require_POST
def issue_refund(request: HttpRequest, booking_reference: str) -> HttpResponse:
    if not payment_policies.can_refund(request.user):
        raise PermissionDenied
    return _act(request, booking_reference, "refund", _("Refund issued"))


def resident_bookings(actor, resident) -> dict:
    """For the resident's single view: their bookings, and what an officer may book for them."""
    if not policies.is_booking_officer(actor):
        return {"bookings": [], "bookable": []}
    bookings = (
        policies.visible_bookings(actor)
        .filter(resident=resident)
        .select_related("slot", "resident")
        .order_by("-slot__starts_at")[:20]
    )
    return {
        "bookings": [{"booking": b, "described": d} for b, d in describe_all(bookings)],
        "bookable": [
            {"slug": slug, "title": title}
            for slug, title in service_titles(
                b.service
                for b in bookings_config().bookables
                if b.service in policies.services_of(actor)
            ).items()
        ],
    }
